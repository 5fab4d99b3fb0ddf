// Browser end-to-end test of the 收结汇 staff screens (X1–X4): the super admin opens 结汇审核 from the menu, opens 晶华's
// seeded processing settlement, previews an evidence file, tries a CNY amount that does not match amount × actual rate
// (CNY_AMOUNT_MISMATCH, the expected amount shown), completes it with the right one and sees 已完成 with 实际汇率 /
// 人民币金额 / 剩余美元; then on 子账户余额 → 上传余额 downloads the template, uploads a sheet with one bad row (every
// error listed, "nothing was written", balances unchanged through the API) and a good one (the changed and the
// unchanged row); finally on 汇率管理 enters a manual USD rate and fetches rates now (each provider's answer shown).
//
//   ADMIN_URL     the served admin app (vite preview of the build), e.g. http://127.0.0.1:8001
//   SMS_SIM_URL   the SMS simulator, e.g. http://127.0.0.1:1340 (GET /outbox?phone=… newest first)
//   CMS_URL       the cms, e.g. http://127.0.0.1:1337 (API checks)
//   STAFF_PHONE   optional, default the seeded super admin 13800000000 (fx.settle, fx.balances, fx.rates through `*`)
//   CHROMIUM_PATH optional, default /usr/bin/chromium
//   TEST_RESULTS_DIR optional, default admin/test-results
// It needs a freshly seeded database (npm test starts one): 晶华's settlement FX-20261121-00002 must still be processing.
//
//   node --test admin/e2e/fx.e2e.mjs
import ExcelJS from "exceljs";
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { clickUntil, envUrl, isCall, launchBrowser, modalSettled, newSignedInPage, ok, resultsDir, screenshotOnFailure, smsLogin } from "@jmt/e2e-support";

const ADMIN_URL = envUrl("ADMIN_URL", "http://127.0.0.1:8001");
const STAFF_PHONE = process.env.STAFF_PHONE ?? "13800000000";
const TOKEN_KEY = "jmt.admin.jwt"; // admin/src/config.ts
const JINGHUA = "东海县晶华水晶饰品有限公司";
const JINGYING = "东海县晶莹水晶制品厂";
const UNKNOWN_SUB_ACCOUNT = "32050161623699999999";

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

// ── exact decimals (the test's own, independent of the app's lib) ───────────────────────────────

