import http from "node:http";
import type { AddressInfo } from "node:net";
import { describe, expect, it } from "vitest";
import type { FxRatePoint } from "@jmt/api-types";
import { createTranslate, type Messages } from "../src/i18n/translate";
import zhCN from "../src/locales/zh-CN.json";
import { modulePath } from "../src/lib/catalogue";
import {
  currencyFromQuery,
  evidenceList,
  formatSigned,
  historyStats,
  isRate,
  isUsdAmount,
  labelIndexes,
  multiplyDecimal,
  niceTicks,
  normalizeDecimal,
  rateScale,
  rateSide,
  settlementErrorView,
  settlementSteps,
  subtractDecimal,
  toneOf,
} from "../src/lib/fx";
import { filterOf } from "../src/hooks/useResourceList";
import { createDataProvider } from "../src/providers";

const t = createTranslate(zhCN as Messages);
const say = { insufficient: (a: string) => `可用 ${a}`, fixFields: "请修改标红的内容" };

describe("收结汇 decimal strings", () => {
  it("accepts USD amounts with at most two decimals, rates with at most four, both above zero", () => {
    for (const ok of ["1", "100.5", "12580.00", "0.01"]) expect(isUsdAmount(ok)).toBe(true);
    for (const bad of ["0", "0.00", "-1", "1.234", "abc", "", "1e3", " 1", "1,000"])
      expect(isUsdAmount(bad)).toBe(false);
    for (const ok of ["7.1234", "7", "0.0001", "4.8"]) expect(isRate(ok)).toBe(true);
    for (const bad of ["7.12345", "0", "0.0000", "-7.1"]) expect(isRate(bad)).toBe(false);
  });

  it("normalizes what people type: thousands separators, spaces, full-width digits", () => {
    expect(normalizeDecimal(" 12,580.00 ")).toBe("12580.00");
    expect(normalizeDecimal("１２３．４５")).toBe("123.45");
    expect(normalizeDecimal("7，1234")).toBe("71234");
    expect(normalizeDecimal(undefined)).toBe("");
  });

  it("multiplies exactly and rounds half-up to fen (amount × rate)", () => {
    expect(multiplyDecimal("1000.00", "7.1234")).toBe("7123.40");
    expect(multiplyDecimal("0.01", "7.1250")).toBe("0.07"); // 0.071250 → 0.07
    expect(multiplyDecimal("0.07", "7.1250")).toBe("0.50"); // 0.498750 → 0.50
    expect(multiplyDecimal("12580.55", "7.0999")).toBe("89320.65"); // 89320.646945 → 89320.65
    expect(multiplyDecimal("3", "2", 0)).toBe("6");
    expect(multiplyDecimal("-1.005", "1")).toBe("-1.01");
    // No float drift: 0.1 × 0.2 is 0.02, exactly.
    expect(multiplyDecimal("0.1", "0.2", 4)).toBe("0.0200");
  });

  it("subtracts exactly", () => {
    expect(subtractDecimal("7.1300", "7.1234")).toBe("0.0066");
    expect(subtractDecimal("7.1", "7.1234")).toBe("-0.0234");
    expect(subtractDecimal("10", "10.00")).toBe("0.00");
  });

  it("formats signed deltas and tells which way a change went", () => {
    expect(formatSigned("1234.5")).toBe("+1,234.50");
    expect(formatSigned("-300")).toBe("-300.00");
    expect(formatSigned("0")).toBe("0.00");
    expect(formatSigned(null)).toBe("—");
    expect(formatSigned("0.0123", 4)).toBe("+0.0123");
    expect(toneOf("0.0123")).toBe("up");
    expect(toneOf("-0.01")).toBe("down");
    expect(toneOf("0.0000")).toBe("flat");
    expect(toneOf(null)).toBeNull();
    expect(toneOf("n/a")).toBeNull();
  });

  it("lets a threshold have as many decimals as its currency is quoted with (HKD: 5)", () => {
    expect(rateScale("7.1234")).toBe(4);
    expect(rateScale("0.91453")).toBe(5);
    expect(rateScale("7.1")).toBe(4);
    expect(rateScale(null)).toBe(4);
  });

  it("places the current rate against an alert's threshold", () => {
    expect(rateSide("7.1234", "7.2000")).toBe("below");
    expect(rateSide("7.3", "7.2000")).toBe("above");
    expect(rateSide("7.2", "7.2000")).toBe("equal");
    expect(rateSide(null, "7.2")).toBeNull();
    expect(rateSide("7.2", "x")).toBeNull();
  });
});

