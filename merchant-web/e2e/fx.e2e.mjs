// Browser end-to-end test of 收结汇 (X1–X4) on the merchant web, against the real cms and its fx plugin:
//   MERCHANT_URL=http://127.0.0.1:8002 SMS_SIM_URL=http://127.0.0.1:1340 CMS_URL=http://127.0.0.1:1337 \
//     node --test merchant-web/e2e/fx.e2e.mjs
//
// 1. 晶华's admin (13900000001; seeded with a USD balance, a completed and a processing settlement, the 我的 fields
//    filled in): /fx shows the account as GET /api/fx/account says and six currency cards; the trend chart follows
//    the selected currency and the 7/30/90/365-day switch, shows a tooltip, and `?currency=` selects a currency;
//    a rate alert is created (a threshold far above any rate, so it never fires and sends nothing), paused and
//    deleted again; 快速结汇: the USD rate prefilled, three evidence files uploaded, an amount above 可用余额 refused
//    in the form, then — after another settlement (through the API, as from a second browser) lowered 可用余额 —
//    an amount the screen still allowed refused by the cms (INSUFFICIENT_AVAILABLE with the available amount),
//    then a valid one: it is listed under 结汇记录 as 结汇中, 结汇中金额 grows by it, 收结汇明细 has its 结汇冻结 row,
//    its detail shows what was submitted with the three files; the home page's account card and 我的's
//    结汇账户 fields (saved unchanged) follow. Nothing here sends a message, so the home page's latest messages
//    that login.e2e.mjs opens stay as seeded.
// 2. 晶华's member (13900000002) sees the account, the rates, the alerts and the settlements without any action.
// Every wait is on a response or an element, never a fixed sleep.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  envUrl,
  isCall,
  launchBrowser,
  newSignedInPage,
  ok,
  resultsDir,
  screenshotOnFailure,
  smsLogin,
  uploadPrivateFile,
  PDF,
  PNG,
} from "@jmt/e2e-support";

const MERCHANT_URL = envUrl("MERCHANT_URL", "http://127.0.0.1:8002");
const TOKEN_KEY = "jmt.merchant.jwt"; // merchant-web/src/providers/session.ts
const JINGHUA_ADMIN = "13900000001";
const JINGHUA_MEMBER = "13900000002";
const CURRENCIES = ["USD", "EUR", "JPY", "GBP", "HKD", "AUD"];
const EVIDENCE = [
  ["fx_withdrawal", "withdrawal.png", "image/png", PNG],
  ["fx_statement", "statement.pdf", "application/pdf", PDF],
  ["fx_logistics", "logistics.pdf", "application/pdf", PDF],
];
/** What the race settlement (through the API) freezes, and what the screen then submits. */
const RACE_AMOUNT = "10.00";
const SETTLE_AMOUNT = "123.45";

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

/** "12580.5" → 1258050n: USD strings compared and added exactly. */
const cents = (value) => {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(String(value).trim());
  assert.ok(m, `a USD amount: ${value}`);
  const v = BigInt(m[2]) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -v : v;
};
/** 1258050n → "12580.50" */
const usd = (c) =>
  `${c < 0n ? "-" : ""}${(c < 0n ? -c : c) / 100n}.${String((c < 0n ? -c : c) % 100n).padStart(2, "0")}`;
/** "12580.50" → "12,580.50", as the screens show it. */
const shown = (value) => {
  const [int, frac = ""] = value.replace(/^-/, "").split(".");
  return `${value.startsWith("-") ? "-" : ""}${int.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${frac.padEnd(2, "0")}`;
};

/** A page signed in with this JWT (the token where the login page leaves it); the helpers below drive it. */
async function signedInPage(jwt, t) {
  const session = await newSignedInPage(browser, { tokenKey: TOKEN_KEY, jwt, t });
  page = session.page;
  return session;
}

/** A response to GET /api/fx/rates/history for this currency and range. */
const historyOf = (currency, days) => (response) => {
  const url = new URL(response.url());
  return (
    response.request().method() === "GET" &&
    url.pathname === "/api/fx/rates/history" &&
    url.searchParams.get("currency") === currency &&
    url.searchParams.get("days") === String(days)
  );
};

