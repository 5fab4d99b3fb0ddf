import { describe, expect, it } from "vitest";
import { taxRefundProgress, type RefundRate } from "@jmt/api-types";
import { slotAccept } from "../src/lib/fileTypes";
import { createTranslate, type Messages } from "../src/i18n/translate";
import { modulePath } from "../src/lib/catalogue";
import zhCN from "../src/locales/zh-CN.json";
import {
  estimateQuery,
  firstMissingStep,
  isHsCode,
  isYuanAmount,
  matchesFilter,
  rateOfEstimate,
  ratesInForce,
  reachedAt,
  refundDraft,
  refundProblems,
  refundResumeStep,
  refundStepOf,
  refundSummary,
  suggestRates,
  sumAmounts,
} from "../src/lib/taxRefund";

const t = createTranslate(zhCN as Messages);

const rate = (hsCode: string, value: string, from = "2020-01-01", to: string | null = null): RefundRate => ({
  id: `${hsCode}-${from}`,
  hsCode,
  description: `商品 ${hsCode}`,
  rate: value,
  effectiveFrom: from,
  effectiveTo: to,
  note: "来源：第三方 HS 退税率查询",
});

const estimate = (value: string) => ({
  hsCode: "7116200000",
  matchedCode: "7116200000",
  description: "水晶制品",
  rate: "13",
  effectiveFrom: "2020-01-01",
  effectiveTo: null,
  basis: "purchase" as const,
  baseAmount: "0",
  estimate: value,
  formula: "",
});

const FILES = { tax_declaration: "f1", tax_purchase_invoice: "f2", tax_sales_invoice: "f3" };
const COMPLETE = {
  enterpriseType: "trading" as const,
  orderAmount: "86500.00",
  purchaseAmount: "72000.00",
  hsCode: "7116200000",
  exportDate: "2026-11-10",
  files: FILES,
};

describe("出口退税 amounts are added exactly", () => {
  it("sums decimal strings with BigInt, never floats", () => {
    expect(sumAmounts(["0.10", "0.20"])).toBe("0.30"); // 0.1 + 0.2 in floats is 0.30000000000000004
    expect(sumAmounts(["4680.00", "9360.00", null, undefined, "", "abc"])).toBe("14040.00");
    expect(sumAmounts([])).toBe("0.00");
    expect(sumAmounts(["99999999999999.99", "0.01"])).toBe("100000000000000.00");
    expect(sumAmounts(["1.005", "2"])).toBe("3.005"); // more places are kept, not rounded away
    expect(sumAmounts(["-1.50", "1"])).toBe("-0.50");
  });

  it("accepts 元 amounts above zero with at most 2 decimals, and 4–10 digit HS codes", () => {
    for (const ok of ["1", "86500.00", "0.01", "12,580.5"]) expect(isYuanAmount(ok)).toBe(true);
    for (const bad of ["0", "0.00", "-1", "1.234", "abc", "", undefined]) expect(isYuanAmount(bad)).toBe(false);
    for (const ok of ["7013", "7116200000", "7116.20.0000", "7116 2000 00"]) expect(isHsCode(ok)).toBe(true);
    for (const bad of ["701", "71162000001", "71a6", ""]) expect(isHsCode(bad)).toBe(false);
  });
});

describe("the home page summary", () => {
  const list = [
    { status: "reviewing", estimate: estimate("9360.00"), refundedAmount: null },
    { status: "paid", estimate: estimate("4680.00"), refundedAmount: "4680.00" },
    { status: "returned", estimate: estimate("0.10"), refundedAmount: null },
    { status: "declared", estimate: null, refundedAmount: null },
    { status: "treasury", estimate: estimate("0.20"), refundedAmount: null },
    { status: "draft", estimate: estimate("1000.00"), refundedAmount: null },
    { status: "rejected", estimate: estimate("500.00"), refundedAmount: null },
  ];

  it("counts open and paid refunds and adds refunded and expected amounts exactly", () => {
    expect(refundSummary(list)).toEqual({
      open: 4,
      returned: 1,
      paid: 1,
      drafts: 1,
      refundedTotal: "4680.00",
      expectedTotal: "9360.30", // declared without an estimate adds nothing; drafts and refused ones are not expected
    });
    expect(refundSummary([])).toMatchObject({ open: 0, refundedTotal: "0.00", expectedTotal: "0.00" });
  });

  it("filters the list by status group", () => {
    expect(list.filter((r) => matchesFilter(r.status, "open")).map((r) => r.status)).toEqual([
      "reviewing",
      "declared",
      "treasury",
    ]);
    expect(list.filter((r) => matchesFilter(r.status, "")).length).toBe(list.length);
    expect(list.filter((r) => matchesFilter(r.status, "returned")).map((r) => r.status)).toEqual(["returned"]);
  });
});

