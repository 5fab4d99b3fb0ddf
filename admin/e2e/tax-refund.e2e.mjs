// Browser end-to-end test of the 出口退税 staff screens (T2–T4): the super admin sees the 退税待审核 card on 工作台,
// opens 退税申请 from the menu, finds 晶华's seeded refund in 审核 and opens it — the estimate (13 %, ¥9,360.00 on a
// purchase of ¥72,000.00), the three PDFs (one previewed), 退回补正 asking for a reason with quick picks — downloads the
// application package (a zip of 4 entries); on 回执上传 uploads a return file with bad rows (every bad row listed,
// "nothing was applied", the refund still 审核 through the API) and then a good one that moves the refund to 到账 with
// ¥9,360.00, sees it on the detail; on 退税率表 edits a rate into another code's
// period (REFUND_RATE_OVERLAP shown with the clashing rate) and uses the calculator.
//
//   ADMIN_URL     the served admin app (vite preview of the build), e.g. http://127.0.0.1:8001
//   SMS_SIM_URL   the SMS simulator, e.g. http://127.0.0.1:1340 (GET /outbox?phone=… newest first)
//   CMS_URL       the cms, e.g. http://127.0.0.1:1337 (API checks)
//   STAFF_PHONE   optional, default the seeded super admin 13800000000 (taxrefund.process and taxrefund.rates through `*`)
//   CHROMIUM_PATH optional, default /usr/bin/chromium
//   TEST_RESULTS_DIR optional, default admin/test-results
// It needs a freshly seeded database (npm test starts one): 晶华's refund of ¥72,000.00 must still be in 审核, and no
// return file may have been uploaded today (one upload per Beijing day).
//
//   node --test admin/e2e/tax-refund.e2e.mjs
import ExcelJS from "exceljs";
import JSZip from "jszip";
import assert from "node:assert/strict";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { clickUntil, envUrl, isCall, launchBrowser, modalSettled, newSignedInPage, ok, resultsDir, screenshotOnFailure, smsLogin } from "@jmt/e2e-support";

const ADMIN_URL = envUrl("ADMIN_URL", "http://127.0.0.1:8001");
const STAFF_PHONE = process.env.STAFF_PHONE ?? "13800000000";
const TOKEN_KEY = "jmt.admin.jwt"; // admin/src/config.ts
const JINGHUA = "东海县晶华水晶饰品有限公司";
const RETURN_REASON = "进项发票金额与报关单不符";
const XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

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

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // Beijing date

/** A return file with the documented columns; each row `[number, status word, amount, date, message]`. */
const returnSheet = async (rows) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("退税回执");
  sheet.addRow(["申报编号", "状态", "退税金额", "日期", "说明"]);
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

/** Opens a page of the 出口退税 menu group (expanding the group when it is closed). */
const openMenu = async (label, urlPattern) => {
  const item = page.getByRole("menuitem", { name: label });
  if (!(await item.isVisible())) await page.getByRole("menuitem", { name: /出口退税/ }).click();
  await item.click();
  await page.waitForURL(urlPattern);
};

