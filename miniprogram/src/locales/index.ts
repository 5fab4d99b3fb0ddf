import { zhCN, Messages } from './zh-CN';

export type { Messages };

/** Locales the mini-program ships. Add `'en-US': enUS` (same shape as zhCN) to offer English. */
const locales: Record<string, Messages> = {
  'zh-CN': zhCN,
};

let current: Messages = zhCN;

/** Switch the active locale; unknown locales fall back to 简体中文. */
export function setLocale(locale: string): void {
  current = locales[locale] || zhCN;
}

/** The active string table. Pages put a slice of it into `data` for WXML. */
export function messages(): Messages {
  return current;
}

/** Fill `{name}` placeholders: format('{seconds} 秒后重发', { seconds: 59 }). */
export function format(template: string, params: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (Object.prototype.hasOwnProperty.call(params, key) ? String(params[key]) : whole));
}
