/**
 * Visual identity of the console: a deep amethyst accent (东海紫晶), soft lavender surfaces, rounded corners and
 * generous spacing; the sider is a dark indigo panel.
 */
import { theme, type ThemeConfig } from "antd";

export const BRAND = {
  primary: "#5b3cc4",
  primaryHover: "#7356d8",
  primaryActive: "#4a2fa6",
  deep: "#1a1240",
  deeper: "#120c30",
  lavender: "#f4f2fb",
  lavenderBorder: "#e6e1f7",
  ink: "#1f1a33",
  muted: "#6b6585",
  aurora: "linear-gradient(135deg, #2a1a6e 0%, #5b3cc4 55%, #8e6cf0 100%)",
} as const;

const FONT_FAMILY = [
  "-apple-system",
  "BlinkMacSystemFont",
  '"Segoe UI"',
  '"PingFang SC"',
  '"Hiragino Sans GB"',
  '"Microsoft YaHei"',
  '"Noto Sans CJK SC"',
  '"Noto Sans SC"',
  '"Helvetica Neue"',
  "Arial",
  "sans-serif",
].join(", ");

export const appTheme: ThemeConfig = {
  cssVar: true,
  hashed: false,
  token: {
    colorPrimary: BRAND.primary,
    colorInfo: BRAND.primary,
    colorLink: BRAND.primary,
    colorSuccess: "#22a06b",
    colorWarning: "#e8a317",
    colorError: "#e0464e",
    colorTextBase: BRAND.ink,
    colorBgLayout: BRAND.lavender,
    colorBorderSecondary: "#ece9f6",
    borderRadius: 10,
    borderRadiusLG: 16,
    borderRadiusSM: 6,
    fontFamily: FONT_FAMILY,
    fontSize: 14,
    controlHeight: 36,
    controlHeightLG: 44,
    padding: 16,
    paddingLG: 24,
    margin: 16,
    marginLG: 24,
    wireframe: false,
    boxShadowTertiary: "0 1px 2px rgba(31, 26, 51, 0.04), 0 2px 8px rgba(91, 60, 196, 0.05)",
  },
  components: {
    Layout: {
      bodyBg: BRAND.lavender,
      headerBg: "#ffffff",
      headerHeight: 64,
      headerPadding: "0 24px",
    },
    Card: {
      headerFontSize: 16,
      paddingLG: 24,
    },
    Table: {
      headerBg: "#f7f5fd",
      headerColor: "#4b4468",
      headerSplitColor: "transparent",
      rowHoverBg: "#f7f4ff",
      rowExpandedBg: "#fbfaff",
      cellPaddingBlock: 14,
    },
    Button: {
      fontWeight: 500,
      primaryShadow: "0 6px 16px -6px rgba(91, 60, 196, 0.55)",
    },
    Tag: {
      defaultBg: "#f4f2fb",
    },
    Descriptions: {
      labelBg: "#f7f5fd",
    },
    Statistic: {
      contentFontSize: 30,
    },
  },
};

/** Nested theme for the dark indigo sider (ThemedSider paints itself with colorBgContainer / colorBgElevated). */
export const siderTheme: ThemeConfig = {
  algorithm: theme.darkAlgorithm,
  token: {
    colorPrimary: "#9b80ff",
    colorBgContainer: BRAND.deep,
    colorBgElevated: BRAND.deeper,
    colorText: "rgba(255, 255, 255, 0.88)",
    borderRadius: 10,
    fontFamily: FONT_FAMILY,
  },
  components: {
    Menu: {
      itemBg: "transparent",
      subMenuItemBg: "transparent",
      itemColor: "rgba(233, 228, 255, 0.72)",
      itemHoverColor: "#ffffff",
      itemHoverBg: "rgba(155, 128, 255, 0.12)",
      itemSelectedColor: "#ffffff",
      itemSelectedBg: "rgba(124, 92, 240, 0.42)",
      itemActiveBg: "rgba(155, 128, 255, 0.2)",
      groupTitleColor: "rgba(233, 228, 255, 0.45)",
      itemMarginInline: 10,
      itemBorderRadius: 10,
      iconSize: 16,
      itemHeight: 40,
      itemMarginBlock: 2,
    },
  },
};
