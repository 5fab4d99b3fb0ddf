import { startServer, type TestServer } from "@jmt/strapi-provider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAuditExportUrl } from "../src/lib/audit-log-query";
import { fetchFile, filenameFromDisposition } from "../src/lib/download";

const CSV = "\ufeff时间,账号,模块,操作\n2025-03-02 09:02:03,13800000000,商户管理,update\n";
let server: TestServer;

beforeAll(async () => {
  server = await startServer((req) => {
    if (req.headers.authorization !== "Bearer staff-jwt") {
      return { status: 401, body: { data: null, error: { status: 401, code: "UNAUTHORIZED", message: "请先登录", details: {} } } };
    }
    return {
      status: 200,
      body: CSV,
      headers: {
        "content-type": "text/csv; charset=utf-8",
        "content-disposition": `attachment; filename="audit-logs.csv"; filename*=UTF-8''${encodeURIComponent("操作日志-20250302.csv")}`,
      },
    };
  });
});
afterAll(async () => {
  await server.close();
});

describe("CSV download", () => {
  it("fetches the export URL with the bearer token and keeps the BOM and file name", async () => {
    const url = server.url + buildAuditExportUrl("/api", { actor: "13800000000", module: "merchant" });
    const file = await fetchFile(url, "staff-jwt");

    const req = server.last();
    expect(req.path).toBe("/api/audit-logs/export");
    expect(req.query).toEqual([
      ["filters[actor][$containsi]", "13800000000"],
      ["filters[module][$eq]", "merchant"],
    ]);
    expect(req.headers.authorization).toBe("Bearer staff-jwt");
    expect(file.filename).toBe("操作日志-20250302.csv");
    expect(file.contentType).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await file.blob.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes)).toBe(CSV.slice(1));
  });

  it("rejects with the API's message when the token is missing", async () => {
    await expect(fetchFile(`${server.url}/api/audit-logs/export`, null)).rejects.toMatchObject({
      statusCode: 401,
      message: "请先登录",
      code: "UNAUTHORIZED",
    });
  });

  it("reads both forms of Content-Disposition", () => {
    expect(filenameFromDisposition('attachment; filename="a b.csv"')).toBe("a b.csv");
    expect(filenameFromDisposition("attachment; filename*=UTF-8''%E6%97%A5%E5%BF%97.csv")).toBe("日志.csv");
    expect(filenameFromDisposition(null)).toBeUndefined();
  });
});
