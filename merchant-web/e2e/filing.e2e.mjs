// Browser end-to-end test of a 跨境申报 filing (D1–D2): a brand-new merchant whose business registration staff
// approved files 海关企业注册登记 — the guide recommends it, the form comes prefilled (G10), the rest is filled in,
// three files are uploaded, a template is downloaded, the filing is submitted (待受理 + timeline); staff accept and
// complete it, the page shows 已办结 and the guide recommends 电子口岸卡 next.
//   MERCHANT_URL=http://127.0.0.1:8002 SMS_SIM_URL=http://127.0.0.1:1340 CMS_URL=http://127.0.0.1:1337 \
//     node --test merchant-web/e2e/filing.e2e.mjs
// Set-up through the API: the fresh phone (17 + 9 random digits) signs up; the platform super admin (13800000000,
// merchants.write) approves the registration with `PUT /api/merchants/:documentId`. When that phone cannot get a
// code today (SMS_DAILY_LIMIT on a long-lived dev stack), the approval goes the workflow's own way instead: the
// merchant submits an already-licensed business registration and the seeded reviewer (13800000001, applications.review
// but not merchants.write) moves it to 核准通过, which approves the merchant. Every wait is on a response or an element.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  envUrl,
  idNumber,
  isCall,
  launchBrowser,
  newSignedInPage,
  ok,
  randomPhone,
  resultsDir,
  screenshotOnFailure,
  smsLogin,
  SmsLoginError,
  uploadPrivateFile,
  whenHolds,
  PDF,
  PNG,
} from "@jmt/e2e-support";

const MERCHANT_URL = envUrl("MERCHANT_URL", "http://127.0.0.1:8002");
const SUPER_ADMIN_PHONE = "13800000000"; // merchants.write
const REVIEWER_PHONE = "13800000001"; // applications.review only
const TOKEN_KEY = "jmt.merchant.jwt"; // merchant-web/src/providers/session.ts
const CREDIT_CODE = "91320722MA1XJH8Q3R";
const KIND = "customs-registration";

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

/**
 * Makes the merchant's business registration approved; returns a staff JWT that may review applications.
 * @param {string} merchantJwt
 * @param {string} merchantId  the merchant's documentId
 * @param {string} phone  the merchant admin's phone (stays the contact phone)
 * @param {import("node:test").TestContext} t
 */
async function approveRegistration(merchantJwt, merchantId, phone, t) {
  let superAdmin;
  try {
    superAdmin = await smsLogin(SUPER_ADMIN_PHONE, { t });
  } catch (error) {
    if (!(error instanceof SmsLoginError) || error.code !== "SMS_DAILY_LIMIT") throw error;
    t.diagnostic(
      `${SUPER_ADMIN_PHONE} reached its daily SMS cap: approving through a registration reviewed by ${REVIEWER_PHONE}`,
    );
  }
  if (superAdmin) {
    const updated = await ok(`/api/merchants/${merchantId}`, {
      method: "PUT",
      token: superAdmin,
      body: { data: { registrationStatus: "approved", creditCode: CREDIT_CODE } },
    });
    assert.equal(updated.data?.registrationStatus, "approved", "staff approved the registration");
    return superAdmin;
  }

  const kinds = (await ok("/api/applications/kinds", { token: merchantJwt })).data;
  const registration = kinds.find((kind) => kind.kind === "business-registration");
  const data = {
    path: "existing",
    entityType: "company",
    companyName: `东海县晶贸测试水晶${merchantId.slice(-6)}有限公司`,
    creditCode: CREDIT_CODE,
    registeredAddress: "江苏省连云港市东海县牛山街道水晶大道 88 号",
    legalPerson: { name: "测试法人", idNumber: idNumber("32072219900101123"), phone },
    contact: { name: "测试联系人", phone },
  };
  const files = {};
  for (const slot of registration.fileSlots.filter((s) => s.required && whenHolds(s.when, data))) {
    files[slot.key] = await uploadPrivateFile(merchantJwt, slot.key);
  }
  const created = await ok("/api/applications", {
    method: "POST",
    token: merchantJwt,
    body: { kind: "business-registration", data: { ...data, files } },
  });
  const id = created.data.documentId;
  const move = (token, to) => ok(`/api/applications/${id}/transitions`, { method: "POST", token, body: { to } });
  assert.equal((await move(merchantJwt, "initial_review")).data.status, "initial_review");
  const reviewer = await smsLogin(REVIEWER_PHONE, { t });
  await move(reviewer, "onsite_check");
  assert.equal((await move(reviewer, "approved")).data.status, "approved", "the reviewer approved the registration");
  return reviewer;
}

/** Chooses an option of an antd Select by its label and checks it is shown as chosen. */
async function choose(path, label) {
  await page.getByTestId(`field-${path}`).click();
  await page.locator(".ant-select-dropdown:visible .ant-select-item-option", { hasText: label }).click();
  await page.getByTestId(`field-${path}`).locator(".ant-select-selection-item", { hasText: label }).waitFor();
}

