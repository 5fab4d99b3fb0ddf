// Browser end-to-end test of 出口报关 (C1–C9) on the merchant web, against the real cms and its 点点通 simulator
// (receipts every DDT_SIM_STEP_MS, 300 ms in the e2e stack; the cms polls every DDT_POLL_SECONDS, 1 s):
//   MERCHANT_URL=http://127.0.0.1:8002 SMS_SIM_URL=http://127.0.0.1:1340 CMS_URL=http://127.0.0.1:1337 \
//     node --test merchant-web/e2e/customs.e2e.mjs
//
// 1. 晶华 (13900000001, seeded with a valid 点点通 config and batch PC20261120000001 holding 5 draft orders): the
//    home to-do panel lists the customs to-do and opens that batch on 电子订单 with 申报电子订单 next; the module tile
//    opens /customs with the config card (已校验通过), the batch list and the 新建批次 drawer with its C9 hints.
//    Nothing is declared for 晶华, so its demo data and its latest messages stay as other tests expect them.
// 2. The whole flow, for a brand-new merchant whose registration the platform super admin (13800000000) approves
//    and whose 点点通 config staff save through the API (the card goes 尚未配置 → 已校验通过): 新建批次 → template
//    download → a workbook with a wrong header (HEADER_MISMATCH, missing columns listed) → a workbook with one bad
//    cell (HS编码 9999999999 → HS_UNKNOWN) and a FORMULA_TEXT warning → the cell fixed in place (7116200000) →
//    确认导入 → 申报电子订单 → 出口清单 → 清单总分单 (提运单号 form) → 汇总申请单 → 完成, every step waited for on
//    the step bar; receipts, record drawer, 总分单/汇总 cards; then /customs/cancellations?invtNo=…: a 撤销申请单
//    暂存 then 申报 until 撤销成功, and a second one 暂存 then 不再撤销. The flow runs on its own merchant because
//    it produces many messages: on 晶华 they would push the seeded announcement out of the home panel's latest five
//    that login.e2e.mjs opens.
// 3. 晶华's member (13900000002) sees the batch and the lists without any action button.
// Every wait is on a response or an element (the step bar's data-stage), never a fixed sleep.
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import ExcelJS from "exceljs";
import {
  envUrl,
  isCall,
  launchBrowser,
  newSignedInPage,
  ok,
  randomPhone,
  resultsDir,
  screenshotOnFailure,
  smsLogin,
} from "@jmt/e2e-support";

const MERCHANT_URL = envUrl("MERCHANT_URL", "http://127.0.0.1:8002");
const TOKEN_KEY = "jmt.merchant.jwt"; // merchant-web/src/providers/session.ts
const JINGHUA_ADMIN = "13900000001";
const JINGHUA_MEMBER = "13900000002";
const SUPER_ADMIN = "13800000000"; // merchants.write, customs.config
const SEEDED_BATCH = "PC20261120000001";
const HEADERS = [
  "订单编号",
  "商品货号",
  "商品名称",
  "商品描述",
  "HS编码",
  "条码",
  "计量单位",
  "币制",
  "数量",
  "单价",
  "总价",
  "运费",
  "备注",
];
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
/** The customs flow waits on receipts: a few seconds per step in the e2e stack; generous for a busy machine. */
const FLOW_STEP_MS = 90_000;

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

/** A page signed in with this JWT (the token where the login page leaves it); the helpers below drive it. */
async function signedInPage(jwt, t) {
  const session = await newSignedInPage(browser, { tokenKey: TOKEN_KEY, jwt, t, acceptDownloads: true });
  page = session.page;
  return session;
}

