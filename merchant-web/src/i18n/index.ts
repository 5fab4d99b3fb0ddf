import type { I18nProvider } from "@refinedev/core";
import zhCN from "../locales/zh-CN.json";
import { createTranslate, type Messages, type Translate } from "./translate";

export type Locale = "zh-CN";

const catalogues: Record<Locale, Messages> = { "zh-CN": zhCN as Messages };
const fallbackLocale: Locale = "zh-CN";
let current: Locale = fallbackLocale;

/** Translate outside React (api client fallbacks, catalogue building). */
export const t: Translate = (key, params, fallback) =>
  createTranslate(catalogues[current], catalogues[fallbackLocale])(key, params, fallback);

export const i18nProvider: I18nProvider = {
  translate: (key: string, options?: unknown, defaultMessage?: string) =>
    t(key, (options ?? undefined) as Record<string, string | number> | undefined, defaultMessage),
  changeLocale: async (lang: string) => {
    if (lang in catalogues) current = lang as Locale;
  },
  getLocale: () => current,
};
