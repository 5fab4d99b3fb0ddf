import { createStrapiAxios } from "@jmt/strapi-provider";
import { startServer, type TestServer } from "@jmt/strapi-provider/testing";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  addDecimal,
  badRowCount,
  buildFxQuery,
  chartLayout,
  decimalSign,
  expectedCnyOf,
  extremes,
  isDecimal,
  isPositiveDecimal,
  multiplyDecimal,
  nearestPoint,
  subtractDecimal,
  toScale,
  uploadFailureOf,
} from "../src/lib/fx";
import { reasonParts, toggleReason } from "../src/lib/reasons";
import { createFxApi, createFxDataProvider } from "../src/providers/fx";

describe("exact decimal arithmetic", () => {
  it("multiplies amount × rate exactly and rounds half-up to fen", () => {
    expect(multiplyDecimal("1000.00", "7.1234")).toBe("7123.40");
    expect(multiplyDecimal("12580.00", "7.1234")).toBe("89612.37"); // 89612.372
    expect(multiplyDecimal("0.01", "0.5")).toBe("0.01"); // 0.005 → up
    expect(multiplyDecimal("0.01", "0.4999")).toBe("0.00");
    expect(multiplyDecimal("1.15", "1")).toBe("1.15");
    // Floats get these wrong: 1.005 × 1000 = 1004.9999999999999, 0.1 × 3 = 0.30000000000000004
    expect(multiplyDecimal("1.005", "1000", 2)).toBe("1005.00");
    expect(multiplyDecimal("0.1", "3")).toBe("0.30");
    expect(multiplyDecimal("2.675", "1", 2)).toBe("2.68");
    // Large amounts keep every digit.
    expect(multiplyDecimal("99999999999.99", "7.1234")).toBe("712339999999.93");
    expect(multiplyDecimal("3", "7.12345", 4)).toBe("21.3704"); // 21.37035 → up
  });

  it("rounds negatives away from zero and formats small values with a leading zero", () => {
    expect(multiplyDecimal("-0.01", "0.5")).toBe("-0.01");
    expect(multiplyDecimal("0.001", "1", 2)).toBe("0.00");
    expect(multiplyDecimal("5", "0.0001", 4)).toBe("0.0005");
  });

  it("adds, subtracts and rescales", () => {
    expect(addDecimal("12580.00", "0.5")).toBe("12580.50");
    expect(subtractDecimal("12580.00", "13000")).toBe("-420.00");
    expect(subtractDecimal("7.1234", "7.1300", 4)).toBe("-0.0066");
    expect(toScale("7.1", 4)).toBe("7.1000");
    expect(toScale("7.12345", 4)).toBe("7.1235");
    expect(toScale(".5", 2)).toBe("0.50");
    expect(decimalSign("-0.01")).toBe(-1);
    expect(decimalSign("0.00")).toBe(0);
    expect(decimalSign("+3")).toBe(1);
    expect(decimalSign(null)).toBe(0);
  });

  it("tells form input apart", () => {
    expect(isDecimal("12.50")).toBe(true);
    expect(isDecimal("1e3")).toBe(false);
    expect(isDecimal("1,000")).toBe(false);
    expect(isPositiveDecimal("7.1234", 4)).toBe(true);
    expect(isPositiveDecimal(" 7.1 ", 4)).toBe(true);
    expect(isPositiveDecimal("7.12345", 4)).toBe(false);
    expect(isPositiveDecimal("0.0000", 4)).toBe(false);
    expect(isPositiveDecimal("-1", 4)).toBe(false);
    expect(isPositiveDecimal("7.", 4)).toBe(false);
    expect(isPositiveDecimal("123.456", 2)).toBe(false);
    expect(isPositiveDecimal(7.1, 4)).toBe(false);
  });

  it("reads the expected CNY amount of a CNY_AMOUNT_MISMATCH", () => {
    expect(expectedCnyOf({ expected: "7123.40" })).toBe("7123.40");
    expect(expectedCnyOf({ expected: 7123.4 })).toBe("7123.4");
    expect(expectedCnyOf({ expected: "abc" })).toBeUndefined();
    expect(expectedCnyOf(undefined)).toBeUndefined();
  });
});

