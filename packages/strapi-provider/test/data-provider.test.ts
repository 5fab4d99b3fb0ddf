import type { DataProvider } from "@refinedev/core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createStrapiAxios, strapiDataProvider, type ApiHttpError } from "../src";
import { startServer, strapiList, type Reply, type RecordedRequest, type TestServer } from "../src/testing/http-server";

const merchant = (n: number) => ({
  id: n,
  documentId: `doc${n}abcdefghijklmnopqrstu`,
  nameCn: `东海县晶华水晶饰品有限公司${n}`,
  nameEn: `Donghai Jinghua Crystal ${n}`,
  type: "company",
  registrationStatus: "approved",
  createdAt: "2025-01-02T03:04:05.000Z",
  memberships: [{ id: 100 + n, documentId: `mem${n}`, role: "admin" }],
});

let server: TestServer;
let route: (req: RecordedRequest) => Reply | Promise<Reply>;
let token: string | null;
let provider: DataProvider;

beforeAll(async () => {
  server = await startServer((req) => route(req));
  const httpClient = createStrapiAxios({ baseURL: server.url, tokenStore: { getToken: () => token } });
  provider = strapiDataProvider({ httpClient });
});
afterAll(async () => {
  await server.close();
});
beforeEach(() => {
  server.requests.length = 0;
  token = "jwt-staff";
  route = () => ({ status: 404, body: { data: null, error: { status: 404, code: "NOT_FOUND", message: "未找到" } } });
});