describe("收结汇 screens' rules", () => {
  it("reads ?currency= (rate-alert messages link there), defaulting to USD", () => {
    expect(currencyFromQuery("EUR")).toBe("EUR");
    expect(currencyFromQuery("jpy")).toBe("JPY");
    expect(currencyFromQuery("CNY")).toBe("USD");
    expect(currencyFromQuery(null)).toBe("USD");
  });

  it("routes the module and its features to /fx", () => {
    expect(modulePath("fx")).toBe("/fx");
    expect(modulePath("fx", "rates")).toBe("/fx#rates");
    expect(modulePath("fx", "alerts")).toBe("/fx#alerts");
    expect(modulePath("fx", "settlement")).toBe("/fx#records");
  });

  it("sends the three evidence files in the contract's order, only when all are there", () => {
    expect(evidenceList({ fx_logistics: "c", fx_withdrawal: "a", fx_statement: "b" })).toEqual(["a", "b", "c"]);
    expect(evidenceList({ fx_withdrawal: "a", fx_statement: "b" })).toBeNull();
    expect(evidenceList({ fx_withdrawal: "a", fx_statement: "", fx_logistics: "c" })).toBeNull();
  });

  it("maps a settlement's status onto 提交 → 结汇中 → 已完成/已驳回", () => {
    expect(settlementSteps("processing")).toEqual({ current: 1, state: "process", outcome: null });
    expect(settlementSteps("completed")).toEqual({ current: 2, state: "finish", outcome: "completed" });
    expect(settlementSteps("rejected")).toEqual({ current: 2, state: "error", outcome: "rejected" });
  });

  it("shows INSUFFICIENT_AVAILABLE on the amount with the server's available amount", () => {
    const view = settlementErrorView(
      { code: "INSUFFICIENT_AVAILABLE", message: "可用余额不足", details: { available: "1580.5" } },
      say,
    );
    expect(view.available).toBe("1580.5");
    expect(view.alert).toBe("可用 1,580.50");
    expect(view.fields).toEqual([{ name: "amount", errors: ["可用 1,580.50"] }]);
  });

  it("puts VALIDATION_FAILED errors on their fields and evidence errors by the slots", () => {
    const view = settlementErrorView(
      {
        code: "VALIDATION_FAILED",
        message: "提交的内容有误",
        details: {
          errors: [
            { field: "rate", message: "汇率最多 4 位小数" },
            { field: "rate", message: "汇率必须大于 0" },
            { field: "date", message: "结汇日期不能晚于今天" },
            { field: "evidence[1]", message: "收款平台流水文档不属于本商户" },
            { field: "currency", message: "只支持美元" },
          ],
        },
      },
      say,
    );
    expect(view.fields).toEqual([
      { name: "rate", errors: ["汇率最多 4 位小数", "汇率必须大于 0"] },
      { name: "date", errors: ["结汇日期不能晚于今天"] },
    ]);
    expect(view.evidence).toEqual(["收款平台流水文档不属于本商户"]);
    expect(view.alert).toBe("请修改标红的内容；只支持美元");
  });

  it("lists the missing 我的 fields of FX_PROFILE_INCOMPLETE and keeps other messages as they are", () => {
    const incomplete = settlementErrorView(
      { code: "FX_PROFILE_INCOMPLETE", message: "请先补全结汇账户信息", details: { missing: ["fxSubAccount", "x"] } },
      say,
    );
    expect(incomplete.missing).toEqual(["fxSubAccount"]);
    expect(incomplete.alert).toBe("请先补全结汇账户信息");
    const locked = settlementErrorView({ code: "MODULE_LOCKED", message: "完成工商注册后开通", details: {} }, say);
    expect(locked).toMatchObject({ alert: "完成工商注册后开通", fields: [], missing: [], available: null });
  });
});

