import { REGISTRATION_STEPS, registrationProgress } from "@jmt/api-types";
import { MODULES } from "./catalogue";
import type { HomePayload, ModuleKey, RegistrationStatus } from "../providers/types";

/**
 * G8 module entry rules, derived from the GET /api/home payload.
 *
 * - The eight entries always show, in the contract's (catalogue) order, whatever order the payload uses.
 * - The server decides: a module the payload lists is enabled exactly when its `enabled` is true.
 * - A module missing from the payload falls back to the rule the server applies: 工商注册 and 培训服务
 *   are always open, the others only once registrationStatus is "approved".
 * - A locked module shows no to-do badge and cannot be entered.
 */
export interface ModuleEntry {
  key: ModuleKey;
  enabled: boolean;
  /** To-do count to show on the card (0 when locked or nothing to do). */
  todo: number;
}

export function isApproved(status: RegistrationStatus | null | undefined): boolean {
  return status === "approved";
}

function count(value: unknown): number {
  return typeof value === "number" && Number.isFinite(value) && value > 0 ? Math.floor(value) : 0;
}

export function resolveModules(home: Pick<HomePayload, "merchant" | "modules"> | null | undefined): ModuleEntry[] {
  const approved = isApproved(home?.merchant?.registrationStatus);
  return MODULES.map((definition) => {
    const fromServer = home?.modules?.find((m) => m.key === definition.key);
    const enabled = fromServer ? fromServer.enabled === true : definition.alwaysEnabled || approved;
    return { key: definition.key, enabled, todo: enabled ? count(fromServer?.todo) : 0 };
  });
}

export function canEnterModule(
  home: Pick<HomePayload, "merchant" | "modules"> | null | undefined,
  key: ModuleKey,
): boolean {
  return resolveModules(home).find((m) => m.key === key)?.enabled ?? false;
}

export type CustomsTodoKind = "orders" | "lists" | "summaries";

export interface TodoItem {
  module: ModuleKey;
  /** For 出口报关, which of 电子订单 / 清单总分单 / 汇总申请单; the catalogue feature key to land on. */
  feature?: CustomsTodoKind;
  count: number;
}

/** The to-do panel: 出口报关 split into its three kinds (always listed), then other modules with work waiting. */
export function todoItems(home: HomePayload | null | undefined): {
  customs: TodoItem[];
  others: TodoItem[];
  total: number;
} {
  const entries = resolveModules(home);
  const customsOpen = entries.find((e) => e.key === "customs")?.enabled ?? false;
  const split = home?.todos?.customs;
  const kinds: CustomsTodoKind[] = ["orders", "lists", "summaries"];
  const customs = kinds.map((feature) => ({
    module: "customs" as const,
    feature,
    count: customsOpen ? count(split?.[feature]) : 0,
  }));
  const others = entries
    .filter((e) => e.key !== "customs" && e.todo > 0)
    .map((e) => ({ module: e.key, count: e.todo }));
  const computed = customs.reduce((n, i) => n + i.count, 0) + others.reduce((n, i) => n + i.count, 0);
  const total = typeof home?.todos?.total === "number" ? count(home.todos.total) : computed;
  return { customs, others, total };
}

/** Registration progress (R3): 材料填报 → 材料初审 → 现场核验 → 核准通过. */
export { REGISTRATION_STEPS, registrationProgress };