describe("settlement list query", () => {
  it("leaves out the 全部 tab and empty values", () => {
    expect(buildFxQuery({ status: "processing", q: " 晶华 ", page: 2 })).toBe(
      "filters[status][$eq]=processing&filters[q][$containsi]=%E6%99%B6%E5%8D%8E&pagination[page]=2&pagination[pageSize]=20",
    );
    expect(buildFxQuery({ status: "all", q: "" })).toBe("pagination[page]=1&pagination[pageSize]=20");
    expect(buildFxQuery({ pageSize: 1 })).toBe("pagination[page]=1&pagination[pageSize]=1");
  });
});

describe("quick reasons", () => {
  it("toggles a reason in the note, keeping free text", () => {
    expect(toggleReason("", "物流发货信息无法核实")).toBe("物流发货信息无法核实");
    expect(toggleReason("请补充说明；物流发货信息无法核实", "物流发货信息无法核实")).toBe("请补充说明");
    expect(toggleReason("a;b\nc", "d")).toBe("a；b；c；d");
    expect(reasonParts(" a ；；b ")).toEqual(["a", "b"]);
  });
});

describe("balance upload failures", () => {
  it("lists every bad cell by row, then in the template's column order, when nothing was written", () => {
    const failure = uploadFailureOf({
      code: "BALANCE_UPLOAD_INVALID",
      message: "余额文件有错误",
      details: {
        errors: [
          { row: 4, column: "账户余额", code: "NOT_A_NUMBER", message: "不是数字", value: "abc" },
          { row: 2, column: "外汇子账号", code: "SUB_ACCOUNT_UNKNOWN", message: "子账号不存在", value: "X" },
          { row: 4, column: "币种", code: "CURRENCY_NOT_USD", message: "币种必须为 USD", value: "EUR" },
          { row: 5, column: "账户余额", code: "REQUIRED", message: "必填", value: null },
        ],
      },
    });
    expect(failure.kind).toBe("invalid");
    if (failure.kind === "failed") throw new Error("unexpected");
    expect(failure.errors.map((error) => `${error.row}:${error.column}`)).toEqual(["2:外汇子账号", "4:币种", "4:账户余额", "5:账户余额"]);
    expect(failure.errors[3]?.value).toBeNull();
    expect(badRowCount(failure.errors)).toBe(3);
  });

  it("tells an unreadable file and other failures apart", () => {
    const rejected = uploadFailureOf({
      code: "IMPORT_FILE_REJECTED",
      message: "文件无法读取",
      details: { errors: [{ code: "HEADER_MISMATCH", message: "表头不一致" }] },
    });
    expect(rejected).toMatchObject({ kind: "rejected", errors: [{ code: "HEADER_MISMATCH", row: null, column: "" }] });
    expect(uploadFailureOf({ message: "网络连接失败" })).toEqual({ kind: "failed", message: "网络连接失败", code: undefined });
  });
});

