import { describe, expect, it } from "vitest";
import { createTranslate, interpolate, lookup, type Messages } from "../src/i18n/translate";
import zhCN from "../src/locales/zh-CN.json";
import { cms, firstProblem } from "@jmt/contracts";
import { isMainlandPhone, maskPhone } from "../src/lib/validation";

const t = createTranslate(zhCN as Messages);

describe("i18n", () => {
  it("looks up nested keys and fills {{placeholders}}", () => {
    expect(t("login.sendCode")).toBe("获取验证码");
    expect(t("login.submit")).toBe("登录");
    expect(t("login.resend", { seconds: 42 })).toBe("42 秒后重新获取");
    expect(t("home.locked")).toBe("完成工商注册后开通");
    expect(t("login.firstLogin")).toBe("首次登录将自动创建商户账号");
  });

  it("falls back to a second catalogue, then to the default, then to the key", () => {
    const en = createTranslate({ login: { submit: "Sign in" } }, zhCN as Messages);
    expect(en("login.submit")).toBe("Sign in");
    expect(en("login.sendCode")).toBe("获取验证码");
    expect(t("no.such.key", undefined, "默认")).toBe("默认");
    expect(t("no.such.key")).toBe("no.such.key");
    expect(lookup(zhCN as Messages, "login")).toBeUndefined();
  });

  it("leaves unknown placeholders visible", () => {
    expect(interpolate("{{a}} 与 {{b}}", { a: 1 })).toBe("1 与 {{b}}");
  });

  it("has a label for every registration status and both roles", () => {
    for (const s of ["not_started", "filling", "initial_review", "onsite_check", "approved", "returned", "rejected"]) {
      expect(t(`registrationStatus.${s}`)).not.toContain("registrationStatus");
    }
    expect(t("roles.admin")).toBe("管理员");
    expect(t("roles.member")).toBe("普通成员");
  });
});

describe("validation", () => {
  it("accepts mainland mobile numbers only", () => {
    expect(isMainlandPhone("13900000001")).toBe(true);
    expect(isMainlandPhone(" 19912345678 ")).toBe(true);
    for (const bad of ["12900000001", "1390000000", "139000000011", "+8613900000001", "", null]) {
      expect(isMainlandPhone(bad)).toBe(false);
    }
  });

  it("accepts the SMS codes the cms sends (6 digits, its own rule) and masks phones", () => {
    const code = cms.smsLoginInput.shape.code;
    expect(firstProblem(code, "123456")).toBeNull();
    expect(firstProblem(code, "12a456")).toBe("请输入 6 位数字验证码");
    expect(firstProblem(code, "1234")).toBe("请输入 6 位数字验证码");
    expect(maskPhone("13900000001")).toBe("139****0001");
  });
});
