// Browser end-to-end test of the 出口报关 staff screens (C7 / C1 / C9): the seeded operator opens 报关节点看板 and finds
// 晶华's seeded batch PC20261120000001, opens it (orders, a record's receipts), then in 接口配置 sets up 晶莹 — which
// has no 点点通 config yet — first with a DXP ID 点点通 does not know (the error shows under DXP ID), then with a good
// one (校验通过, the stored app secret kept when the field is left empty); finally edits a 水晶行业提示 and sees it
// saved, and looks at 失败报文 (the outbox filtered to channel ddt.ceb).
//
//   ADMIN_URL     the served admin app (vite preview of the build), e.g. http://127.0.0.1:8001
//   SMS_SIM_URL   the SMS simulator, e.g. http://127.0.0.1:1340 (GET /outbox?phone=… newest first)
//   CMS_URL       the cms, e.g. http://127.0.0.1:1337 (API checks and clean-up)
//   STAFF_PHONE   optional, default the seeded operator 13800000001 (customs.view, customs.config, customs.hints)
//   CHROMIUM_PATH optional, default /usr/bin/chromium
//   TEST_RESULTS_DIR optional, default admin/test-results
// It needs a freshly seeded database (npm test starts one): 晶莹 must still be without a config.
//
//   node --test admin/e2e/customs.e2e.mjs
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { envUrl, isCall, launchBrowser, newSignedInPage, ok, resultsDir, screenshotOnFailure, smsLogin } from "@jmt/e2e-support";

const ADMIN_URL = envUrl("ADMIN_URL", "http://127.0.0.1:8001");
const STAFF_PHONE = process.env.STAFF_PHONE ?? "13800000001";
const TOKEN_KEY = "jmt.admin.jwt"; // admin/src/config.ts
const BATCH_NUMBER = "PC20261120000001";
const JINGHUA = "东海县晶华水晶饰品有限公司";
const JINGYING = "东海县晶莹水晶制品厂";
const BAD_DXP_ID = "DXPINVALID0001";
const GOOD_DXP_ID = "DXPENT0000777001";
const HINT_KEY = "commercial-invoice";

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

/** Opens a page of the 出口报关 menu group (expanding the group when it is closed). */
const openMenu = async (label, urlPattern) => {
  const item = page.getByRole("menuitem", { name: label });
  if (!(await item.isVisible())) await page.getByRole("menuitem", { name: /出口报关/ }).click();
  await item.click();
  await page.waitForURL(urlPattern);
};

/** The error text antd shows under the form item that holds `testId`. */
const fieldError = (testId) =>
  page
    .locator(".ant-form-item")
    .filter({ has: page.getByTestId(testId) })
    .locator(".ant-form-item-explain-error");

