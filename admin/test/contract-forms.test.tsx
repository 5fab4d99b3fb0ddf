/**
 * The console's forms judge with the API's contracts (@jmt/contracts): each form's exported rules, run by antd's own
 * Form (rules, rule functions and all), refuse a bad value with the message the cms answers for it, and pass what the
 * cms accepts; the bodies the forms build parse to what is sent.
 */
import { checkForm, fx, taxrefund } from "@jmt/contracts";
import { Form, type FormInstance } from "antd";
import type { Rule } from "antd/es/form";
import dayjs from "dayjs";
import { act } from "react";
import { createRoot } from "react-dom/client";
import { describe, expect, it } from "vitest";
import { configRules } from "../src/pages/customs/ConfigDrawer";
import { hintRules } from "../src/pages/customs/hints";
import { transitionRules } from "../src/pages/applications/TransitionModal";
import { completeSettlementRules } from "../src/pages/fx/CompleteSettlementModal";
import { rateEntryBody, rateEntryRules } from "../src/pages/fx/RateEntryModal";
import { rejectSettlementRules } from "../src/pages/fx/RejectSettlementModal";
import { loginRules } from "../src/pages/login";
import { refundRateBody, refundRateRules } from "../src/pages/tax-refund/RateFormModal";
import { hsCodeProblem } from "../src/pages/tax-refund/hooks";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
// antd's grid asks for the viewport's breakpoints; jsdom has no media queries.
window.matchMedia ??= (query: string) =>
  ({
    matches: false,
    media: query,
    onchange: null,
    addListener() {},
    removeListener() {},
    addEventListener() {},
    removeEventListener() {},
    dispatchEvent: () => false,
  }) as MediaQueryList;

/** A form control that holds any value (a string, a Dayjs) and renders nothing. */
const Holder = (_props: { value?: unknown; onChange?: unknown }) => null;

/**
 * The messages antd's Form shows under each field of `rules` for `values` (other values are in the form's store too,
 * as a modal's other fields are): `{}` when every field passes.
 */
async function messagesOf(rules: Record<string, Rule[]>, values: Record<string, unknown>): Promise<Record<string, string[]>> {
  const root = createRoot(document.createElement("div"));
  const forms: FormInstance[] = [];
  const Harness = () => {
    const [form] = Form.useForm();
    forms.push(form);
    return (
      <Form form={form} initialValues={values}>
        {Object.entries(rules).map(([name, list]) => (
          <Form.Item key={name} name={name} rules={list}>
            <Holder />
          </Form.Item>
        ))}
      </Form>
    );
  };
  await act(async () => root.render(<Harness />));
  let failure: { errorFields?: { name: (string | number)[]; errors: string[] }[] } | undefined;
  await act(async () => {
    await forms[0]?.validateFields().catch((error: typeof failure) => {
      failure = error;
    });
  });
  act(() => root.unmount());
  return Object.fromEntries((failure?.errorFields ?? []).map((field) => [field.name.join("."), field.errors]));
}

/** The message one field's rules give `value` (null: it passes), with `others` in the form; `name` is the body's name for it. */
const messageOf = async (rules: Rule[], value: unknown, others: Record<string, unknown> = {}, name = "field") =>
  (await messagesOf({ [name]: rules }, { ...others, [name]: value }))[name]?.[0] ?? null;

describe("完成结汇 (fx.completeInput)", () => {
  it("refuses a bad actual rate or CNY amount with the cms's messages", async () => {
    expect(await messageOf(completeSettlementRules.actualRate, "7.12345")).toBe("实际结算汇率最多 4 位小数");
    expect(await messageOf(completeSettlementRules.actualRate, "")).toBe("请输入大于 0 的实际结算汇率");
    expect(await messageOf(completeSettlementRules.actualRate, "0")).toBe("请输入大于 0 的实际结算汇率");
    expect(await messageOf(completeSettlementRules.cnyAmount, "21354.001")).toBe("人民币到账金额最多 2 位小数");
    expect(await messageOf(completeSettlementRules.cnyAmount, "1e3")).toBe("请输入大于 0 的人民币到账金额");
    expect(await messageOf(completeSettlementRules.cnyAmount, "12345678901234")).toBe("人民币到账金额超出范围");
    expect(await messagesOf(completeSettlementRules, { actualRate: " 7.1180 ", cnyAmount: "21354.00" })).toEqual({});
  });
});

describe("录入汇率 (fx.manualRateInput)", () => {
  const today = dayjs("2026-11-20");

  it("judges the rate's decimals by the currency chosen in the form (4, HKD 5)", async () => {
    const rateOf = (rate: string, currency: string) => messageOf(rateEntryRules.rate, rate, { currency, date: today }, "rate");
    expect(await rateOf("7.12345", "USD")).toBe("汇率最多 4 位小数");
    expect(await rateOf("0.912345", "HKD")).toBe("汇率最多 5 位小数");
    expect(await rateOf("0.91234", "HKD")).toBeNull();
    expect(await rateOf("", "USD")).toBe("请输入大于 0 的汇率");
    expect(await rateOf("-7.1", "USD")).toBe("请输入大于 0 的汇率");
  });

  it("asks for a currency and a date as the cms does", async () => {
    expect(await messagesOf(rateEntryRules, { rate: "7.1234" })).toEqual({ currency: ["请选择币种"], date: ["日期格式应为 YYYY-MM-DD"] });
    expect(await messagesOf(rateEntryRules, { currency: "USD", date: today, rate: "7.1234" })).toEqual({});
  });

  it("sends the rate with its currency's decimals", () => {
    expect(checkForm(fx.manualRateInput, rateEntryBody({ currency: "USD", date: today, rate: " 7.1 " }))).toEqual({
      ok: true,
      value: { currency: "USD", date: "2026-11-20", rate: "7.1000" },
    });
  });
});

