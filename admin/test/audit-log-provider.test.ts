import { createStrapiAxios } from "@jmt/strapi-provider";
import { startServer, type TestServer } from "@jmt/strapi-provider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAuditLogDataProvider } from "../src/providers/data-provider";

let server: TestServer;

beforeAll(async () => {
  server = await startServer(() => ({
    body: {
      data: [{ id: 7, createdAt: "2025-03-02T01:02:03.000Z", actorPhone: "13800000000", module: "merchant", action: "update" }],
      meta: { pagination: { page: 2, pageSize: 20, pageCount: 3, total: 41 }, modules: [{ key: "merchant", label: "商户管理" }] },
    },
  }));
});
afterAll(async () => {
  await server.close();
});

describe("audit-log data provider", () => {
  it("turns Refine's table state into Strapi's list format and reads meta.modules", async () => {
    const http = createStrapiAxios({ baseURL: server.url, adapter: "http", tokenStore: { getToken: () => "jwt" } });
    const provider = createAuditLogDataProvider(http, "/api");
    const result = await provider.getList({
      resource: "audit-logs",
      pagination: { currentPage: 2, pageSize: 20 },
      filters: [
        { field: "actor", operator: "eq", value: "13800000000" },
        { field: "module", operator: "eq", value: "merchant" },
        { field: "createdAt", operator: "between", value: ["2025-03-01T00:00:00.000Z", "2025-03-07T23:59:59.999Z"] },
      ],
    });
    const req = server.last();
    expect(req.path).toBe("/api/audit-logs");
    expect(req.query).toEqual([
      ["filters[actor][$containsi]", "13800000000"],
      ["filters[module][$eq]", "merchant"],
      ["filters[createdAt][$gte]", "2025-03-01T00:00:00.000Z"],
      ["filters[createdAt][$lte]", "2025-03-07T23:59:59.999Z"],
      ["pagination[page]", "2"],
      ["pagination[pageSize]", "20"],
    ]);
    expect(req.headers.authorization).toBe("Bearer jwt");
    expect(result.total).toBe(41);
    expect(result.data[0]).toMatchObject({ id: 7, action: "update" });
    expect(result.modules).toEqual([{ key: "merchant", label: "商户管理" }]);
  });

  it("asks only for the page when nothing is filtered", async () => {
    const provider = createAuditLogDataProvider(createStrapiAxios({ baseURL: server.url, adapter: "http" }));
    await provider.getList({ resource: "audit-logs", filters: [{ field: "actor", operator: "eq", value: undefined }] });
    expect(server.last().query).toEqual([
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "20"],
    ]);
  });
});
