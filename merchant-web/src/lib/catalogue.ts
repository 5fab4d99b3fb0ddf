import type { Translate } from "../i18n/translate";
import type { ModuleKey } from "../providers/types";

/**
 * The eight business modules of the merchant home page, in the order of the cms contract, with the
 * sub-features each owns (FEATURES.md). Labels are i18n keys: `modules.<key>.title`, `.summary`,
 * `.features.<feature>.title|desc`. The global search (G5) runs over this catalogue.
 */
export interface ModuleDefinition {
  key: ModuleKey;
  /** Always usable, even before business registration is approved (G8). */
  alwaysEnabled: boolean;
  features: string[];
}

export const MODULES: readonly ModuleDefinition[] = [
  { key: "registration", alwaysEnabled: true, features: ["newRegistration", "supplement", "progress"] },
  { key: "logistics", alwaysEnabled: false, features: ["vendors", "shipping", "tracking"] },
  {
    key: "filing",
    alwaysEnabled: false,
    features: ["customsRegistration", "portCard", "dxp", "cloudSign", "enterpriseRecord"],
  },
  {
    key: "customs",
    alwaysEnabled: false,
    features: ["interfaceConfig", "batches", "orders", "lists", "summaries", "cancellations", "hints"],
  },
  { key: "tax-refund", alwaysEnabled: false, features: ["apply", "progress", "estimate"] },
  { key: "fx", alwaysEnabled: false, features: ["rates", "alerts", "balance", "settlement"] },
  { key: "training", alwaysEnabled: true, features: ["aiService", "courses", "copywriting"] },
  { key: "trading", alwaysEnabled: false, features: ["showroom", "categories", "productDetail"] },
];

export const MODULE_KEYS: readonly ModuleKey[] = MODULES.map((m) => m.key);

export function isModuleKey(value: string | undefined | null): value is ModuleKey {
  return !!value && (MODULE_KEYS as readonly string[]).includes(value);
}

export function moduleDefinition(key: ModuleKey): ModuleDefinition {
  const found = MODULES.find((m) => m.key === key);
  if (!found) throw new Error(`unknown module ${key}`);
  return found;
}

/** 跨境申报 catalogue features → the application kind each one opens (D2–D6). */
export const FILING_FEATURE_KIND: Record<string, string> = {
  customsRegistration: "customs-registration",
  portCard: "eport-card",
  dxp: "dxp-id",
  cloudSign: "cloud-signature",
  enterpriseRecord: "enterprise-filing",
};

/** 出口报关 catalogue features → where they live (the to-do tiles and the global search land here). */
export const CUSTOMS_FEATURE_PATH: Record<string, string> = {
  interfaceConfig: "/customs#interfaceConfig",
  batches: "/customs#batches",
  orders: "/customs#batches",
  lists: "/customs#batches",
  summaries: "/customs#batches",
  cancellations: "/customs/cancellations",
  hints: "/customs",
};

/** 收结汇 catalogue features → where they live on /fx. */
export const FX_FEATURE_PATH: Record<string, string> = {
  rates: "/fx#rates",
  alerts: "/fx#alerts",
  balance: "/fx#account",
  settlement: "/fx#records",
};

/** 出口退税 catalogue features → where they live: the wizard, the list on /tax-refund, the calculator beside it. */
export const TAX_REFUND_FEATURE_PATH: Record<string, string> = {
  apply: "/tax-refund/new",
  progress: "/tax-refund#refunds",
  estimate: "/tax-refund#estimate",
};

/**
 * Route of a module (and of a feature inside it: the feature is the hash, so the page can scroll to it).
 * 工商注册, 跨境申报 and 出口报关 have their own screens: `/registration`, `/filing` and `/filing/<kind>`,
 * `/customs` (撤销申请单 at `/customs/cancellations`, the config card and the batch list as anchors), `/fx`,
 * `/tax-refund` (the wizard at `/tax-refund/new`, a refund at `/tax-refund/<id>`).
 */
export function modulePath(key: ModuleKey, feature?: string): string {
  if (key === "registration") return "/registration";
  if (key === "filing")
    return feature && FILING_FEATURE_KIND[feature] ? `/filing/${FILING_FEATURE_KIND[feature]}` : "/filing";
  if (key === "customs") return feature ? (CUSTOMS_FEATURE_PATH[feature] ?? "/customs") : "/customs";
  if (key === "fx") return feature ? (FX_FEATURE_PATH[feature] ?? "/fx") : "/fx";
  if (key === "tax-refund") return feature ? (TAX_REFUND_FEATURE_PATH[feature] ?? "/tax-refund") : "/tax-refund";
  return feature ? `/modules/${key}#${feature}` : `/modules/${key}`;
}

export interface CatalogueFeature {
  key: string;
  title: string;
  desc: string;
}

export interface CatalogueModule {
  key: ModuleKey;
  title: string;
  summary: string;
  alwaysEnabled: boolean;
  features: CatalogueFeature[];
}

/** Resolve the catalogue's labels in the current language. */
export function buildCatalogue(t: Translate): CatalogueModule[] {
  return MODULES.map((m) => ({
    key: m.key,
    title: t(`modules.${m.key}.title`),
    summary: t(`modules.${m.key}.summary`),
    alwaysEnabled: m.alwaysEnabled,
    features: m.features.map((f) => ({
      key: f,
      title: t(`modules.${m.key}.features.${f}.title`),
      desc: t(`modules.${m.key}.features.${f}.desc`),
    })),
  }));
}