describe("the wizard", () => {
  it("knows what a draft still lacks and where to resume", () => {
    expect(refundProblems(COMPLETE)).toEqual([]);
    expect(refundResumeStep(COMPLETE)).toBe(2);
    expect(refundResumeStep({ ...COMPLETE, files: { tax_declaration: "f1" } })).toBe(1);
    expect(refundResumeStep({})).toBe(0);
    // A producer is not asked for 进项发票金额.
    const producer = { ...COMPLETE, enterpriseType: "producer" as const, purchaseAmount: undefined };
    expect(refundProblems(producer)).toEqual([]);
    expect(refundProblems({ ...COMPLETE, purchaseAmount: undefined }).map((p) => p.field)).toEqual(["purchaseAmount"]);
    expect(refundProblems({ ...COMPLETE, hsCode: "71", orderAmount: "1.234" })).toEqual([
      { field: "orderAmount", reason: "invalid" },
      { field: "hsCode", reason: "invalid" },
    ]);
  });

  it("sends the server's APPLICATION_INCOMPLETE to the step of the first field concerned", () => {
    expect(refundStepOf("files.tax_declaration")).toBe("documents");
    expect(refundStepOf("hsCode")).toBe("info");
    expect(refundStepOf("customsBatches")).toBe("info");
    expect(firstMissingStep([{ field: "files.tax_declaration" }, { field: "files.tax_sales_invoice" }])).toBe(1);
    expect(firstMissingStep([{ field: "files.tax_declaration" }, { field: "hsCode" }])).toBe(0);
    expect(firstMissingStep([])).toBe(2);
  });

  it("saves a tidy draft: amounts and HS code normalised, a producer's purchase amount and empty slots dropped", () => {
    const draft = refundDraft(
      { ...COMPLETE, note: "old", files: { tax_declaration: "f1" } },
      {
        enterpriseType: "producer",
        orderAmount: " 86,500.00 ",
        purchaseAmount: "72000.00",
        hsCode: "7116.20.0000",
        exportDate: "2026-11-10",
        invoiceNo: "",
        note: "",
        customsBatches: ["b1", ""],
        files: { tax_purchase_invoice: "f2", tax_sales_invoice: null },
      },
    );
    expect(draft).toEqual({
      enterpriseType: "producer",
      orderAmount: "86500.00",
      hsCode: "7116200000",
      exportDate: "2026-11-10",
      customsBatches: ["b1"],
      files: { tax_declaration: "f1", tax_purchase_invoice: "f2" },
    });
  });

  it("forgets what was cleared", () => {
    const draft = refundDraft(COMPLETE, { exportDate: "", invoiceNo: " ", hsCode: "" });
    expect(draft).not.toHaveProperty("exportDate");
    expect(draft).not.toHaveProperty("invoiceNo");
    expect(draft).not.toHaveProperty("hsCode");
    expect(draft.purchaseAmount).toBe("72000.00");
  });

  it("asks for an estimate only once the HS code and the base amount are there", () => {
    expect(
      estimateQuery({
        enterpriseType: "trading",
        hsCode: "7116200000",
        purchaseAmount: "72,000.00",
        exportDate: "2026-11-10",
      }),
    ).toEqual({
      hsCode: "7116200000",
      enterpriseType: "trading",
      purchaseAmount: "72000.00",
      date: "2026-11-10",
    });
    expect(
      estimateQuery({ enterpriseType: "producer", hsCode: "7013", orderAmount: "100", purchaseAmount: "50" }),
    ).toEqual({
      hsCode: "7013",
      enterpriseType: "producer",
      orderAmount: "100",
    });
    expect(estimateQuery({ enterpriseType: "trading", hsCode: "7116200000", orderAmount: "100" })).toBeNull(); // trading needs the purchase amount
    expect(estimateQuery({ enterpriseType: "trading", hsCode: "71", purchaseAmount: "100" })).toBeNull();
  });
});

