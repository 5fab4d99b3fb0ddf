import { describe, expect, it } from "vitest";
import enUS from "../src/locales/en-US.json";
import zhCN from "../src/locales/zh-CN.json";
import { createI18n, interpolate } from "../src/providers/i18n";
import { summarizeUserAgent } from "../src/lib/user-agent";

const keysOf = (node: unknown, prefix = ""): string[] =>
  node && typeof node === "object" && !Array.isArray(node)
    ? Object.entries(node).flatMap(([key, child]) => keysOf(child, prefix ? `${prefix}.${key}` : key))
    : [prefix];

describe("i18n", () => {
  it("has the same keys in every locale", () => {
    expect(keysOf(enUS).sort()).toEqual(keysOf(zhCN).sort());
  });

  it("translates with interpolation and Refine's fallbacks", () => {
    const i18n = createI18n("zh-CN");
    expect(i18n.t("login.sendCode")).toBe("获取验证码");
    expect(i18n.t("login.resend", { seconds: 42 })).toBe("42 秒后重新获取");
    expect(i18n.t("buttons.logout", "Logout")).toBe("退出登录");
    // unknown keys: Refine's default message, then the key itself
    expect(i18n.t("nope.key", undefined, "Default {{x}}")).toBe("Default {{x}}");
    expect(i18n.t("nope.key", "Fallback")).toBe("Fallback");
    expect(i18n.t("nope.key")).toBe("nope.key");
    expect(i18n.list("modules.customs.features")).toHaveLength(4);
  });

  it("switches language and tells subscribers", () => {
    const i18n = createI18n("zh-CN");
    const seen: string[] = [];
    i18n.subscribe((locale) => seen.push(locale));
    void i18n.provider.changeLocale("en-US");
    expect(i18n.provider.getLocale()).toBe("en-US");
    expect(i18n.provider.translate("login.submit")).toBe("Sign in");
    void i18n.provider.changeLocale("xx-YY");
    expect(seen).toEqual(["en-US"]);
  });

  it("interpolates only known values", () => {
    expect(interpolate("共 {{total}} 条，{{other}}", { total: 3 })).toBe("共 3 条，{{other}}");
  });
});

describe("summarizeUserAgent", () => {
  it("names the browser and the system", () => {
    expect(summarizeUserAgent("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Safari/537.36")).toBe(
      "Chrome 126 · Windows",
    );
    expect(
      summarizeUserAgent("Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.47"),
    ).toBe("微信 8 · iOS");
    expect(summarizeUserAgent(null)).toBe("—");
  });
});