/** A workbook like the template's first sheet. */
async function workbook(rows, header = HEADERS) {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("电子订单");
  ws.addRow(header);
  for (const row of rows) ws.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/** Sends a file to the import drop zone; resolves the server's answer. */
async function uploadWorkbook(name, buffer) {
  const answered = page.waitForResponse(isCall("POST", /^\/api\/customs\/batches\/[^/]+\/orders\/import$/));
  await page
    .locator('[data-testid="import-upload"] input[type="file"]')
    .setInputFiles({ name, mimeType: XLSX, buffer });
  return answered;
}

/** Waits until the step bar of the batch page stands on `stage`. */
const stepBarAt = (stage, timeout = FLOW_STEP_MS) =>
  page.locator(`[data-testid="customs-steps"][data-stage="${stage}"]`).waitFor({ timeout });

/** Clicks the one primary action of the guided flow, expecting `action`. */
async function nextAction(action, timeout = FLOW_STEP_MS) {
  const button = page.locator(`[data-testid="next-action"][data-action="${action}"]`);
  await button.waitFor({ timeout });
  assert.equal(await page.getByTestId("next-action").count(), 1, "the flow shows exactly one primary action");
  await button.click();
}

/** Confirms the dialog that guards a declaration and waits for the declaration call. */
async function confirmDeclaration(pattern) {
  const declared = page.waitForResponse(isCall("POST", pattern));
  await page.locator(".ant-modal-confirm").getByRole("button", { name: "确认申报" }).click();
  const response = await declared;
  assert.equal(response.status(), 200, `${pattern} answered ${response.status()}: ${await response.text()}`);
  return response.json();
}

test(
  "晶华: the customs to-do on the home page opens the seeded batch; /customs shows the config, the batches and 新建批次",
  { timeout: 180_000 },
  async (t) => {
    const jwt = await smsLogin(JINGHUA_ADMIN, { t });
    const seeded = (await ok("/api/customs/batches?filters[q][$containsi]=" + SEEDED_BATCH, { token: jwt })).data.find(
      (b) => b.number === SEEDED_BATCH,
    );
    assert.ok(seeded, `the seed has batch ${SEEDED_BATCH}`);
    assert.equal(
      seeded.progress.next?.action,
      "declare-orders",
      "the seeded batch waits for its orders to be declared",
    );
    const { context, errors } = await signedInPage(jwt, t);

    await screenshotOnFailure(
      () => page,
      join(RESULTS, "customs-jinghua-failure.png"),
      async () => {
        // Home: the to-do panel lists the customs to-do of the seeded batch; tapping it opens the batch.
        const todos = page.waitForResponse(isCall("GET", /^\/api\/customs\/todos$/, 200));
        await page.goto(`${MERCHANT_URL}/`);
        await todos;
        const todo = page.locator(`[data-testid="customs-todo"][data-link="/customs/batches/${seeded.id}"]`);
        await todo.waitFor();
        assert.match(await todo.innerText(), new RegExp(`申报电子订单.*${SEEDED_BATCH}`));
        await page.screenshot({ path: join(RESULTS, "customs-home-todos.png"), fullPage: true });
        await todo.click();
        await page.waitForURL((url) => new URL(url).pathname === `/customs/batches/${seeded.id}`);
        await stepBarAt("orders");
        await page.locator('[data-testid="next-action"][data-action="declare-orders"]').waitFor();
        await page.getByTestId("next-block").getByText("5 个电子订单待申报").waitFor();
        await page.locator('[data-testid="order-counts"] [data-status="draft"]').filter({ hasText: "5" }).waitFor();
        // The table loads after the counts: wait for its fifth row before counting (count() does not wait).
        await page.getByTestId("order-row").nth(4).waitFor();
        assert.equal(await page.getByTestId("order-row").count(), 5, "the five seeded orders are listed");
        // A row opens its record: the order lines, no receipts yet.
        await page.getByTestId("order-row").first().click();
        await page.locator('[data-testid="record-detail"][data-status="draft"]').waitFor();
        await page.keyboard.press("Escape");
        await page.getByTestId("record-detail").waitFor({ state: "detached" });

        // The module tile goes to /customs: config card, batch list with the next action, 新建批次 with hints.
        await page.goto(`${MERCHANT_URL}/`);
        await page.locator('[data-testid="module-grid"] [data-module="customs"]').click();
        await page.waitForURL((url) => new URL(url).pathname === "/customs");
        await page.getByTestId("customs-home").waitFor();
        await page.locator('[data-testid="config-status"][data-status="valid"]').waitFor();
        await page.getByTestId("config-card").getByText("DXPENT0000458712").waitFor();
        const row = page.locator(`[data-testid="batch-row"][data-number="${SEEDED_BATCH}"]`);
        await row.waitFor();
        await row.locator('[data-testid="batch-stage"][data-stage="orders"]').waitFor();
        await row.locator('[data-testid="batch-next"][data-action="declare-orders"]').waitFor();
        await page.getByTestId("create-batch").click();
        const drawer = page.locator(".jmt-batch-drawer");
        await drawer
          .locator('[data-testid="customs-hints"][data-placement="batch.create"] [data-testid="customs-hint"]')
          .first()
          .waitFor();
        await drawer.locator('[data-testid="customs-hint"][data-key="fragile-goods"]').waitFor(); // by key: staff may retitle it
        // Client checks before anything is sent: name, carrier and code are required.
        await drawer.getByTestId("batch-submit").click();
        await drawer.getByText("请填写批次名称").waitFor();
        await drawer.getByText("请填写物流企业代码").waitFor();
        await page.screenshot({ path: join(RESULTS, "customs-create-drawer.png"), fullPage: true });
        await page.keyboard.press("Escape");
        assert.deepEqual(
          errors.map((e) => e.message),
          [],
          "the pages raised no runtime errors",
        );
      },
    );
    await context.close();
  },
);

test(
  "a batch from 新建批次 through import (fixed in place), 电子订单, 出口清单, 清单总分单 and 汇总申请单 to 完成, then 撤销申请单",
  { timeout: 600_000 },
  async (t) => {
    // 1. A fresh merchant, approved by the platform; no 点点通 config yet.
    const phone = randomPhone();
    const merchantJwt = await smsLogin(phone, { t });
    const me = await ok("/api/me", { token: merchantJwt });
    const merchantId = me.merchant.documentId;
    const staffJwt = await smsLogin(SUPER_ADMIN, { t });
    const approved = await ok(`/api/merchants/${merchantId}`, {
      method: "PUT",
      token: staffJwt,
      body: { data: { registrationStatus: "approved" } },
    });
    assert.equal(approved.data.registrationStatus, "approved");
    const stamp = String(Date.now()).slice(-8);
    t.diagnostic(`merchant ${me.merchant.nameCn} (${phone}), stamp ${stamp}`);
    const { context, errors } = await signedInPage(merchantJwt, t);

    await screenshotOnFailure(
      () => page,
      join(RESULTS, "customs-flow-failure.png"),
      async () => {
        // 2. /customs: 尚未配置, with the staff note; 新建批次 waits for a valid config.
        await page.goto(`${MERCHANT_URL}/customs`);
        await page.locator('[data-testid="config-status"][data-status="missing"]').waitFor();
        await page.getByTestId("config-card").getByText("配置由平台工作人员完成").waitFor();
        await page.getByTestId("batch-empty").waitFor();
        assert.equal(await page.getByTestId("create-batch").isDisabled(), true, "no batch without a valid config");

        // Staff save the config; it is verified against 点点通 at once.
        const config = await ok(`/api/customs/configs/${merchantId}`, {
          method: "PUT",
          token: staffJwt,
          body: {
            dxpId: `DXPENT00${stamp}`,
            ebcCode: "3207960E2E",
            ebcName: me.merchant.nameCn,
            ebpCode: "3207960TKT",
            ebpName: "TikTok Shop 跨境电商平台",
            customsCode: "2305",
            portCode: "2305",
            appKey: "e2e-appkey",
            appSecret: "e2e-secret",
          },
        });
        assert.equal(config.data.status, "valid", `the config verified: ${JSON.stringify(config.data.verifyErrors)}`);
        await page.reload();
        await page.locator('[data-testid="config-status"][data-status="valid"]').waitFor();
        await page.screenshot({ path: join(RESULTS, "customs-home-empty.png"), fullPage: true });

        // 3. 新建批次.
        await page.getByTestId("create-batch").click();
        const drawer = page.locator(".jmt-batch-drawer");
        await drawer.getByTestId("batch-name").fill(`E2E 美国站 ${stamp}`);
        await drawer.getByTestId("batch-logisticsName").fill("顺丰国际标快");
        await drawer.getByTestId("batch-logisticsCode").fill("3207980yt1"); // upper-cased as typed
        await drawer.getByTestId("batch-parcelWeight").fill("0.8");
        await drawer.getByTestId("batch-statisticsFlag").locator("label", { hasText: "B 汇总申报" }).click();
        const created = page.waitForResponse(isCall("POST", /^\/api\/customs\/batches$/));
        await drawer.getByTestId("batch-submit").click();
        const createdResponse = await created;
        assert.equal(
          createdResponse.status(),
          201,
          `create answered ${createdResponse.status()}: ${await createdResponse.text()}`,
        );
        assert.deepEqual(createdResponse.request().postDataJSON(), {
          name: `E2E 美国站 ${stamp}`,
          tradeMode: "9610",
          statisticsFlag: "B",
          logisticsCode: "3207980YT1",
          logisticsName: "顺丰国际标快",
          country: "502",
          parcelWeight: "0.8",
          trafMode: "5",
          wrapType: "22",
        });
        const batchId = (await createdResponse.json()).id;
        await page.waitForURL((url) => new URL(url).pathname === `/customs/batches/${batchId}`);
        await stepBarAt("orders");
        await page.locator('[data-testid="next-action"][data-action="import"]').waitFor();
        await page.getByTestId("import-panel").waitFor();
        await page
          .locator('[data-testid="customs-hints"][data-placement="orders.import"] [data-testid="customs-hint"]')
          .first()
          .waitFor();

        // 4. The template comes with the bearer token: an .xlsx whose first row is the Chinese header.
        const download = page.waitForEvent("download");
        const template = page.waitForResponse(isCall("GET", /^\/api\/customs\/templates\/orders\.xlsx$/));
        await page.getByTestId("import-panel").getByTestId("template-download").first().click();
        assert.equal((await template).status(), 200);
        const file = await download;
        assert.match(file.suggestedFilename(), /\.xlsx$/);
        const templateBook = new ExcelJS.Workbook();
        await templateBook.xlsx.load(await readFile(await file.path()));
        const header = templateBook.worksheets[0].getRow(1).values.filter(Boolean).map(String);
        for (const h of HEADERS) assert.ok(header.includes(h), `the template has the column ${h}`);

        // 5. A sheet with the wrong header is refused as a whole, with the missing columns named.
        const wrong = await uploadWorkbook("wrong.xlsx", await workbook([["A1", "手串"]], ["订单号码", "商品名称"]));
        assert.equal(wrong.status(), 422);
        await page.locator('[data-testid="import-fatal"][data-code="HEADER_MISMATCH"]').waitFor();
        await page.getByTestId("import-fatal").getByText("表头与模板不一致").first().waitFor();
        await page.locator('[data-testid="missing-column"]', { hasText: "HS编码" }).waitFor();
        await page.screenshot({ path: join(RESULTS, "customs-import-rejected.png"), fullPage: true });

        // 6. A sheet with one bad cell (row 3: HS编码 9999999999) and a formula-looking note.
        const orderA = `E2E${stamp}A`;
        const orderB = `E2E${stamp}B`;
        const sheet = await workbook([
          [
            orderA,
            "AM-BR-8MM",
            "紫水晶手串",
            "天然紫水晶 8mm 圆珠手串",
            "7116200000",
            "",
            "条",
            "USD",
            2,
            "12.50",
            "25.00",
            "",
            "",
          ],
          [
            orderA,
            "RQ-PD-20",
            "粉晶吊坠",
            "天然粉水晶心形吊坠 20mm",
            "9999999999",
            "",
            "个",
            "USD",
            3,
            "6.80",
            "20.40",
            "",
            "=赠品，勿计价",
          ],
          [
            orderB,
            "CQ-BALL-60",
            "白水晶球",
            "天然白水晶球 直径 60mm（易碎 Fragile）",
            "7103992000",
            "",
            "个",
            "USD",
            1,
            "38.00",
            "38.00",
            "",
            "",
          ],
        ]);
        const previewResponse = await uploadWorkbook("orders.xlsx", sheet);
        assert.equal(previewResponse.status(), 200, await previewResponse.text());
        const preview = await previewResponse.json();
        assert.deepEqual(
          preview.errors.map((e) => `${e.row}:${e.field}:${e.code}`),
          ["3:hsCode:HS_UNKNOWN"],
        );
        await page.locator('[data-testid="import-summary"][data-total="3"][data-valid="2"][data-errors="1"]').waitFor();
        const badCell = page.locator(
          '[data-testid="import-error"][data-row="3"][data-field="hsCode"][data-code="HS_UNKNOWN"]',
        );
        await badCell.waitFor();
        await page.locator('[data-testid="import-warning"][data-code="FORMULA_TEXT"]').waitFor();
        assert.equal(
          await page.getByTestId("import-commit").isDisabled(),
          true,
          "确认导入 waits until nothing is wrong",
        );
        await page.screenshot({ path: join(RESULTS, "customs-import-preview.png"), fullPage: true });

        // Fixed in place: the cell's input, saved → checked again → no errors.
        assert.equal(await badCell.getByTestId("fix-input").inputValue(), "9999999999");
        await badCell.getByTestId("fix-input").fill("7116200000");
        const fixed = page.waitForResponse(isCall("POST", /^\/api\/customs\/imports\/[^/]+\/fix$/));
        await badCell.getByTestId("fix-save").click();
        const fixResponse = await fixed;
        assert.equal(fixResponse.status(), 200, await fixResponse.text());
        assert.deepEqual(fixResponse.request().postDataJSON(), { overrides: { 3: { hsCode: "7116200000" } } });
        await page.locator('[data-testid="import-summary"][data-valid="3"][data-errors="0"]').waitFor();
        await page.getByTestId("import-ready").waitFor();
        assert.equal(await page.getByTestId("import-error").count(), 0);
        const committed = page.waitForResponse(isCall("POST", /^\/api\/customs\/imports\/[^/]+\/commit$/));
        await page.getByTestId("import-commit").click();
        const commitResponse = await committed;
        assert.equal(commitResponse.status(), 200, await commitResponse.text());
        assert.equal((await commitResponse.json()).orders, 2);
        await page.getByTestId("import-panel").waitFor({ state: "detached" });

        // 7. 申报电子订单 → the receipts move the orders to 海关入库 and the step bar to 出口清单.
        await page.locator('[data-testid="order-counts"] [data-status="draft"]').filter({ hasText: "2" }).waitFor();
        assert.equal(await page.getByTestId("order-row").count(), 2);
        await nextAction("declare-orders");
        const declaredOrders = await confirmDeclaration(/^\/api\/customs\/batches\/[^/]+\/orders\/declare$/);
        assert.equal(declaredOrders.data.declared, 2);
        await stepBarAt("inventories");
        await page.locator('[data-testid="order-counts"] [data-status="stored"]').filter({ hasText: "2" }).waitFor();
        await page.screenshot({ path: join(RESULTS, "customs-flow-inventories.png"), fullPage: true });

        // 8. 申报出口清单 → released → 清单总分单.
        await nextAction("declare-inventories");
        const declaredInventories = await confirmDeclaration(/^\/api\/customs\/batches\/[^/]+\/inventories$/);
        assert.equal(declaredInventories.data.declared, 2);
        await stepBarAt("waybill");
        await page
          .locator('[data-testid="inventory-counts"] [data-status="released"]')
          .filter({ hasText: "2" })
          .waitFor();

        // 9. 申报清单总分单: 提运单号, 运输工具名称, 航班航次号.
        await nextAction("declare-waybill");
        const modal = page.locator(".jmt-waybill-modal");
        await modal.getByTestId("waybill-billNo").fill(`784-${stamp}`);
        await modal.getByTestId("waybill-trafName").fill("CK AIRLINES");
        await modal.getByTestId("waybill-voyageNo").fill("CK262");
        const waybill = page.waitForResponse(isCall("POST", /^\/api\/customs\/batches\/[^/]+\/waybill$/));
        await modal.getByTestId("waybill-submit").click();
        const waybillResponse = await waybill;
        assert.equal(waybillResponse.status(), 200, await waybillResponse.text());
        assert.deepEqual(waybillResponse.request().postDataJSON(), {
          billNo: `784-${stamp}`,
          trafName: "CK AIRLINES",
          voyageNo: "CK262",
        });
        assert.equal((await waybillResponse.json()).data.packageCount, 2);
        await stepBarAt("summary");

        // 10. 提交汇总申请单 → 完成.
        await nextAction("declare-summary");
        const summary = await confirmDeclaration(/^\/api\/customs\/batches\/[^/]+\/summary$/);
        assert.equal(summary.data.invtNos.length, 2);
        await stepBarAt("done");
        await page.getByTestId("flow-done").waitFor();
        assert.equal(await page.getByTestId("next-action").count(), 0, "nothing left to do");
        await page.screenshot({ path: join(RESULTS, "customs-flow-done.png"), fullPage: true });

        // 11. The receipts: the batch timeline, the 清单 and its drawer, the 总分单 and 汇总 cards.
        await page.getByRole("tab", { name: /回执记录/ }).click();
        await page.locator('[data-testid="batch-timeline"] [data-testid="receipt-item"]').first().waitFor();
        await page.getByRole("tab", { name: /出口清单/ }).click();
        const released = page.locator('[data-testid="inventory-row"][data-status="released"]');
        await released.nth(1).waitFor();
        const invtNos = await released.evaluateAll((rows) => rows.map((r) => r.getAttribute("data-invt-no")));
        assert.equal(invtNos.length, 2);
        for (const no of invtNos) assert.match(no, /^2305\d{4}E\d{9}$/);
        await released.first().click();
        await page.locator('[data-testid="record-detail"][data-status="released"]').waitFor();
        await page
          .locator('[data-testid="record-detail"] [data-testid="receipt-item"][data-return-status="800"]')
          .waitFor();
        await page.screenshot({ path: join(RESULTS, "customs-record-drawer.png"), fullPage: true });
        await page.keyboard.press("Escape");
        await page.getByTestId("record-detail").waitFor({ state: "detached" });
        await page.getByRole("tab", { name: /总分单与汇总/ }).click();
        await page.locator('[data-testid="waybill-card"][data-status="reviewed"]').getByText(`784-${stamp}`).waitFor();
        await page.locator('[data-testid="summary-card"][data-status="reviewed"]').waitFor();

        // 12. 撤销申请单, reached as a message would link it (?invtNo=): 暂存, then 申报 until 撤销成功.
        const [first, second] = invtNos;
        const list = page.waitForResponse(isCall("GET", /^\/api\/customs\/cancellations$/, 200));
        await page.goto(`${MERCHANT_URL}/customs/cancellations?invtNo=${first}`);
        assert.equal(
          new URL((await list).url()).searchParams.get("filters[invtNo][$containsi]"),
          first,
          "the list is searched by the 清单编号 of the address",
        );
        const searchBox = page
          .locator('input[data-testid="cancel-search"], [data-testid="cancel-search"] input')
          .first();
        assert.equal(await searchBox.inputValue(), first);
        await page.getByTestId("cancellations-empty").waitFor();

        /** 新建撤销申请 for a released 清单, saved as a draft (暂存). */
        const createDraft = async (invtNo, reason) => {
          await page.getByTestId("create-cancellation").click();
          const dialog = page.locator(".jmt-cancel-modal");
          // The dialog may already have fetched this 清单编号 (it opens with the page's search), so the option is
          // awaited rather than a request that a cache hit never makes.
          await dialog.getByTestId("cancel-invtNo").click();
          await page.keyboard.type(invtNo);
          await page
            .locator(`.ant-select-dropdown:visible [data-testid="cancellable-option"][data-invt-no="${invtNo}"]`)
            .click();
          await dialog.getByTestId("cancel-reason").fill(reason);
          const saved = page.waitForResponse(isCall("POST", /^\/api\/customs\/cancellations$/));
          await dialog.getByTestId("cancel-save").click();
          const response = await saved;
          assert.equal(response.status(), 201, await response.text());
          assert.deepEqual(response.request().postDataJSON(), { invtNo, reason });
          const body = await response.json();
          assert.equal(body.data.status, "draft");
          await page
            .locator(`[data-testid="cancellation-row"][data-invt-no="${invtNo}"][data-status="draft"]`)
            .waitFor();
          return body.data;
        };

        const draft = await createDraft(first, "买家取消订单，货物未出境");
        assert.equal(draft.copName, me.merchant.nameCn, "报文传输的企业名称 is the merchant's");
        const row = page.locator(`[data-testid="cancellation-row"][data-invt-no="${first}"]`);
        await row.getByText("暂存").waitFor();
        const declared = page.waitForResponse(isCall("POST", /^\/api\/customs\/cancellations\/[^/]+\/declare$/));
        await row.getByTestId("cancel-row-declare").click();
        assert.equal((await declared).status(), 200);
        await page
          .locator(`[data-testid="cancellation-row"][data-invt-no="${first}"][data-status="approved"]`)
          .waitFor({ timeout: FLOW_STEP_MS });
        await row.getByText("撤销成功").waitFor();
        assert.equal(await row.getByTestId("cancel-row-declare").count(), 0, "nothing to declare once approved");
        await row.getByTestId("cancel-view").click();
        await page
          .locator(
            '[data-testid="record-detail"][data-status="approved"] [data-testid="receipt-item"][data-return-status="399"]',
          )
          .waitFor();
        await page.screenshot({ path: join(RESULTS, "customs-cancellation.png"), fullPage: true });
        await page.keyboard.press("Escape");
        await page.getByTestId("record-detail").waitFor({ state: "detached" });

        // The other 清单: 暂存, then 不再撤销 (confirmed).
        await createDraft(second, "地址有误，改日重新发货");
        const other = page.locator(`[data-testid="cancellation-row"][data-invt-no="${second}"]`);
        await other.getByTestId("cancel-row-withdraw").click();
        const withdrawn = page.waitForResponse(isCall("POST", /^\/api\/customs\/cancellations\/[^/]+\/withdraw$/));
        await page.locator(".ant-modal-confirm").getByRole("button", { name: "不再撤销" }).click();
        assert.equal((await withdrawn).status(), 200);
        await page
          .locator(`[data-testid="cancellation-row"][data-invt-no="${second}"][data-status="withdrawn"]`)
          .waitFor();

        // Both are in the unfiltered list.
        await searchBox.fill("");
        await searchBox.press("Enter");
        await page
          .locator(`[data-testid="cancellation-row"][data-invt-no="${first}"][data-status="approved"]`)
          .waitFor();
        await page
          .locator(`[data-testid="cancellation-row"][data-invt-no="${second}"][data-status="withdrawn"]`)
          .waitFor();
        await page.screenshot({ path: join(RESULTS, "customs-cancellations.png"), fullPage: true });
        assert.deepEqual(
          errors.map((e) => e.message),
          [],
          "the pages raised no runtime errors",
        );
      },
    );
    await context.close();
  },
);

test("晶华's member sees batches, records and 撤销申请单 read only", { timeout: 180_000 }, async (t) => {
  const jwt = await smsLogin(JINGHUA_MEMBER, { t });
  const { context, errors } = await signedInPage(jwt, t);
  await screenshotOnFailure(
    () => page,
    join(RESULTS, "customs-member-failure.png"),
    async () => {
      await page.goto(`${MERCHANT_URL}/customs`);
      await page.getByTestId("read-only-note").waitFor();
      const row = page.locator(`[data-testid="batch-row"][data-number="${SEEDED_BATCH}"]`);
      await row.waitFor();
      assert.equal(await page.getByTestId("create-batch").count(), 0, "members create no batch");
      await row.click();
      await stepBarAt("orders");
      await page.getByTestId("next-readonly").waitFor();
      assert.equal(await page.getByTestId("next-action").count(), 0, "members get no action button");
      assert.equal(await page.getByTestId("import-panel").count(), 0);
      await page.goto(`${MERCHANT_URL}/customs/cancellations`);
      await page.getByTestId("cancellation-list").waitFor();
      assert.equal(await page.getByTestId("create-cancellation").count(), 0, "members file no 撤销申请单");
      assert.deepEqual(
        errors.map((e) => e.message),
        [],
        "the pages raised no runtime errors",
      );
    },
  );
  await context.close();
});
