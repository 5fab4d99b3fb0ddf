import type { KindInfo } from "@jmt/api-types";
import { createStrapiAxios } from "@jmt/strapi-provider";
import { startServer, type TestServer } from "@jmt/strapi-provider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { extraEntries, groupFields } from "../src/lib/application-data";
import { applicationPath, moduleOfKind, queuePathOf, SUCCESS_STATES } from "../src/lib/application-kinds";
import { platformStatesOf, statesOf } from "../src/lib/application-query";
import {
  alreadyUploadedOf,
  beijingToday,
  fieldErrorsOf,
  isAmount,
  normaliseHsCode,
  overlapOf,
  rateStateOf,
  refundTabCount,
  refundTabQuery,
  RETURN_STATUS_WORDS,
  returnUploadFailureOf,
} from "../src/lib/tax-refund";
import { badRowCount } from "../src/lib/upload-problems";
import { createTaxRefundApi, createTaxRefundDataProvider } from "../src/providers/tax-refund";

describe("出口退税 in the console's kinds", () => {
  it("has its own pages, platform states and reasons module", () => {
    expect(applicationPath({ kind: "tax-refund", documentId: "r 1" })).toBe("/tax-refund/applications/r%201");
    expect(applicationPath({ kind: "eport-card", documentId: "e1" })).toBe("/reviews/eport-card/show/e1");
    expect(queuePathOf("tax-refund")).toBe("/tax-refund/applications");
    expect(queuePathOf("dxp-id")).toBe("/reviews/dxp-id");
    expect(moduleOfKind("tax-refund")).toBe("tax-refund");
    expect(platformStatesOf("tax-refund")).toEqual(["declared", "reviewing", "treasury"]);
    expect(statesOf("tax-refund").map((state) => state.key)).toEqual(["draft", "declared", "reviewing", "treasury", "paid", "returned", "rejected"]);
    expect(SUCCESS_STATES).toContain("paid");
  });

  it("lays a refund's data out as one section and keeps the linked batches out of 其他信息", () => {
    const fields = [
      { path: "enterpriseType", label: "企业类型" },
      { path: "hsCode", label: "HS 编码" },
    ];
    const data = { enterpriseType: "trading", hsCode: "7116200000", customsBatches: ["b1"], files: { tax_declaration: "f1" } };
    expect(groupFields("tax-refund", fields, data).map((group) => group.section)).toEqual(["taxRefund"]);
    expect(extraEntries(data, fields)).toEqual([["customsBatches.1", "b1"]]);
    expect(extraEntries(data, fields, ["customsBatches"])).toEqual([]);
  });
});

describe("the refund queue", () => {
  it("asks for the platform states, longest wait first, on 待办理 and on each of them", () => {
    expect(refundTabQuery(undefined)).toEqual({ status: ["declared", "reviewing", "treasury"], owner: "platform" });
    expect(refundTabQuery("pending")).toEqual({ status: ["declared", "reviewing", "treasury"], owner: "platform" });
    expect(refundTabQuery("reviewing")).toEqual({ status: ["reviewing"], owner: "platform" });
    expect(refundTabQuery("paid")).toEqual({ status: ["paid"] });
    expect(refundTabQuery("all")).toEqual({});
    expect(refundTabQuery("nonsense")).toEqual({});
  });

  it("counts the tabs from the staff to-dos", () => {
    const byStatus = { declared: 2, reviewing: 1, treasury: 0 };
    expect(refundTabCount("pending", byStatus)).toBe(3);
    expect(refundTabCount("reviewing", byStatus)).toBe(1);
    expect(refundTabCount("paid", byStatus)).toBeUndefined();
    expect(refundTabCount("pending", undefined)).toBeUndefined();
  });
});

