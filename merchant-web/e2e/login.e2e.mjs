// Browser end-to-end test of the merchant web: SMS login, home page module locks, 我的, logout.
// Runs with node's built-in test runner against a running merchant-web (vite preview) and a real cms
// with its SMS simulator:
//   MERCHANT_URL=http://127.0.0.1:8002 SMS_SIM_URL=http://127.0.0.1:1340 node --test merchant-web/e2e/login.e2e.mjs
// Demo data (seeded by `npm start`): 13900000001 admin of an approved merchant, 13900000003 admin of a
// merchant whose business registration is not approved yet.
// Browser launch, the SMS outbox and screenshots on failure come from @jmt/e2e-support (packages/e2e-support).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  envUrl,
  launchBrowser,
  outbox,
  outboxBaseline,
  resultsDir,
  screenshotOnFailure,
  sleep,
  waitForNewCode,
} from "@jmt/e2e-support";

const MERCHANT_URL = envUrl("MERCHANT_URL", "http://127.0.0.1:8002");
const MODULE_TITLES = ["工商注册", "跨境物流", "跨境申报", "出口报关", "出口退税", "收结汇", "培训服务", "交易平台"];
const APPROVED = { phone: "13900000001", merchant: "东海县晶华水晶饰品有限公司" };
const PENDING = { phone: "13900000003", merchant: "东海县紫晶坊水晶工艺品店" };

let RESULTS;
let browser;
let page;

before(async () => {
  RESULTS = await resultsDir(import.meta.url);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 960 }, locale: "zh-CN" });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await browser?.close();
});

/** A test body that leaves a full-page screenshot behind when it fails. */
const withScreenshot = (name, fn) => () => screenshotOnFailure(() => page, join(RESULTS, `${name}-failure.png`), fn);

/** Click 获取验证码 and wait until a new code arrives in the simulator's outbox. */
async function requestCode(phone) {
  const previous = await outboxBaseline(phone);
  await page.getByRole("button", { name: "获取验证码", exact: true }).click();
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    const code = await waitForNewCode(phone, previous, { timeoutMs: 250 });
    if (code) return code;
    // A rerun inside the resend cooldown is refused (SMS_TOO_FREQUENT): the previous code is still valid.
    if (await page.getByTestId("login-error").isVisible()) {
      const [latest] = await outbox(phone);
      if (latest && Date.now() - Date.parse(latest.receivedAt) < 4 * 60_000) return String(latest.code);
    }
    await sleep(50);
  }
  throw new Error(`no new SMS code for ${phone} in the simulator outbox`);
}

async function login(phone) {
  for (let attempt = 1; ; attempt++) {
    await page.goto(`${MERCHANT_URL}/login`);
    await page.getByPlaceholder("请输入手机号").fill(phone);
    const code = await requestCode(phone);
    await page.getByPlaceholder("请输入验证码").fill(code);
    await page.getByRole("button", { name: "登录", exact: true }).click();
    const outcome = await Promise.race([
      page.waitForURL((url) => new URL(url).pathname === "/").then(() => "home"),
      page
        .getByText("验证码已失效")
        .waitFor()
        .then(() => "used"),
    ]);
    if (outcome === "home") break;
    // Inside the resend cooldown the newest code may already have been used by another e2e file that
    // signed this phone in through the API: wait the cooldown out and ask for a fresh code.
    if (attempt >= 2) throw new Error(`could not sign ${phone} in: the SMS code was already used`);
    await sleep(61_000);
  }
  await page.getByTestId("home").waitFor();
}

async function logout() {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "退出登录" }).click();
  await page.waitForURL((url) => new URL(url).pathname === "/login");
  await page.getByPlaceholder("请输入手机号").waitFor();
}

async function moduleState() {
  const cards = page.locator('[data-testid="module-grid"] [data-module]');
  return cards.evaluateAll((nodes) =>
    nodes.map((n) => ({
      key: n.getAttribute("data-module"),
      enabled: n.getAttribute("data-enabled"),
      title: n.querySelector(".jmt-module-title")?.textContent ?? "",
    })),
  );
}

test(
  "login page shows the SMS form and the first-login note",
  { timeout: 60_000 },
  withScreenshot("merchant-login", async () => {
    await page.goto(`${MERCHANT_URL}/login`);
    await page.getByPlaceholder("请输入手机号").waitFor();
    await page.getByPlaceholder("请输入验证码").waitFor();
    assert.ok(await page.getByText("首次登录将自动创建商户账号").isVisible());
    assert.ok(await page.getByRole("button", { name: "获取验证码", exact: true }).isVisible());
    assert.ok(await page.getByRole("button", { name: "登录", exact: true }).isVisible());
    await page.getByPlaceholder("请输入手机号").fill("12345");
    await page.getByRole("button", { name: "获取验证码", exact: true }).click();
    await page.getByText("请输入正确的 11 位中国大陆手机号").waitFor();
    await page.screenshot({ path: join(RESULTS, "merchant-login.png") });
  }),
);