/** Uploads a file into a slot; returns the private file's documentId from the server's answer. */
async function upload(slot, name, mimeType, buffer) {
  const uploaded = page.waitForResponse(isCall("POST", /^\/api\/private-files$/));
  await page.locator(`[data-testid="slot-${slot}"] input[type="file"]`).setInputFiles({ name, mimeType, buffer });
  const response = await uploaded;
  assert.ok(response.status() === 200 || response.status() === 201, `upload of ${slot} answered ${response.status()}`);
  const documentId = (await response.json())?.data?.documentId;
  assert.ok(documentId, `the upload of ${slot} has a documentId`);
  await page.locator(`[data-testid="slot-${slot}"][data-uploaded="true"]`).waitFor();
  return documentId;
}

test(
  "an approved merchant files 海关企业注册登记: prefilled form → uploads → submit → 待受理 → 已办结 → next 电子口岸卡",
  { timeout: 300_000 },
  async (t) => {
    // 1. Sign-up and approval through the API.
    const phone = randomPhone();
    const merchantJwt = await smsLogin(phone, { t });
    const signedUp = await ok("/api/me", { token: merchantJwt });
    assert.equal(signedUp.role, "admin", "the first login made the phone admin of a new merchant");
    assert.equal(signedUp.merchant?.registrationStatus, "not_started");
    const staffJwt = await approveRegistration(merchantJwt, signedUp.merchant.documentId, phone, t);
    const me = await ok("/api/me", { token: merchantJwt });
    assert.equal(me.merchant.registrationStatus, "approved");
    const merchantName = me.merchant.nameCn;
    assert.ok(merchantName, "the merchant has a name to prefill");
    t.diagnostic(`merchant ${merchantName} (${phone}) is approved`);

    // 2. The browser signed in as the merchant (the token where the login page leaves it).
    const session = await newSignedInPage(browser, { tokenKey: TOKEN_KEY, jwt: merchantJwt, t, acceptDownloads: true });
    page = session.page;
    const pageErrors = session.errors;

    await screenshotOnFailure(
      () => page,
      join(RESULTS, "filing-failure.png"),
      async () => {
        // 3. D1: the guide recommends 海关企业注册登记 first.
        const guide = page.waitForResponse(isCall("GET", /^\/api\/applications\/guide$/, 200));
        await page.goto(`${MERCHANT_URL}/filing`);
        await guide;
        await page.getByTestId("filing-guide").waitFor();
        const first = page.locator(`[data-testid="guide-step"][data-kind="${KIND}"]`);
        await page
          .locator(`[data-testid="guide-step"][data-kind="${KIND}"][data-recommended="true"][data-state="pending"]`)
          .waitFor();
        await first.getByText("推荐下一步").waitFor();
        assert.equal(
          await page.locator('[data-testid="guide-step"][data-recommended="true"]').count(),
          1,
          "one recommended step",
        );
        await page.screenshot({ path: join(RESULTS, "filing-guide-start.png"), fullPage: true });

        // 4. Open it: the form, prefilled from what the platform knows (G10).
        const prefill = page.waitForResponse(isCall("GET", /^\/api\/applications\/prefill$/, 200));
        await first.getByTestId("guide-next").click();
        await page.waitForURL((url) => new URL(url).pathname === `/filing/${KIND}`);
        await prefill;
        await page.getByTestId("filing-form").waitFor();
        await page.getByTestId("instructions").waitFor();
        await page.locator('[data-testid="prefilled"][data-field="companyName"]').waitFor();
        assert.equal(
          await page.getByTestId("field-companyName").inputValue(),
          merchantName,
          "企业名称 is the merchant's name",
        );
        await page.locator('[data-testid="prefilled"][data-field="creditCode"]').waitFor();
        assert.equal(
          await page.getByTestId("field-creditCode").inputValue(),
          CREDIT_CODE,
          "the approved credit code is prefilled",
        );
        assert.equal(
          await page.getByTestId("field-contactPhone").inputValue(),
          phone,
          "联系电话 is the phone that signed up",
        );

        // 5. The rest: English name and address, legal person, contact, 所在地海关, 备案类别.
        await page.getByTestId("field-companyNameEn").fill("Donghai Crystal Test Co., Ltd.");
        await page.getByTestId("field-registeredAddress").fill("江苏省连云港市东海县牛山街道水晶大道 88 号");
        await page
          .getByTestId("field-addressEn")
          .fill("No. 88 Crystal Avenue, Niushan Street, Donghai County, Lianyungang, Jiangsu");
        await page.getByTestId("field-legalPersonName").fill("张晶");
        await page.getByTestId("field-contactName").fill("李紫");
        await choose("customsOffice", "连云港海关");
        await choose("filingType", "进出口货物收发货人");

        // 6. 模板下载: the 备案信息表 comes with the bearer token and is saved under the server's name.
        const downloaded = page.waitForEvent("download");
        const template = page.waitForResponse(isCall("GET", new RegExp(`^/api/applications/templates/${KIND}/[^/]+$`)));
        await page.getByTestId("templates").locator("[data-testid^='template-']").first().click();
        assert.equal((await template).status(), 200, "the template is served");
        assert.match((await downloaded).suggestedFilename(), /\.(docx|xlsx|pdf)$/);

        // 7. The three file slots.
        const files = {
          business_licence: await upload("business_licence", "licence.pdf", "application/pdf", PDF),
          id_card_front: await upload("id_card_front", "id-front.png", "image/png", PNG),
          application_form: await upload("application_form", "form.pdf", "application/pdf", PDF),
        };
        await page.screenshot({ path: join(RESULTS, "filing-form.png"), fullPage: true });

        // 8. Submit: the draft is saved, then moved to 待受理.
        const saved = page.waitForResponse(isCall("PUT", /^\/api\/applications\/[^/]+$/));
        const submitted = page.waitForResponse(isCall("POST", /^\/api\/applications\/[^/]+\/transitions$/));
        await page.getByTestId("filing-submit").click();
        assert.equal((await saved).status(), 200, "the form is saved before submitting");
        const submitResponse = await submitted;
        assert.equal(
          submitResponse.status(),
          200,
          `submit answered ${submitResponse.status()}: ${await submitResponse.text()}`,
        );
        assert.deepEqual(submitResponse.request().postDataJSON(), { to: "submitted" });
        const application = (await submitResponse.json()).data;
        assert.equal(application.kind, KIND);
        assert.equal(application.data.companyName, merchantName);
        assert.equal(application.data.customsOffice, "lianyungang");
        assert.equal(application.data.filingType, "consignor");
        assert.equal(application.data.companyNameEn, "Donghai Crystal Test Co., Ltd.");
        assert.deepEqual(application.data.files, files, "the uploaded files are the application's");

        await page.locator('[data-testid="progress-board"][data-status="submitted"]').waitFor();
        await page
          .getByTestId("progress-board")
          .getByTestId("application-status")
          .filter({ hasText: "待受理" })
          .waitFor();
        await page.getByTestId("application-number").filter({ hasText: application.number }).waitFor();
        await page.locator('[data-testid="timeline-item"][data-to="submitted"]').waitFor();
        await page.getByTestId("filing-review").getByText("连云港海关").waitFor();
        assert.equal(
          await page.getByTestId("filing-submit").count(),
          0,
          "nothing to submit while it waits on the platform",
        );
        await page.screenshot({ path: join(RESULTS, "filing-submitted.png"), fullPage: true });

        // 9. Staff accept and complete it (API); the page shows 已办结 with every move on the timeline.
        const move = async (to) => {
          const moved = await ok(`/api/applications/${application.documentId}/transitions`, {
            method: "POST",
            token: staffJwt,
            body: { to },
          });
          assert.equal(moved.data.status, to);
        };
        await move("processing");
        await move("completed");
        const detail = page.waitForResponse(
          isCall("GET", new RegExp(`^/api/applications/${application.documentId}$`), 200),
        );
        await page.reload();
        await detail;
        await page.locator('[data-testid="progress-board"][data-status="completed"]').waitFor();
        await page
          .getByTestId("progress-board")
          .getByTestId("application-status")
          .filter({ hasText: "已办结" })
          .waitFor();
        for (const to of ["submitted", "processing", "completed"])
          await page.locator(`[data-testid="timeline-item"][data-to="${to}"]`).waitFor();
        await page.screenshot({ path: join(RESULTS, "filing-completed.png"), fullPage: true });

        // 10. Back on the guide: 海关企业注册登记 done, 电子口岸卡 recommended next.
        const nextGuide = page.waitForResponse(isCall("GET", /^\/api\/applications\/guide$/, 200));
        await page.goto(`${MERCHANT_URL}/filing`);
        await nextGuide;
        await page.locator(`[data-testid="guide-step"][data-kind="${KIND}"][data-state="done"]`).waitFor();
        const eport = page.locator('[data-testid="guide-step"][data-kind="eport-card"][data-recommended="true"]');
        await eport.waitFor();
        await eport.getByTestId("guide-next").waitFor();
        assert.equal(
          await page.locator('[data-testid="guide-step"][data-recommended="true"]').count(),
          1,
          "one recommended step",
        );
        await page.screenshot({ path: join(RESULTS, "filing-guide-next.png"), fullPage: true });
        assert.deepEqual(
          pageErrors.map((error) => error.message),
          [],
          "the page raised no runtime errors",
        );
      },
    );
  },
);
