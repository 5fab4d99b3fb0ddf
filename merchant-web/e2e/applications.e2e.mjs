// Browser end-to-end test of the application workflows: 工商注册 wizard (R1–R3, G10), returned → fix →
// resubmit, the home to-dos (G8) and 我的进度 (G9), the read-only member view and the 跨境申报 guide (D1).
// Runs with node's built-in test runner against a running merchant-web (vite preview/dev), the cms with its
// seeded demo data and the SMS simulator:
//   MERCHANT_URL=http://127.0.0.1:8002 SMS_SIM_URL=http://127.0.0.1:1340 CMS_URL=http://127.0.0.1:1337 \
//     node --test merchant-web/e2e/applications.e2e.mjs
// A fresh phone signs up a brand-new merchant whose registration has not started. Platform staff
// (13800000000) returns the application through the API. Every wait is on a response or an element.
// Browser launch, the SMS outbox, the cooldown-aware staff login, API calls, sample files and screenshots on
// failure come from @jmt/e2e-support (packages/e2e-support).
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  api,
  envUrl,
  isCall,
  launchBrowser,
  modalSettled,
  outbox,
  outboxBaseline,
  PDF,
  PNG,
  randomPhone,
  resultsDir,
  screenshotOnFailure,
  smsLogin,
  waitForNewCode,
} from "@jmt/e2e-support";

const MERCHANT_URL = envUrl("MERCHANT_URL", "http://127.0.0.1:8002");
const STAFF_PHONE = "13800000000";
const MEMBER_PHONE = "13900000002";
const FRESH_PHONE = randomPhone();
const RETURN_REASON = `营业执照拟用名称与已有企业重名，请更换首选名称（e2e ${Date.now()}）`;

// Valid check characters (GB 11643-1999), as the cms validates them.
const LEGAL_ID = "320722199001011230";
const SECOND_ID = "320722199202023457";

let RESULTS;
let browser;
let page;
let applicationId;

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
const withScreenshot = (name, fn) => (t) =>
  screenshotOnFailure(
    () => page,
    join(RESULTS, `${name}-failure.png`),
    () => fn(t),
  );

/** Sign in through the login page: wait for the send call's answer, then read the code it produced. */
async function browserLogin(phone) {
  await page.goto(`${MERCHANT_URL}/login`);
  await page.getByPlaceholder("请输入手机号").fill(phone);
  const baseline = await outboxBaseline(phone);
  const sent = page.waitForResponse(isCall("POST", /^\/api\/auth\/sms\/send$/));
  await page.getByRole("button", { name: "获取验证码", exact: true }).click();
  const response = await sent;
  // A rerun inside the resend cooldown is refused; the code sent before is still valid then.
  assert.ok(response.status() === 200 || response.status() === 429, `sms send answered ${response.status()}`);
  const code = response.status() === 200 ? await waitForNewCode(phone, baseline) : (await outbox(phone))[0]?.code;
  assert.ok(code, `an SMS code for ${phone} is in the simulator outbox`);
  await page.getByPlaceholder("请输入验证码").fill(String(code));
  const login = page.waitForResponse(isCall("POST", /^\/api\/auth\/sms\/login$/));
  await page.getByRole("button", { name: "登录", exact: true }).click();
  assert.equal((await login).status(), 200, "sms login succeeds");
  await page.waitForURL((url) => new URL(url).pathname === "/");
  await page.getByTestId("home").waitFor();
}

async function logout() {
  await page.getByTestId("user-menu").click();
  await page.getByRole("menuitem", { name: "退出登录" }).click();
  await page.waitForURL((url) => new URL(url).pathname === "/login");
}

const wizard = () => page.getByTestId("registration-wizard");
const atStep = (step) => page.locator(`[data-testid="registration-wizard"][data-current-step="${step}"]`).waitFor();

/** 下一步 saves the draft (PUT) and moves on. */
async function nextStep(expected) {
  const saved = page.waitForResponse(isCall("PUT", /^\/api\/applications\/[^/]+$/));
  await page.getByTestId("wizard-next").click();
  assert.equal((await saved).status(), 200, "the step's draft is saved");
  await atStep(expected);
}

async function upload(slot, name, mimeType, buffer) {
  const uploaded = page.waitForResponse(isCall("POST", /^\/api\/private-files$/));
  await page.locator(`[data-testid="slot-${slot}"] input[type="file"]`).setInputFiles({ name, mimeType, buffer });
  const response = await uploaded;
  assert.ok(response.status() === 200 || response.status() === 201, `upload answered ${response.status()}`);
  await page.locator(`[data-testid="slot-${slot}"][data-uploaded="true"]`).waitFor();
}

