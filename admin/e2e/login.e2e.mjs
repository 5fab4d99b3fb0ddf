// Browser end-to-end test of the admin console: SMS login as platform staff → 工作台 → 操作日志.
//
// Runs against the real built console and a real cms (see deploy/local/API_CONTRACT.md):
//   ADMIN_URL     the served admin app (vite preview of the build), e.g. http://127.0.0.1:8001
//   SMS_SIM_URL   the SMS simulator, e.g. http://127.0.0.1:1340 (GET /outbox?phone=… newest first)
//   CHROMIUM_PATH optional, default /usr/bin/chromium (Debian package; `npx playwright install` is not used)
//   TEST_RESULTS_DIR optional, default admin/test-results
// Browser launch, the outbox and screenshots on failure come from @jmt/e2e-support (packages/e2e-support).
//
//   node --test admin/e2e/login.e2e.mjs
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { envUrl, isCall, launchBrowser, outboxBaseline, resultsDir, screenshotOnFailure, waitForNewCode } from "@jmt/e2e-support";

const ADMIN_URL = envUrl("ADMIN_URL", "http://127.0.0.1:8001");
const PHONE = "13800000000"; // seeded platform super admin

let RESULTS;
let browser;
let page;

before(async () => {
  RESULTS = await resultsDir(import.meta.url);
  browser = await launchBrowser();
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: "zh-CN" });
  page = await context.newPage();
  page.setDefaultTimeout(20_000);
});

after(async () => {
  await browser?.close();
});

test("platform staff logs in with an SMS code and reaches the dashboard and the operation log", { timeout: 180_000 }, async (t) => {
  await screenshotOnFailure(
    () => page,
    join(RESULTS, "admin-failure.png"),
    async () => {
      // 1. Login page
      await page.goto(`${ADMIN_URL}/`, { waitUntil: "domcontentloaded" });
      await page.waitForURL(/\/login/);
      const phoneInput = page.getByPlaceholder("请输入手机号");
      await phoneInput.waitFor({ state: "visible" });
      await phoneInput.fill(PHONE);

      // 2. Ask for a code and read it from the SMS simulator
      const sendButton = page.getByRole("button", { name: "获取验证码" });
      let code;
      for (let attempt = 1; attempt <= 2 && !code; attempt += 1) {
        const baseline = await outboxBaseline(PHONE);
        await sendButton.waitFor({ state: "visible", timeout: 75_000 });
        const clickedAt = Date.now();
        await sendButton.click();
        code = await waitForNewCode(PHONE, baseline, { since: clickedAt, timeoutMs: 15_000 });
        if (!code) {
          // A code sent in the last minute (another suite, a previous run) makes the cms refuse with
          // SMS_TOO_FREQUENT; the button then counts down — wait for it and ask again.
          t.diagnostic("no new SMS code yet; waiting for the resend cooldown");
          await page.waitForFunction(
            () => [...document.querySelectorAll("button")].some((b) => b.textContent?.trim() === "获取验证码" && !b.disabled),
            undefined,
            { timeout: 75_000 },
          );
        }
      }
      assert.ok(code, "a new SMS code reached the simulator's outbox after clicking 获取验证码");
      await page.getByPlaceholder("请输入验证码").fill(code);

      // 3. Sign in
      await page.getByRole("button", { name: "登录" }).click();
      await page.getByRole("heading", { name: "工作台" }).waitFor({ state: "visible" });
      assert.doesNotMatch(page.url(), /\/login/);
      await page.getByTestId("dashboard-phone").filter({ hasText: PHONE }).waitFor({ state: "visible" });
      await page.getByRole("menuitem", { name: "商户管理" }).waitFor({ state: "visible" });
      // the 商户总数 card has loaded a number from /api/merchants
      const merchantTotal = page.getByTestId("stat-merchants").locator(".ant-statistic-content-value");
      await merchantTotal.waitFor({ state: "visible" });
      assert.match((await merchantTotal.innerText()).replace(/[,\s]/g, ""), /^\d+$/, "商户总数 is a number from /api/merchants");
      await page.screenshot({ path: join(RESULTS, "admin-home.png"), fullPage: true });

      // 4. 系统管理 → 操作日志
      const auditItem = page.getByRole("menuitem", { name: "操作日志" });
      if (!(await auditItem.isVisible())) await page.getByRole("menuitem", { name: "系统管理" }).click();
      const [auditList] = await Promise.all([page.waitForResponse(isCall("GET", /\/api\/audit-logs$/, 200)), auditItem.click()]);
      await page.waitForURL(/\/system\/audit-logs/);
      // Strapi's list format, like every list: pagination[…] asked, meta.pagination and the module names answered.
      assert.equal(new URL(auditList.url()).searchParams.get("pagination[pageSize]"), "20");
      const auditBody = await auditList.json();
      assert.equal(typeof auditBody.meta.pagination.total, "number");
      assert.ok(Array.isArray(auditBody.meta.modules) && auditBody.meta.modules.length > 0, "meta.modules names the modules");
      const table = page.getByTestId("audit-log-table");
      await table.waitFor({ state: "visible" });
      for (const header of ["时间", "账号", "模块", "操作", "IP"]) {
        await table.locator("thead th").filter({ hasText: header }).first().waitFor({ state: "visible" });
      }
      // loading finished: either rows or the empty state
      await page.waitForFunction(() => !document.querySelector("[data-testid=audit-log-table] .ant-spin-spinning"));
      const rows = await table.locator("tbody tr.ant-table-row").count();
      const empty = await table.locator(".ant-empty").count();
      t.diagnostic(`operation log rows on page 1: ${rows}`);
      assert.ok(rows > 0 || empty > 0, "the table shows rows or its empty state");
      await page.screenshot({ path: join(RESULTS, "admin-audit-logs.png"), fullPage: true });
    },
  );
});
