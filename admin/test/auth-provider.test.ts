import { createStrapiAxios, createWebTokenStore } from "@jmt/strapi-provider";
import { startServer, type RecordedRequest, type Reply, type TestServer } from "@jmt/strapi-provider/testing";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createAuthProvider, type StaffAuthProvider } from "../src/providers/auth-provider";
import { i18n } from "../src/providers/i18n";

const KEY = "test.jwt";
const staffMe = {
  user: { id: 1, phone: "13800000000", realName: "王晶", email: null },
  isPlatformStaff: true,
  platformRoles: [{ code: "super-admin", name: "超级管理员" }],
  merchant: null,
  role: null,
  permissions: ["merchants.read"],
  merchants: [],
};
const merchantMe = {
  ...staffMe,
  user: { id: 2, phone: "13900000001", realName: null, email: null },
  isPlatformStaff: false,
  platformRoles: [],
  role: "admin",
};

let server: TestServer;
let route: (req: RecordedRequest) => Reply;
let auth: StaffAuthProvider;

/** The cms as the contract describes it: one staff phone, one merchant phone, code 246810. */
const cms = (req: RecordedRequest): Reply => {
  if (req.method === "POST" && req.path === "/api/auth/sms/send") {
    const { phone } = req.body as { phone: string };
    if (phone === "13700000000") {
      return {
        status: 429,
        body: { data: null, error: { status: 429, code: "SMS_TOO_FREQUENT", message: "发送过于频繁，请 42 秒后再试", details: { retryAfterSeconds: 42 } } },
      };
    }
    return { body: { sent: true, cooldownSeconds: 60, expiresInSeconds: 300 } };
  }
  if (req.method === "POST" && req.path === "/api/auth/sms/login") {
    const { phone, code } = req.body as { phone: string; code: string };
    if (code !== "246810") {
      return {
        status: 400,
        body: { data: null, error: { status: 400, code: "SMS_CODE_INVALID", message: "验证码错误，还可尝试 4 次", details: { attemptsLeft: 4 } } },
      };
    }
    return { body: { jwt: `jwt-for-${phone}`, user: { id: 1, phone, realName: null, isPlatformStaff: phone === "13800000000" } } };
  }
  if (req.method === "GET" && req.path === "/api/me") {
    if (req.headers.authorization === "Bearer jwt-for-13800000000") return { body: staffMe };
    if (req.headers.authorization === "Bearer jwt-for-13900000001") return { body: merchantMe };
    return { status: 401, body: { data: null, error: { status: 401, code: "UNAUTHORIZED", message: "请先登录", details: {} } } };
  }
  return { status: 404, body: { data: null, error: { status: 404, code: "NOT_FOUND", message: "未找到", details: {} } } };
};

beforeAll(async () => {
  server = await startServer((req) => route(req));
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  localStorage.clear();
  sessionStorage.clear();
  server.requests.length = 0;
  route = cms;
  const tokenStore = createWebTokenStore(KEY);
  // adapter "http": talk to the local server from node, as the browser talks to its own origin (no CORS in play).
  const http = createStrapiAxios({ baseURL: server.url, tokenStore, adapter: "http" });
  auth = createAuthProvider({ http, tokenStore, t: (key, fallback) => i18n.t(key, undefined, fallback) });
});