describe("收结汇 trend chart", () => {
  const points: FxRatePoint[] = [
    { date: "2025-11-17", rate: "7.1200", source: "cfets" },
    { date: "2025-11-18", rate: "7.1350", source: "cfets" },
    { date: "2025-11-19", rate: "7.1010", source: "ecb" },
    { date: "2025-11-20", rate: "7.1234", source: "manual" },
  ];

  it("finds first, last, lowest and highest as decimals", () => {
    const s = historyStats(points)!;
    expect(s.first.date).toBe("2025-11-17");
    expect(s.last.date).toBe("2025-11-20");
    expect(s.min.rate).toBe("7.1010");
    expect(s.max.rate).toBe("7.1350");
    expect(historyStats([])).toBeNull();
  });

  it("picks round y ticks that cover the data", () => {
    const ticks = niceTicks(7.101, 7.135, 5);
    expect(ticks[0]).toBeLessThanOrEqual(7.101);
    expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(7.135);
    expect(ticks.length).toBeGreaterThanOrEqual(3);
    expect(ticks.length).toBeLessThanOrEqual(8);
    const flat = niceTicks(7.1, 7.1);
    expect(flat[0]).toBeLessThan(7.1);
    expect(flat[flat.length - 1]).toBeGreaterThan(7.1);
  });

  it("spreads date labels, always the first and the last", () => {
    expect(labelIndexes(3, 6)).toEqual([0, 1, 2]);
    const many = labelIndexes(365, 6);
    expect(many[0]).toBe(0);
    expect(many[many.length - 1]).toBe(364);
    expect(many.length).toBeLessThanOrEqual(6);
    expect(labelIndexes(0, 6)).toEqual([]);
  });
});

describe("收结汇 wording", () => {
  it("has labels for every currency, status, ledger type, evidence slot and 我的 field", () => {
    for (const c of ["USD", "EUR", "JPY", "GBP", "HKD", "AUD"]) expect(t(`fx.currency.${c}`)).not.toContain("fx.");
    for (const s of ["processing", "completed", "rejected"]) {
      expect(t(`fx.status.${s}`)).not.toContain("fx.");
      expect(t(`fx.detail.lead.${s}`, { amount: "1.00" })).not.toContain("fx.");
    }
    for (const l of ["balance_update", "freeze", "unfreeze", "settlement"])
      expect(t(`fx.ledgerType.${l}`)).not.toContain("fx.");
    for (const e of ["fx_withdrawal", "fx_statement", "fx_logistics"]) {
      expect(t(`fx.evidence.${e}`)).not.toContain("fx.");
      expect(t(`fx.evidenceHint.${e}`)).not.toContain("fx.");
    }
    for (const f of ["fxSubAccount", "settlementCardNo", "settlementBankName", "legalPersonName"])
      expect(t(`fx.profile.${f}`)).not.toContain("fx.");
    for (const d of [7, 30, 90, 365]) expect(t(`fx.chart.days.${d}`)).not.toContain("fx.");
    for (const s of ["cfets", "ecb", "manual", "bundled"]) expect(t(`fx.source.${s}`)).not.toContain("fx.");
    expect(t("fx.evidence.fx_withdrawal")).toBe("提现截图");
    expect(t("fx.quick.open")).toBe("快速结汇");
  });
});

describe("list requests", () => {
  it("speak Strapi's list format and leave blank filters out", async () => {
    // What the ledger screen's useResourceList asks the app's data provider for, as it reaches the cms.
    let url = "";
    const server = http.createServer((req, res) => {
      url = decodeURIComponent(req.url ?? "");
      res.setHeader("Content-Type", "application/json");
      res.end(JSON.stringify({ data: [], meta: { pagination: { page: 2, pageSize: 10, pageCount: 0, total: 0 } } }));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      await createDataProvider({ baseURL }).getList({
        resource: "fx/ledger",
        filters: [...filterOf("type", "eq", "freeze"), ...filterOf("note", "eq", "  ")],
        pagination: { currentPage: 2, pageSize: 10, mode: "server" },
      });
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    const [path, query] = url.split("?");
    expect(path).toBe("/api/fx/ledger");
    const params = new URLSearchParams(query);
    expect(params.get("filters[type][$eq]")).toBe("freeze");
    expect(params.has("filters[note][$eq]")).toBe(false);
    expect(params.get("pagination[page]")).toBe("2");
    expect(params.get("pagination[pageSize]")).toBe("10");
  });
});
