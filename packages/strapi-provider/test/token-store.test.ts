import { describe, expect, it } from "vitest";
import { createWebTokenStore, type StorageLike } from "../src";

const memoryStorage = (): StorageLike & { map: Map<string, string> } => {
  const map = new Map<string, string>();
  return {
    map,
    getItem: (key) => map.get(key) ?? null,
    setItem: (key, value) => void map.set(key, value),
    removeItem: (key) => void map.delete(key),
  };
};

describe("createWebTokenStore", () => {
  it("keeps a remembered token in local storage and a session token in session storage, never both", () => {
    const local = memoryStorage();
    const session = memoryStorage();
    const store = createWebTokenStore("k", { local, session });
    expect(store.getToken()).toBeNull();

    store.setToken("a", true);
    expect(local.map.get("k")).toBe("a");
    expect(session.map.has("k")).toBe(false);
    expect(store.getToken()).toBe("a");
    expect(store.isRemembered()).toBe(true);

    store.setToken("b", false);
    expect(local.map.has("k")).toBe(false);
    expect(session.map.get("k")).toBe("b");
    expect(store.getToken()).toBe("b");
    expect(store.isRemembered()).toBe(false);

    store.clear();
    expect(store.getToken()).toBeNull();
  });
});
