/**
 * Tiny message lookup used by the Refine i18nProvider and by pure modules (search catalogue, lock rules).
 * Messages are nested JSON per locale; `{{name}}` placeholders are filled from the params object.
 */
export type Messages = { [key: string]: string | Messages };
export type TranslateParams = Record<string, string | number | undefined | null>;
export type Translate = (key: string, params?: TranslateParams, fallback?: string) => string;

export function lookup(messages: Messages, key: string): string | undefined {
  let node: string | Messages | undefined = messages;
  for (const part of key.split(".")) {
    if (node === undefined || typeof node === "string") return undefined;
    node = node[part];
  }
  return typeof node === "string" ? node : undefined;
}

export function interpolate(template: string, params?: TranslateParams): string {
  if (!params) return template;
  return template.replace(/\{\{\s*([\w.-]+)\s*\}\}/g, (whole, name: string) => {
    const value = params[name];
    return value === undefined || value === null ? whole : String(value);
  });
}

export function createTranslate(messages: Messages, fallbackMessages?: Messages): Translate {
  return (key, params, fallback) => {
    const template = lookup(messages, key) ?? (fallbackMessages && lookup(fallbackMessages, key)) ?? fallback ?? key;
    return interpolate(template, params);
  };
}
