/**
 * Refine i18n provider over plain JSON dictionaries (src/locales/<locale>.json), no extra library:
 * dotted keys, `{{name}}` interpolation, fallback to zh-CN then to Refine's default message.
 */
import type { I18nProvider } from "@refinedev/core";
import enUS from "../locales/en-US.json";
import zhCN from "../locales/zh-CN.json";

export const LOCALES = {
  "zh-CN": { label: "简体中文", messages: zhCN as Messages },
  "en-US": { label: "English", messages: enUS as Messages },
} as const;

export type Locale = keyof typeof LOCALES;
export const DEFAULT_LOCALE: Locale = "zh-CN";
const STORAGE_KEY = "jmt.admin.locale";

type Messages = { [key: string]: unknown };

export const isLocale = (value: unknown): value is Locale => typeof value === "string" && value in LOCALES;

/** The raw value at a dotted key (string, list or sub-tree), or undefined. */
export const lookup = (messages: Messages, key: string): unknown =>
  key.split(".").reduce<unknown>((node, part) => {
    if (node && typeof node === "object" && !Array.isArray(node)) return (node as Messages)[part];
    return undefined;
  }, messages);

/** `"共 {{total}} 条"` + `{total: 3}` → `"共 3 条"`; unknown placeholders are left as they are. */
export const interpolate = (template: string, values: unknown): string => {
  if (!values || typeof values !== "object") return template;
  const map = values as Record<string, unknown>;
  return template.replace(/\{\{\s*(\w+)\s*\}\}/g, (whole, name: string) => (map[name] === undefined || map[name] === null ? whole : String(map[name])));
};

export interface AppI18n {
  getLocale(): Locale;
  setLocale(locale: Locale): void;
  /** Refine-compatible translate: `(key, options?, defaultMessage?)` or `(key, defaultMessage)`. */
  t(key: string, options?: unknown, defaultMessage?: string): string;
  /** A list value (e.g. a module's feature bullets). */
  list(key: string): string[];
  subscribe(listener: (locale: Locale) => void): () => void;
  provider: I18nProvider;
}

const readStoredLocale = (): Locale | undefined => {
  try {
    const stored = typeof localStorage === "undefined" ? null : localStorage.getItem(STORAGE_KEY);
    return isLocale(stored) ? stored : undefined;
  } catch {
    return undefined;
  }
};

export const createI18n = (initial: Locale = readStoredLocale() ?? DEFAULT_LOCALE): AppI18n => {
  let locale: Locale = initial;
  const listeners = new Set<(locale: Locale) => void>();

  const resolve = (key: string): unknown => {
    const value = lookup(LOCALES[locale].messages, key);
    return value === undefined && locale !== DEFAULT_LOCALE ? lookup(LOCALES[DEFAULT_LOCALE].messages, key) : value;
  };

  const t: AppI18n["t"] = (key, options, defaultMessage) => {
    const value = resolve(key);
    const values = typeof options === "string" ? undefined : options;
    if (typeof value === "string") return interpolate(value, values);
    const fallback = defaultMessage ?? (typeof options === "string" ? options : undefined);
    return fallback === undefined ? key : interpolate(fallback, values);
  };

  const i18n: AppI18n = {
    getLocale: () => locale,
    setLocale(next) {
      if (next === locale) return;
      locale = next;
      try {
        localStorage.setItem(STORAGE_KEY, next);
      } catch {
        /* private mode: the choice lasts for this page only */
      }
      if (typeof document !== "undefined") document.documentElement.lang = next;
      listeners.forEach((listener) => listener(next));
    },
    t,
    list(key) {
      const value = resolve(key);
      return Array.isArray(value) ? value.map(String) : [];
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    provider: {
      translate: (key, options, defaultMessage) => t(key, options, defaultMessage),
      changeLocale: (next: string) => {
        if (isLocale(next)) i18n.setLocale(next);
        return Promise.resolve();
      },
      getLocale: () => locale,
    },
  };
  return i18n;
};

/** The app's single instance. */
export const i18n = createI18n();