test("staff track batches, configure 点点通 for a merchant and edit a crystal-industry hint", { timeout: 300_000 }, async (t) => {
  const staffJwt = await smsLogin(STAFF_PHONE, { t });
  const me = await ok("/api/me", { token: staffJwt });
  assert.ok(me.isPlatformStaff, `${STAFF_PHONE} is platform staff`);
  for (const permission of ["customs.view", "customs.config", "customs.hints"]) {
    assert.ok(me.permissions.includes("*") || me.permissions.includes(permission), `${STAFF_PHONE} has ${permission}`);
  }
  const configs = (await ok("/api/customs/configs", { token: staffJwt })).data;
  const jingying = configs.find((config) => config.merchant.nameCn === JINGYING);
  assert.ok(jingying, `${JINGYING} is listed in /api/customs/configs`);
  assert.equal(jingying.status, "missing", `${JINGYING} has no 点点通 config yet (fresh database)`);
  const hints = (await ok("/api/customs/hints", { token: staffJwt })).data;
  const original = hints.find((hint) => hint.key === HINT_KEY);
  assert.ok(original, `the hint ${HINT_KEY} is seeded`);

  const session = await newSignedInPage(browser, { tokenKey: TOKEN_KEY, jwt: staffJwt, t, viewport: { width: 1440, height: 900 } });
  const { context } = session;
  page = session.page;
  const pageErrors = session.errors;

  try {
    await screenshotOnFailure(
      () => page,
      join(RESULTS, "admin-customs-failure.png"),
      async () => {
        // 1. 报关节点看板 from the menu: the seeded batch of 晶华, with its stage and order counts.
        await page.goto(`${ADMIN_URL}/`, { waitUntil: "domcontentloaded" });
        await page.getByTestId("dashboard").waitFor({ state: "visible" });
        const [board] = await Promise.all([page.waitForResponse(isCall("GET", /\/api\/customs\/board$/, 200)), openMenu(/报关节点看板/, /\/customs\/board/)]);
        const boardBody = await board.json();
        assert.equal(typeof boardBody.failedMessages, "number", "the board answers failedMessages");
        const table = page.getByTestId("customs-board-table");
        const row = table.locator("tbody tr.ant-table-row").filter({ has: page.locator(`[data-testid=board-batch][data-number=${BATCH_NUMBER}]`) });
        await row.waitFor({ state: "visible" });
        await row.getByTestId("board-merchant").filter({ hasText: JINGHUA }).waitFor({ state: "visible" });
        await row.locator("[data-testid=board-orders][data-total='5']").waitFor({ state: "visible" });
        await page.getByTestId("board-stat-failed").waitFor({ state: "visible" });
        await page.getByTestId("board-stat-stuck").waitFor({ state: "visible" });

        // Search by batch number (server side) keeps it; 立即获取回执 answers.
        const search = page.getByTestId("board-search");
        await search.fill(BATCH_NUMBER.slice(-8));
        await Promise.all([
          page.waitForResponse((r) => isCall("GET", /\/api\/customs\/board$/, 200)(r) && decodeURIComponent(r.url()).includes("filters[q][$containsi]=")),
          search.press("Enter"),
        ]);
        await row.waitFor({ state: "visible" });
        await Promise.all([page.waitForResponse(isCall("POST", /\/api\/customs\/receipts\/poll$/, 200)), page.getByTestId("poll-receipts").click()]);
        await page.screenshot({ path: join(RESULTS, "admin-customs-board.png"), fullPage: true });

        // 2. The batch: progress, its e-orders, one order's receipts.
        await row.getByTestId("board-batch-link").click();
        await page.waitForURL(/\/customs\/batches\/[^/]+$/);
        const detail = page.getByTestId("batch-detail");
        await detail.waitFor({ state: "visible" });
        await page.getByTestId("batch-number").filter({ hasText: BATCH_NUMBER }).waitFor({ state: "visible" });
        await page.getByTestId("batch-merchant").filter({ hasText: JINGHUA }).waitFor({ state: "visible" });
        const orders = page.getByTestId("batch-orders");
        await orders.locator("tbody tr.ant-table-row").first().waitFor({ state: "visible" });
        assert.equal(await orders.locator("tbody tr.ant-table-row").count(), 5, "the batch lists its 5 seeded e-orders");
        await orders.getByText("TT20261120001", { exact: true }).waitFor({ state: "visible" });
        await page.getByTestId("batch-next").waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-customs-batch.png"), fullPage: true });
        await Promise.all([
          page.waitForResponse(isCall("GET", /\/api\/customs\/records\/orders\/[^/]+$/, 200)),
          orders.getByTestId("batch-orders-receipts").first().click(),
        ]);
        const drawer = page.getByTestId("record-detail");
        await drawer.waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-customs-record.png") });
        await page.keyboard.press("Escape");
        await drawer.waitFor({ state: "hidden" });

        // 3. 接口配置: 晶莹 has none (未配置); a DXP ID 点点通 does not know is refused under the DXP ID field.
        const [list] = await Promise.all([page.waitForResponse(isCall("GET", /\/api\/customs\/configs$/, 200)), openMenu(/接口配置/, /\/customs\/configs/)]);
        assert.ok((await list.json()).data.length >= 3, "every merchant is listed");
        const configRow = page.getByTestId("config-table").locator(`tbody tr[data-merchant="${JINGYING}"]`);
        await configRow.getByTestId("config-status").filter({ hasText: "未配置" }).waitFor({ state: "visible" });
        assert.equal(await configRow.getByTestId("config-status").getAttribute("data-status"), "missing");
        await configRow.getByTestId("config-open").click();
        const verdict = page.getByTestId("config-verdict");
        await page.locator("[data-testid=config-verdict][data-status=missing]").waitFor({ state: "visible" });
        const fill = async (field, value) => {
          const input = page.getByTestId(`config-field-${field}`);
          await input.fill("");
          await input.fill(value);
        };
        await fill("dxpId", BAD_DXP_ID);
        await fill("appKey", "jy-demo-appkey");
        await fill("appSecret", "jy-s3cret-value");
        await fill("ebcCode", "3207960JY1");
        await fill("ebcName", JINGYING);
        await fill("ebpCode", "3207960AMZ");
        await fill("ebpName", "Amazon 美国站");
        await fill("customsCode", "2305");
        await fill("portCode", "2305");
        const [bad] = await Promise.all([page.waitForResponse(isCall("PUT", /\/api\/customs\/configs\/[^/]+$/)), page.getByTestId("config-save").click()]);
        assert.equal(bad.status(), 200, `save → ${bad.status()} ${await bad.text()}`);
        const badRequest = bad.request().postDataJSON();
        assert.equal(badRequest.appSecret, "jy-s3cret-value", "a typed secret is sent");
        assert.equal((await bad.json()).data.status, "invalid");
        await page.locator("[data-testid=config-verdict][data-status=invalid]").waitFor({ state: "visible" });
        await fieldError("config-field-dxpId")
          .filter({ hasText: /DXP ID/ })
          .waitFor({ state: "visible" });
        assert.equal(await fieldError("config-field-ebcCode").count(), 0, "no error under a field 点点通 accepted");
        await page.screenshot({ path: join(RESULTS, "admin-customs-config-invalid.png") });

        // 4. The right DXP ID: 校验通过; the secret field left empty keeps the stored secret.
        await fill("dxpId", GOOD_DXP_ID);
        assert.equal(await page.getByTestId("config-field-appSecret").inputValue(), "", "the secret field starts empty (write-only)");
        const [good] = await Promise.all([page.waitForResponse(isCall("PUT", /\/api\/customs\/configs\/[^/]+$/)), page.getByTestId("config-save").click()]);
        assert.equal(good.status(), 200, `save → ${good.status()} ${await good.text()}`);
        const goodRequest = good.request().postDataJSON();
        assert.equal(goodRequest.dxpId, GOOD_DXP_ID);
        assert.ok(!("appSecret" in goodRequest), "an empty secret field is not sent (留空则不修改)");
        await page.locator("[data-testid=config-verdict][data-status=valid]").waitFor({ state: "visible" });
        await verdict.getByText("校验通过").waitFor({ state: "visible" });
        assert.equal(await fieldError("config-field-dxpId").count(), 0, "the DXP ID error is gone");
        await page.screenshot({ path: join(RESULTS, "admin-customs-config-valid.png") });
        const stored = (await ok(`/api/customs/configs/${jingying.merchant.documentId}`, { token: staffJwt })).data;
        assert.equal(stored.status, "valid");
        assert.equal(stored.dxpId, GOOD_DXP_ID);
        assert.equal(stored.hasSecret, true, "the secret saved the first time is still stored");
        await page.getByRole("button", { name: "取消" }).click();
        await configRow.locator("[data-testid=config-status][data-status=valid]").waitFor({ state: "visible" });

        // 5. 行业提示: edit one, see it saved (and still there after a reload).
        await Promise.all([page.waitForResponse(isCall("GET", /\/api\/customs\/hints$/, 200)), openMenu(/行业提示/, /\/customs\/hints/)]);
        const card = page.locator(`[data-testid=hint-card][data-key=${HINT_KEY}]`);
        await card.waitFor({ state: "visible" });
        await page.getByTestId("hint-group-orders.import").getByText("订单导入").first().waitFor({ state: "visible" });
        const newTitle = `${original.title}（${Date.now() % 100000}）`;
        const newBody = `${original.body}\n发票抬头须与电商企业名称一致。`;
        await card.getByTestId("hint-edit").click();
        await page.getByTestId("hint-title-input").fill(newTitle);
        await page.getByTestId("hint-body-input").fill(newBody);
        const [savedHint] = await Promise.all([
          page.waitForResponse(isCall("PUT", new RegExp(`/api/customs/hints/${HINT_KEY}$`))),
          page.getByRole("button", { name: "保存" }).click(),
        ]);
        assert.equal(savedHint.status(), 200, `hint save → ${savedHint.status()} ${await savedHint.text()}`);
        await card.getByTestId("hint-title").filter({ hasText: newTitle }).waitFor({ state: "visible" });
        await page.reload({ waitUntil: "domcontentloaded" });
        await card.getByTestId("hint-title").filter({ hasText: newTitle }).waitFor({ state: "visible" });
        await card.getByTestId("hint-body").filter({ hasText: "发票抬头须与电商企业名称一致" }).waitFor({ state: "visible" });
        const after = (await ok("/api/customs/hints", { token: staffJwt })).data.find((hint) => hint.key === HINT_KEY);
        assert.equal(after.title, newTitle);
        await page.screenshot({ path: join(RESULTS, "admin-customs-hints.png"), fullPage: true });

        // 6. 失败报文: the outbox, ddt.ceb only.
        const [failures] = await Promise.all([
          page.waitForResponse((r) => isCall("GET", /\/api\/outbox-jobs$/, 200)(r) && new URL(r.url()).searchParams.get("filters[channel][$eq]") === "ddt.ceb"),
          openMenu(/失败报文/, /\/customs\/failures/),
        ]);
        assert.equal(new URL(failures.url()).searchParams.get("filters[status][$eq]"), "failed");
        // Strapi's list format: the failed count of the channel comes beside the rows.
        assert.equal(typeof (await failures.json()).meta.counts.failed, "number");
        await page.getByTestId("outbox-table").waitFor({ state: "visible" });
        assert.deepEqual(
          pageErrors.map((error) => error.message),
          [],
          "the console raised no runtime errors",
        );
      },
    );
  } finally {
    // The hint text is shared with the merchant apps' tests: put it back.
    await ok(`/api/customs/hints/${HINT_KEY}`, { method: "PUT", token: staffJwt, body: { title: original.title, body: original.body } }).catch((error) =>
      t.diagnostic(`could not restore the hint ${HINT_KEY}: ${error.message}`),
    );
    await context.close();
  }
});
