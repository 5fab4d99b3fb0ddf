// Unit tests of the shared e2e helpers: the pure ones, and the cooldown-aware SMS login against a fake
// cms + SMS simulator on a loopback port (no real stack needed).
import assert from "node:assert/strict";
import { createServer } from "node:http";
import { after, before, describe, it } from "node:test";
import { api, creditCode, envUrl, idNumber, isCall, messageKey, randomPhone, smsLogin, SmsLoginError, waitForNewCode, whenHolds } from "../index.mjs";

describe("pure helpers", () => {
  it("builds identifiers with valid check characters (the contract's samples)", () => {
    assert.equal(idNumber("32072219850612341"), "32072219850612341X");
    assert.equal(idNumber("32072219781103451"), "320722197811034515");
    assert.equal(creditCode("91320722MA1XJH8Q3"), "91320722MA1XJH8Q3R");
    assert.equal(creditCode("92320722MA1YJF6K2"), "92320722MA1YJF6K27");
  });

  it("applies conditions like the server", () => {
    const both = [
      { path: "path", in: ["new"] },
      { path: "entityType", in: ["company"] },
    ];
    assert.equal(whenHolds(null, {}), true);
    assert.equal(whenHolds({ path: "path", in: ["existing"] }, { path: "existing" }), true);
    assert.equal(whenHolds(both, { path: "new", entityType: "company" }), true);
    assert.equal(whenHolds(both, { path: "new", entityType: "individual" }), false);
    assert.equal(whenHolds({ path: "a.b", in: ["x"] }, { a: { b: "x" } }), true);
  });

  it("makes fresh mobile numbers", () => {
    for (let i = 0; i < 50; i++) assert.match(randomPhone(), /^17\d{9}$/);
    assert.match(randomPhone("139"), /^139\d{8}$/);
  });

  it("reads base URLs from the environment without trailing slashes", () => {
    process.env.E2E_SUPPORT_TEST_URL = "http://127.0.0.1:9/x//";
    assert.equal(envUrl("E2E_SUPPORT_TEST_URL", "http://fallback"), "http://127.0.0.1:9/x");
    delete process.env.E2E_SUPPORT_TEST_URL;
    assert.equal(envUrl("E2E_SUPPORT_TEST_URL", "http://fallback/"), "http://fallback");
  });

  it("tells messages apart and matches calls", () => {
    assert.equal(messageKey(undefined), "");
    assert.notEqual(messageKey({ bizId: "a", code: "1" }), messageKey({ bizId: "b", code: "1" }));
    const response = (method, url, status) => ({ request: () => ({ method: () => method }), url: () => url, status: () => status });
    assert.equal(isCall("POST", /^\/api\/applications$/)(response("POST", "http://x/api/applications?a=1", 201)), true);
    assert.equal(isCall("POST", /^\/api\/applications$/, 200)(response("POST", "http://x/api/applications", 201)), false);
    assert.equal(isCall("GET", /^\/api\/applications$/)(response("POST", "http://x/api/applications", 200)), false);
  });
});

describe("smsLogin against a fake cms", () => {
  /** @type {import("node:http").Server} */
  let server;
  let base = "";
  const state = { messages: [], lastSent: 0, cooldownMs: 1_000, used: new Set(), dailyLimit: new Set(), sends: 0 };

  before(async () => {
    server = createServer(async (req, res) => {
      let raw = "";
      for await (const chunk of req) raw += chunk;
      const body = raw ? JSON.parse(raw) : {};
      const url = new URL(req.url, "http://x");
      const send = (status, json) => {
        res.writeHead(status, { "content-type": "application/json" });
        res.end(JSON.stringify(json));
      };
      if (url.pathname === "/outbox") return send(200, state.messages.filter((m) => m.phone === url.searchParams.get("phone")).reverse());
      if (url.pathname === "/api/auth/sms/send") {
        state.sends += 1;
        if (state.dailyLimit.has(body.phone)) return send(429, { error: { code: "SMS_DAILY_LIMIT", details: { dailyCap: 10 } } });
        const wait = state.lastSent + state.cooldownMs - Date.now();
        if (wait > 0) return send(429, { error: { code: "SMS_TOO_FREQUENT", details: { retryAfterSeconds: Math.ceil(wait / 1000) } } });
        state.lastSent = Date.now();
        state.messages.push({
          phone: body.phone,
          code: String(100000 + state.messages.length),
          bizId: `b${state.messages.length}`,
          receivedAt: new Date().toISOString(),
        });
        return send(200, { sent: true });
      }
      if (url.pathname === "/api/auth/sms/login") {
        const latest = [...state.messages].reverse().find((m) => m.phone === body.phone);
        if (!latest || latest.code !== body.code || state.used.has(latest.code)) return send(400, { error: { code: "SMS_CODE_EXPIRED" } });
        state.used.add(latest.code);
        return send(200, { jwt: `jwt-${body.phone}-${body.code}` });
      }
      send(404, {});
    });
    await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${server.address().port}`;
  });
  after(() => server.close());

  const options = () => ({ cmsUrl: base, smsUrl: base, timeoutMs: 10_000 });

  it("signs in, then waits out the cooldown the server names and signs in again", async () => {
    const first = await smsLogin("13800000009", options());
    assert.match(first, /^jwt-13800000009-/);
    const notes = [];
    const second = await smsLogin("13800000009", { ...options(), t: { diagnostic: (m) => notes.push(m) } });
    assert.notEqual(second, first, "a new code, not the used one");
    assert.ok(
      notes.some((n) => /SMS_TOO_FREQUENT/.test(n)),
      "the wait is reported",
    );
  });

  it("uses the code sent within the cooldown when nobody has", async () => {
    state.lastSent = 0;
    await api("/api/auth/sms/send", { method: "POST", body: { phone: "13800000008" }, cmsUrl: base });
    const sendsBefore = state.sends;
    const jwt = await smsLogin("13800000008", options());
    assert.match(jwt, /^jwt-13800000008-/);
    assert.equal(state.sends - sendsBefore, 1, "one refused send, no waiting");
  });

  it("fails fast with the cms code when the daily cap is reached", async () => {
    state.dailyLimit.add("13800000007");
    await assert.rejects(smsLogin("13800000007", options()), (error) => error instanceof SmsLoginError && error.code === "SMS_DAILY_LIMIT");
  });

  it("waits for a new code only", async () => {
    assert.equal(await waitForNewCode("13800000006", "", { smsUrl: base, timeoutMs: 300 }), undefined);
  });
});