test("staff review a refund, download its package, apply the day's return messages and edit the rate table", { timeout: 300_000 }, async (t) => {
  const staffJwt = await smsLogin(STAFF_PHONE, { t });
  const me = await ok("/api/me", { token: staffJwt });
  assert.ok(me.isPlatformStaff, `${STAFF_PHONE} is platform staff`);
  for (const permission of ["taxrefund.process", "taxrefund.rates"]) {
    assert.ok(me.permissions.includes("*") || me.permissions.includes(permission), `${STAFF_PHONE} has ${permission}`);
  }
  const refundsOf = async (status) =>
    (await ok(`/api/tax-refund/applications?filters[status][$eq]=${status}&filters[q][$containsi]=${encodeURIComponent(JINGHUA)}`, { token: staffJwt })).data;
  const seeded = (await refundsOf("reviewing")).find((refund) => refund.data?.purchaseAmount === "72000.00");
  assert.ok(seeded, `${JINGHUA} has a refund of ¥72,000.00 in 审核 (fresh database)`);
  assert.equal(seeded.estimate?.estimate, "9360.00", "the cms estimates 72000.00 × 13%");
  const paid = (await refundsOf("paid"))[0];
  assert.ok(paid, `${JINGHUA} has a paid refund`);
  const refund = async (id) => (await ok(`/api/tax-refund/applications/${id}`, { token: staffJwt })).data;

  const session = await newSignedInPage(browser, { tokenKey: TOKEN_KEY, jwt: staffJwt, t, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const { context } = session;
  page = session.page;
  const pageErrors = session.errors;

  try {
    await screenshotOnFailure(
      () => page,
      join(RESULTS, "admin-tax-refund-failure.png"),
      async () => {
        // 1. 工作台: the live 退税待审核 card (申报 + 审核) next to 结汇待办理.
        await page.goto(`${ADMIN_URL}/`, { waitUntil: "domcontentloaded" });
        await page.getByTestId("dashboard").waitFor({ state: "visible" });
        const card = page.getByTestId("stat-pending-refunds");
        await card.waitFor({ state: "visible" });
        await page.waitForFunction(() => Number(document.querySelector("[data-testid=stat-pending-refunds]")?.getAttribute("data-value")) >= 1);

        // 2. 退税申请 from the menu: 待办理 lists the refund with its estimate; a search by merchant keeps it.
        const [list] = await Promise.all([
          page.waitForResponse(
            (r) =>
              isCall("GET", /\/api\/tax-refund\/applications$/, 200)(r) &&
              [...new URL(r.url()).searchParams].some(([key, value]) => key.startsWith("filters[status]") && value === "reviewing"),
          ),
          openMenu(/退税申请/, /\/tax-refund\/applications/),
        ]);
        assert.ok(
          (await list.json()).data.some((item) => item.documentId === seeded.documentId),
          "the queue answers the seeded refund",
        );
        const row = page.getByTestId("refund-table").locator(`tbody tr[data-number="${seeded.number}"]`);
        await row.waitFor({ state: "visible" });
        await row.locator('[data-testid=refund-estimate-cell][data-value="9360.00"]').waitFor({ state: "visible" });
        await page.locator("[data-testid=refund-tab-pending]").waitFor({ state: "visible" });
        const search = page.getByTestId("refund-search");
        await search.fill("晶华");
        await Promise.all([
          page.waitForResponse(
            (r) => isCall("GET", /\/api\/tax-refund\/applications$/, 200)(r) && decodeURIComponent(r.url()).includes("filters[q][$containsi]="),
          ),
          search.press("Enter"),
        ]);
        await row.waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-tax-refund-queue.png"), fullPage: true });

        // 3. The refund: estimate, files, actions with required reasons and quick picks.
        await row.getByTestId("refund-open").click();
        await page.waitForURL(/\/tax-refund\/applications\/[^/]+$/);
        await page.locator("[data-testid=application-detail][data-status=reviewing]").waitFor({ state: "visible" });
        const estimate = page.getByTestId("refund-estimate");
        await estimate.locator('[data-testid=estimate-amount][data-value="9360.00"]').waitFor({ state: "visible" });
        await estimate.locator('[data-testid=estimate-rate][data-value="13"]').waitFor({ state: "visible" });
        await estimate.locator('[data-testid=estimate-base][data-value="72000.00"]').waitFor({ state: "visible" });
        await estimate.getByTestId("estimate-formula").filter({ hasText: "72000.00 × 13% = 9360.00" }).waitFor({ state: "visible" });
        assert.equal((await estimate.getByTestId("estimate-amount").textContent())?.replace(/\s/g, ""), "¥9,360.00");
        for (const slot of ["tax_declaration", "tax_purchase_invoice", "tax_sales_invoice"]) {
          await page.getByTestId(`file-download-${slot}`).waitFor({ state: "visible" });
        }
        await Promise.all([
          page.waitForResponse(isCall("GET", /\/api\/private-files\/[^/]+\/download$/, 200)),
          page.getByTestId("file-preview-tax_declaration").click(),
        ]);
        await page.getByTestId("file-preview").waitFor({ state: "visible" });
        // The PDF viewer keeps the keyboard focus: close with the dialog's own button.
        await modalSettled(page);
        const preview = page.getByTestId("file-preview");
        await clickUntil(page.locator(".ant-modal").filter({ has: preview }).locator(".ant-modal-close"), async () => !(await preview.isVisible()));
        for (const to of ["treasury", "returned", "rejected"]) await page.getByTestId(`transition-${to}`).waitFor({ state: "visible" });
        // 退回补正 needs a reason: refused empty, offered the refund's quick picks; then left without moving it.
        await page.getByTestId("transition-returned").click();
        const modal = page.locator(".ant-modal").filter({ has: page.getByTestId("transition-confirm") });
        await modal.waitFor({ state: "visible" });
        await modal.locator(".reason-tag").filter({ hasText: RETURN_REASON }).waitFor({ state: "visible" });
        await modalSettled(page);
        await page.getByTestId("transition-confirm").click();
        await modal.locator(".ant-form-item-explain-error").filter({ hasText: "请填写原因" }).waitFor({ state: "visible" });
        // A click during the dialog's opening animation can be lost: pick again once if the text did not arrive.
        const box = modal.locator("textarea");
        const filled = async () => {
          for (let i = 0; i < 25; i++) {
            if ((await box.inputValue()).includes(RETURN_REASON)) return true;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          return false;
        };
        await modal.locator(".reason-tag").filter({ hasText: RETURN_REASON }).click();
        if (!(await filled())) await modal.locator(".reason-tag").filter({ hasText: RETURN_REASON }).click();
        assert.ok(await filled(), `the quick-pick reason "${RETURN_REASON}" is in the reason box`);
        await page.screenshot({ path: join(RESULTS, "admin-tax-refund-return-reason.png") });
        await modalSettled(page);
        await clickUntil(modal.locator(".ant-modal-close"), async () => !(await modal.isVisible()));
        await page.screenshot({ path: join(RESULTS, "admin-tax-refund-detail.png"), fullPage: true });

        // 4. 下载申请包: a zip of the three PDFs and the summary workbook.
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("refund-package").click()]);
        assert.match(download.suggestedFilename(), /\.zip$/, `the package is a zip (${download.suggestedFilename()})`);
        const zip = await JSZip.loadAsync(await readFile(await download.path()));
        const entries = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
        assert.equal(entries.length, 4, `4 entries: ${entries.join(", ")}`);
        for (const name of [
          `报关单-${seeded.number}.pdf`,
          `进项发票-${seeded.number}.pdf`,
          `销售发票-${seeded.number}.pdf`,
          `申请汇总-${seeded.number}.xlsx`,
        ]) {
          assert.ok(entries.includes(name), `the package holds ${name}`);
        }

        // 5. 回执上传: a file with bad rows applies nothing and lists every bad row.
        await Promise.all([page.waitForResponse(isCall("GET", /\/api\/tax-refund\/returns$/, 200)), openMenu(/回执上传/, /\/tax-refund\/returns/)]);
        await page.locator("[data-testid=return-once-a-day][data-uploaded=false]").waitFor({ state: "visible" });
        await page.getByTestId("return-format-columns").waitFor({ state: "visible" });
        const input = page.getByTestId("return-upload-input").locator("input[type=file]");
        const badSheet = await returnSheet([
          [seeded.number, "已到账", "", today(), ""], // 已到账 needs the amount
          ["TR-19990101-99999", "审核中", "", "", ""], // no such refund
          [paid.number, "审核中", "", "", ""], // a paid refund cannot go back
          ["", "退回", "", "2026-13-45", ""], // no number, a bad date, no reason
        ]);
        const [refused] = await Promise.all([
          page.waitForResponse(isCall("POST", /\/api\/tax-refund\/returns$/)),
          input.setInputFiles({ name: "回执-有错误.xlsx", mimeType: XLSX, buffer: badSheet }),
        ]);
        assert.equal(refused.status(), 422, `bad rows → ${refused.status()} ${await refused.text()}`);
        const problems = (await refused.json()).error;
        assert.equal(problems.code, "RETURN_UPLOAD_INVALID");
        assert.deepEqual([...new Set(problems.details.errors.map((error) => error.row))].sort(), [2, 3, 4, 5], "every bad row is reported");
        await page.getByTestId("upload-nothing-written").filter({ hasText: "整份文件均未处理" }).waitFor({ state: "visible" });
        const errorRows = page.getByTestId("upload-errors").locator("tbody tr.ant-table-row");
        await errorRows.first().waitFor({ state: "visible" });
        assert.equal(await errorRows.count(), problems.details.errors.length, "every error is listed");
        for (const error of problems.details.errors) {
          await page
            .getByTestId("upload-errors")
            .locator(`tbody tr[data-row="${error.row}"][data-code="${error.code}"]`)
            .filter({ hasText: error.message })
            .waitFor({ state: "visible" });
        }
        assert.equal((await refund(seeded.documentId)).status, "reviewing", "the refund did not move");
        assert.equal((await refund(paid.documentId)).status, "paid");
        await page.screenshot({ path: join(RESULTS, "admin-tax-refund-returns-invalid.png"), fullPage: true });

        // The good file: 已到账 with ¥9,360.00 moves the refund 审核 → 到账 (through 退库). Only that row: an unchanged
        // row would still record a return message on the paid refund, which merchant-web's e2e reads afterwards.
        const goodSheet = await returnSheet([[seeded.number, "已到账", "9360.00", today(), "退税款已退至对公账户"]]);
        const [accepted] = await Promise.all([
          page.waitForResponse(isCall("POST", /\/api\/tax-refund\/returns$/)),
          input.setInputFiles({ name: "回执-今日.xlsx", mimeType: XLSX, buffer: goodSheet }),
        ]);
        assert.equal(accepted.status(), 200, `good file → ${accepted.status()} ${await accepted.text()}`);
        const result = (await accepted.json()).data;
        assert.deepEqual(
          result.applied.map((item) => [item.number, item.from, item.to]),
          [[seeded.number, "reviewing", "paid"]],
        );
        assert.equal(result.unchanged, 0);
        await page.getByTestId("upload-success").waitFor({ state: "visible" });
        const applied = page.getByTestId("upload-applied").locator(`tbody tr[data-number="${seeded.number}"][data-from=reviewing][data-to=paid]`);
        await applied.waitFor({ state: "visible" });
        await page.locator("[data-testid=upload-applied-count][data-value='1']").waitFor({ state: "visible" });
        await page.locator("[data-testid=upload-unchanged-count][data-value='0']").waitFor({ state: "visible" });
        await page.getByTestId("return-upload-history").getByText("回执-今日.xlsx").waitFor({ state: "visible" });
        await page.locator("[data-testid=return-once-a-day][data-uploaded=true]").waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-tax-refund-returns-ok.png"), fullPage: true });

        // The refund, opened from the result: 到账, ¥9,360.00 refunded, the return message listed.
        await applied.getByTestId("return-applied-open").click();
        await page.waitForURL(new RegExp(`/tax-refund/applications/${seeded.documentId}$`));
        await page.locator("[data-testid=application-detail][data-status=paid]").waitFor({ state: "visible" });
        await page.locator('[data-testid=refunded-amount][data-value="9360.00"]').waitFor({ state: "visible" });
        await page.locator('[data-testid=refund-return][data-status=paid][data-amount="9360.00"]').waitFor({ state: "visible" });
        const after = await refund(seeded.documentId);
        assert.equal(after.status, "paid");
        assert.equal(after.refundedAmount, "9360.00");
        await page.screenshot({ path: join(RESULTS, "admin-tax-refund-paid.png"), fullPage: true });

        // 6. 退税率表: moving the glass-bead rate onto 7013 clashes with 7013's own open-ended period.
        const rates = (await ok("/api/tax-refund/rates", { token: staffJwt })).data;
        const beads = rates.find((rate) => rate.hsCode === "7018100000");
        const glass = rates.find((rate) => rate.hsCode === "7013");
        assert.ok(beads && glass, "the seeded rates of 7018100000 and 7013");
        await Promise.all([page.waitForResponse(isCall("GET", /\/api\/tax-refund\/rates$/, 200)), openMenu(/退税率表/, /\/tax-refund\/rates/)]);
        await page.getByTestId("rate-table").locator('tbody tr[data-hs-code="7018100000"]').getByTestId("rate-edit").click();
        await page.getByTestId("rate-form").waitFor({ state: "visible" });
        await page.getByTestId("rate-form-hs").fill("7013");
        const [clash] = await Promise.all([
          page.waitForResponse(isCall("PUT", /\/api\/tax-refund\/rates\/[^/]+$/)),
          page.getByTestId("rate-form-save").click(),
        ]);
        assert.equal(clash.status(), 409, `overlap → ${clash.status()} ${await clash.text()}`);
        assert.equal((await clash.json()).error.code, "REFUND_RATE_OVERLAP");
        assert.deepEqual(
          { hsCode: clash.request().postDataJSON().hsCode, rate: clash.request().postDataJSON().rate },
          { hsCode: "7013", rate: beads.rate },
          "the rate is sent as a decimal string",
        );
        const overlap = page.locator("[data-testid=rate-overlap][data-code='7013']");
        await overlap.waitFor({ state: "visible" });
        await overlap.getByText(glass.description).waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-tax-refund-rate-overlap.png") });
        await modalSettled(page);
        await page
          .locator(".ant-modal")
          .filter({ has: page.getByTestId("rate-form") })
          .locator(".ant-modal-close")
          .click();
        await page.getByTestId("rate-form").waitFor({ state: "hidden" });
        const unchanged = (await ok("/api/tax-refund/rates?filters[q][$containsi]=7018100000", { token: staffJwt })).data;
        assert.deepEqual(unchanged, [beads], "the refused edit changed nothing");

        // The calculator asks the cms as the user types.
        await page.getByTestId("calculator-hs").fill("7116200000");
        const [estimated] = await Promise.all([
          page.waitForResponse(
            (r) => isCall("GET", /\/api\/tax-refund\/estimate$/, 200)(r) && new URL(r.url()).searchParams.get("purchaseAmount") === "72000.00",
          ),
          page.getByTestId("calculator-amount").fill("72000.00"),
        ]);
        assert.equal((await estimated.json()).data.estimate, "9360.00");
        await page.getByTestId("calculator-result").locator('[data-testid=estimate-amount][data-value="9360.00"]').waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-tax-refund-rates.png"), fullPage: true });

        assert.deepEqual(
          pageErrors.map((error) => error.message),
          [],
          "the console raised no runtime errors",
        );
      },
    );
  } finally {
    await context.close();
  }
});
