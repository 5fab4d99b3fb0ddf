import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiClient } from "../src/providers/apiClient";
import { ApiError, toApiError } from "../src/providers/apiError";
import { createDataProvider } from "../src/providers";

/**
 * A real local HTTP server speaking the cms contract's shapes (no axios mocks): every response below is
 * what the cms, Strapi itself or a proxy in front of them can send.
 */
interface Seen {
  method?: string;
  url?: string;
  auth?: string;
  body?: unknown;
}
const seen: Seen[] = [];
let server: Server;
let base = "";

function send(res: ServerResponse, status: number, body: unknown, type = "application/json; charset=utf-8") {
  res.writeHead(status, { "content-type": type });
  res.end(typeof body === "string" ? body : JSON.stringify(body));
}

function contractError(status: number, code: string, message: string, details: Record<string, unknown> = {}) {
  return { data: null, error: { status, code, message, details } };
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString("utf8");
  return text ? JSON.parse(text) : undefined;
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const body = await readBody(req);
    seen.push({ method: req.method, url: req.url, auth: req.headers.authorization, body });
    const route = `${req.method} ${(req.url ?? "").split("?")[0]}`;
    switch (route) {
      case "POST /api/auth/sms/send": {
        const phone = (body as { phone?: string })?.phone;
        if (phone === "12345") return send(res, 400, contractError(400, "PHONE_INVALID", "手机号格式不正确"));
        if (phone === "13900000009")
          return send(
            res,
            429,
            contractError(429, "SMS_TOO_FREQUENT", "验证码发送过于频繁，请 42 秒后再试", { retryAfterSeconds: 42 }),
          );
        return send(res, 200, { sent: true, cooldownSeconds: 60, expiresInSeconds: 300 });
      }
      case "POST /api/auth/sms/login": {
        const { code } = body as { code: string };
        if (code !== "123456")
          return send(
            res,
            400,
            contractError(400, "SMS_CODE_INVALID", "验证码错误，还可尝试 4 次", { attemptsLeft: 4 }),
          );
        return send(res, 200, {
          jwt: "jwt-1",
          user: { id: 7, phone: "13900000001", realName: "王晶", isPlatformStaff: false },
        });
      }
      case "GET /api/me":
        if (req.headers.authorization !== "Bearer jwt-1")
          // Strapi's own error: English message, `name` instead of `code`
          return send(res, 401, {
            data: null,
            error: { status: 401, name: "UnauthorizedError", message: "Missing or invalid credentials", details: {} },
          });
        return send(res, 200, { user: { id: 7, phone: "13900000001" }, merchants: [] });
      case "PUT /api/merchants/doc%2F1":
        return send(res, 403, contractError(403, "MEMBER_READ_ONLY", "普通成员仅可查看，不能修改"));
      case "PUT /api/merchants/m1":
        return send(res, 200, { data: { documentId: "m1", id: 1, ...(body as { data: object }).data } });
      case "GET /api/memberships":
        return send(res, 200, {
          data: [
            {
              documentId: "ms1",
              role: "admin",
              user: { id: 7, phone: "13900000001" },
              createdAt: "2025-01-01T00:00:00.000Z",
            },
            {
              documentId: "ms2",
              role: "member",
              user: { id: 8, phone: "13900000002" },
              createdAt: "2025-01-02T00:00:00.000Z",
            },
          ],
        });
      case "DELETE /api/memberships/ms1":
        return send(res, 400, contractError(400, "LAST_ADMIN", "商户至少需要保留一位管理员"));
      case "DELETE /api/memberships/ms2":
        res.writeHead(204);
        return res.end();
      case "GET /api/home":
        return send(res, 502, "<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html");
      case "GET /api/slow":
        setTimeout(() => send(res, 200, { ok: true }), 1500);
        return;
      case "GET /api/broken-json":
        return send(res, 500, "{not json", "application/json");
      default:
        return send(res, 404, {
          data: null,
          error: { status: 404, name: "NotFoundError", message: "Not Found", details: {} },
        });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function failure(promise: Promise<unknown>): Promise<ApiError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    return error as ApiError;
  }
  throw new Error("expected the call to fail");
}