describe("return messages", () => {
  it("maps the documented status words", () => {
    expect(Object.fromEntries(RETURN_STATUS_WORDS.map(({ word, to }) => [word, to]))).toEqual({
      审核中: "reviewing",
      审核通过: "treasury",
      退库: "treasury",
      已到账: "paid",
      退回: "returned",
      不予退税: "rejected",
    });
  });

  it("lists every bad row in the file's column order, and tells the other failures apart", () => {
    const failure = returnUploadFailureOf({
      code: "RETURN_UPLOAD_INVALID",
      message: "回执文件有错误，整份文件未处理",
      details: {
        errors: [
          { row: 5, column: "说明", code: "NOTE_REQUIRED", message: "须写明原因", value: null },
          { row: 3, column: "申报编号", code: "APPLICATION_UNKNOWN", message: "没有这个申报编号", value: "TR-1" },
          { row: 5, column: "申报编号", code: "REQUIRED", message: "申报编号不能为空", value: "" },
          { row: 2, column: "退税金额", code: "REQUIRED", message: "须填写退税金额", value: null },
        ],
      },
    });
    if (failure.kind !== "invalid") throw new Error(`unexpected ${failure.kind}`);
    expect(failure.errors.map((error) => `${error.row}:${error.column}`)).toEqual(["2:退税金额", "3:申报编号", "5:申报编号", "5:说明"]);
    expect(failure.errors[2]?.value).toBeNull();
    expect(badRowCount(failure.errors)).toBe(3);

    const rejected = returnUploadFailureOf({
      code: "IMPORT_FILE_REJECTED",
      message: "文件无法读取",
      details: { errors: [{ row: 0, column: "", code: "HEADER_MISMATCH", message: "表头缺少：状态", value: null }] },
    });
    expect(rejected).toMatchObject({ kind: "rejected", errors: [{ row: null, code: "HEADER_MISMATCH" }] });

    const already = returnUploadFailureOf({
      code: "RETURN_ALREADY_UPLOADED",
      message: "今天已经上传过回执文件",
      details: { date: "2026-11-20", uploadedAt: "2026-11-20T01:02:03.000Z", uploadedBy: "平台运营" },
    });
    expect(already).toMatchObject({ kind: "failed", code: "RETURN_ALREADY_UPLOADED" });
    if (already.kind !== "failed") throw new Error("unexpected");
    expect(alreadyUploadedOf(already.details)).toEqual({ date: "2026-11-20", uploadedAt: "2026-11-20T01:02:03.000Z", uploadedBy: "平台运营" });
    expect(alreadyUploadedOf(undefined)).toEqual({ date: null, uploadedAt: null, uploadedBy: null });
  });

  it("knows the Beijing date", () => {
    expect(beijingToday(Date.parse("2026-11-20T16:30:00Z"))).toBe("2026-11-21");
    expect(beijingToday(Date.parse("2026-11-20T15:59:59Z"))).toBe("2026-11-20");
  });
});

describe("the rate table", () => {
  it("writes HS codes as the cms takes them and tells amounts apart (the other checks are the contract's: test/contract-forms.test.ts)", () => {
    expect(normaliseHsCode(" 7116.20 0000 ")).toBe("7116200000");
    expect(["72000.00", "0.01", "1"].every(isAmount)).toBe(true);
    expect(["0", "0.00", "-1", "1.234", "1,000", ""].some(isAmount)).toBe(false);
  });

  it("tells whether a rate is in force", () => {
    expect(rateStateOf({ effectiveFrom: "2020-01-01", effectiveTo: null }, "2026-11-20")).toBe("active");
    expect(rateStateOf({ effectiveFrom: "2027-01-01", effectiveTo: null }, "2026-11-20")).toBe("upcoming");
    expect(rateStateOf({ effectiveFrom: "2020-01-01", effectiveTo: "2026-11-19" }, "2026-11-20")).toBe("expired");
    expect(rateStateOf({ effectiveFrom: "2020-01-01", effectiveTo: "2026-11-20" }, "2026-11-20")).toBe("active");
  });

  it("reads the clashing rate of REFUND_RATE_OVERLAP and the field errors", () => {
    const clash = { id: "r1", hsCode: "7013", description: "玻璃器皿", rate: "13", effectiveFrom: "2020-01-01", effectiveTo: null, note: null };
    expect(overlapOf({ with: clash })).toEqual(clash);
    expect(overlapOf({})).toBeUndefined();
    expect(fieldErrorsOf({ errors: [{ field: "hsCode", message: "HS 编码应为 4–10 位数字" }, { message: "no field" }, null] })).toEqual([
      { field: "hsCode", message: "HS 编码应为 4–10 位数字" },
    ]);
  });
});