describe("getList", () => {
  it("sends Strapi pagination, sort and filters and maps documentId to id", async () => {
    route = () => ({ body: strapiList([merchant(1), merchant(2)], { page: 2, pageSize: 20, total: 42 }) });

    const result = await provider.getList({
      resource: "merchants",
      pagination: { currentPage: 2, pageSize: 20, mode: "server" },
      sorters: [{ field: "createdAt", order: "desc" }],
      filters: [{ field: "nameCn", operator: "contains", value: "晶" }],
    });

    const req = server.last();
    expect(req.method).toBe("GET");
    expect(req.path).toBe("/api/merchants");
    expect(req.query).toEqual([
      ["filters[nameCn][$containsi]", "晶"],
      ["sort", "createdAt:desc"],
      ["pagination[page]", "2"],
      ["pagination[pageSize]", "20"],
    ]);
    // brackets stay readable, the Chinese value is percent-encoded
    expect(req.url).toContain("filters[nameCn][$containsi]=%E6%99%B6");
    expect(req.headers.authorization).toBe("Bearer jwt-staff");

    expect(result.total).toBe(42);
    expect(result.data).toHaveLength(2);
    expect(result.data[0]).toMatchObject({
      id: "doc1abcdefghijklmnopqrstu",
      documentId: "doc1abcdefghijklmnopqrstu",
      _numericId: 1,
      nameCn: "东海县晶华水晶饰品有限公司1",
    });
    // populated relations are normalised too
    expect(result.data[0].memberships[0]).toMatchObject({ id: "mem1", _numericId: 101 });
    // the rest of the body (meta) is passed through for callers that need it
    expect(result.meta).toMatchObject({ pagination: { total: 42, pageCount: 3 } });
  });

  it("defaults to page 1 / 10 and sends no filters for blank values", async () => {
    route = () => ({ body: strapiList([], { page: 1, pageSize: 10, total: 0 }) });
    const result = await provider.getList({
      resource: "merchants",
      filters: [
        { field: "nameCn", operator: "contains", value: "" },
        { field: "type", operator: "eq", value: undefined },
        { field: "registrationStatus", operator: "in", value: [] },
      ],
    });
    expect(server.last().query).toEqual([
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "10"],
    ]);
    expect(result).toMatchObject({ data: [], total: 0 });
  });

  it("translates every supported operator, nested fields and or/and groups", async () => {
    route = () => ({ body: strapiList([], { page: 1, pageSize: 10, total: 0 }) });
    await provider.getList({
      resource: "merchants",
      sorters: [
        { field: "registrationStatus", order: "asc" },
        { field: "createdAt", order: "desc" },
      ],
      filters: [
        { field: "type", operator: "eq", value: "company" },
        { field: "registrationStatus", operator: "ne", value: "rejected" },
        { field: "memberCount", operator: "gte", value: 1 },
        { field: "memberCount", operator: "lt", value: 50 },
        { field: "score", operator: "gt", value: 2 },
        { field: "score", operator: "lte", value: 5 },
        { field: "registrationStatus", operator: "in", value: ["approved", "initial_review"] },
        { field: "nameEn", operator: "null", value: true },
        { field: "contactEmail", operator: "nnull", value: true },
        { field: "createdAt", operator: "between", value: ["2025-01-01", "2025-12-31"] },
        { field: "memberships.user.phone", operator: "eq", value: "13900000001" },
        {
          operator: "or",
          value: [
            { field: "nameCn", operator: "contains", value: "水晶" },
            {
              operator: "and",
              value: [
                { field: "nameEn", operator: "contains", value: "crystal" },
                { field: "type", operator: "eq", value: "individual" },
              ],
            },
          ],
        },
      ],
    });
    expect(server.last().query).toEqual([
      ["filters[type][$eq]", "company"],
      ["filters[registrationStatus][$ne]", "rejected"],
      ["filters[registrationStatus][$in][0]", "approved"],
      ["filters[registrationStatus][$in][1]", "initial_review"],
      ["filters[memberCount][$gte]", "1"],
      ["filters[memberCount][$lt]", "50"],
      ["filters[score][$gt]", "2"],
      ["filters[score][$lte]", "5"],
      ["filters[nameEn][$null]", "true"],
      ["filters[contactEmail][$notNull]", "true"],
      ["filters[createdAt][$between][0]", "2025-01-01"],
      ["filters[createdAt][$between][1]", "2025-12-31"],
      ["filters[memberships][user][phone][$eq]", "13900000001"],
      ["filters[$or][0][nameCn][$containsi]", "水晶"],
      ["filters[$or][1][$and][0][nameEn][$containsi]", "crystal"],
      ["filters[$or][1][$and][1][type][$eq]", "individual"],
      ["sort", "registrationStatus:asc,createdAt:desc"],
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "10"],
    ]);
  });

  it("moves colliding filters into $and instead of silently dropping one", async () => {
    route = () => ({ body: strapiList([], { page: 1, pageSize: 10, total: 0 }) });
    await provider.getList({
      resource: "merchants",
      filters: [
        { field: "nameCn", operator: "contains", value: "晶" },
        { field: "nameCn", operator: "contains", value: "华" },
      ],
    });
    expect(server.last().query.slice(0, 2)).toEqual([
      ["filters[$and][0][nameCn][$containsi]", "晶"],
      ["filters[$and][1][nameCn][$containsi]", "华"],
    ]);
  });

  it("passes meta.populate, meta.fields, status and locale through", async () => {
    route = () => ({ body: strapiList([], { page: 1, pageSize: 5, total: 0 }) });
    await provider.getList({
      resource: "products",
      pagination: { currentPage: 1, pageSize: 5 },
      meta: {
        populate: { merchant: { fields: ["nameCn"] }, images: true },
        fields: ["name", "price"],
        status: "published",
        locale: "zh-CN",
      },
    });
    expect(server.last().query).toEqual([
      ["populate[merchant][fields][0]", "nameCn"],
      ["populate[images]", "true"],
      ["fields[0]", "name"],
      ["fields[1]", "price"],
      ["status", "published"],
      ["locale", "zh-CN"],
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "5"],
    ]);
  });

  it("walks every page when pagination is off", async () => {
    route = (req) => {
      const page = Number(new URLSearchParams(req.query).get("pagination[page]"));
      const rows = page === 1 ? Array.from({ length: 100 }, (_, i) => merchant(i + 1)) : [merchant(101)];
      return { body: strapiList(rows, { page, pageSize: 100, total: 101 }) };
    };
    const result = await provider.getList({ resource: "merchants", pagination: { mode: "off" } });
    expect(server.requests.map((r) => new URLSearchParams(r.query).get("pagination[page]"))).toEqual(["1", "2"]);
    expect(new URLSearchParams(server.requests[0].query).get("pagination[pageSize]")).toBe("100");
    expect(result.total).toBe(101);
    expect(result.data).toHaveLength(101);
  });

  it("accepts a bare array (users-permissions /api/users)", async () => {
    route = () => ({ body: [{ id: 1, documentId: "u1", username: "13800000000" }] });
    const result = await provider.getList({ resource: "users" });
    expect(result).toMatchObject({ total: 1, data: [{ id: "u1", _numericId: 1 }] });
  });

  it("uses meta.path for routes whose path differs from the resource name", async () => {
    route = () => ({ body: strapiList([], { page: 1, pageSize: 10, total: 0 }) });
    await provider.getList({ resource: "staff", meta: { path: "staff-roles" } });
    expect(server.last().path).toBe("/api/staff-roles");
  });
});