describe("rate chart layout", () => {
  const points = [
    { date: "2026-01-01", rate: "7.1000", source: "cfets" as const },
    { date: "2026-01-02", rate: "7.1300", source: "manual" as const },
    { date: "2026-01-03", rate: "7.0900", source: "cfets" as const },
  ];

  it("places points inside the plot with round ticks around the data", () => {
    const layout = chartLayout(points, { width: 300, height: 100 });
    expect(layout.points.map((point) => point.x)).toEqual([0, 150, 300]);
    for (const point of layout.points) {
      expect(point.y).toBeGreaterThanOrEqual(0);
      expect(point.y).toBeLessThanOrEqual(100);
    }
    // higher rate → higher on screen (smaller y)
    expect(layout.points[1]!.y).toBeLessThan(layout.points[0]!.y);
    const tickValues = layout.ticks.map((tick) => Number(tick.value));
    expect(Math.min(...tickValues)).toBeLessThanOrEqual(7.09);
    expect(Math.max(...tickValues)).toBeGreaterThanOrEqual(7.13);
    expect(layout.ticks[0]!.y).toBeCloseTo(100);
    expect(layout.labels.map((label) => label.date)).toEqual(["2026-01-01", "2026-01-02", "2026-01-03"]);
    expect(layout.max?.date).toBe("2026-01-02");
    expect(layout.min?.date).toBe("2026-01-03");
    expect(nearestPoint(layout.points, 140)).toBe(1);
  });

  it("copes with one point, a flat line and nothing", () => {
    expect(chartLayout([points[0]!], { width: 300, height: 100 }).points[0]!.x).toBe(150);
    const flat = chartLayout(
      [
        { date: "a", rate: "7.0000", source: "cfets" },
        { date: "b", rate: "7.0000", source: "cfets" },
      ],
      { width: 300, height: 100 },
    );
    expect(flat.points.every((point) => Number.isFinite(point.y))).toBe(true);
    expect(chartLayout([], { width: 300, height: 100 })).toEqual({ points: [], ticks: [], labels: [] });
    expect(extremes([])).toEqual({ min: undefined, max: undefined });
  });
});