test(
  "approved merchant: all eight modules, 出口报关 enabled",
  { timeout: 120_000 },
  withScreenshot("merchant-home", async () => {
    await login(APPROVED.phone);
    await page.getByTestId("merchant-name").filter({ hasText: APPROVED.merchant }).waitFor();
    const modules = await moduleState();
    assert.deepEqual(
      modules.map((m) => m.title),
      MODULE_TITLES,
    );
    assert.equal(modules.find((m) => m.key === "customs")?.enabled, "true");
    assert.ok(
      modules.every((m) => m.enabled === "true"),
      "an approved merchant has every module open",
    );
    await page.screenshot({ path: join(RESULTS, "merchant-home.png"), fullPage: true });

    // Opening an unread message marks it read: the panel's unread count drops by one.
    const panel = page.getByTestId("message-panel");
    const unreadText = async () =>
      Number((await panel.locator(".jmt-panel-extra").textContent())?.match(/\d+/)?.[0] ?? 0);
    const before = await unreadText();
    assert.ok(before > 0, "the demo merchant starts with unread messages");
    const marked = page.waitForResponse(
      (r) => r.request().method() === "POST" && /\/api\/messages\/[^/]+\/read$/.test(r.url()),
    );
    await panel.locator("li.is-unread").filter({ hasText: "晶贸通 2.0 上线啦" }).getByTestId("message-item").click();
    assert.equal((await marked).status(), 200);
    // The panel refreshes by itself (no reload): the unread count follows.
    await page.waitForFunction((expected) => {
      const extra = document.querySelector('[data-testid="message-panel"] .jmt-panel-extra');
      const count = Number(extra?.textContent?.match(/\d+/)?.[0] ?? 0);
      return count === expected;
    }, before - 1);

    // 消息中心: the bell opens every message; "全部标为已读" leaves nothing unread.
    await page.getByTestId("header-messages").click();
    await page.getByTestId("messages-page").waitFor();
    // The list loads after the page shell: wait for its rows before counting them.
    await page.getByTestId("message-row").nth(2).waitFor();
    assert.ok((await page.getByTestId("message-row").count()) >= 3, "the message centre lists the merchant's messages");
    await page.getByRole("button", { name: "全部标为已读" }).click();
    await page.getByTestId("messages-unread").filter({ hasText: "0 条未读" }).waitFor();
    assert.equal(await page.locator('[data-testid="message-row"][data-read="false"]').count(), 0);
    await page.screenshot({ path: join(RESULTS, "merchant-messages.png"), fullPage: true });
    await logout();
  }),
);

test(
  "merchant not yet approved: 出口报关 greyed, 我的 shows the merchant",
  { timeout: 120_000 },
  withScreenshot("merchant-home-locked", async () => {
    await login(PENDING.phone);
    await page.getByTestId("merchant-name").filter({ hasText: PENDING.merchant }).waitFor();
    const customs = page.locator('[data-testid="module-grid"] [data-module="customs"]');
    assert.equal(await customs.getAttribute("data-enabled"), "false");
    assert.equal(await customs.getAttribute("aria-disabled"), "true");
    const modules = await moduleState();
    assert.equal(modules.length, 8);
    assert.deepEqual(
      modules.filter((m) => m.enabled === "true").map((m) => m.key),
      ["registration", "training"],
    );
    // A locked module cannot be entered: clicking keeps us home, the address bar shows the lock page.
    await customs.click({ force: true });
    assert.equal(new URL(page.url()).pathname, "/");
    await page.goto(`${MERCHANT_URL}/modules/customs`);
    await page.getByTestId("module-locked").waitFor();
    await page.goto(`${MERCHANT_URL}/`);
    await page.getByTestId("home").waitFor();
    await page.screenshot({ path: join(RESULTS, "merchant-home-locked.png"), fullPage: true });

    await page.getByTestId("user-menu").click();
    await page.getByRole("menuitem", { name: "我的" }).click();
    await page.waitForURL((url) => new URL(url).pathname === "/me");
    await page.getByTestId("me-merchant-name").filter({ hasText: PENDING.merchant }).waitFor();
    await page.screenshot({ path: join(RESULTS, "merchant-me.png"), fullPage: true });
    await logout();
  }),
);