describe("驳回结汇 and 办理 notes (fx.rejectInput, applications.transitionInput)", () => {
  it("take any text: that a reason is needed is the service's rule, said by the modals' own required rule", async () => {
    expect(await messageOf(rejectSettlementRules.reason, "物流发货信息与提现金额不符")).toBeNull();
    expect(await messageOf(transitionRules.note, "营业执照照片不清晰")).toBeNull();
  });
});

describe("退税率 (taxrefund.rateInput)", () => {
  const from = dayjs("2026-01-01");

  it("refuses HS codes, rates and periods the cms refuses, with its messages", async () => {
    for (const code of ["701", "71162000001", "71a6", ""]) {
      expect(await messageOf(refundRateRules.hsCode, code)).toBe("HS 编码应为 4–10 位数字（可填前缀，如 7013）");
    }
    for (const code of ["7013", "7116200000", "7116.20", " 7116.20 0000 "]) expect(await messageOf(refundRateRules.hsCode, code)).toBeNull();
    for (const rate of ["-1", "100.5", "101", "13.456", "1e2", "", "13%"]) {
      expect(await messageOf(refundRateRules.rate, rate)).toBe("退税率应为 0–100 之间的百分数，最多 2 位小数");
    }
    for (const rate of ["0", "13", "9.5", "100", "100.00", "12.34"]) expect(await messageOf(refundRateRules.rate, rate)).toBeNull();
    expect(await messageOf(refundRateRules.description, "  ")).toBe("请填写商品描述");
    expect(await messageOf(refundRateRules.effectiveFrom, undefined)).toBe("请填写生效日期（YYYY-MM-DD）");
  });

  it("judges the end of the period against its start", async () => {
    const endOf = (end: unknown) => messageOf(refundRateRules.effectiveTo, end, { effectiveFrom: from }, "effectiveTo");
    expect(await endOf(dayjs("2025-12-31"))).toBe("失效日期应不早于生效日期");
    expect(await endOf(dayjs("2026-01-01"))).toBeNull();
    expect(await endOf(null)).toBeNull();
  });

  it("sends the code without spaces and dots, the texts trimmed, an empty note as null", () => {
    const body = refundRateBody({ hsCode: " 7116.20 0000 ", description: " 天然水晶制品 ", rate: "13", effectiveFrom: from, effectiveTo: null, note: " " });
    expect(checkForm(taxrefund.rateInput, body)).toEqual({
      ok: true,
      value: { hsCode: "7116200000", description: "天然水晶制品", rate: "13", effectiveFrom: "2026-01-01", effectiveTo: null, note: null },
    });
  });
});

describe("退税测算 (taxrefund.estimateQuery)", () => {
  it("says what the cms says of an HS code", () => {
    expect(hsCodeProblem("71")).toBe("HS 编码应为 4–10 位数字");
    expect(hsCodeProblem("7116.20 0000")).toBeNull();
  });
});

describe("行业提示 (customs.hintInput)", () => {
  it("refuses an empty or too long title or text with the cms's messages", async () => {
    expect(await messagesOf(hintRules, { title: " ", body: "" })).toEqual({ title: ["请填写标题"], body: ["请填写提示内容"] });
    expect(await messagesOf(hintRules, { title: "标".repeat(101), body: "文".repeat(2001) })).toEqual({
      title: ["标题不能超过100个字符"],
      body: ["提示内容不能超过2000个字符"],
    });
    expect(await messagesOf(hintRules, { title: "标".repeat(100), body: "文".repeat(2000) })).toEqual({});
  });
});

describe("点点通接口配置 (customs.configInput)", () => {
  it("refuses what the cms refuses, judging what a save sends", async () => {
    expect(await messageOf(configRules("appKey"), "k".repeat(257))).toBe("不能超过256个字符");
    expect(await messageOf(configRules("appSecret"), "s".repeat(513))).toBe("接口密钥应为文本，最长512位");
    // Sent trimmed; an empty secret is not sent at all (留空则不修改).
    expect(await messageOf(configRules("appKey"), ` ${"k".repeat(256)} `)).toBeNull();
    expect(await messageOf(configRules("appSecret"), "")).toBeNull();
    expect(await messageOf(configRules("dxpId"), undefined)).toBeNull();
  });
});

describe("登录 (cms.smsLoginInput)", () => {
  it("asks for a mainland mobile number and the 6-digit code with the cms's messages", async () => {
    expect(await messagesOf(loginRules, { phone: "", code: "" })).toEqual({ phone: ["请填写手机号"], code: ["请填写验证码"] });
    expect(await messagesOf(loginRules, { phone: "1391234567", code: "1234" })).toEqual({
      phone: ["请输入正确的中国大陆手机号（11 位，以 1 开头）"],
      code: ["请输入 6 位数字验证码"],
    });
    expect(await messagesOf(loginRules, { phone: " 13912345678 ", code: "123456" })).toEqual({});
  });
});