describe("single-record methods", () => {
  it("getOne addresses the document by documentId and passes populate", async () => {
    route = () => ({ body: { data: merchant(7), meta: {} } });
    const { data } = await provider.getOne({ resource: "merchants", id: "doc7abcdefghijklmnopqrstu", meta: { populate: "*" } });
    const req = server.last();
    expect(req.path).toBe("/api/merchants/doc7abcdefghijklmnopqrstu");
    expect(req.query).toEqual([["populate", "*"]]);
    expect(data).toMatchObject({ id: "doc7abcdefghijklmnopqrstu", _numericId: 7, nameEn: "Donghai Jinghua Crystal 7" });
  });

  it("getMany filters documentId $in", async () => {
    route = () => ({ body: strapiList([merchant(1), merchant(2)], { page: 1, pageSize: 2, total: 2 }) });
    const { data } = await provider.getMany!({ resource: "merchants", ids: ["doc1", "doc2"] });
    expect(server.last().query).toEqual([
      ["filters[documentId][$in][0]", "doc1"],
      ["filters[documentId][$in][1]", "doc2"],
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "2"],
    ]);
    expect(data.map((m) => m.id)).toEqual(["doc1abcdefghijklmnopqrstu", "doc2abcdefghijklmnopqrstu"]);
  });

  it("create POSTs {data} without id fields", async () => {
    route = (req) => ({ status: 201, body: { data: { id: 9, documentId: "new9", ...(req.body as { data: object }).data } } });
    const { data } = await provider.create({
      resource: "merchants",
      variables: { id: "ignored", _numericId: 3, nameCn: "东海县紫晶坊水晶工艺品店", type: "individual" },
    });
    const req = server.last();
    expect(req.method).toBe("POST");
    expect(req.path).toBe("/api/merchants");
    expect(req.body).toEqual({ data: { nameCn: "东海县紫晶坊水晶工艺品店", type: "individual" } });
    expect(data).toMatchObject({ id: "new9", _numericId: 9, nameCn: "东海县紫晶坊水晶工艺品店" });
  });

  it("update PUTs {data} to the document", async () => {
    route = () => ({ body: { data: { ...merchant(3), nameEn: "Zijingfang" } } });
    const { data } = await provider.update({ resource: "merchants", id: "doc3abcdefghijklmnopqrstu", variables: { nameEn: "Zijingfang" } });
    const req = server.last();
    expect(req.method).toBe("PUT");
    expect(req.path).toBe("/api/merchants/doc3abcdefghijklmnopqrstu");
    expect(req.body).toEqual({ data: { nameEn: "Zijingfang" } });
    expect(data).toMatchObject({ id: "doc3abcdefghijklmnopqrstu", nameEn: "Zijingfang" });
  });

  it("deleteOne accepts Strapi 5's 204 No Content", async () => {
    route = () => ({ status: 204 });
    const { data } = await provider.deleteOne({ resource: "memberships", id: "m1" });
    expect(server.last()).toMatchObject({ method: "DELETE", path: "/api/memberships/m1" });
    expect(data).toEqual({ id: "m1" });
  });

  it("custom sends query, filters and payload to any url", async () => {
    route = () => ({ body: { sent: true, cooldownSeconds: 60 } });
    const { data } = await provider.custom!({
      url: "/api/auth/sms/send",
      method: "post",
      payload: { phone: "13800000000" },
      query: { source: "admin" },
    });
    const req = server.last();
    expect(req).toMatchObject({ method: "POST", path: "/api/auth/sms/send", body: { phone: "13800000000" } });
    expect(req.query).toEqual([["source", "admin"]]);
    expect(data).toEqual({ sent: true, cooldownSeconds: 60 });

    route = () => ({ body: { data: [] } });
    await provider.custom!({
      url: "audit-logs",
      method: "get",
      filters: [{ field: "module", operator: "eq", value: "merchant" }],
      sorters: [{ field: "createdAt", order: "desc" }],
    });
    expect(server.last().path).toBe("/api/audit-logs");
    expect(server.last().query).toEqual([
      ["filters[module][$eq]", "merchant"],
      ["sort", "createdAt:desc"],
    ]);
  });
});