describe("tax refund client and data provider (real HTTP)", () => {
  let server: TestServer;
  const rates = Array.from({ length: 25 }, (_, index) => ({
    id: `r${index}`,
    hsCode: String(7000 + index),
    description: `商品 ${index}`,
    rate: "13",
    effectiveFrom: "2020-01-01",
    effectiveTo: null,
    note: null,
  }));
  beforeAll(async () => {
    server = await startServer((req) => {
      if (req.path === "/api/tax-refund/applications") {
        return {
          body: {
            data: [{ id: "a1", documentId: "a1", kind: "tax-refund", status: "reviewing", estimate: null, refundedAmount: null }],
            meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 41 } },
          },
        };
      }
      if (req.path === "/api/tax-refund/applications/a1") return { body: { data: { id: "a1", documentId: "a1", kind: "tax-refund", status: "reviewing" } } };
      if (req.path === "/api/tax-refund/estimate") {
        const query = Object.fromEntries(req.query);
        if (query.hsCode === "7117190000") {
          return {
            status: 404,
            body: {
              data: null,
              error: {
                status: 404,
                code: "REFUND_RATE_NOT_FOUND",
                message: "未找到该 HS 编码适用的退税率",
                details: { errors: [{ field: "hsCode", message: "未找到" }] },
              },
            },
          };
        }
        return { body: { data: { hsCode: query.hsCode, matchedCode: query.hsCode, rate: "13", estimate: "9360.00", formula: "72000.00 × 13% = 9360.00" } } };
      }
      if (req.path === "/api/tax-refund/returns" && req.method === "GET") {
        return {
          body: {
            data: [{ id: "u1", date: "2026-11-20", fileName: "r.xlsx", total: 2, applied: 1, uploadedBy: "运营", createdAt: "2026-11-20T01:00:00Z" }],
            meta: { pagination: { page: 2, pageSize: 10, pageCount: 2, total: 11 } },
          },
        };
      }
      if (req.path === "/api/tax-refund/rates" && req.method === "GET") {
        const search = new URLSearchParams(req.url.split("?")[1]);
        const q = search.get("filters[q][$containsi]");
        const page = Number(search.get("pagination[page]") ?? 1);
        const pageSize = Number(search.get("pagination[pageSize]") ?? 100);
        const matching = q ? rates.filter((rate) => rate.hsCode.includes(q)) : rates;
        return {
          body: {
            data: matching.slice((page - 1) * pageSize, page * pageSize),
            meta: { pagination: { page, pageSize, pageCount: Math.ceil(matching.length / pageSize), total: matching.length } },
          },
        };
      }
      if (req.path === "/api/tax-refund/rates" && req.method === "POST") return { status: 201, body: { data: { id: "new", ...(req.body as object) } } };
      if (req.path === "/api/tax-refund/rates/r1" && req.method === "PUT") {
        return {
          status: 409,
          body: { data: null, error: { status: 409, code: "REFUND_RATE_OVERLAP", message: "该 HS 编码在这段时间已有退税率", details: { with: rates[2] } } },
        };
      }
      if (req.path === "/api/tax-refund/rates/r1" && req.method === "DELETE") return { body: { data: { id: "r1", deleted: true } } };
      return { status: 404, body: { data: null, error: { status: 404, code: "NOT_FOUND", message: "不存在" } } };
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const http = () => createStrapiAxios({ baseURL: server.url, adapter: "http", tokenStore: { getToken: () => "jwt" } });

  it("lists refunds by tab with Strapi's list parameters", async () => {
    const provider = createTaxRefundDataProvider(createTaxRefundApi(http(), "/api"), "/api");
    const result = await provider.getList({
      resource: "tax-refunds",
      pagination: { currentPage: 3, pageSize: 20 },
      filters: [
        { field: "status", operator: "eq", value: "pending" },
        { field: "q", operator: "eq", value: " 晶华 " },
      ],
    });
    expect(result.total).toBe(41);
    expect(server.last().query).toEqual([
      ["filters[status][$in][0]", "declared"],
      ["filters[status][$in][1]", "reviewing"],
      ["filters[status][$in][2]", "treasury"],
      ["filters[q][$containsi]", "晶华"],
      ["filters[owner][$eq]", "platform"],
      ["pagination[page]", "3"],
      ["pagination[pageSize]", "20"],
    ]);
    expect(server.last().headers.authorization).toBe("Bearer jwt");
    await provider.getList({ resource: "tax-refunds", filters: [{ field: "status", operator: "eq", value: "all" }] });
    expect(server.last().query).toEqual([
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "20"],
    ]);
    await provider.getList({ resource: "tax-refunds", filters: [{ field: "status", operator: "eq", value: "paid" }] });
    expect(server.last().query[0]).toEqual(["filters[status][$in][0]", "paid"]);
    await expect(provider.getList({ resource: "nope" })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("loads a detail with the lists filled in, and the package from its own URL", async () => {
    const api = createTaxRefundApi(http(), "/api");
    const detail = await api.get("a1");
    expect(detail).toMatchObject({ timeline: [], allowedTransitions: [], returns: [], batches: [], estimate: null, refundedAmount: null });
    expect(api.packageUrl("a 1")).toBe("/api/tax-refund/applications/a%201/package.zip");
  });

  it("asks for an estimate with the amount the enterprise type calls for", async () => {
    const api = createTaxRefundApi(http(), "/api");
    expect((await api.estimate({ hsCode: "7116200000", enterpriseType: "trading", amount: "72000.00", date: "2026-11-20" })).estimate).toBe("9360.00");
    expect(server.last().query).toEqual([
      ["hsCode", "7116200000"],
      ["enterpriseType", "trading"],
      ["purchaseAmount", "72000.00"],
      ["date", "2026-11-20"],
    ]);
    await api.estimate({ hsCode: "7018100000", enterpriseType: "producer", amount: "1000" });
    expect(server.last().query).toEqual([
      ["hsCode", "7018100000"],
      ["enterpriseType", "producer"],
      ["orderAmount", "1000"],
    ]);
    await expect(api.estimate({ hsCode: "7117190000", enterpriseType: "trading", amount: "100" })).rejects.toMatchObject({
      statusCode: 404,
      code: "REFUND_RATE_NOT_FOUND",
    });
  });

  it("pages the upload history and the rate table", async () => {
    const provider = createTaxRefundDataProvider(createTaxRefundApi(http(), "/api"), "/api");
    const history = await provider.getList({ resource: "tax-refund-returns", pagination: { currentPage: 2, pageSize: 10 } });
    expect(history.total).toBe(11);
    expect(server.last().query).toEqual([
      ["pagination[page]", "2"],
      ["pagination[pageSize]", "10"],
    ]);
    const second = await provider.getList({ resource: "tax-refund-rates", pagination: { currentPage: 2, pageSize: 20 } });
    expect(second.total).toBe(25);
    expect(second.data.map((rate) => (rate as { id: string }).id)).toEqual(["r20", "r21", "r22", "r23", "r24"]);
    const searched = await provider.getList({ resource: "tax-refund-rates", filters: [{ field: "q", operator: "eq", value: "7013" }] });
    expect(searched.total).toBe(1);
    expect(server.last().query).toEqual([
      ["filters[q][$containsi]", "7013"],
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "20"],
    ]);
  });

  it("creates, updates and deletes rates, surfacing REFUND_RATE_OVERLAP with the clashing rate", async () => {
    const api = createTaxRefundApi(http(), "/api");
    const input = { hsCode: "7013", description: "玻璃器皿", rate: "13", effectiveFrom: "2027-01-01", effectiveTo: null, note: null };
    expect(await api.createRate(input)).toMatchObject({ id: "new", hsCode: "7013" });
    expect(server.last().body).toEqual(input);
    const refused = await api.updateRate("r1", input).catch((error: unknown) => error);
    expect(refused).toMatchObject({ statusCode: 409, code: "REFUND_RATE_OVERLAP" });
    expect(overlapOf((refused as { details?: Record<string, unknown> }).details)?.hsCode).toBe("7002");
    await api.deleteRate("r1");
    expect(server.last().method).toBe("DELETE");
  });
});

describe("the kinds metadata of a refund", () => {
  it("reads platform states from the metadata when loaded", () => {
    const meta = {
      kind: "tax-refund",
      states: [
        { key: "draft", label: "填写申请", owner: "merchant" },
        { key: "declared", label: "申报", owner: "platform" },
        { key: "reviewing", label: "审核", owner: "platform" },
      ],
    } as unknown as KindInfo;
    expect(platformStatesOf("tax-refund", [meta])).toEqual(["declared", "reviewing"]);
  });
});
