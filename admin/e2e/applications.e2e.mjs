// Browser end-to-end test of the review console (R4 / G4): a fresh merchant submits a business registration
// through the API; staff find it in the 工商注册 queue, download a document, return it with a reason; the merchant
// resubmits; staff move it to 现场核验 and 核准通过; the merchant's home then shows its modules unlocked.
//
//   ADMIN_URL     the served admin app (vite preview of the build), e.g. http://127.0.0.1:8001
//   SMS_SIM_URL   the SMS simulator, e.g. http://127.0.0.1:1340 (GET /outbox?phone=… newest first)
//   CMS_URL       the cms, e.g. http://127.0.0.1:1337 (API set-up and checks)
//   STAFF_PHONE   optional, the staff account that reviews (default the seeded operator 13800000001)
//   CHROMIUM_PATH optional, default /usr/bin/chromium
//   TEST_RESULTS_DIR optional, default admin/test-results
// Browser launch, the cooldown-aware SMS login, API calls and sample files come from @jmt/e2e-support.
//
//   node --test admin/e2e/applications.e2e.mjs
import assert from "node:assert/strict";
import { stat } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  clickUntil,
  creditCode,
  envUrl,
  idNumber,
  launchBrowser,
  modalSettled,
  newSignedInPage,
  ok,
  randomPhone,
  resultsDir,
  screenshotOnFailure,
  smsLogin,
  uploadPrivateFile,
  whenHolds,
  PNG,
} from "@jmt/e2e-support";

const ADMIN_URL = envUrl("ADMIN_URL", "http://127.0.0.1:8001");
// The seeded reviewer (陈晨, 平台运营专员: applications.review, files.read, outbox.retry). Not the super admin that
// login.e2e.mjs signs in with, so running right after it never meets that phone's SMS cooldown.
const STAFF_PHONE = process.env.STAFF_PHONE ?? "13800000001";
const TOKEN_KEY = "jmt.admin.jwt"; // admin/src/config.ts
const RETURN_REASON = "营业执照照片不清晰";

// ── browser ──────────────────────────────────────────────────────────────────────────────────

let RESULTS;
let browser;
let page;

before(async () => {
  RESULTS = await resultsDir(import.meta.url);
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
});

/** Waits for the POST of a transition to `to` and for the detail page to show the new state. */
const transitionInBrowser = async (to, { reason } = {}) => {
  await page.getByTestId(`transition-${to}`).click();
  const modal = page.locator(".ant-modal").filter({ has: page.getByTestId("transition-confirm") });
  await modal.waitFor({ state: "visible" });
  if (reason) {
    // The quick pick fills the reason box; a click during the dialog's opening animation can be lost, so
    // wait for the text and pick again once if it did not arrive.
    const box = modal.locator("textarea");
    const filled = async () => {
      for (let i = 0; i < 25; i++) {
        if ((await box.inputValue()).includes(reason)) return true;
        await new Promise((r) => setTimeout(r, 100));
      }
      return false;
    };
    await modal.locator(".reason-tag").filter({ hasText: reason }).click();
    if (!(await filled())) await modal.locator(".reason-tag").filter({ hasText: reason }).click();
    assert.ok(await filled(), `the quick-pick reason "${reason}" is in the reason box`);
  }
  // A click that lands while the dialog zooms in can be lost on a loaded machine: settle it, and press again
  // only while no request has gone out (so a transition is never posted twice).
  await modalSettled(page);
  let posted = false;
  const isTransition = (r) => r.url().includes("/transitions") && r.method() === "POST";
  const onRequest = (r) => {
    if (isTransition(r)) posted = true;
  };
  page.on("request", onRequest);
  const responded = page.waitForResponse((r) => isTransition(r.request()));
  await clickUntil(page.getByTestId("transition-confirm"), async () => posted);
  page.off("request", onRequest);
  const response = await responded;
  assert.equal(response.status(), 200, `transition to ${to} → ${response.status()} ${await response.text()}`);
  await page.locator(`[data-testid=application-detail][data-status=${to}]`).waitFor({ state: "visible" });
};