describe("auth and errors", () => {
  it("omits the Authorization header without a token and reads the token on every request", async () => {
    route = () => ({ body: strapiList([], { page: 1, pageSize: 10, total: 0 }) });
    token = null;
    await provider.getList({ resource: "merchants" });
    expect(server.last().headers.authorization).toBeUndefined();
    token = "second-token";
    await provider.getList({ resource: "merchants" });
    expect(server.last().headers.authorization).toBe("Bearer second-token");
  });

  it("turns the error envelope into an HttpError with the Chinese message", async () => {
    route = () => ({
      status: 429,
      body: {
        data: null,
        error: { status: 429, code: "SMS_TOO_FREQUENT", message: "验证码发送过于频繁，请 42 秒后再试", details: { retryAfterSeconds: 42 } },
      },
    });
    const error = (await provider.custom!({ url: "/api/auth/sms/send", method: "post", payload: {} }).catch((e: unknown) => e)) as ApiHttpError;
    expect(error).toMatchObject({
      message: "验证码发送过于频繁，请 42 秒后再试",
      statusCode: 429,
      code: "SMS_TOO_FREQUENT",
      details: { retryAfterSeconds: 42 },
    });
  });

  it("maps Strapi validation details to Refine's field errors", async () => {
    route = () => ({
      status: 400,
      body: {
        data: null,
        error: {
          status: 400,
          name: "ValidationError",
          message: "商户名称不能为空",
          details: { errors: [{ path: ["nameCn"], message: "商户名称不能为空", name: "ValidationError" }] },
        },
      },
    });
    const error = (await provider.create({ resource: "merchants", variables: {} }).catch((e: unknown) => e)) as ApiHttpError;
    expect(error).toMatchObject({
      statusCode: 400,
      code: "ValidationError",
      message: "商户名称不能为空",
      errors: { nameCn: ["商户名称不能为空"] },
    });
  });

  it("gives a Chinese fallback for non-envelope errors and for an unreachable server", async () => {
    route = () => ({ status: 502, body: "<html>Bad Gateway</html>", headers: { "content-type": "text/html" } });
    const badGateway = (await provider.getOne({ resource: "merchants", id: "x" }).catch((e: unknown) => e)) as ApiHttpError;
    expect(badGateway).toMatchObject({ statusCode: 502, message: "服务暂时不可用（502），请稍后重试" });

    const dead = await startServer(() => ({}));
    await dead.close();
    const offline = strapiDataProvider({ httpClient: createStrapiAxios({ baseURL: dead.url }) });
    const networkError = (await offline.getList({ resource: "merchants" }).catch((e: unknown) => e)) as ApiHttpError;
    expect(networkError).toMatchObject({ statusCode: 0, message: "网络连接失败，请检查网络后重试" });
  });
});