test(
  "a new merchant: home to-do → wizard → draft, reload, resume → submit → 材料初审",
  { timeout: 180_000 },
  withScreenshot("registration-new", async () => {
    await browserLogin(FRESH_PHONE);

    // G8: the fresh merchant's to-do leads to 工商注册.
    const todo = page.locator('[data-testid="application-todo"][data-link="/registration"]');
    await todo.waitFor();
    await page.getByTestId("progress-panel").locator('[data-module="registration"]').waitFor();
    await todo.click();
    await page.waitForURL((url) => new URL(url).pathname === "/registration");
    await page.getByTestId("registration-choice").waitFor();
    await page.screenshot({ path: join(RESULTS, "registration-choice.png"), fullPage: true });

    // R1: 「我还没有营业执照」 creates the application.
    const created = page.waitForResponse(isCall("POST", /^\/api\/applications$/));
    await page.getByTestId("choose-new").click();
    const createdResponse = await created;
    assert.equal(createdResponse.status(), 201);
    applicationId = (await createdResponse.json()).data.documentId;
    assert.ok(applicationId, "the new application has an id");
    await atStep("entity");

    // 主体类型 (prefilled from the merchant record when known): 有限公司.
    await page.locator(".jmt-choice", { hasText: "有限公司" }).click();
    await page.locator(".jmt-choice.ant-radio-button-wrapper-checked", { hasText: "有限公司" }).waitFor();
    await nextStep("name");

    // 名称与地址
    await page.getByTestId("name-option-0").fill("东海县晶彩测试水晶饰品有限公司");
    await page.getByTestId("name-option-1").fill("东海县晶韵测试水晶有限公司");
    await page.getByTestId("registered-address").fill("江苏省连云港市东海县牛山街道水晶大道 88 号");
    await nextStep("scope");

    // 经营范围与资本: a quick-fill chip, capital in 万元.
    await page.getByTestId("scope-chip-crystalProcessing").click();
    await page.getByTestId("scope-chip-importExport").click();
    assert.match(await page.getByTestId("business-scope").inputValue(), /水晶制品加工、销售；货物进出口/);
    await page.getByTestId("registered-capital").fill("50");
    await nextStep("people");

    // G10: the contact phone came from the merchant record, with a subtle 「已自动带入」.
    await page.locator('[data-testid="prefilled"][data-field="contact.phone"]').waitFor();
    assert.equal(await page.getByTestId("contact-phone").inputValue(), FRESH_PHONE);

    // 法人与股东: client-side checks mirror the server (ID check character, ratios sum to 100).
    await page.getByTestId("legal-name").fill("张晶");
    await page.getByTestId("legal-id").fill("320722199001011231");
    await page.getByTestId("legal-phone").fill("13912345678");
    await page.getByTestId("shareholder-name-0").fill("张晶");
    await page.getByTestId("shareholder-id-0").fill(LEGAL_ID);
    await page.getByTestId("shareholder-ratio-0").fill("60");
    await page.getByTestId("add-shareholder").click();
    await page.getByTestId("shareholder-name-1").fill("李紫");
    await page.getByTestId("shareholder-id-1").fill(SECOND_ID);
    await page.getByTestId("shareholder-ratio-1").fill("30");
    await page.getByTestId("contact-same").click();
    await page.getByTestId("wizard-next").click();
    await wizard().getByText("请输入正确的 18 位身份证号").waitFor();
    await wizard().getByText("股东出资比例合计须为 100%（当前 90%）").waitFor();
    await page.getByTestId("legal-id").fill(LEGAL_ID);
    await page.getByTestId("shareholder-ratio-1").fill("40");
    await page.getByTestId("ratio-total").filter({ hasText: "100%" }).waitFor();
    assert.equal(await page.getByTestId("contact-phone").inputValue(), "13912345678");

    // 保存草稿, reload: the wizard resumes where it was left (the next step with something missing).
    const saved = page.waitForResponse(isCall("PUT", /^\/api\/applications\/[^/]+$/));
    await page.getByTestId("save-draft").click();
    assert.equal((await saved).status(), 200);
    await page.getByText("草稿已保存").first().waitFor();
    await page.reload();
    await atStep("files");
    await page.screenshot({ path: join(RESULTS, "registration-wizard-files.png"), fullPage: true });

    // The saved answers are back when going back a step.
    await page.getByTestId("wizard-prev").click();
    await atStep("people");
    assert.equal(await page.getByTestId("shareholder-ratio-1").inputValue(), "40");
    assert.equal(await page.getByTestId("legal-id").inputValue(), LEGAL_ID);
    await nextStep("files");

    // 模板下载: the file comes with the bearer token and is saved under the server's name.
    const downloaded = page.waitForEvent("download");
    const templateResponse = page.waitForResponse(
      isCall("GET", /^\/api\/applications\/templates\/business-registration\/[^/]+$/),
    );
    await page.getByTestId("templates").locator("[data-testid^='template-']").first().click();
    assert.equal((await templateResponse).status(), 200);
    assert.match((await downloaded).suggestedFilename(), /\.(docx|xlsx|pdf)$/);

    // 上传材料: required slots block the step; uploads, then preview one.
    await page.getByTestId("wizard-next").click();
    await wizard()
      .getByText(/^请上传/)
      .first()
      .waitFor();
    await upload("id_card_front", "id-front.png", "image/png", PNG);
    await upload("id_card_back", "id-back.pdf", "application/pdf", PDF);
    const previewed = page.waitForResponse(isCall("GET", /^\/api\/private-files\/[^/]+\/download$/));
    await page.getByTestId("slot-id_card_front-preview").click();
    assert.equal((await previewed).status(), 200);
    await page.getByTestId("file-preview").waitFor();
    await modalSettled(page);
    await page.locator(".ant-modal-wrap:visible .ant-modal-close").click();
    await page.getByTestId("file-preview").waitFor({ state: "hidden" });
    await nextStep("confirm");

    // 确认提交: the read-back, then submission.
    await page.getByTestId("registration-review").getByText("东海县晶彩测试水晶饰品有限公司").waitFor();
    const submitted = page.waitForResponse(isCall("POST", /^\/api\/applications\/[^/]+\/transitions$/));
    await page.getByTestId("wizard-submit").click();
    const submitResponse = await submitted;
    assert.equal(submitResponse.status(), 200, `submit answered ${submitResponse.status()}`);
    assert.deepEqual(submitResponse.request().postDataJSON(), { to: "initial_review" });

    // R3: the progress board at 材料初审, the timeline, the read-back.
    await page.locator('[data-testid="progress-board"][data-status="initial_review"]').waitFor();
    await page.locator(".jmt-board-steps .ant-steps-item-process", { hasText: "材料初审" }).waitFor();
    await page.getByTestId("timeline").getByTestId("timeline-item").first().waitFor();
    await page.getByTestId("registration-review").waitFor();
    assert.equal(await page.getByTestId("fix-and-resubmit").count(), 0, "nothing to fix while under review");
    await page.screenshot({ path: join(RESULTS, "registration-submitted.png"), fullPage: true });
  }),
);