test("staff review a business registration: queue → detail → download → return → approve", { timeout: 300_000 }, async (t) => {
  // 1. A fresh merchant with a complete, submitted registration (path "existing"), set up through the API.
  const merchantPhone = randomPhone();
  const merchantJwt = await smsLogin(merchantPhone, { t });
  const kinds = (await ok("/api/applications/kinds", { token: merchantJwt })).data;
  const registration = kinds.find((kind) => kind.kind === "business-registration");
  assert.ok(registration, "the kinds list has business-registration");

  const suffix = merchantPhone.slice(-6);
  const data = {
    path: "existing",
    entityType: "company",
    companyName: `东海县测试晶品${suffix}有限公司`,
    creditCode: creditCode(`91320722MA${suffix}0`.padEnd(17, "0").slice(0, 17)),
    registeredAddress: "江苏省连云港市东海县牛山街道水晶大道 88 号",
    legalPerson: { name: "测试法人", idNumber: idNumber("32072219900101123"), phone: merchantPhone },
    contact: { name: "测试联系人", phone: merchantPhone },
  };
  const files = {};
  for (const slot of registration.fileSlots.filter((s) => whenHolds(s.when, data))) {
    files[slot.key] = await uploadPrivateFile(merchantJwt, slot.key, slot.key === "bank_permit" ? "pdf" : "png");
  }
  assert.ok(Object.keys(files).length >= 3, `files uploaded for ${Object.keys(files).join(", ")}`);
  const created = await ok("/api/applications", {
    method: "POST",
    token: merchantJwt,
    body: { kind: "business-registration", data: { ...data, files } },
  });
  const application = created.data;
  assert.ok(application?.documentId && application.number, "the draft has a documentId and a number");
  const submitted = await ok(`/api/applications/${application.documentId}/transitions`, {
    method: "POST",
    token: merchantJwt,
    body: { to: "initial_review" },
  });
  assert.equal(submitted.data.status, "initial_review");
  t.diagnostic(`application ${application.number} of ${merchantPhone} is in 材料初审`);

  // 2. Staff session (the token in storage, as the login page leaves it).
  const staffJwt = await smsLogin(STAFF_PHONE, { t });
  const me = await ok("/api/me", { token: staffJwt });
  assert.ok(me.isPlatformStaff, `${STAFF_PHONE} is platform staff`);
  const permissions = me.permissions ?? [];
  const mayEdit = permissions.includes("*") || permissions.includes("applications.edit");
  const session = await newSignedInPage(browser, { tokenKey: TOKEN_KEY, jwt: staffJwt, t, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  page = session.page;
  // Runtime errors of the page end up in the test's diagnostics (and fail it: a blank page is a failure).
  const pageErrors = session.errors;

  await screenshotOnFailure(
    () => page,
    join(RESULTS, "admin-review-failure.png"),
    async () => {
      // 3. 业务审核 → 工商注册: find it (search by its number).
      await page.goto(`${ADMIN_URL}/`, { waitUntil: "domcontentloaded" });
      await page.getByRole("heading", { name: "工作台" }).waitFor({ state: "visible" });
      await page.getByTestId("dashboard-queues").waitFor({ state: "visible" });
      const queueItem = page.getByRole("menuitem", { name: /工商注册/ });
      if (!(await queueItem.isVisible())) await page.getByRole("menuitem", { name: /业务审核/ }).click();
      await queueItem.click();
      await page.waitForURL(/\/reviews\/business-registration/);
      const table = page.getByTestId("application-queue-table");
      await table.waitFor({ state: "visible" });
      const search = page.getByPlaceholder("搜索商户名称或申请编号");
      await search.fill(application.number);
      await Promise.all([
        page.waitForResponse((r) => r.url().includes("/api/applications?") && r.url().includes(encodeURIComponent(application.number)) && r.status() === 200),
        search.press("Enter"),
      ]);
      const row = table.locator("tbody tr.ant-table-row").filter({ hasText: application.number });
      await row.waitFor({ state: "visible" });
      await row.locator(".status-tag").filter({ hasText: "材料初审" }).waitFor({ state: "visible" });
      await page.screenshot({ path: join(RESULTS, "admin-review-queue.png"), fullPage: true });

      // 4. Open it: data, files, timeline.
      await row.getByTestId("application-number").click();
      await page.waitForURL(new RegExp(`/reviews/business-registration/show/${application.documentId}`));
      await page.locator("[data-testid=application-detail][data-status=initial_review]").waitFor({ state: "visible" });
      await page.getByTestId("application-data").getByText(data.companyName).waitFor({ state: "visible" });
      await page.getByTestId("application-data").getByText(data.creditCode).waitFor({ state: "visible" });

      // 5. Download a document (through the bearer token).
      const firstSlot = Object.keys(files)[0];
      const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId(`file-download-${firstSlot}`).click()]);
      const downloaded = await download.path();
      assert.ok(download.suggestedFilename(), "the download has a file name");
      assert.equal((await stat(downloaded)).size, PNG.length, `${download.suggestedFilename()} has the uploaded bytes`);
      t.diagnostic(`downloaded ${download.suggestedFilename()}`);

      // 6. Return it with a quick-pick reason; the timeline shows it.
      await transitionInBrowser("returned", { reason: RETURN_REASON });
      await page.getByTestId("application-timeline").getByTestId("timeline-note").filter({ hasText: RETURN_REASON }).first().waitFor({ state: "visible" });
      await page.screenshot({ path: join(RESULTS, "admin-review-returned.png"), fullPage: true });

      // 7. The merchant corrects and resubmits (API).
      await ok(`/api/applications/${application.documentId}`, {
        method: "PUT",
        token: merchantJwt,
        body: { data: { ...data, registeredAddress: `${data.registeredAddress}（已补正）`, files } },
      });
      const resubmitted = await ok(`/api/applications/${application.documentId}/transitions`, {
        method: "POST",
        token: merchantJwt,
        body: { to: "initial_review" },
      });
      assert.equal(resubmitted.data.status, "initial_review");

      // 8. Staff refresh, move it to 现场核验, then 核准通过.
      await Promise.all([
        page.waitForResponse((r) => r.url().endsWith(`/api/applications/${application.documentId}`) && r.status() === 200),
        page.getByRole("button", { name: "刷新" }).click(),
      ]);
      await page.locator("[data-testid=application-detail][data-status=initial_review]").waitFor({ state: "visible" });
      await transitionInBrowser("onsite_check");
      await transitionInBrowser("approved");
      await page.getByTestId("application-actions").waitFor({ state: "visible" });
      await page.getByTestId("application-status").filter({ hasText: "核准通过" }).waitFor({ state: "visible" });
      // 修改已核准信息 only for staff who may correct approved data (applications.edit).
      if (mayEdit) await page.getByTestId("edit-approved").waitFor({ state: "visible" });
      else assert.equal(await page.getByTestId("edit-approved").count(), 0, "no 修改已核准信息 without applications.edit");
      const timelineEntries = await page.getByTestId("timeline-entry").count();
      // submitted, returned, resubmitted, 现场核验, 核准通过 (+ the creation, where the cms records it)
      assert.ok(timelineEntries >= 5, `the timeline has every move (${timelineEntries})`);
      await page.screenshot({ path: join(RESULTS, "admin-review-approved.png"), fullPage: true });

      // 9. The merchant's home now shows its modules unlocked.
      const home = await ok("/api/home", { token: merchantJwt });
      assert.equal(home.merchant.registrationStatus, "approved");
      const locked = home.modules.filter((module) => !module.enabled).map((module) => module.key);
      assert.deepEqual(locked, [], `every module is enabled after approval (still locked: ${locked.join(", ")})`);
      assert.deepEqual(
        pageErrors.map((error) => error.message),
        [],
        "the console raised no runtime errors",
      );
    },
  );
});
