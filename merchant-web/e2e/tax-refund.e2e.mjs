// Browser end-to-end test of 出口退税 (T1–T4) on the merchant web, against the real cms and its taxrefund plugin:
//   MERCHANT_URL=http://127.0.0.1:8002 SMS_SIM_URL=http://127.0.0.1:1340 CMS_URL=http://127.0.0.1:1337 \
//     node --test merchant-web/e2e/tax-refund.e2e.mjs
//
// 1. 晶华's admin (13900000001; seeded with a refund under review and one paid out, ¥4680.00): /tax-refund lists
//    the refunds GET /api/tax-refund/applications returns, the summary adds them up exactly; the paid one shows
//    到账 on the board, the refunded amount, its return message, its three PDFs (one previewed) and its timeline.
//    Then a new refund through the wizard: 外贸企业, amounts, an HS code without a rate (REFUND_RATE_NOT_FOUND said
//    plainly), HS 7116200000 picked from the suggestions → 13 % and the exact estimate (half-up to fen); the first
//    「下一步」 creates the draft; an image is refused by the PDF-only slot; a "PDF" without its cross-reference
//    table is accepted by the upload but refused on submission (APPLICATION_INCOMPLETE, files.tax_declaration,
//    invalid) — the wizard goes back to 上传单据 and marks that slot; a real PDF replaces it; submitted, the
//    detail shows 申报. Staff (13800000000, through the API) return it: the detail says 需要补正 with the reason,
//    「修改并重新提交」 opens the wizard with the reason and what was submitted, the amount is corrected, resubmitted.
// 2. 晶华's member (13900000002) sees the refunds and a refund's detail without 新建 / 修改 buttons, uses 退税测算,
//    and the wizard's address tells them they cannot use it.
// Other e2e files may move 晶华's refund under review (the admin's staff screens pay it out): only the seeded paid
// one (¥4680.00) is relied on; the list and the summary are checked against what the API says at the time.
// Every wait is on a response or an element, never a fixed sleep.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  clickUntil,
  envUrl,
  isCall,
  launchBrowser,
  modalSettled,
  newSignedInPage,
  ok,
  resultsDir,
  screenshotOnFailure,
  smsLogin,
  PDF,
  PNG,
} from "@jmt/e2e-support";

const MERCHANT_URL = envUrl("MERCHANT_URL", "http://127.0.0.1:8002");
const TOKEN_KEY = "jmt.merchant.jwt"; // merchant-web/src/providers/session.ts
const JINGHUA_ADMIN = "13900000001";
const JINGHUA_MEMBER = "13900000002";
/** 12345.67 × 13% = 1604.9371 → 1604.94 (half-up to fen, as the server computes it). */
const PURCHASE = "12345.67";
const ESTIMATE = "1604.94";
const ORDER = "15800.00";
const SLOTS = ["tax_declaration", "tax_purchase_invoice", "tax_sales_invoice"];
const STAFF_PHONE = "13800000000";
const RETURN_NOTE = `进项发票金额与报关单不符，请核对后重新提交（e2e ${Date.now()}）`;
/** After the correction: 12000.00 × 13% = 1560.00. */
const FIXED_PURCHASE = "12000.00";
const FIXED_ESTIMATE = "1560.00";

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

/** A small well-formed PDF: header, objects, an xref table where startxref says, %%EOF (as cms/tests/tax-refund.test.ts). */
function realPdf(text) {
  const objects = [
    "<< /Type /Catalog /Pages 2 0 R >>",
    "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] /Contents 4 0 R >>",
    `<< /Length ${text.length + 20} >>\nstream\nBT (${text}) Tj ET\nendstream`,
  ];
  let body = "%PDF-1.4\n";
  const offsets = [];
  objects.forEach((o, i) => {
    offsets.push(body.length);
    body += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, "0")} 00000 n \n`).join("")}`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, "latin1");
}

/** "4680.5" → 468050n: amounts compared and added exactly. */
const cents = (value) => {
  const m = /^(\d+)(?:\.(\d{1,2}))?$/.exec(String(value).trim());
  assert.ok(m, `an amount: ${value}`);
  return BigInt(m[1]) * 100n + BigInt((m[2] ?? "").padEnd(2, "0"));
};
/** 468050n → "4680.50" */
const yuan = (c) => `${c / 100n}.${String(c % 100n).padStart(2, "0")}`;
/** "12580.50" → "12,580.50", as the screens show it. */
const shown = (value) => {
  const [int, frac = ""] = value.split(".");
  return `${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac.padEnd(2, "0")}`;
};
/** A Beijing date `days` ago, as the server counts days. */
const beijingDate = (daysAgo = 0) =>
  new Date(Date.now() + 8 * 3600_000 - daysAgo * 86_400_000).toISOString().slice(0, 10);

