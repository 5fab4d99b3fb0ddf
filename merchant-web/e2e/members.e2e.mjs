// Browser end-to-end test of 商户成员 by invitation (M3) on the merchant web, against the real cms and the SMS simulator:
//   MERCHANT_URL=http://127.0.0.1:8002 SMS_SIM_URL=http://127.0.0.1:1340 CMS_URL=http://127.0.0.1:1337 \
//     node --test merchant-web/e2e/members.e2e.mjs
//
// 1. 晶华's admin (13900000001) opens 我的 → 商户成员 and invites a new phone as 普通成员: the invitation is listed as
//    等待接受 with the phone masked, the invitee's phone gets the invitation SMS, and nobody has joined yet.
// 2. The invitee signs in with that phone: the home page offers the invitation; 接受 joins 晶华 and switches to it
//    (GET /api/me says 晶华, role member).
// 3. The admin sees the new member and the invitation as 已接受, then removes the member again.
// Screenshots of the member page at 1280, 1440 and 1920 px. Every wait is on a response or an element.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import {
  envUrl,
  isCall,
  launchBrowser,
  newSignedInPage,
  ok,
  outbox,
  randomPhone,
  resultsDir,
  screenshotOnFailure,
  smsLogin,
} from "@jmt/e2e-support";

const MERCHANT_URL = envUrl("MERCHANT_URL", "http://127.0.0.1:8002");
const TOKEN_KEY = "jmt.merchant.jwt"; // merchant-web/src/providers/session.ts
const JINGHUA_ADMIN = "13900000001";

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

/** A page signed in with this JWT, `width` px wide; the test drives it. */
async function signedInPage(jwt, t, width = 1440) {
  const session = await newSignedInPage(browser, {
    tokenKey: TOKEN_KEY,
    jwt,
    t,
    viewport: { width, height: 960 },
  });
  page = session.page;
  return session;
}

test(
  "an admin invites a phone; the invitee accepts on the home page and becomes a member",
  { timeout: 240_000 },
  async (t) => {
    const adminJwt = await smsLogin(JINGHUA_ADMIN, { t });
    const jinghua = (await ok("/api/me", { token: adminJwt })).merchant;
    const invitee = randomPhone("166");
    const masked = `${invitee.slice(0, 3)}****${invitee.slice(7)}`;

    // 1. The admin invites.
    const admin = await signedInPage(adminJwt, t);
    await screenshotOnFailure(
      () => page,
      join(RESULTS, "members-invite-failure.png"),
      async () => {
        await page.goto(`${MERCHANT_URL}/me?tab=members`);
        await page.getByTestId("members").waitFor();
        await page.getByTestId("invite-member").click();
        const dialog = page.locator(".ant-modal").filter({ hasText: "邀请成员加入本商户" });
        await dialog.getByLabel("手机号").fill("12345");
        await dialog.getByRole("button", { name: "发送邀请" }).click();
        await dialog.getByText("请输入正确的 11 位中国大陆手机号").waitFor();
        await dialog.getByLabel("手机号").fill(invitee);
        const sent = page.waitForResponse(isCall("POST", /\/api\/invitations$/, 201));
        await dialog.getByRole("button", { name: "发送邀请" }).click();
        await sent;
        await page.getByText("邀请已发送，对方接受后即成为成员").waitFor();
        const row = page.getByTestId("sent-invitations").locator("tr", { hasText: masked });
        await row.locator('[data-status="pending"]').waitFor();
        assert.match(await row.innerText(), /等待接受/);
        assert.match(await row.innerText(), /普通成员/);
      },
    );
    const sms = (await outbox(invitee)).find((m) => /邀请您加入商户/.test(m.content ?? ""));
    assert.ok(sms, `the invitation SMS reached ${invitee}`);
    assert.ok(sms.content.includes(jinghua.nameCn), "the SMS names the merchant");
    const before = (await ok("/api/memberships?pagination[pageSize]=100", { token: adminJwt })).data;
    assert.ok(!before.some((m) => m.user?.phone === invitee), "nobody joins before accepting");
    await admin.context.close();

    // 2. The invitee accepts on the home page.
    const inviteeJwt = await smsLogin(invitee, { t });
    const guest = await signedInPage(inviteeJwt, t);
    await screenshotOnFailure(
      () => page,
      join(RESULTS, "members-accept-failure.png"),
      async () => {
        await page.goto(`${MERCHANT_URL}/`);
        const inbox = page.getByTestId("invitation-inbox");
        await inbox.waitFor();
        assert.match(await inbox.innerText(), new RegExp(`加入「${jinghua.nameCn}」`));
        await page.screenshot({
          path: join(RESULTS, "members-invitation-inbox-1440.png"),
        });
        const accepted = page.waitForResponse(isCall("POST", /\/api\/invitations\/[^/]+\/accept$/, 200));
        await inbox.getByTestId("accept-invitation").click();
        await accepted;
        await page.getByText(`已加入「${jinghua.nameCn}」`).waitFor();
        await page.getByTestId("home").waitFor();
        assert.equal(await page.getByTestId("invitation-inbox").count(), 0, "the invitation is gone once accepted");
      },
    );
    const token = await page.evaluate((key) => window.localStorage.getItem(key), TOKEN_KEY);
    const me = await ok("/api/me", { token });
    assert.equal(me.merchant?.documentId, jinghua.documentId, "switched to the merchant just joined");
    assert.equal(me.role, "member");
    await guest.context.close();

    // 3. The admin sees the member, and removes them again.
    for (const width of [1280, 1440, 1920]) {
      const view = await signedInPage(adminJwt, t, width);
      await page.goto(`${MERCHANT_URL}/me?tab=members`);
      await page.getByTestId("members").locator("tr", { hasText: invitee }).waitFor();
      await page.getByTestId("sent-invitations").locator('[data-status="accepted"]').first().waitFor();
      await page.screenshot({
        path: join(RESULTS, `members-${width}.png`),
        fullPage: true,
      });
      if (width !== 1920) await view.context.close();
    }
    const memberRow = page.getByTestId("members").locator("tr", { hasText: invitee });
    await memberRow.getByRole("button", { name: "移除" }).click();
    const removed = page.waitForResponse(isCall("DELETE", /\/api\/memberships\/[^/]+$/, 200));
    await page.locator(".ant-popconfirm").getByRole("button", { name: "移除" }).click();
    await removed;
    await page.getByText("成员已移除").waitFor();
    const after = (await ok("/api/memberships?pagination[pageSize]=100", { token: adminJwt })).data;
    assert.ok(!after.some((m) => m.user?.phone === invitee), "the member is gone");
    assert.deepEqual(admin.errors.concat(guest.errors), [], "no page errors");
  },
);
