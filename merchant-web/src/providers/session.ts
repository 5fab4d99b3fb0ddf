/**
 * Where the jwt lives. "记住我（7 天）" keeps it in localStorage (the cms issues a 7-day token);
 * otherwise it lives in sessionStorage and ends with the browser session.
 */
const TOKEN_KEY = "jmt.merchant.jwt";

export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

function memoryStore(): KeyValueStore {
  const memory = new Map<string, string>();
  return {
    getItem: (k) => memory.get(k) ?? null,
    setItem: (k, v) => void memory.set(k, v),
    removeItem: (k) => void memory.delete(k),
  };
}
/** Used where Web Storage is missing or blocked (private mode, tests in node). */
const fallback = { local: memoryStore(), session: memoryStore() };

function storage(kind: "local" | "session"): KeyValueStore {
  try {
    const s = kind === "local" ? globalThis.localStorage : globalThis.sessionStorage;
    return s ?? fallback[kind];
  } catch {
    return fallback[kind];
  }
}

export function getToken(): string | null {
  return storage("session").getItem(TOKEN_KEY) ?? storage("local").getItem(TOKEN_KEY);
}

export function isRemembered(): boolean {
  return storage("local").getItem(TOKEN_KEY) !== null;
}

export function setToken(jwt: string, remember: boolean): void {
  clearToken();
  storage(remember ? "local" : "session").setItem(TOKEN_KEY, jwt);
}

/** Replace the token (account switch) in whichever storage the session already uses. */
export function replaceToken(jwt: string): void {
  setToken(jwt, isRemembered());
}

export function clearToken(): void {
  storage("local").removeItem(TOKEN_KEY);
  storage("session").removeItem(TOKEN_KEY);
}