describe("api client against a real HTTP server", () => {
  it("sends the SMS request as JSON and returns the cooldown", async () => {
    const api = createApiClient({ baseURL: base });
    await expect(api.sendSmsCode("13900000001")).resolves.toEqual({
      sent: true,
      cooldownSeconds: 60,
      expiresInSeconds: 300,
    });
    expect(seen.at(-1)).toMatchObject({ method: "POST", url: "/api/auth/sms/send", body: { phone: "13900000001" } });
  });

  it("maps a 429 SMS_TOO_FREQUENT to its Chinese message and retry delay", async () => {
    const api = createApiClient({ baseURL: base });
    const error = await failure(api.sendSmsCode("13900000009"));
    expect(error.status).toBe(429);
    expect(error.statusCode).toBe(429);
    expect(error.code).toBe("SMS_TOO_FREQUENT");
    expect(error.message).toBe("验证码发送过于频繁，请 42 秒后再试");
    expect(error.retryAfterSeconds).toBe(42);
  });

  it("keeps the server's Chinese message and details for a 400", async () => {
    const api = createApiClient({ baseURL: base });
    const error = await failure(api.loginWithSms("13900000001", "000000", true));
    expect(error).toMatchObject({ status: 400, code: "SMS_CODE_INVALID", message: "验证码错误，还可尝试 4 次" });
    expect(error.details).toEqual({ attemptsLeft: 4 });
    expect(error.retryAfterSeconds).toBeUndefined();
    const invalid = await failure(api.sendSmsCode("12345"));
    expect(invalid.code).toBe("PHONE_INVALID");
  });

  it("posts remember with the login and sends the jwt as a Bearer token afterwards", async () => {
    let token: string | null = null;
    const api = createApiClient({ baseURL: base, getToken: () => token });
    const login = await api.loginWithSms("13900000001", "123456", true);
    expect(seen.at(-1)?.body).toEqual({ phone: "13900000001", code: "123456", remember: true });
    expect(seen.at(-1)?.auth).toBeUndefined();
    token = login.jwt;
    await expect(api.getMe()).resolves.toMatchObject({ user: { id: 7 } });
    expect(seen.at(-1)?.auth).toBe("Bearer jwt-1");
  });

  it("maps Strapi's English 401 to a Chinese message and reports the expired session", async () => {
    let expired = 0;
    const api = createApiClient({ baseURL: base, getToken: () => "stale", onUnauthorized: () => expired++ });
    const error = await failure(api.getMe());
    expect(error).toMatchObject({ status: 401, code: "UnauthorizedError", message: "登录已过期，请重新登录" });
    expect(expired).toBe(1);
  });

  it("does not report an expired session for a 401 without a token", async () => {
    let expired = 0;
    const api = createApiClient({ baseURL: base, getToken: () => null, onUnauthorized: () => expired++ });
    await failure(api.getMe());
    expect(expired).toBe(0);
  });

  it("maps the contract's 403 MEMBER_READ_ONLY and escapes document ids in the path", async () => {
    const api = createApiClient({ baseURL: base });
    const error = await failure(api.updateMerchant("doc/1", { nameCn: "x" }));
    expect(error).toMatchObject({ status: 403, code: "MEMBER_READ_ONLY", message: "普通成员仅可查看，不能修改" });
    expect(seen.at(-1)?.url).toBe("/api/merchants/doc%2F1");
  });

  it("wraps writes in {data} and unwraps the response", async () => {
    const api = createApiClient({ baseURL: base });
    const merchant = await api.updateMerchant("m1", { nameCn: "东海县晶华水晶饰品有限公司", type: "company" });
    expect(seen.at(-1)?.body).toEqual({ data: { nameCn: "东海县晶华水晶饰品有限公司", type: "company" } });
    expect(merchant).toMatchObject({ documentId: "m1", nameCn: "东海县晶华水晶饰品有限公司" });
  });

  it("maps LAST_ADMIN on member removal, and accepts an empty 204", async () => {
    const api = createApiClient({ baseURL: base });
    const error = await failure(api.removeMembership("ms1"));
    expect(error).toMatchObject({ status: 400, code: "LAST_ADMIN", message: "商户至少需要保留一位管理员" });
    await expect(api.removeMembership("ms2")).resolves.toBeDefined();
  });

  it("maps a proxy's HTML 502 by status", async () => {
    const api = createApiClient({ baseURL: base });
    const error = await failure(api.getHome());
    expect(error).toMatchObject({ status: 502, code: "HTTP_502", message: "服务暂时不可用，请稍后再试" });
  });

  it("maps an unparsable 500 by status", async () => {
    const api = createApiClient({ baseURL: base });
    const error = await failure(api.request("get", "/api/broken-json"));
    expect(error).toMatchObject({ status: 500, message: "服务暂时不可用，请稍后再试" });
  });

  it("maps Strapi's English 404 to Chinese", async () => {
    const api = createApiClient({ baseURL: base });
    const error = await failure(api.request("get", "/api/nothing-here"));
    expect(error).toMatchObject({ status: 404, code: "NotFoundError", message: "请求的内容不存在" });
  });

  it("maps a timeout to TIMEOUT", async () => {
    const api = createApiClient({ baseURL: base, timeoutMs: 200 });
    const error = await failure(api.request("get", "/api/slow"));
    expect(error).toMatchObject({ status: 0, code: "TIMEOUT", message: "请求超时，请稍后重试" });
  });

  it("maps a refused connection to NETWORK_ERROR", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const api = createApiClient({ baseURL: `http://127.0.0.1:${port}` });
    const error = await failure(api.getHome());
    expect(error).toMatchObject({ status: 0, code: "NETWORK_ERROR", message: "网络连接失败，请检查网络后重试" });
  });

  it("passes ApiErrors through and wraps plain errors", () => {
    const e = new ApiError(409, "X", "冲突");
    expect(toApiError(e)).toBe(e);
    expect(toApiError(new Error("boom"))).toMatchObject({ code: "CLIENT_ERROR", message: "boom" });
    expect(toApiError("?")).toMatchObject({ code: "CLIENT_ERROR", message: "操作失败，请稍后重试" });
  });
});

describe("Refine data provider over the same client", () => {
  it("lists memberships with documentId records and a total", async () => {
    const provider = createDataProvider({ baseURL: base });
    const list = await provider.getList({ resource: "memberships" });
    expect(list.total).toBe(2);
    expect(list.data.map((m) => m.documentId)).toEqual(["ms1", "ms2"]);
  });

  it("updates with a {data} envelope and surfaces contract errors as Refine HttpErrors", async () => {
    const provider = createDataProvider({ baseURL: base });
    const updated = await provider.update({
      resource: "merchants",
      id: "m1",
      variables: { nameEn: "Jinghua Crystal" },
    });
    expect(updated.data).toMatchObject({ documentId: "m1", nameEn: "Jinghua Crystal" });
    const error = (await provider.deleteOne({ resource: "memberships", id: "ms1" }).catch((e: unknown) => e)) as {
      statusCode: number;
      message: string;
      code?: string;
    };
    expect(error.statusCode).toBe(400);
    expect(error.message).toBe("商户至少需要保留一位管理员");
  });
});