/** The chart's attributes once it shows `currency` over `days`. */
async function chartOf(currency, days) {
  await page.locator(`[data-testid="rate-trend"][data-currency="${currency}"][data-days="${days}"]`).waitFor();
  const chart = page.getByTestId("rate-chart");
  return {
    points: Number(await chart.getAttribute("data-points")),
    first: await chart.getAttribute("data-first"),
    last: await chart.getAttribute("data-last"),
  };
}

/** Confirms 快速结汇's 确认提交 dialog (the newest one: an earlier one may still be fading out). */
const confirmSubmit = () => page.locator(".ant-modal-confirm").last().getByRole("button", { name: "确认提交" }).click();

/** Waits until the account card's 结汇中金额 reads `expected` (cents). */
const frozenReads = (expected) =>
  page.waitForFunction((want) => {
    const v = document.querySelector('[data-testid="fx-frozen"]')?.getAttribute("data-value");
    return v !== null && v !== undefined && Math.round(Number(v) * 100) === want;
  }, Number(expected));

test(
  "晶华's admin: account, rates and trend, a rate alert, 快速结汇 with its errors, the settlement and its detail",
  { timeout: 240_000 },
  async (t) => {
    const jwt = await smsLogin(JINGHUA_ADMIN, { t });
    const account = (await ok("/api/fx/account", { token: jwt })).data;
    assert.equal(account.profile.complete, true, `晶华's 我的 fields are seeded: missing ${account.profile.missing}`);
    assert.ok(
      cents(account.available) >= cents("200.00"),
      `晶华 has something to settle (available ${account.available})`,
    );
    const usdRate = (await ok("/api/fx/rates", { token: jwt })).data.find((r) => r.currency === "USD");
    assert.ok(usdRate?.rate, "the board has a USD rate");
    // Alerts a failed earlier run may have left behind (the threshold pattern is this test's own).
    for (const a of (await ok("/api/fx/alerts", { token: jwt })).data) {
      if (/^99\./.test(a.threshold)) await ok(`/api/fx/alerts/${a.id}`, { method: "DELETE", token: jwt });
    }
    const { context, errors } = await signedInPage(jwt, t);

    await screenshotOnFailure(
      () => page,
      join(RESULTS, "fx-admin-failure.png"),
      async () => {
        // ── the account and the board ───────────────────────────────────────────────────────────────
        const firstHistory = page.waitForResponse(historyOf("USD", 30));
        await page.goto(`${MERCHANT_URL}/fx`);
        await page.getByTestId("fx-home").waitFor();
        await page.locator(`[data-testid="fx-balance"][data-value="${account.balance}"]`).waitFor();
        assert.match(
          await page.getByTestId("fx-balance").innerText(),
          new RegExp(shown(account.balance).replace(/\./, "\\.")),
        );
        assert.equal(await page.getByTestId("fx-available").getAttribute("data-value"), account.available);
        assert.equal(await page.getByTestId("fx-frozen").getAttribute("data-value"), account.frozen);
        await page.getByTestId("fx-updated-at").waitFor();
        await page.getByTestId("rate-card").nth(5).waitFor();
        assert.deepEqual(
          await page.getByTestId("rate-card").evaluateAll((cards) => cards.map((c) => c.getAttribute("data-currency"))),
          CURRENCIES,
          "six currency cards in the contract's order",
        );
        await page.locator('[data-testid="rate-card"][data-currency="USD"][aria-pressed="true"]').waitFor();
        assert.equal((await firstHistory).status(), 200);
        const usd30 = await chartOf("USD", 30);
        assert.ok(usd30.points > 1, `the USD trend has points (${usd30.points})`);
        await page.screenshot({ path: join(RESULTS, "fx-home.png"), fullPage: true });

        // The chart follows the selected currency, then the range; the pointer shows a tooltip.
        const eurHistory = page.waitForResponse(historyOf("EUR", 30));
        await page.locator('[data-testid="rate-card"][data-currency="EUR"]').click();
        assert.equal((await eurHistory).status(), 200);
        await page.waitForURL((url) => new URL(url).searchParams.get("currency") === "EUR");
        const eur30 = await chartOf("EUR", 30);
        assert.ok(eur30.points > 1);
        const eur90History = page.waitForResponse(historyOf("EUR", 90));
        await page.getByTestId("chart-days").getByText("近 90 天").click();
        assert.equal((await eur90History).status(), 200);
        const eur90 = await chartOf("EUR", 90);
        assert.ok(eur90.points >= eur30.points, "90 days hold at least the points of 30");
        assert.ok(eur90.first <= eur30.first, "90 days reach further back");
        await page.locator(`[data-testid="rate-chart"][data-first="${eur90.first}"]`).waitFor();
        await page.getByTestId("rate-trend").scrollIntoViewIfNeeded();
        const plot = await page.getByTestId("rate-chart-hover").boundingBox();
        await page.mouse.move(plot.x + plot.width * 0.5, plot.y + plot.height * 0.5);
        await page.getByTestId("chart-tooltip").waitFor();
        await page.screenshot({ path: join(RESULTS, "fx-chart.png"), fullPage: false });

        // Rate-alert messages link to /fx?currency=…: the board opens on that currency.
        const jpyHistory = page.waitForResponse(historyOf("JPY", 30));
        await page.goto(`${MERCHANT_URL}/fx?currency=JPY`);
        assert.equal((await jpyHistory).status(), 200);
        await page.locator('[data-testid="rate-card"][data-currency="JPY"][aria-pressed="true"]').waitFor();
        await chartOf("JPY", 30);

        // ── a rate alert: create, pause, delete ────────────────────────────────────────────────────
        await page.goto(`${MERCHANT_URL}/fx?currency=USD`);
        await page.getByTestId("rate-alerts").waitFor();
        await page.getByTestId("alert-create").click();
        const threshold = `99.${String(Math.floor(Math.random() * 10_000)).padStart(4, "0")}`;
        const dialog = page.locator(".ant-modal").filter({ has: page.getByTestId("alert-form") });
        await dialog.getByTestId("alert-current").waitFor(); // the current USD rate to aim from
        assert.equal(
          await dialog.getByTestId("alert-threshold").inputValue(),
          usdRate.rate,
          "the threshold starts at the current rate",
        );
        await dialog.getByTestId("alert-threshold").fill("abc");
        await dialog.getByText("请输入大于 0、最多 4 位小数的汇率").waitFor();
        await dialog.getByTestId("alert-threshold").fill(threshold);
        await dialog.locator('[data-testid="alert-side"][data-side="below"]').waitFor(); // the rate is below 99
        const created = page.waitForResponse(isCall("POST", /^\/api\/fx\/alerts$/));
        await dialog.getByTestId("alert-submit").click();
        const createdResponse = await created;
        assert.ok([200, 201].includes(createdResponse.status()), `POST /api/fx/alerts → ${createdResponse.status()}`);
        const item = page.locator(`[data-testid="alert-item"][data-threshold="${threshold}"]`);
        await item.locator('[data-testid="alert-side"][data-side="below"]').waitFor();
        assert.equal(await item.getAttribute("data-currency"), "USD");
        assert.equal(await item.getAttribute("data-direction"), "above");
        assert.equal(await item.getAttribute("data-active"), "true");
        const paused = page.waitForResponse(isCall("PUT", /^\/api\/fx\/alerts\/[^/]+$/));
        await item.getByTestId("alert-active").click();
        assert.equal((await paused).status(), 200);
        await page.locator(`[data-testid="alert-item"][data-threshold="${threshold}"][data-active="false"]`).waitFor();
        await item.getByTestId("alert-delete").click();
        const deleted = page.waitForResponse(isCall("DELETE", /^\/api\/fx\/alerts\/[^/]+$/));
        await page.locator(".ant-popconfirm").getByRole("button", { name: "删除" }).click();
        assert.ok((await deleted).ok());
        await item.waitFor({ state: "detached" });

        // ── 快速结汇 ──────────────────────────────────────────────────────────────────────────────
        await page.getByTestId("quick-settle").click();
        const form = page.getByTestId("settle-form");
        await form.waitFor();
        await form.getByTestId("settle-profile").getByText(account.profile.fxSubAccount).waitFor();
        await form
          .getByTestId("settle-available")
          .filter({ hasText: shown(account.available) })
          .waitFor();
        assert.equal(
          await form.getByTestId("settle-rate").inputValue(),
          usdRate.rate,
          "the rate is prefilled from USD/CNY",
        );
        await form.getByTestId("settle-rate-ref").waitFor();
        for (const [category, name, mimeType, buffer] of EVIDENCE) {
          const uploaded = page.waitForResponse(isCall("POST", /^\/api\/private-files$/));
          await form
            .locator(`[data-testid="slot-${category}"] input[type="file"]`)
            .setInputFiles({ name, mimeType, buffer });
          const response = await uploaded;
          assert.ok(response.ok(), `upload of ${category} → ${response.status()} ${await response.text()}`);
          await form.locator(`[data-testid="slot-${category}"][data-uploaded="true"]`).waitFor();
        }

        // More than 可用余额: refused by the form, nothing sent.
        const tooMuch = usd(cents(account.available) + cents("1000.00"));
        await form.getByTestId("settle-amount").fill(tooMuch);
        await page.getByTestId("settle-submit").click();
        await form.getByText(`结汇金额不能超过可用余额 $ ${shown(account.available)}`).waitFor();
        assert.equal(
          await page.locator(".ant-modal-confirm").count(),
          0,
          "no confirmation for an amount above available",
        );

        // Another settlement lowers 可用余额 meanwhile (a second browser, here the API): the screen still allows
        // the amount, the cms refuses it with what is available now.
        const evidence = [];
        for (const [category, , mime] of EVIDENCE)
          evidence.push(await uploadPrivateFile(jwt, category, mime === "application/pdf" ? "pdf" : "png"));
        const today = new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
        const race = await ok("/api/fx/settlements", {
          method: "POST",
          token: jwt,
          body: { amount: RACE_AMOUNT, date: today, rate: usdRate.rate, note: "e2e: 另一端同时提交", evidence },
        });
        assert.equal(race.data.status, "processing");
        const availableNow = cents(account.available) - cents(RACE_AMOUNT);
        const stillAllowed = usd(cents(account.available) - cents("5.00"));
        await form.getByTestId("settle-amount").fill(stillAllowed);
        await page.getByTestId("settle-submit").click();
        const refused = page.waitForResponse(isCall("POST", /^\/api\/fx\/settlements$/));
        await confirmSubmit();
        const refusedResponse = await refused;
        assert.equal(refusedResponse.status(), 409);
        const refusal = await refusedResponse.json();
        assert.equal(refusal.error.code, "INSUFFICIENT_AVAILABLE");
        assert.equal(cents(refusal.error.details.available), availableNow);
        await page
          .getByTestId("settle-error")
          .getByText(`可用余额不足：当前可用余额为 $ ${shown(usd(availableNow))}`)
          .waitFor();
        // The account was read again: the form now counts with the new 可用余额.
        await form
          .getByTestId("settle-available")
          .filter({ hasText: shown(usd(availableNow)) })
          .waitFor();
        await page.screenshot({ path: join(RESULTS, "fx-quick-refused.png"), fullPage: false });

        // A valid amount: frozen, listed, 结汇中金额 grows.
        const frozenBefore = cents(account.frozen) + cents(RACE_AMOUNT);
        await frozenReads(frozenBefore);
        await form.getByTestId("settle-amount").fill(SETTLE_AMOUNT);
        await form.getByTestId("settle-estimate").getByText("¥").waitFor();
        await form.getByTestId("settle-note").fill("e2e: 11 月 TikTok 回款");
        await page.getByTestId("settle-submit").click();
        await page.getByTestId("settle-confirm").getByText(`$ ${SETTLE_AMOUNT}`).first().waitFor();
        const submitted = page.waitForResponse(isCall("POST", /^\/api\/fx\/settlements$/));
        await confirmSubmit();
        const submittedResponse = await submitted;
        assert.equal(submittedResponse.status(), 201, `POST /api/fx/settlements → ${submittedResponse.status()}`);
        const settlement = (await submittedResponse.json()).data;
        await form.waitFor({ state: "hidden" });
        const row = page.locator(
          `[data-testid="settlement-row"][data-number="${settlement.number}"][data-status="processing"]`,
        );
        await row.waitFor();
        assert.match(await row.getByTestId("settlement-amount").innerText(), /123\.45/);
        await frozenReads(frozenBefore + cents(SETTLE_AMOUNT));
        await page.getByTestId("fx-settling").filter({ hasText: "笔结汇办理中" }).waitFor();
        await page.screenshot({ path: join(RESULTS, "fx-settled.png"), fullPage: true });

        // 收结汇明细: the newest row is its 结汇冻结.
        await page.getByTestId("tab-ledger").click();
        await page.getByTestId("ledger-row").first().waitFor();
        assert.equal(await page.getByTestId("ledger-row").first().getAttribute("data-type"), "freeze");
        await page.getByTestId("tab-settlements").click();

        // Its detail: status steps, what was submitted, the three files (one previewed).
        await row.getByTestId("settlement-link").click();
        await page.waitForURL((url) => new URL(url).pathname === `/fx/settlements/${settlement.id}`);
        await page.locator('[data-testid="settlement-page"][data-status="processing"]').waitFor();
        await page.locator('[data-testid="settlement-steps"][data-status="processing"]').waitFor();
        assert.match(await page.getByTestId("detail-amount").innerText(), /123\.45/);
        await page.getByText("e2e: 11 月 TikTok 回款").waitFor();
        await page.getByTestId("settlement-profile").getByText(account.profile.fxSubAccount).waitFor();
        await page.getByTestId("evidence-item").nth(2).waitFor();
        assert.deepEqual(
          await page
            .getByTestId("evidence-item")
            .evaluateAll((items) => items.map((i) => i.getAttribute("data-category"))),
          EVIDENCE.map(([category]) => category),
        );
        assert.equal(await page.getByTestId("settlement-result").count(), 0, "no result before staff complete it");
        const previewed = page.waitForResponse(isCall("GET", /^\/api\/private-files\/[^/]+\/download$/));
        await page.getByTestId("evidence-preview").first().click();
        assert.equal((await previewed).status(), 200);
        await page.getByTestId("file-preview").waitFor();
        await page.keyboard.press("Escape");
        await page.getByTestId("timeline-item").first().waitFor();
        await page.screenshot({ path: join(RESULTS, "fx-settlement-detail.png"), fullPage: true });

        // The seeded completed settlement shows the outcome.
        const completed = (await ok("/api/fx/settlements?filters[status][$eq]=completed", { token: jwt })).data[0];
        if (completed) {
          await page.goto(`${MERCHANT_URL}/fx/settlements/${completed.id}`);
          await page.getByTestId("settlement-result").waitFor();
          for (const id of ["settlement-actual-rate", "settlement-cny", "settlement-remaining"])
            assert.notEqual((await page.getByTestId(id).innerText()).trim(), "—", `${id} is shown`);
        }

        // The home page's account card follows (the cms may reuse a home payload for HOME_CACHE_MS: reload
        // until it answers the new numbers).
        const after = (await ok("/api/fx/account", { token: jwt })).data;
        for (let attempt = 1; ; attempt++) {
          const home = page.waitForResponse(isCall("GET", /^\/api\/home$/, 200));
          await page.goto(`${MERCHANT_URL}/`);
          const fx = (await (await home).json()).fx;
          assert.ok(fx, "GET /api/home carries the fx summary");
          if (fx.frozen === after.frozen || attempt === 5) break;
        }
        await page
          .getByTestId("home-fx-frozen")
          .filter({ hasText: shown(after.frozen) })
          .waitFor();
        await page
          .getByTestId("home-fx-balance")
          .filter({ hasText: shown(after.balance) })
          .waitFor();
        await page.getByTestId("home-fx-go").click();
        await page.waitForURL((url) => new URL(url).pathname === "/fx");

        // 我的: the 结汇账户 fields; 开户行 edited (only what changed is sent), then put back.
        await page.goto(`${MERCHANT_URL}/me`);
        await page.getByTestId("merchant-form").waitFor();
        assert.equal(await page.getByTestId("merchant-fxSubAccount-input").inputValue(), account.profile.fxSubAccount);
        assert.equal(
          await page.getByTestId("merchant-settlementCardNo-input").inputValue(),
          account.profile.settlementCardNo,
        );
        const saveBankName = async (value) => {
          await page.getByTestId("merchant-settlementBankName-input").fill(value);
          const saved = page.waitForResponse(isCall("PUT", /^\/api\/merchants\/[^/]+$/));
          await page.getByTestId("merchant-form").getByRole("button", { name: "保存" }).click();
          const response = await saved;
          assert.equal(response.status(), 200, `PUT /api/merchants → ${await response.text()}`);
          assert.deepEqual(response.request().postDataJSON(), { data: { settlementBankName: value } });
          await page.getByText("商户信息已保存").last().waitFor();
        };
        await saveBankName(`${account.profile.settlementBankName}（营业部）`);
        assert.equal(
          (await ok("/api/fx/account", { token: jwt })).data.profile.settlementBankName,
          `${account.profile.settlementBankName}（营业部）`,
          "快速结汇 quotes the new 开户行",
        );
        // Put it back from a fresh page (the form compares with the merchant as loaded).
        await page.goto(`${MERCHANT_URL}/me`);
        await page.getByTestId("merchant-form").waitFor();
        await page.waitForFunction(
          (want) => document.querySelector('[data-testid="merchant-settlementBankName-input"]')?.value === want,
          `${account.profile.settlementBankName}（营业部）`,
        );
        await saveBankName(account.profile.settlementBankName);

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
  "晶华's member sees the account, rates, alerts and settlements without any action",
  { timeout: 180_000 },
  async (t) => {
    const jwt = await smsLogin(JINGHUA_MEMBER, { t });
    const { context, errors } = await signedInPage(jwt, t);
    await screenshotOnFailure(
      () => page,
      join(RESULTS, "fx-member-failure.png"),
      async () => {
        await page.goto(`${MERCHANT_URL}/fx`);
        await page.getByTestId("read-only-note").waitFor();
        await page.getByTestId("fx-account").waitFor();
        await page.getByTestId("fx-balance").waitFor();
        await page.getByTestId("rate-card").nth(5).waitFor();
        await page.getByTestId("rate-alerts").waitFor();
        const row = page.getByTestId("settlement-row").first();
        await row.waitFor();
        assert.equal(await page.getByTestId("quick-settle").count(), 0, "members get no 快速结汇");
        assert.equal(await page.getByTestId("alert-create").count(), 0, "members create no alert");
        assert.equal(await page.getByTestId("alert-active").count(), 0, "members switch no alert");
        assert.equal(await page.getByTestId("alert-delete").count(), 0, "members delete no alert");
        await page.screenshot({ path: join(RESULTS, "fx-member.png"), fullPage: true });
        await row.getByTestId("settlement-link").click();
        await page.getByTestId("settlement-steps").waitFor();
        await page.getByTestId("evidence-item").first().waitFor();
        assert.equal(await page.getByTestId("settle-again").count(), 0);
        await page.goto(`${MERCHANT_URL}/me`);
        await page.getByTestId("merchant-readonly").waitFor();
        await page.getByTestId("merchant-fxSubAccount").waitFor();
        assert.equal(await page.getByTestId("merchant-fxSubAccount-input").count(), 0);
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