describe("fx client and data provider (real HTTP)", () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer((req) => {
      if (req.path === "/api/fx/settlements" && req.method === "GET") {
        const status = new URLSearchParams(req.url.split("?")[1]).get("filters[status][$eq]");
        const counts: Record<string, number> = { processing: 2, completed: 5, rejected: 1 };
        const total = counts[status ?? ""] ?? 8;
        return {
          body: {
            data: [{ id: "s1", number: "FX1", status: status ?? "processing" }],
            meta: { pagination: { page: 1, pageSize: 20, pageCount: Math.ceil(total / 20), total }, counts },
          },
        };
      }
      if (req.path === "/api/fx/settlements/s1") return { body: { data: { id: "s1", number: "FX1", status: "processing", amount: "1000.00" } } };
      if (req.path === "/api/fx/settlements/s1/complete") {
        const body = req.body as { cnyAmount?: string };
        if (body.cnyAmount !== "7123.40") {
          return {
            status: 400,
            body: {
              data: null,
              error: { status: 400, code: "CNY_AMOUNT_MISMATCH", message: "人民币金额与结汇金额 × 实际汇率不符", details: { expected: "7123.40" } },
            },
          };
        }
        return { body: { data: { id: "s1", status: "completed" } } };
      }
      if (req.path === "/api/fx/settlements/s1/reject") return { body: { data: { id: "s1", status: "rejected" } } };
      if (req.path === "/api/fx/accounts")
        return {
          body: {
            data: [{ merchant: { documentId: "m1", nameCn: "晶华" }, balance: "12580.00" }],
            meta: { pagination: { page: 1, pageSize: 20, pageCount: 1, total: 1 } },
          },
        };
      if (req.path === "/api/fx/balance-uploads") return { body: { data: [], meta: { pagination: { page: 1, pageSize: 10, pageCount: 0, total: 0 } } } };
      if (req.path === "/api/fx/rates" && req.method === "GET") {
        return {
          body: {
            data: [{ currency: "USD", rate: "7.1234" }],
            meta: { stale: true, lastFetch: { at: "2026-01-01T00:00:00Z", ok: false, provider: "cfets", error: "x" } },
          },
        };
      }
      if (req.path === "/api/fx/rates" && req.method === "PUT") return { body: { data: req.body } };
      if (req.path === "/api/fx/rates/history")
        return { body: { data: { currency: "JPY", name: "日元", unit: 100, points: [{ date: "2026-01-01", rate: "4.8000", source: "cfets" }] } } };
      if (req.path === "/api/fx/rates/fetch") {
        return {
          body: {
            data: {
              results: [
                { provider: "cfets", ok: true, date: "2026-01-02", count: 6, error: null },
                { provider: "ecb", ok: false, date: null, count: 0, error: { code: "FX_FEED_UNREACHABLE", message: "无法连接" } },
              ],
            },
          },
        };
      }
      return { status: 404, body: { data: null, error: { status: 404, code: "NOT_FOUND", message: "不存在" } } };
    });
  });
  afterAll(async () => {
    await server.close();
  });
  const http = () => createStrapiAxios({ baseURL: server.url, adapter: "http", tokenStore: { getToken: () => "jwt" } });

  it("lists settlements through the provider with Strapi's list parameters, the 全部 tab without a status", async () => {
    const provider = createFxDataProvider(createFxApi(http(), "/api"), "/api");
    const result = await provider.getList({
      resource: "fx-settlements",
      pagination: { currentPage: 2, pageSize: 20 },
      filters: [
        { field: "status", operator: "eq", value: "processing" },
        { field: "q", operator: "eq", value: " FX1 " },
      ],
    });
    expect(result.total).toBe(2);
    expect(server.last().query).toEqual([
      ["filters[status][$eq]", "processing"],
      ["filters[q][$containsi]", "FX1"],
      ["pagination[page]", "2"],
      ["pagination[pageSize]", "20"],
    ]);
    expect(server.last().headers.authorization).toBe("Bearer jwt");
    await provider.getList({ resource: "fx-settlements", filters: [{ field: "status", operator: "eq", value: "all" }] });
    expect(server.last().query).toEqual([
      ["pagination[page]", "1"],
      ["pagination[pageSize]", "20"],
    ]);
    const accounts = await provider.getList({ resource: "fx-accounts", filters: [{ field: "q", operator: "eq", value: "晶华" }] });
    expect(accounts.total).toBe(1);
    expect(server.last().query[0]).toEqual(["filters[q][$containsi]", "晶华"]);
    await expect(provider.getList({ resource: "nope" })).rejects.toMatchObject({ statusCode: 404 });
  });

  it("counts settlements per status and loads a detail with empty lists filled in", async () => {
    const api = createFxApi(http(), "/api");
    const before = server.requests.length;
    expect(await api.settlementCounts()).toEqual({ processing: 2, completed: 5, rejected: 1 });
    // One request: the counts come with any page of the list.
    expect(server.requests.length - before).toBe(1);
    const detail = await api.settlement("s1");
    expect(detail.evidence).toEqual([]);
    expect(detail.timeline).toEqual([]);
  });

  it("completes with the amounts as strings and surfaces CNY_AMOUNT_MISMATCH with the expected amount", async () => {
    const api = createFxApi(http(), "/api");
    await expect(api.completeSettlement("s1", { actualRate: "7.1234", cnyAmount: "7000.00" })).rejects.toMatchObject({
      statusCode: 400,
      code: "CNY_AMOUNT_MISMATCH",
      details: { expected: "7123.40" },
    });
    await api.completeSettlement("s1", { actualRate: "7.1234", cnyAmount: "7123.40" });
    expect(server.last().body).toEqual({ actualRate: "7.1234", cnyAmount: "7123.40" });
    await api.rejectSettlement("s1", "物流发货信息无法核实");
    expect(server.last().body).toEqual({ reason: "物流发货信息无法核实" });
  });

  it("reads rates and history, saves a manual rate, fetches now", async () => {
    const api = createFxApi(http(), "/api");
    const board = await api.rates();
    expect(board.meta.stale).toBe(true);
    expect(board.data[0]?.rate).toBe("7.1234");
    const history = await api.history("JPY", 30);
    expect(server.last().query).toEqual([
      ["currency", "JPY"],
      ["days", "30"],
    ]);
    expect(history.unit).toBe(100);
    await api.saveRate({ currency: "USD", date: "2026-01-02", rate: "7.1300" });
    expect(server.last().method).toBe("PUT");
    expect(server.last().body).toEqual({ currency: "USD", date: "2026-01-02", rate: "7.1300" });
    const results = await api.fetchRates();
    expect(results.map((result) => [result.provider, result.ok, result.error?.code ?? null])).toEqual([
      ["cfets", true, null],
      ["ecb", false, "FX_FEED_UNREACHABLE"],
    ]);
    expect(api.templateUrl()).toBe("/api/fx/balance-uploads/template.xlsx");
  });
});