/** A page signed in with this JWT (the token where the login page leaves it); the helpers below drive it. */
async function signedInPage(jwt, t) {
  const session = await newSignedInPage(browser, { tokenKey: TOKEN_KEY, jwt, t });
  page = session.page;
  return session;
}

/** Uploads a file into a wizard slot and waits until the slot holds it. */
async function uploadInto(slot, file) {
  const uploaded = page.waitForResponse(isCall("POST", /^\/api\/private-files$/));
  await page.locator(`[data-testid="slot-${slot}"] input[type="file"]`).setInputFiles(file);
  const response = await uploaded;
  assert.ok(response.ok(), `upload into ${slot} → ${response.status()} ${await response.text()}`);
  await page.locator(`[data-testid="slot-${slot}"][data-uploaded="true"]`).waitFor();
  return (await response.json()).data.documentId;
}

test(
  "晶华's admin: the seeded refunds and the paid one; a new refund through the wizard to 申报",
  { timeout: 240_000 },
  async (t) => {
    const jwt = await smsLogin(JINGHUA_ADMIN, { t });
    const seeded = (await ok("/api/tax-refund/applications?pageSize=100", { token: jwt })).data;
    assert.ok(seeded.length >= 2, `晶华 has the two seeded refunds (${seeded.length})`);
    // The seeded paid one (the staff screens' e2e may have paid out the other one meanwhile).
    const paid = seeded.find((r) => r.status === "paid" && r.refundedAmount === "4680.00");
    assert.ok(
      paid,
      `one of them is paid out with ¥4680.00: ${JSON.stringify(seeded.map((r) => [r.status, r.refundedAmount]))}`,
    );
    const open = seeded.filter((r) => ["declared", "reviewing", "treasury", "returned"].includes(r.status));
    const expected = yuan(open.reduce((sum, r) => sum + (r.estimate ? cents(r.estimate.estimate) : 0n), 0n));
    const refunded = yuan(seeded.reduce((sum, r) => sum + (r.refundedAmount ? cents(r.refundedAmount) : 0n), 0n));
    const declarations = (await ok("/api/tax-refund/declarations", { token: jwt })).data;
    const { context, errors } = await signedInPage(jwt, t);

    await screenshotOnFailure(
      () => page,
      join(RESULTS, "tax-refund-admin-failure.png"),
      async () => {
        // ── the home page: the refunds and the summary ──────────────────────────────────────────────
        await page.goto(`${MERCHANT_URL}/modules/tax-refund`);
        await page.waitForURL((url) => new URL(url).pathname === "/tax-refund");
        await page.getByTestId("tax-refund-home").waitFor();
        await page.getByTestId("refund-guide").getByText("PDF").first().waitFor();
        await page
          .getByTestId("refund-row")
          .nth(seeded.length - 1)
          .waitFor();
        assert.equal(await page.getByTestId("refund-row").count(), seeded.length);
        for (const r of seeded)
          await page
            .locator(`[data-testid="refund-row"][data-number="${r.number}"][data-status="${r.status}"]`)
            .waitFor();
        const summary = page.getByTestId("refund-summary");
        assert.equal(await summary.getAttribute("data-refunded"), refunded);
        assert.equal(await summary.getAttribute("data-expected"), expected);
        assert.equal(Number(await summary.getAttribute("data-paid")), seeded.filter((r) => r.status === "paid").length);
        assert.equal(Number(await summary.getAttribute("data-open")), open.length);
        assert.match(
          await page.getByTestId("summary-refunded").innerText(),
          new RegExp(shown(refunded).replace(".", "\\.")),
        );
        assert.match(
          await page.getByTestId("summary-expected").innerText(),
          new RegExp(shown(expected).replace(".", "\\.")),
        );
        await page.getByTestId("create-refund").waitFor();
        await page.screenshot({ path: join(RESULTS, "tax-refund-home.png"), fullPage: true });

        // ── the paid refund ──────────────────────────────────────────────────────────────────────────
        const paidRow = page.locator(`[data-testid="refund-row"][data-number="${paid.number}"]`);
        assert.match(await paidRow.getByTestId("refund-refunded-cell").innerText(), /4,680\.00/);
        await paidRow.getByTestId("refund-link").click();
        await page.waitForURL((url) => new URL(url).pathname === `/tax-refund/${paid.id}`);
        await page.locator('[data-testid="refund-page"][data-status="paid"]').waitFor();
        await page.locator('[data-testid="progress-board"][data-status="paid"]').waitFor();
        assert.equal(
          await page.locator(".jmt-board-steps .ant-steps-item-finish").count(),
          4,
          "申报 → 审核 → 退库 → 到账 all done",
        );
        await page.getByTestId("progress-board").getByText("到账").first().waitFor();
        assert.equal(await page.getByTestId("refund-refunded").getAttribute("data-value"), "4680.00");
        assert.match(await page.getByTestId("refund-refunded").innerText(), /¥ 4,680\.00/);
        assert.equal(await page.getByTestId("refund-estimate").getAttribute("data-value"), paid.estimate.estimate);
        const paidMessage = page
          .locator('[data-testid="return-item"][data-status="paid"]')
          .filter({ hasText: "4,680.00" });
        await paidMessage.getByText("退税款已退至对公账户").waitFor();
        await page.getByTestId("evidence-item").nth(2).waitFor();
        assert.deepEqual(
          await page
            .getByTestId("evidence-item")
            .evaluateAll((items) => items.map((i) => i.getAttribute("data-category"))),
          SLOTS,
        );
        const previewed = page.waitForResponse(isCall("GET", /^\/api\/private-files\/[^/]+\/download$/));
        await page.getByTestId("evidence-preview").first().click();
        assert.equal((await previewed).status(), 200);
        await page.getByTestId("file-preview").waitFor();
        // The PDF viewer in the frame keeps the keyboard: close with the dialog's button.
        await modalSettled(page);
        const preview = page.getByTestId("file-preview");
        await clickUntil(
          page.locator(".ant-modal").filter({ has: preview }).locator(".ant-modal-close"),
          async () => !(await preview.isVisible()),
        );
        await preview.waitFor({ state: "detached" });
        await page.getByTestId("timeline-item").nth(4).waitFor();
        assert.equal(await page.getByTestId("fix-and-resubmit").count(), 0, "a paid refund cannot be edited");
        await page.screenshot({ path: join(RESULTS, "tax-refund-paid.png"), fullPage: true });

        // ── a new refund: 退税信息 ─────────────────────────────────────────────────────────────────────
        await page.goto(`${MERCHANT_URL}/tax-refund`);
        await page.getByTestId("create-refund").click();
        await page.waitForURL((url) => new URL(url).pathname === "/tax-refund/new");
        const wizard = page.getByTestId("refund-wizard");
        await page.locator('[data-testid="refund-wizard"][data-current-step="info"]').waitFor();
        await page.getByTestId("estimate-idle").waitFor();
        // The radio card (its input is hidden): already 外贸企业 for a new refund, chosen again as a person would.
        await wizard.locator('label:has([data-testid="enterprise-trading"])').click();
        assert.equal(await wizard.getByTestId("enterprise-trading").isChecked(), true);
        await wizard.getByTestId("refund-order-amount").fill(ORDER);
        await wizard.getByTestId("refund-purchase-amount").fill(PURCHASE);

        // A code the rate table does not cover: said plainly.
        const missingRate = page.waitForResponse(
          (r) =>
            new URL(r.url()).pathname === "/api/tax-refund/estimate" &&
            new URL(r.url()).searchParams.get("hsCode") === "7117190000",
        );
        await wizard.getByTestId("refund-hs-code").fill("7117190000");
        assert.equal((await missingRate).status(), 404);
        await page.getByTestId("estimate-not-found").getByText("未找到适用的退税率").waitFor();
        await page.locator('[data-testid="estimate-panel"][data-state="error"]').waitFor();

        // 7116200000 from the suggestions: 13 % and the exact estimate.
        await wizard.getByTestId("refund-hs-code").fill("71162");
        await page.locator('[data-testid="hs-option"][data-code="7116200000"]').click();
        assert.equal(await wizard.getByTestId("refund-hs-code").inputValue(), "7116200000");
        const exportDate = beijingDate(3);
        const dateInput = page.locator('.jmt-wizard-panel[data-step="info"] .ant-picker input');
        await dateInput.click();
        await dateInput.fill(exportDate);
        await dateInput.press("Enter");
        const panel = page.locator(`[data-testid="estimate-panel"][data-state="ok"][data-value="${ESTIMATE}"]`);
        await panel.waitFor();
        assert.equal(await panel.getByTestId("estimate-rate").getAttribute("data-rate"), "13");
        assert.equal(
          (await panel.getByTestId("estimate-formula").innerText()).trim(),
          `${PURCHASE} × 13% = ${ESTIMATE}`,
        );
        assert.match(await panel.getByTestId("estimate-amount").innerText(), /1,604\.94/);
        await panel.getByTestId("estimate-source").getByText("起生效").waitFor();
        if (declarations.length === 0) await page.getByTestId("batches-empty").waitFor();
        else await page.getByTestId("batch-option").first().waitFor();
        await wizard.getByTestId("refund-invoice-no").fill("32002541300099901");
        await wizard.getByTestId("refund-note").fill("e2e：12 月 TikTok 美国站紫水晶手串");
        await page.screenshot({ path: join(RESULTS, "tax-refund-wizard-info.png"), fullPage: true });

        // The first 下一步 creates the draft; the address becomes the refund's.
        const created = page.waitForResponse(isCall("POST", /^\/api\/applications$/));
        await page.getByTestId("wizard-next").click();
        const createdResponse = await created;
        assert.equal(createdResponse.status(), 201, `POST /api/applications → ${await createdResponse.text()}`);
        const draft = (await createdResponse.json()).data;
        assert.equal(draft.kind, "tax-refund");
        assert.equal(draft.status, "draft");
        const saved = {
          enterpriseType: "trading",
          orderAmount: ORDER,
          purchaseAmount: PURCHASE,
          hsCode: "7116200000",
          exportDate,
          invoiceNo: "32002541300099901",
          note: "e2e：12 月 TikTok 美国站紫水晶手串",
        };
        for (const [field, value] of Object.entries(saved))
          assert.equal(draft.data[field], value, `the draft keeps ${field}`);
        await page.waitForURL((url) => new URL(url).pathname === `/tax-refund/${draft.id}/edit`);
        await page.locator('[data-testid="refund-wizard"][data-current-step="documents"]').waitFor();

        // ── 上传单据: PDFs only ──────────────────────────────────────────────────────────────────────
        await page.getByTestId("slot-tax_declaration-only").getByText("仅限 PDF").waitFor();
        let posted = 0;
        const countUploads = (request) => {
          if (request.method() === "POST" && new URL(request.url()).pathname === "/api/private-files") posted++;
        };
        page.on("request", countUploads);
        await page
          .locator('[data-testid="slot-tax_declaration"] input[type="file"]')
          .setInputFiles({ name: "报关单.png", mimeType: "image/png", buffer: PNG });
        await page.getByText("仅支持 PDF 格式的文件").waitFor();
        page.off("request", countUploads);
        assert.equal(posted, 0, "an image is refused before it is sent");
        assert.equal(await page.getByTestId("slot-tax_declaration").getAttribute("data-uploaded"), "false");

        // A "PDF" without its cross-reference table passes the upload, not the submission.
        await uploadInto("tax_declaration", { name: "报关单.pdf", mimeType: "application/pdf", buffer: PDF });
        await uploadInto("tax_purchase_invoice", {
          name: "进项发票.pdf",
          mimeType: "application/pdf",
          buffer: realPdf("VAT invoice e2e"),
        });
        await uploadInto("tax_sales_invoice", {
          name: "销售发票.pdf",
          mimeType: "application/pdf",
          buffer: realPdf("Sales invoice e2e"),
        });
        await page.getByTestId("wizard-next").click();
        await page.locator('[data-testid="refund-wizard"][data-current-step="confirm"]').waitFor();
        await page.locator(`[data-testid="review-estimate"][data-value="${ESTIMATE}"]`).waitFor();
        assert.equal(await page.locator('[data-testid="review-file"][data-uploaded="true"]').count(), 3);
        const refused = page.waitForResponse(isCall("POST", /^\/api\/applications\/[^/]+\/transitions$/));
        await page.getByTestId("wizard-submit").click();
        const refusedResponse = await refused;
        assert.equal(refusedResponse.status(), 400);
        const refusal = (await refusedResponse.json()).error;
        assert.equal(refusal.code, "APPLICATION_INCOMPLETE");
        assert.deepEqual(
          refusal.details.missing.map((m) => [m.field, m.reason]),
          [["files.tax_declaration", "invalid"]],
        );
        await page.locator('[data-testid="refund-wizard"][data-current-step="documents"]').waitFor();
        await page
          .locator('[data-testid="missing-field"][data-field="files.tax_declaration"][data-reason="invalid"]')
          .waitFor();
        await page.locator('[data-testid="slot-tax_declaration"].is-invalid').waitFor();
        await page.getByText("不是有效的 PDF").first().waitFor();
        await page.screenshot({ path: join(RESULTS, "tax-refund-invalid-pdf.png"), fullPage: true });

        // A real PDF replaces it (kept at once), then submitted.
        const kept = page.waitForResponse(isCall("PUT", new RegExp(`^/api/applications/${draft.id}$`)));
        const declaration = await uploadInto("tax_declaration", {
          name: "报关单.pdf",
          mimeType: "application/pdf",
          buffer: realPdf("Export declaration e2e"),
        });
        const keptBody = await (await kept).json();
        assert.equal(keptBody.data.data.files.tax_declaration, declaration, "the new upload is saved with the draft");
        await page.locator('[data-testid="slot-tax_declaration"].is-invalid').waitFor({ state: "detached" });
        await page.getByTestId("wizard-next").click();
        await page.locator('[data-testid="refund-wizard"][data-current-step="confirm"]').waitFor();
        const submitted = page.waitForResponse(isCall("POST", /^\/api\/applications\/[^/]+\/transitions$/));
        await page.getByTestId("wizard-submit").click();
        const submittedResponse = await submitted;
        assert.equal(submittedResponse.status(), 200, `submit → ${await submittedResponse.text()}`);
        assert.deepEqual(submittedResponse.request().postDataJSON(), { to: "declared" });

        // ── the detail: 申报 ─────────────────────────────────────────────────────────────────────────
        await page.waitForURL((url) => new URL(url).pathname === `/tax-refund/${draft.id}`);
        await page.locator('[data-testid="refund-page"][data-status="declared"]').waitFor();
        await page.locator('[data-testid="progress-board"][data-status="declared"]').waitFor();
        await page.locator(".jmt-board-steps .ant-steps-item-process").getByText("申报").waitFor();
        assert.equal(await page.getByTestId("application-number").first().innerText(), draft.number);
        assert.equal(await page.getByTestId("refund-estimate").getAttribute("data-value"), ESTIMATE);
        assert.equal(await page.getByTestId("refund-formula").innerText(), `${PURCHASE} × 13% = ${ESTIMATE}`);
        await page.getByTestId("evidence-item").nth(2).waitFor();
        await page.getByTestId("refund-stage-note").waitFor();
        await page.locator('[data-testid="timeline-item"][data-to="declared"]').waitFor();
        assert.equal(
          (await page.getByTestId("fix-and-resubmit").count()) + (await page.getByTestId("refund-continue").count()),
          0,
          "a declared refund is with the platform",
        );
        await page.screenshot({ path: join(RESULTS, "tax-refund-declared.png"), fullPage: true });

        // The list has it, 申报中.
        await page.getByRole("button", { name: "返回出口退税" }).click();
        await page
          .locator(`[data-testid="refund-row"][data-number="${draft.number}"][data-status="declared"]`)
          .waitFor();

        // ── 退回补正 by staff (through the API): the reason, 修改并重新提交, back to 申报 ────────────────────
        const staff = await smsLogin(STAFF_PHONE, { t });
        await ok(`/api/applications/${draft.id}/transitions`, {
          method: "POST",
          token: staff,
          body: { to: "returned", note: RETURN_NOTE },
        });
        await page.goto(`${MERCHANT_URL}/tax-refund/${draft.id}`);
        await page.locator('[data-testid="refund-page"][data-status="returned"]').waitFor();
        await page.getByTestId("return-reason").getByText("需要补正").waitFor();
        await page.getByTestId("return-reason").getByText(RETURN_NOTE).waitFor();
        await page.screenshot({ path: join(RESULTS, "tax-refund-returned.png"), fullPage: true });
        await page.getByTestId("fix-and-resubmit").click();
        await page.waitForURL((url) => new URL(url).pathname === `/tax-refund/${draft.id}/edit`);
        await page.locator('[data-testid="refund-wizard"][data-current-step="info"]').waitFor();
        await page.getByTestId("wizard-return-note").getByText(RETURN_NOTE).waitFor();
        assert.equal(
          await wizard.getByTestId("refund-purchase-amount").inputValue(),
          PURCHASE,
          "the wizard opens with what was submitted",
        );
        await wizard.getByTestId("refund-purchase-amount").fill(FIXED_PURCHASE);
        await page.locator(`[data-testid="estimate-panel"][data-state="ok"][data-value="${FIXED_ESTIMATE}"]`).waitFor();
        const fixed = page.waitForResponse(isCall("PUT", new RegExp(`^/api/applications/${draft.id}$`)));
        await page.getByTestId("wizard-next").click();
        assert.equal((await (await fixed).json()).data.data.purchaseAmount, FIXED_PURCHASE);
        await page.locator('[data-testid="refund-wizard"][data-current-step="documents"]').waitFor();
        await page.getByTestId("wizard-next").click();
        await page.locator(`[data-testid="review-estimate"][data-value="${FIXED_ESTIMATE}"]`).waitFor();
        const resubmitted = page.waitForResponse(isCall("POST", /^\/api\/applications\/[^/]+\/transitions$/));
        await page.getByTestId("wizard-submit").filter({ hasText: "重新提交" }).click();
        assert.equal((await resubmitted).status(), 200);
        await page.waitForURL((url) => new URL(url).pathname === `/tax-refund/${draft.id}`);
        await page.locator('[data-testid="refund-page"][data-status="declared"]').waitFor();
        assert.equal(await page.getByTestId("refund-estimate").getAttribute("data-value"), FIXED_ESTIMATE);
        await page.locator('[data-testid="timeline-item"][data-to="returned"]').getByText(RETURN_NOTE).waitFor();

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

test("晶华's member sees the refunds without 新建 or 修改", { timeout: 180_000 }, async (t) => {
  const jwt = await smsLogin(JINGHUA_MEMBER, { t });
  const refunds = (await ok("/api/tax-refund/applications?pageSize=100", { token: jwt })).data;
  const paid = refunds.find((r) => r.status === "paid" && r.refundedAmount === "4680.00");
  assert.ok(paid, "the member sees the paid refund too");
  const { context, errors } = await signedInPage(jwt, t);
  await screenshotOnFailure(
    () => page,
    join(RESULTS, "tax-refund-member-failure.png"),
    async () => {
      await page.goto(`${MERCHANT_URL}/tax-refund`);
      await page.getByTestId("read-only-note").waitFor();
      await page
        .getByTestId("refund-row")
        .nth(refunds.length - 1)
        .waitFor();
      await page.getByTestId("refund-summary").waitFor();
      // 退税测算 works for members too: glass beads, 9 %.
      const calculator = page.getByTestId("refund-calculator");
      await calculator.getByTestId("calculator-hs-code").fill("7018100000");
      await calculator.getByTestId("calculator-amount").fill("1,000");
      await calculator.locator('[data-testid="estimate-panel"][data-state="ok"][data-value="90.00"]').waitFor();
      assert.equal(await calculator.getByTestId("estimate-rate").getAttribute("data-rate"), "9");
      assert.equal(await page.getByTestId("create-refund").count(), 0, "members create no refund");
      assert.equal(await page.getByTestId("refund-row-edit").count(), 0, "members edit no refund");
      await page.screenshot({ path: join(RESULTS, "tax-refund-member.png"), fullPage: true });
      // A narrower window: the summary, the list and the guide stack.
      await page.setViewportSize({ width: 900, height: 1000 });
      await page.getByTestId("refund-summary").waitFor();
      await page.screenshot({ path: join(RESULTS, "tax-refund-member-narrow.png"), fullPage: true });
      await page.setViewportSize({ width: 1440, height: 960 });
      await page.locator(`[data-testid="refund-row"][data-number="${paid.number}"]`).getByTestId("refund-link").click();
      await page.locator('[data-testid="refund-page"][data-status="paid"]').waitFor();
      await page.getByTestId("evidence-item").first().waitFor();
      assert.equal(await page.getByTestId("fix-and-resubmit").count(), 0);
      assert.equal(await page.getByTestId("refund-continue").count(), 0);
      await page.goto(`${MERCHANT_URL}/tax-refund/new`);
      await page.getByTestId("refund-edit-forbidden").waitFor();
      assert.equal(await page.getByTestId("refund-wizard").count(), 0);
      assert.deepEqual(
        errors.map((e) => e.message),
        [],
        "the pages raised no runtime errors",
      );
    },
  );
  await context.close();
});
