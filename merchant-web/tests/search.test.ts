import { describe, expect, it } from "vitest";
import { createTranslate, type Messages } from "../src/i18n/translate";
import zhCN from "../src/locales/zh-CN.json";
import { buildCatalogue, MODULE_KEYS, type CatalogueModule } from "../src/lib/catalogue";
import { countRows, highlightSegments, normalizeKeyword, searchCatalogue } from "../src/lib/search";

const t = createTranslate(zhCN as Messages);
const catalogue = buildCatalogue(t);
const titles = (groups: ReturnType<typeof searchCatalogue>) =>
  groups.map((g) => [g.module.title, g.parentMatched, g.children.map((c) => c.feature.title)]);

describe("module catalogue", () => {
  it("lists the eight modules in the contract's order with Chinese titles", () => {
    expect(MODULE_KEYS).toEqual([
      "registration",
      "logistics",
      "filing",
      "customs",
      "tax-refund",
      "fx",
      "training",
      "trading",
    ]);
    expect(catalogue.map((m) => m.title)).toEqual([
      "工商注册",
      "跨境物流",
      "跨境申报",
      "出口报关",
      "出口退税",
      "收结汇",
      "培训服务",
      "交易平台",
    ]);
  });

  it("resolves every label (no raw i18n keys left)", () => {
    for (const m of catalogue) {
      expect(m.title).not.toMatch(/^modules\./);
      expect(m.summary).not.toMatch(/^modules\./);
      expect(m.features.length).toBeGreaterThan(0);
      for (const f of m.features) {
        expect(f.title).not.toMatch(/^modules\./);
        expect(f.desc).not.toMatch(/^modules\./);
      }
    }
  });
});

describe("G5 search matching", () => {
  it("finds nothing for an empty or blank keyword", () => {
    expect(searchCatalogue(catalogue, "")).toEqual([]);
    expect(searchCatalogue(catalogue, "   ")).toEqual([]);
  });

  it("a parent hit shows the module with all of its children", () => {
    const groups = searchCatalogue(catalogue, "出口报关");
    expect(groups).toHaveLength(1);
    const [customs] = groups;
    expect(customs.module.key).toBe("customs");
    expect(customs.parentMatched).toBe(true);
    expect(customs.children.map((c) => c.feature.key)).toEqual([
      "interfaceConfig",
      "batches",
      "orders",
      "lists",
      "summaries",
      "cancellations",
      "hints",
    ]);
  });

  it("a parent hit marks which of its children also hit", () => {
    const [registration] = searchCatalogue(catalogue, "注册");
    expect(registration.module.key).toBe("registration");
    expect(registration.parentMatched).toBe(true);
    expect(registration.children.map((c) => [c.feature.key, c.matched])).toEqual([
      ["newRegistration", true],
      ["supplement", true],
      ["progress", true],
    ]);
  });

  it("a child hit shows the child together with its parent, and only the matching children", () => {
    expect(titles(searchCatalogue(catalogue, "清单总分单"))).toEqual([["出口报关", false, ["清单总分单"]]]);
    // 汇总申请单 also hits "总分单" through its description (由总分单自动生成)
    expect(titles(searchCatalogue(catalogue, "总分单"))).toEqual([["出口报关", false, ["清单总分单", "汇总申请单"]]]);
    const hit = searchCatalogue(catalogue, "撤销");
    expect(titles(hit)).toEqual([["出口报关", false, ["撤销申请单"]]]);
  });

  it("matches sub-feature descriptions, e.g. a carrier name", () => {
    expect(titles(searchCatalogue(catalogue, "DHL"))).toEqual([["跨境物流", false, ["物流商对比"]]]);
  });

  it("is case-insensitive for Latin text and trims the keyword", () => {
    expect(titles(searchCatalogue(catalogue, "  dxp "))).toEqual([["跨境申报", false, ["DXP ID 申请"]]]);
    expect(titles(searchCatalogue(catalogue, "ai"))).toEqual([["培训服务", false, ["AI 客服", "AI 营销文案"]]]);
  });

  it("returns groups in catalogue order across modules", () => {
    const groups = searchCatalogue(catalogue, "进度");
    const keys = groups.map((g) => g.module.key);
    expect(keys).toEqual([...keys].sort((a, b) => MODULE_KEYS.indexOf(a) - MODULE_KEYS.indexOf(b)));
    expect(keys).toContain("registration");
    expect(keys).toContain("tax-refund");
    expect(groups.every((g) => !g.parentMatched)).toBe(true);
  });

  it("a keyword that matches nothing yields no groups", () => {
    expect(searchCatalogue(catalogue, "比特币")).toEqual([]);
  });

  it("counts the rows the dropdown shows: one per parent plus one per child", () => {
    expect(countRows(searchCatalogue(catalogue, "出口报关"))).toBe(8);
    expect(countRows(searchCatalogue(catalogue, "撤销"))).toBe(2);
  });

  it("works on any catalogue, in any language", () => {
    const english: CatalogueModule[] = [
      {
        key: "fx",
        title: "FX",
        summary: "",
        alwaysEnabled: false,
        features: [
          { key: "rates", title: "Rate board", desc: "Live rates" },
          { key: "settlement", title: "Quick settlement", desc: "Settle USD" },
        ],
      },
    ];
    expect(searchCatalogue(english, "RATE").map((g) => g.children.map((c) => c.feature.key))).toEqual([["rates"]]);
    expect(searchCatalogue(english, "fx")[0].children).toHaveLength(2);
  });
});

describe("G5 keyword highlighting", () => {
  it("marks every occurrence, keeping the original text intact", () => {
    const segments = highlightSegments("汇总申请单由总分单自动生成，总分单编号自动关联", "总分单");
    expect(segments.filter((s) => s.hit).map((s) => s.text)).toEqual(["总分单", "总分单"]);
    expect(segments.map((s) => s.text).join("")).toBe("汇总申请单由总分单自动生成，总分单编号自动关联");
  });

  it("keeps the original casing of Latin hits", () => {
    expect(highlightSegments("DXP ID 申请", "dxp")).toEqual([
      { text: "DXP", hit: true },
      { text: " ID 申请", hit: false },
    ]);
  });

  it("highlights a whole-text hit as a single segment", () => {
    expect(highlightSegments("收结汇", "收结汇")).toEqual([{ text: "收结汇", hit: true }]);
  });

  it("returns the text unmarked without a keyword or a hit", () => {
    expect(highlightSegments("出口退税", "")).toEqual([{ text: "出口退税", hit: false }]);
    expect(highlightSegments("出口退税", "物流")).toEqual([{ text: "出口退税", hit: false }]);
    expect(highlightSegments("", "物流")).toEqual([]);
  });

  it("does not overlap adjacent occurrences", () => {
    expect(highlightSegments("aaa", "aa")).toEqual([
      { text: "aa", hit: true },
      { text: "a", hit: false },
    ]);
  });

  it("normalizes inner whitespace of the keyword", () => {
    expect(normalizeKeyword("  DXP    ID ")).toBe("DXP ID");
    expect(highlightSegments("DXP ID 申请", "DXP   ID").filter((s) => s.hit)).toEqual([{ text: "DXP ID", hit: true }]);
  });
});