test(
  "returned for correction: the reason shows, the home to-do leads back, fix and resubmit",
  { timeout: 240_000 },
  withScreenshot("registration-returned", async (t) => {
    assert.ok(applicationId, "the previous test created the application");
    // Platform staff signs in through the API (another e2e file may have asked a code for it within the cooldown).
    const jwt = await smsLogin(STAFF_PHONE, { t });
    const returned = await api(`/api/applications/${applicationId}/transitions`, {
      method: "POST",
      token: jwt,
      body: { to: "returned", note: RETURN_REASON },
    });
    assert.equal(returned.status, 200, `staff return answered ${returned.status}: ${JSON.stringify(returned.body)}`);

    // The home to-do (补正) leads to /registration.
    await page.goto(`${MERCHANT_URL}/`);
    await page.getByTestId("home").waitFor();
    const todo = page.locator('[data-testid="application-todo"][data-link="/registration"]');
    await todo.waitFor();
    await todo.click();
    await page.waitForURL((url) => new URL(url).pathname === "/registration");

    // The staff reason in an Alert, the step in error, the timeline note.
    await page.locator('[data-testid="progress-board"][data-status="returned"]').waitFor();
    await page.getByTestId("return-reason").getByText(RETURN_REASON).waitFor();
    await page.getByTestId("timeline").getByText(RETURN_REASON).waitFor();
    await page.screenshot({ path: join(RESULTS, "registration-returned.png"), fullPage: true });

    // 修改并重新提交: back into the wizard, change the first name choice, resubmit.
    await page.getByTestId("fix-and-resubmit").click();
    await atStep("confirm");
    await page.getByTestId("wizard-steps").getByText("名称与地址").click();
    await atStep("name");
    await page.getByTestId("name-option-0").fill("东海县晶曜测试水晶饰品有限公司");
    await nextStep("scope");
    await page.getByTestId("wizard-steps").getByText("确认提交").click();
    await atStep("confirm");
    await page.getByTestId("registration-review").getByText("东海县晶曜测试水晶饰品有限公司").waitFor();
    const resubmitted = page.waitForResponse(isCall("POST", /^\/api\/applications\/[^/]+\/transitions$/));
    await page.getByTestId("wizard-submit").click();
    assert.equal((await resubmitted).status(), 200);
    await page.locator('[data-testid="progress-board"][data-status="initial_review"]').waitFor();
    await page.getByTestId("registration-review").getByText("东海县晶曜测试水晶饰品有限公司").waitFor();
    assert.equal(await page.getByTestId("return-reason").count(), 0, "the reason is gone once resubmitted");

    // While locked, 跨境申报 shows the lock treatment.
    await page.goto(`${MERCHANT_URL}/filing`);
    await page.locator('[data-testid="module-locked"][data-module="filing"]').waitFor();
    await logout();
  }),
);

