import type { ThemeConfig } from "antd";
import type { ModuleKey } from "./providers/types";

/** 晶贸通 crystal theme: deep violet accent, soft lavender canvas, rounded cards, generous spacing. */
export const BRAND = {
  primary: "#6d4bd8",
  primaryDeep: "#4b2bb8",
  primarySoft: "#efeafe",
  canvas: "#f6f4fc",
  ink: "#1f1940",
  gradient: "linear-gradient(135deg, #5b3cc4 0%, #6d4bd8 38%, #9277f0 72%, #c2b1ff 100%)",
  highlightBg: "#fff3a3",
  highlightText: "#fa8c16",
} as const;

export const theme: ThemeConfig = {
  token: {
    colorPrimary: BRAND.primary,
    colorInfo: BRAND.primary,
    colorLink: BRAND.primary,
    colorSuccess: "#22a06b",
    colorWarning: "#f59e0b",
    colorError: "#e5484d",
    colorTextBase: BRAND.ink,
    colorBgLayout: BRAND.canvas,
    borderRadius: 10,
    borderRadiusLG: 16,
    borderRadiusSM: 6,
    fontSize: 14,
    fontFamily:
      '-apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", "Noto Sans SC", "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
    boxShadowTertiary: "0 1px 2px rgba(31, 25, 64, 0.04), 0 4px 16px rgba(76, 51, 170, 0.06)",
    controlHeight: 36,
    wireframe: false,
  },
  components: {
    Layout: {
      headerBg: "#ffffff",
      headerHeight: 64,
      headerPadding: "0 24px",
      bodyBg: BRAND.canvas,
      footerBg: "transparent",
    },
    Card: { paddingLG: 24, headerFontSize: 16 },
    Button: { fontWeight: 500, primaryShadow: "0 6px 16px rgba(109, 75, 216, 0.28)" },
    Tabs: { horizontalItemGutter: 28 },
    Descriptions: { labelBg: "#faf8ff" },
    Table: { headerBg: "#faf8ff" },
    Badge: { indicatorHeight: 18, textFontSize: 11 },
  },
};

/** One accent per module, used for the icon bubble and the card's soft glow. */
export const MODULE_ACCENT: Record<ModuleKey, { color: string; soft: string }> = {
  registration: { color: "#6d4bd8", soft: "#efeafe" },
  logistics: { color: "#2f6fed", soft: "#e8f0ff" },
  filing: { color: "#0e9f9a", soft: "#e2f7f5" },
  customs: { color: "#4f46e5", soft: "#eceafe" },
  "tax-refund": { color: "#e07a2f", soft: "#fff1e6" },
  fx: { color: "#1f9d55", soft: "#e5f6ec" },
  training: { color: "#d6336c", soft: "#fde8ef" },
  trading: { color: "#9333ea", soft: "#f4e8fe" },
};

/** Two columns of label/value pairs from tablets up, one on phones (every breakpoint named: antd defaults a missing one to 3). */
export const DESCRIPTION_COLUMNS = { xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 } as const;