describe("HS-code suggestions and the rate's source", () => {
  const rates = [
    rate("7116200000", "13", "2020-01-01", "2026-12-31"),
    rate("7116200000", "9", "2027-01-01"),
    rate("7116100000", "13"),
    rate("7013", "13"),
    rate("7018100000", "9"),
  ];

  it("offers the rates in force on the export date, codes that start with the input first", () => {
    const now = ratesInForce(rates, "2026-11-20");
    expect(now.map((r) => r.rate)).toEqual(["13", "13", "13", "9"]);
    expect(ratesInForce(rates, "2027-01-01").find((r) => r.hsCode === "7116200000")?.rate).toBe("9");
    expect(suggestRates(now, "7116").map((r) => r.hsCode)).toEqual(["7116100000", "7116200000"]);
    // A longer code finds its prefix rate (7013 covers 7013991000).
    expect(suggestRates(now, "7013991000").map((r) => r.hsCode)).toEqual(["7013"]);
    expect(suggestRates(now, "商品 7018").map((r) => r.hsCode)).toEqual(["7018100000"]);
    expect(suggestRates(now, "").length).toBe(4);
  });

  it("finds the rate row an estimate used, for its note", () => {
    expect(rateOfEstimate(rates, { matchedCode: "7116200000", effectiveFrom: "2027-01-01" })?.rate).toBe("9");
    expect(rateOfEstimate(rates, { matchedCode: "7117", effectiveFrom: "2020-01-01" })).toBeNull();
  });
});

describe("the progress board and the timeline", () => {
  it("places each state on 申报 → 审核 → 退库 → 到账", () => {
    expect(taxRefundProgress("declared")).toEqual({ current: 0, state: "process" });
    expect(taxRefundProgress("paid")).toEqual({ current: 3, state: "finish" });
    expect(taxRefundProgress("returned")).toEqual({ current: 1, state: "error" });
  });

  it("tells when a state was last reached", () => {
    const timeline = [
      { to: "draft", createdAt: "2026-11-01T00:00:00Z" },
      { to: "declared", createdAt: "2026-11-02T00:00:00Z" },
      { to: "returned", createdAt: "2026-11-03T00:00:00Z" },
      { to: "declared", createdAt: "2026-11-04T00:00:00Z" },
    ];
    expect(reachedAt(timeline, "declared")).toBe("2026-11-04T00:00:00Z");
    expect(reachedAt(timeline, "paid")).toBeNull();
  });
});

describe("file slots that take PDFs only", () => {
  it("pick and accept PDFs only and say so", () => {
    const pdf = slotAccept(["application/pdf"]);
    expect(pdf).toMatchObject({ restricted: true, pdfOnly: true, names: "PDF" });
    expect(pdf.input).toBe("application/pdf,.pdf");
    expect(pdf.accepts({ type: "application/pdf", name: "报关单.pdf" })).toBe(true);
    expect(pdf.accepts({ type: "", name: "invoice.PDF" })).toBe(true);
    expect(pdf.accepts({ type: "image/png", name: "scan.png" })).toBe(false);
    const any = slotAccept(null);
    expect(any.restricted).toBe(false);
    expect(any.accepts({ type: "image/jpeg", name: "id.jpg" })).toBe(true);
    expect(t("applications.upload.badTypeOnly", { types: pdf.names })).toContain("仅支持 PDF");
  });
});

describe("catalogue", () => {
  it("links the 出口退税 features to their screens", () => {
    expect(modulePath("tax-refund")).toBe("/tax-refund");
    expect(modulePath("tax-refund", "apply")).toBe("/tax-refund/new");
    expect(modulePath("tax-refund", "progress")).toBe("/tax-refund#refunds");
    expect(modulePath("tax-refund", "estimate")).toBe("/tax-refund#estimate");
  });

  it("has every status and step label the screens use", () => {
    for (const s of ["draft", "declared", "reviewing", "treasury", "paid"])
      expect(t(`taxRefund.stepLabels.${s}`)).not.toContain("taxRefund");
    for (const s of ["draft", "declared", "reviewing", "treasury", "paid", "returned", "rejected"])
      expect(t(`taxRefund.detail.lead.${s}`)).not.toContain("taxRefund");
    for (const f of ["", "draft", "open", "returned", "paid", "rejected"])
      expect(t(`taxRefund.filter.${f || "all"}`)).not.toContain("taxRefund");
  });
});