test(
  "a read-only member sees the approved registration and the 跨境申报 guide, without write buttons",
  { timeout: 120_000 },
  withScreenshot("registration-member", async () => {
    await browserLogin(MEMBER_PHONE);
    await page.goto(`${MERCHANT_URL}/registration`);
    await page.locator('[data-testid="progress-board"][data-status="approved"]').waitFor();
    await page.getByTestId("approved-note").getByText("如需修改已核准信息，请联系平台管理员").waitFor();
    await page.getByTestId("read-only-note").waitFor();
    assert.equal(await page.getByTestId("fix-and-resubmit").count(), 0);
    assert.equal(await page.getByTestId("wizard-submit").count(), 0);

    await page.goto(`${MERCHANT_URL}/filing`);
    await page.getByTestId("filing-guide").waitFor();
    const steps = page.getByTestId("guide-step");
    await steps.nth(4).waitFor();
    assert.deepEqual(await steps.evaluateAll((nodes) => nodes.map((n) => n.getAttribute("data-kind"))), [
      "customs-registration",
      "eport-card",
      "dxp-id",
      "cloud-signature",
      "enterprise-filing",
    ]);
    await page.screenshot({ path: join(RESULTS, "filing-guide.png"), fullPage: true });
    await steps.first().locator("a").click();
    await page.waitForURL((url) => new URL(url).pathname === "/filing/customs-registration");
    await page.getByTestId("instructions").waitFor();
    assert.equal(await page.getByTestId("filing-submit").count(), 0, "members cannot submit");
    assert.equal(await page.getByTestId("save-draft").count(), 0, "members cannot save drafts");
    await logout();
  }),
);

test(
  "already licensed: 补充认证资料 checks the credit code and asks the licence files",
  { timeout: 180_000 },
  withScreenshot("registration-existing", async () => {
    const phone = randomPhone();
    await browserLogin(phone);
    await page.goto(`${MERCHANT_URL}/registration`);
    const created = page.waitForResponse(isCall("POST", /^\/api\/applications$/));
    await page.getByTestId("choose-existing").click();
    assert.equal((await created).status(), 201);
    await atStep("entity");
    await page.locator(".jmt-choice", { hasText: "有限公司" }).click();
    await nextStep("name");

    // The 统一社会信用代码 check character is verified before the server sees it.
    await page.getByTestId("company-name").fill("东海县晶澈测试水晶有限公司");
    await page.getByTestId("credit-code").fill("91320722MA1XKQ2P32");
    await page.getByTestId("registered-address").fill("江苏省连云港市东海县经济开发区晶都大道 18 号");
    if (await page.getByTestId("registered-capital").count()) await page.getByTestId("registered-capital").fill("100");
    await page.getByTestId("wizard-next").click();
    await wizard()
      .getByText(/统一社会信用代码应为 18 位/)
      .waitFor();
    await page.getByTestId("credit-code").fill("91320722ma1xkq2p31");
    assert.equal(
      await page.getByTestId("credit-code").inputValue(),
      "91320722MA1XKQ2P31",
      "typed lower case, kept upper case",
    );
    await nextStep("people");

    await page.getByTestId("legal-name").fill("陈澈");
    await page.getByTestId("legal-id").fill(LEGAL_ID);
    await page.getByTestId("legal-phone").fill("13812345678");
    await page.getByTestId("contact-same").click();
    await nextStep("files");

    // Four slots for a licensed company: licence, both ID sides, bank permit.
    for (const slot of ["business_licence", "id_card_front", "id_card_back", "bank_permit"]) {
      await page.getByTestId(`slot-${slot}`).waitFor();
    }
    assert.equal(await page.getByTestId("slot-lease_contract").count(), 0, "no 经营场所证明 for a licensed company");
    await upload("business_licence", "licence.pdf", "application/pdf", PDF);
    await upload("id_card_front", "front.png", "image/png", PNG);
    await upload("id_card_back", "back.png", "image/png", PNG);
    await upload("bank_permit", "bank.pdf", "application/pdf", PDF);
    await nextStep("confirm");
    await page.getByTestId("registration-review").getByText("91320722MA1XKQ2P31").waitFor();
    const submitted = page.waitForResponse(isCall("POST", /^\/api\/applications\/[^/]+\/transitions$/));
    await page.getByTestId("wizard-submit").click();
    assert.equal((await submitted).status(), 200);
    await page.locator('[data-testid="progress-board"][data-status="initial_review"]').waitFor();
    await logout();
  }),
);