/** "12.5" → 1250n at scale 2 (the value must not have more places than `scale`). */
const units = (value, scale) => {
  const [whole, fraction = ""] = String(value).split(".");
  assert.ok(fraction.length <= scale, `${value} has at most ${scale} places`);
  return BigInt(whole + fraction.padEnd(scale, "0"));
};
const text = (scaled, scale) => {
  const negative = scaled < 0n;
  const digits = (negative ? -scaled : scaled).toString().padStart(scale + 1, "0");
  return `${negative ? "-" : ""}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
};
/** amount (2 places) × rate (4 places), rounded half-up to 2 places. */
const cnyOf = (amount, rate) => {
  const product = units(amount, 2) * units(rate, 4); // scale 6
  return text((product + 5_000n) / 10_000n, 2);
};
const plus = (a, b, scale = 2) => text(units(a, scale) + units(b, scale), scale);

// ── the sheet ─────────────────────────────────────────────────────────────────────────────────

/** A balance sheet with the template's columns; each row `[merchantName, subAccount, currency, balance, date]`. */
const balanceSheet = async (rows) => {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet("子账户余额");
  sheet.addRow(["商户名称", "外汇子账号", "币种", "账户余额", "余额日期"]);
  for (const row of rows) sheet.addRow(row);
  sheet.getColumn(2).numFmt = "@";
  return Buffer.from(await workbook.xlsx.writeBuffer());
};

const today = () => new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10); // Beijing date

/** Opens a page of the 收结汇 menu group (expanding the group when it is closed). */
const openMenu = async (label, urlPattern) => {
  const item = page.getByRole("menuitem", { name: label });
  if (!(await item.isVisible())) await page.getByRole("menuitem", { name: /收结汇/ }).click();
  await item.click();
  await page.waitForURL(urlPattern);
};

test("staff complete a settlement, upload sub-account balances and manage rates", { timeout: 300_000 }, async (t) => {
  const staffJwt = await smsLogin(STAFF_PHONE, { t });
  const me = await ok("/api/me", { token: staffJwt });
  assert.ok(me.isPlatformStaff, `${STAFF_PHONE} is platform staff`);
  for (const permission of ["fx.settle", "fx.balances", "fx.rates"]) {
    assert.ok(me.permissions.includes("*") || me.permissions.includes(permission), `${STAFF_PHONE} has ${permission}`);
  }
  const queue = (await ok(`/api/fx/settlements?filters[status][$eq]=processing&filters[q][$containsi]=${encodeURIComponent(JINGHUA)}`, { token: staffJwt }))
    .data;
  const seeded = queue.find((settlement) => settlement.merchant?.nameCn === JINGHUA);
  assert.ok(seeded, `${JINGHUA} has a processing settlement (fresh database)`);
  const accountOf = async (name) => {
    const accounts = (await ok(`/api/fx/accounts?filters[q][$containsi]=${encodeURIComponent(name)}`, { token: staffJwt })).data;
    const account = accounts.find((item) => item.merchant.nameCn === name);
    assert.ok(account, `${name} is listed in /api/fx/accounts`);
    return account;
  };
  const jinghuaBefore = await accountOf(JINGHUA);
  assert.ok(jinghuaBefore.fxSubAccount, `${JINGHUA} has an FX sub-account`);

  const session = await newSignedInPage(browser, { tokenKey: TOKEN_KEY, jwt: staffJwt, t, viewport: { width: 1440, height: 900 }, acceptDownloads: true });
  const { context } = session;
  page = session.page;
  const pageErrors = session.errors;

  try {
    await screenshotOnFailure(
      () => page,
      join(RESULTS, "admin-fx-failure.png"),
      async () => {
        // 1. 结汇审核 from the menu: the 结汇中 tab lists 晶华's settlement; a search by merchant keeps it.
        await page.goto(`${ADMIN_URL}/`, { waitUntil: "domcontentloaded" });
        await page.getByTestId("dashboard").waitFor({ state: "visible" });
        await page.locator(`[data-testid=stat-pending-settlements]`).waitFor({ state: "visible" });
        const [list] = await Promise.all([
          page.waitForResponse(
            (r) => isCall("GET", /\/api\/fx\/settlements$/, 200)(r) && new URL(r.url()).searchParams.get("filters[status][$eq]") === "processing",
          ),
          openMenu(/结汇审核/, /\/fx\/settlements/),
        ]);
        assert.ok(
          (await list.json()).data.some((settlement) => settlement.id === seeded.id),
          "the queue answers the seeded settlement",
        );
        const row = page.getByTestId("settlement-table").locator(`tbody tr[data-number="${seeded.number}"]`);
        await row.waitFor({ state: "visible" });
        await page.locator("[data-testid=settlement-tab-processing]").waitFor({ state: "visible" });
        const search = page.getByTestId("settlement-search");
        await search.fill("晶华");
        await Promise.all([
          page.waitForResponse((r) => isCall("GET", /\/api\/fx\/settlements$/, 200)(r) && decodeURIComponent(r.url()).includes("filters[q][$containsi]=")),
          search.press("Enter"),
        ]);
        await row.waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-fx-queue.png"), fullPage: true });

        // 2. The settlement: the merchant's fields as submitted, three evidence files (one previewed), the account.
        await row.getByTestId("settlement-open").click();
        await page.waitForURL(/\/fx\/settlements\/[^/]+$/);
        await page.locator("[data-testid=settlement-detail][data-status=processing]").waitFor({ state: "visible" });
        await page.getByTestId("settlement-number").filter({ hasText: seeded.number }).waitFor({ state: "visible" });
        await page.getByTestId("profile-fxSubAccount").filter({ hasText: jinghuaBefore.fxSubAccount }).waitFor({ state: "visible" });
        for (const category of ["fx_withdrawal", "fx_statement", "fx_logistics"]) {
          await page.getByTestId(`evidence-download-${category}`).waitFor({ state: "visible" });
        }
        await Promise.all([
          page.waitForResponse(isCall("GET", /\/api\/private-files\/[^/]+\/download$/, 200)),
          page.getByTestId("evidence-preview-fx_withdrawal").click(),
        ]);
        await page.getByTestId("file-preview").waitFor({ state: "visible" });
        // The PDF viewer keeps the keyboard focus: close with the dialog's own button, once the dialog has settled
        // (a click during its opening animation can be lost on a loaded machine).
        await modalSettled(page);
        const preview = page.getByTestId("file-preview");
        await clickUntil(page.locator(".ant-modal").filter({ has: preview }).locator(".ant-modal-close"), async () => !(await preview.isVisible()));
        await preview.waitFor({ state: "hidden" });
        await page.locator(`[data-testid=settlement-account-balance][data-value="${jinghuaBefore.balance}"]`).waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-fx-settlement.png"), fullPage: true });

        // 3. 完成结汇: the CNY amount follows amount × rate exactly; a wrong one is refused with the expected amount.
        await page.getByTestId("settlement-complete").click();
        await page.getByTestId("complete-modal").waitFor({ state: "visible" });
        const rateInput = page.getByTestId("complete-rate");
        const cnyInput = page.getByTestId("complete-cny");
        assert.equal(await cnyInput.inputValue(), cnyOf(seeded.amount, seeded.rate), "prefilled with amount × requested rate");
        const actualRate = "7.0312";
        const expected = cnyOf(seeded.amount, actualRate);
        await rateInput.fill(actualRate);
        assert.equal(await cnyInput.inputValue(), expected, "the CNY amount follows the actual rate");
        const wrong = plus(expected, "-50.00");
        await cnyInput.fill(wrong);
        const [refused] = await Promise.all([
          page.waitForResponse(isCall("POST", /\/api\/fx\/settlements\/[^/]+\/complete$/)),
          modalSettled(page).then(() => page.getByTestId("complete-confirm").click()),
        ]);
        assert.equal(refused.status(), 400, `a wrong CNY amount → ${refused.status()} ${await refused.text()}`);
        const refusal = await refused.json();
        assert.equal(refusal.error.code, "CNY_AMOUNT_MISMATCH");
        assert.equal(refusal.error.details.expected, expected, "the cms computes the same amount");
        assert.deepEqual(refused.request().postDataJSON(), { actualRate, cnyAmount: wrong }, "amounts are sent as decimal strings");
        await page.getByTestId("cny-mismatch").waitFor({ state: "visible" });
        await page.locator(`[data-testid=cny-expected][data-value="${expected}"]`).waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-fx-mismatch.png") });
        await page.getByTestId("cny-use-expected").click();
        assert.equal(await cnyInput.inputValue(), expected);
        const [completed] = await Promise.all([
          page.waitForResponse(isCall("POST", /\/api\/fx\/settlements\/[^/]+\/complete$/)),
          modalSettled(page).then(() => page.getByTestId("complete-confirm").click()),
        ]);
        assert.equal(completed.status(), 200, `complete → ${completed.status()} ${await completed.text()}`);
        await page.locator("[data-testid=settlement-detail][data-status=completed]").waitFor({ state: "visible" });
        await page.getByTestId("settlement-status").filter({ hasText: "已完成" }).waitFor({ state: "visible" });
        const remaining = plus(jinghuaBefore.balance, `-${seeded.amount}`);
        await page.locator(`[data-testid=result-actual-rate][data-value="${actualRate}"]`).waitFor({ state: "visible" });
        await page.locator(`[data-testid=result-cny-amount][data-value="${expected}"]`).waitFor({ state: "visible" });
        await page.locator(`[data-testid=result-remaining-usd][data-value="${remaining}"]`).waitFor({ state: "visible" });
        const done = (await ok(`/api/fx/settlements/${seeded.id}`, { token: staffJwt })).data;
        assert.equal(done.status, "completed");
        assert.equal(done.cnyAmount, expected);
        assert.equal(done.remainingUsd, remaining);
        await page.screenshot({ path: join(RESULTS, "admin-fx-completed.png"), fullPage: true });

        // 4. 子账户余额 → 上传余额: the template downloads with the token.
        const jinghua = await accountOf(JINGHUA);
        const jingying = await accountOf(JINGYING);
        assert.ok(jingying.fxSubAccount, `${JINGYING} has an FX sub-account`);
        await Promise.all([page.waitForResponse(isCall("GET", /\/api\/fx\/accounts$/, 200)), openMenu(/子账户余额/, /\/fx\/accounts/)]);
        await page.getByTestId("account-table").locator(`tbody tr[data-merchant="${JINGHUA}"]`).waitFor({ state: "visible" });
        await page.getByTestId("open-balance-upload").click();
        await page.waitForURL(/\/fx\/balance-uploads/);
        await page.getByTestId("balance-upload-card").waitFor({ state: "visible" });
        const [download] = await Promise.all([page.waitForEvent("download"), page.getByTestId("balance-template").first().click()]);
        assert.match(download.suggestedFilename(), /\.xlsx$/, "the template is an xlsx");

        // A sheet with one bad row: every error is listed, nothing is written.
        const input = page.getByTestId("balance-upload-input").locator("input[type=file]");
        const raised = plus(jingying.balance, "1234.56");
        const badSheet = await balanceSheet([
          [JINGYING, jingying.fxSubAccount, "USD", Number(raised), today()],
          ["不存在的商户", UNKNOWN_SUB_ACCOUNT, "EUR", "abc", "2026-13-45"],
        ]);
        const [rejected] = await Promise.all([
          page.waitForResponse(isCall("POST", /\/api\/fx\/balance-uploads$/)),
          input.setInputFiles({
            name: "余额-有错误.xlsx",
            mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            buffer: badSheet,
          }),
        ]);
        assert.equal(rejected.status(), 422, `a bad row → ${rejected.status()} ${await rejected.text()}`);
        const problems = (await rejected.json()).error;
        assert.equal(problems.code, "BALANCE_UPLOAD_INVALID");
        assert.ok(problems.details.errors.length >= 2, "the bad row has several bad cells");
        assert.ok(
          problems.details.errors.every((error) => error.row === 3),
          "only row 3 is bad",
        );
        await page.getByTestId("upload-nothing-written").waitFor({ state: "visible" });
        const errorRows = page.getByTestId("upload-errors").locator("tbody tr.ant-table-row");
        await errorRows.first().waitFor({ state: "visible" });
        assert.equal(await errorRows.count(), problems.details.errors.length, "every error is listed");
        for (const error of problems.details.errors) {
          await page
            .getByTestId("upload-errors")
            .locator(`tbody tr[data-code="${error.code}"]`)
            .filter({ hasText: error.message })
            .waitFor({ state: "visible" });
        }
        assert.equal((await accountOf(JINGYING)).balance, jingying.balance, `${JINGYING}'s balance did not change`);
        assert.equal((await accountOf(JINGHUA)).balance, jinghua.balance, `${JINGHUA}'s balance did not change`);
        await page.screenshot({ path: join(RESULTS, "admin-fx-upload-invalid.png"), fullPage: true });

        // The good sheet: 晶莹 changes, 晶华 stays the same.
        const goodSheet = await balanceSheet([
          [JINGHUA, jinghua.fxSubAccount, "USD", jinghua.balance, today()],
          [JINGYING, jingying.fxSubAccount, "USD", Number(raised), today()],
        ]);
        const [accepted] = await Promise.all([
          page.waitForResponse(isCall("POST", /\/api\/fx\/balance-uploads$/)),
          input.setInputFiles({
            name: "余额-晶莹.xlsx",
            mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            buffer: goodSheet,
          }),
        ]);
        assert.equal(accepted.status(), 200, `good sheet → ${accepted.status()} ${await accepted.text()}`);
        const result = (await accepted.json()).data;
        assert.equal(result.changed, 1);
        assert.equal(result.unchanged, 1);
        await page.getByTestId("upload-success").waitFor({ state: "visible" });
        const changed = result.rows.find((item) => item.subAccount === jingying.fxSubAccount);
        assert.equal(changed?.status, "changed");
        assert.equal(changed.balance, raised);
        assert.equal(changed.previousBalance, jingying.balance);
        const changedRow = page.getByTestId("upload-rows").locator(`tbody tr[data-sub-account="${jingying.fxSubAccount}"][data-status=changed]`);
        await changedRow.waitFor({ state: "visible" });
        await changedRow.locator(`[data-testid=upload-row-balance][data-value="${raised}"]`).waitFor({ state: "visible" });
        await changedRow.locator(`[data-testid=upload-row-delta][data-value="${changed.delta}"]`).waitFor({ state: "visible" });
        await page
          .getByTestId("upload-rows")
          .locator(`tbody tr[data-sub-account="${jinghua.fxSubAccount}"][data-status=unchanged]`)
          .waitFor({ state: "visible" });
        await page.getByTestId("balance-upload-history").getByText("余额-晶莹.xlsx").waitFor({ state: "visible" });
        assert.equal((await accountOf(JINGYING)).balance, raised, `${JINGYING}'s balance is the uploaded one`);
        await page.screenshot({ path: join(RESULTS, "admin-fx-upload-ok.png"), fullPage: true });

        // 5. 汇率管理: a manual USD rate for the latest date becomes the rate shown; 立即抓取 shows each provider.
        const [ratesResponse] = await Promise.all([page.waitForResponse(isCall("GET", /\/api\/fx\/rates$/, 200)), openMenu(/汇率管理/, /\/fx\/rates/)]);
        const usd = (await ratesResponse.json()).data.find((rate) => rate.currency === "USD");
        assert.ok(usd, "USD is quoted");
        await page.getByTestId("rate-chart").waitFor({ state: "visible" });
        const manual = plus(usd.rate, "0.0123", 4);
        await page.getByTestId("rates-table").locator("tbody tr[data-currency=USD]").getByTestId("rate-edit").click();
        await page.getByTestId("rate-entry-modal").waitFor({ state: "visible" });
        await page.getByTestId("rate-entry-rate").fill(manual);
        const [saved] = await Promise.all([page.waitForResponse(isCall("PUT", /\/api\/fx\/rates$/)), page.getByTestId("rate-entry-save").click()]);
        assert.equal(saved.status(), 200, `manual rate → ${saved.status()} ${await saved.text()}`);
        assert.deepEqual(saved.request().postDataJSON(), { currency: "USD", date: usd.date, rate: manual });
        await page.locator(`[data-testid=rates-table] tbody tr[data-currency=USD][data-source=manual][data-rate="${manual}"]`).waitFor({ state: "visible" });
        await page.screenshot({ path: join(RESULTS, "admin-fx-rates-manual.png"), fullPage: true });

        const [fetched] = await Promise.all([page.waitForResponse(isCall("POST", /\/api\/fx\/rates\/fetch$/)), page.getByTestId("rates-fetch").click()]);
        assert.equal(fetched.status(), 200, `fetch → ${fetched.status()} ${await fetched.text()}`);
        const { results } = (await fetched.json()).data;
        await page.getByTestId("fetch-results").waitFor({ state: "visible" });
        assert.equal(await page.getByTestId("fetch-result").count(), results.length, "one line per provider");
        for (const answer of results) {
          await page.locator(`[data-testid=fetch-result][data-provider="${answer.provider}"][data-ok="${answer.ok}"]`).waitFor({ state: "visible" });
        }
        await page.screenshot({ path: join(RESULTS, "admin-fx-rates-fetch.png"), fullPage: true });
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
