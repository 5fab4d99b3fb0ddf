import { describe, expect, it } from "vitest";
import { canEnterModule, registrationProgress, resolveModules, todoItems } from "../src/lib/modules";
import type { HomeModule, HomePayload, RegistrationStatus } from "../src/providers/types";

const ORDER = ["registration", "logistics", "filing", "customs", "tax-refund", "fx", "training", "trading"];
const ALWAYS = new Set(["registration", "training"]);

/** A payload as the cms builds it (API_CONTRACT.md): enabled once approved, except registration/training. */
function homeFor(status: RegistrationStatus, todo: Partial<Record<string, number>> = {}): HomePayload {
  const approved = status === "approved";
  return {
    merchant: { documentId: "m1", nameCn: "东海县晶华水晶饰品有限公司", registrationStatus: status, memberCount: 2 },
    modules: ORDER.map((key) => ({
      key,
      title: key,
      enabled: approved || ALWAYS.has(key),
      todo: todo[key] ?? 0,
      path: `/${key}`,
    })),
    todos: {
      total: Object.values(todo).reduce<number>((n, v) => n + (v ?? 0), 0),
      customs: { orders: 2, lists: 1, summaries: 0 },
    },
    messages: { unread: 0, latest: [] },
  };
}

describe("G8 module lock rules from GET /api/home", () => {
  it("an approved merchant has all eight modules enabled, in contract order", () => {
    const entries = resolveModules(homeFor("approved"));
    expect(entries.map((e) => e.key)).toEqual(ORDER);
    expect(entries.every((e) => e.enabled)).toBe(true);
  });

  it.each<RegistrationStatus>(["not_started", "filling", "initial_review", "onsite_check", "returned", "rejected"])(
    "while %s only 工商注册 and 培训服务 are open",
    (status) => {
      const enabled = resolveModules(homeFor(status))
        .filter((e) => e.enabled)
        .map((e) => e.key);
      expect(enabled).toEqual(["registration", "training"]);
    },
  );

  it("keeps the contract order whatever order the payload uses", () => {
    const home = homeFor("approved");
    home.modules = [...home.modules].reverse();
    expect(resolveModules(home).map((e) => e.key)).toEqual(ORDER);
  });

  it("the server's enabled flag wins over the local rule", () => {
    const home = homeFor("approved");
    home.modules = home.modules.map((m): HomeModule => (m.key === "fx" ? { ...m, enabled: false } : m));
    expect(canEnterModule(home, "fx")).toBe(false);
    expect(canEnterModule(home, "customs")).toBe(true);
  });

  it("falls back to the registration rule for modules missing from the payload", () => {
    const pending = homeFor("filling");
    pending.modules = [];
    expect(
      resolveModules(pending)
        .filter((e) => e.enabled)
        .map((e) => e.key),
    ).toEqual(["registration", "training"]);
    const approved = homeFor("approved");
    approved.modules = approved.modules.filter((m) => m.key !== "trading");
    expect(canEnterModule(approved, "trading")).toBe(true);
  });

  it("without a payload (still loading) nothing but the always-open modules may be entered", () => {
    expect(
      resolveModules(undefined)
        .filter((e) => e.enabled)
        .map((e) => e.key),
    ).toEqual(["registration", "training"]);
    expect(canEnterModule(undefined, "customs")).toBe(false);
  });

  it("shows to-do badges only on enabled modules, and only positive whole counts", () => {
    const approved = resolveModules(homeFor("approved", { customs: 3, fx: -1, logistics: 2.7 }));
    expect(approved.find((e) => e.key === "customs")?.todo).toBe(3);
    expect(approved.find((e) => e.key === "fx")?.todo).toBe(0);
    expect(approved.find((e) => e.key === "logistics")?.todo).toBe(2);
    const locked = resolveModules(homeFor("filling", { customs: 3, registration: 1 }));
    expect(locked.find((e) => e.key === "customs")?.todo).toBe(0);
    expect(locked.find((e) => e.key === "registration")?.todo).toBe(1);
  });

  it("rejects a non-boolean enabled flag (only true opens a module)", () => {
    const home = homeFor("approved");
    home.modules = home.modules.map((m) =>
      m.key === "customs" ? ({ ...m, enabled: "false" } as unknown as HomeModule) : m,
    );
    expect(canEnterModule(home, "customs")).toBe(false);
  });
});

describe("G8 to-do panel", () => {
  it("splits 出口报关 into 电子订单 / 清单总分单 / 汇总申请单 and lists other modules with work", () => {
    const { customs, others, total } = todoItems(homeFor("approved", { customs: 3, "tax-refund": 1 }));
    expect(customs).toEqual([
      { module: "customs", feature: "orders", count: 2 },
      { module: "customs", feature: "lists", count: 1 },
      { module: "customs", feature: "summaries", count: 0 },
    ]);
    expect(others).toEqual([{ module: "tax-refund", count: 1 }]);
    expect(total).toBe(4);
  });

  it("zeroes the customs split while 出口报关 is locked", () => {
    const { customs } = todoItems(homeFor("initial_review"));
    expect(customs.map((c) => c.count)).toEqual([0, 0, 0]);
  });

  it("computes a total when the payload has none", () => {
    const home = homeFor("approved", { fx: 2 });
    delete (home.todos as Partial<HomePayload["todos"]>).total;
    expect(todoItems(home).total).toBe(2 + 1 + 2);
  });
});

describe("R3 registration progress", () => {
  it("maps each status to a step", () => {
    expect(registrationProgress("not_started")).toEqual({ current: 0, state: "wait" });
    expect(registrationProgress("filling")).toEqual({ current: 0, state: "process" });
    expect(registrationProgress("initial_review")).toEqual({ current: 1, state: "process" });
    expect(registrationProgress("onsite_check")).toEqual({ current: 2, state: "process" });
    expect(registrationProgress("approved")).toEqual({ current: 3, state: "finish" });
    expect(registrationProgress("returned").state).toBe("error");
    expect(registrationProgress(undefined)).toEqual({ current: 0, state: "wait" });
  });
});