describe("login", () => {
  it("stores a remembered staff token in localStorage and checks /api/me with it", async () => {
    const result = await auth.login({ phone: "13800000000", code: "246810", remember: true });

    expect(result).toEqual({ success: true, redirectTo: "/" });
    expect(localStorage.getItem(KEY)).toBe("jwt-for-13800000000");
    expect(sessionStorage.getItem(KEY)).toBeNull();

    const [login, me] = server.requests;
    expect(login).toMatchObject({ method: "POST", path: "/api/auth/sms/login", body: { phone: "13800000000", code: "246810", remember: true } });
    expect(login.headers.authorization).toBeUndefined();
    expect(me).toMatchObject({ method: "GET", path: "/api/me" });
    expect(me.headers.authorization).toBe("Bearer jwt-for-13800000000");

    expect(await auth.check()).toEqual({ authenticated: true });
  });

  it("keeps the token in sessionStorage only without remember me", async () => {
    const result = await auth.login({ phone: "13800000000", code: "246810", remember: false });
    expect(result.success).toBe(true);
    expect(sessionStorage.getItem(KEY)).toBe("jwt-for-13800000000");
    expect(localStorage.getItem(KEY)).toBeNull();
  });

  it("refuses an account that is not platform staff and forgets its token", async () => {
    const result = await auth.login({ phone: "13900000001", code: "246810", remember: true });

    expect(result.success).toBe(false);
    expect(result.error?.message).toBe("该账号不是平台工作人员");
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(sessionStorage.getItem(KEY)).toBeNull();
    expect(await auth.check()).toMatchObject({ authenticated: false, redirectTo: "/login" });
    expect(await auth.getIdentity?.()).toBeNull();
  });

  it("passes the server's Chinese error message through", async () => {
    const result = await auth.login({ phone: "13800000000", code: "000000" });
    expect(result.success).toBe(false);
    expect(result.error).toMatchObject({ message: "验证码错误，还可尝试 4 次", statusCode: 400, code: "SMS_CODE_INVALID" });
    expect(sessionStorage.getItem(KEY)).toBeNull();
    // no /api/me call after a failed login
    expect(server.requests.map((r) => r.path)).toEqual(["/api/auth/sms/login"]);
  });
});

describe("session", () => {
  it("returns the staff identity from /api/me, fetched once per token", async () => {
    await auth.login({ phone: "13800000000", code: "246810" });
    const identity = await auth.getIdentity?.();
    const permissions = await auth.getPermissions?.();
    expect(identity).toEqual({
      id: 1,
      phone: "13800000000",
      name: "王晶",
      realName: "王晶",
      email: undefined,
      roles: [{ code: "super-admin", name: "超级管理员" }],
      permissions: ["merchants.read"],
    });
    expect(permissions).toEqual(["merchants.read"]);
    expect(server.requests.filter((r) => r.path === "/api/me")).toHaveLength(1);
  });

  it("logs out on 401 and clears both storages on logout", async () => {
    await auth.login({ phone: "13800000000", code: "246810", remember: true });
    expect(await auth.onError({ statusCode: 403, message: "无权限" })).toEqual({});
    expect(localStorage.getItem(KEY)).toBe("jwt-for-13800000000");

    const onError = await auth.onError({ statusCode: 401, message: "请先登录" });
    expect(onError).toMatchObject({ logout: true, redirectTo: "/login" });
    expect(localStorage.getItem(KEY)).toBeNull();

    await auth.login({ phone: "13800000000", code: "246810", remember: true });
    expect(await auth.logout({})).toEqual({ success: true, redirectTo: "/login" });
    expect(localStorage.getItem(KEY)).toBeNull();
    expect(sessionStorage.getItem(KEY)).toBeNull();
  });

  it("is unauthenticated without a token", async () => {
    expect(await auth.check()).toEqual({ authenticated: false, logout: true, redirectTo: "/login" });
    expect(await auth.getIdentity?.()).toBeNull();
    expect(server.requests).toHaveLength(0);
  });
});

describe("sendSmsCode", () => {
  it("posts the phone and returns the cooldown", async () => {
    expect(await auth.sendSmsCode("13800000000")).toEqual({ sent: true, cooldownSeconds: 60, expiresInSeconds: 300 });
    expect(server.last()).toMatchObject({ method: "POST", path: "/api/auth/sms/send", body: { phone: "13800000000" } });
  });

  it("rejects with the server message and retryAfterSeconds", async () => {
    await expect(auth.sendSmsCode("13700000000")).rejects.toMatchObject({
      message: "发送过于频繁，请 42 秒后再试",
      statusCode: 429,
      code: "SMS_TOO_FREQUENT",
      details: { retryAfterSeconds: 42 },
    });
  });
});
