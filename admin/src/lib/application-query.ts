/**
 * Pure helpers for the review console (API_CONTRACT.md → Applications): list query strings, Refine filters ↔
 * plain parameters, who an application waits on, waiting time, queue counts. Unit-tested (test/application-query.test.ts).
 */
import type { KindInfo, StaffTodo } from "@jmt/api-types";
import type { CrudFilter } from "@refinedev/core";
import { moduleOfKind, PLATFORM_STATES, statesOfKind } from "./application-kinds";
import { buildListQuery, clean, contains, eq, oneOrMany } from "@jmt/strapi-provider";

/** Pseudo status of the filter: every state in which the platform must act (the default of a queue). */
export const PLATFORM_PENDING = "platform";
/** Pseudo status of the filter: no status filter. */
export const ALL_STATUSES = "all";

export interface ApplicationListParams {
  kind?: string;
  /** A state key (`$eq`), or several (`$in`). */
  status?: string | string[];
  /** merchant documentId */
  merchant?: string;
  /** merchant name / application number search */
  q?: string;
  /** `platform`: only what waits on the platform, longest wait first (the cms orders by `waitingSince`). */
  owner?: "platform" | "merchant";
  stuckDays?: number;
  page?: number;
  pageSize?: number;
}

/**
 * `{kind, status: ["a","b"], q}` →
 * `filters[kind][$eq]=…&filters[status][$in][0]=a&filters[status][$in][1]=b&filters[q][$containsi]=…&pagination[page]=1&pagination[pageSize]=20`
 * (Strapi's list format; empty values left out).
 */
export const buildApplicationQuery = (params: ApplicationListParams): string => {
  const days = params.stuckDays;
  return buildListQuery({
    filters: {
      kind: eq(params.kind),
      status: oneOrMany(params.status),
      merchant: eq(params.merchant),
      q: contains(params.q),
      owner: eq(params.owner),
      stuckDays: days !== undefined && Number.isFinite(days) && days > 0 ? { $gte: Math.floor(days) } : undefined,
    },
    page: params.page,
    pageSize: params.pageSize,
  });
};

/** The states in which an application of `kind` waits on the platform (from the kinds metadata when loaded). */
export const platformStatesOf = (kind: string | undefined, kinds?: KindInfo[]): string[] => {
  if (!kind) return [...new Set(Object.values(PLATFORM_STATES).flat())];
  const meta = kinds?.find((entry) => entry.kind === kind);
  if (meta?.states?.length) return meta.states.filter((state) => state.owner === "platform").map((state) => String(state.key));
  return [...PLATFORM_STATES[moduleOfKind(kind)]];
};

/** Every state of a kind, in workflow order (metadata first, fallback to the shared lists). */
export const statesOf = (kind: string | undefined, kinds?: KindInfo[]): Array<{ key: string; label?: string; owner?: string }> => {
  const meta = kind ? kinds?.find((entry) => entry.kind === kind) : undefined;
  if (meta?.states?.length) return meta.states.map((state) => ({ key: String(state.key), label: state.label, owner: state.owner }));
  if (kind) return statesOfKind(kind).map((key) => ({ key }));
  return [];
};

/** The queue's status filter value → what the API receives. */
export const resolveStatusFilter = (value: string | undefined, kind: string | undefined, kinds?: KindInfo[]): string | string[] | undefined => {
  if (!value || value === ALL_STATUSES) return undefined;
  if (value === PLATFORM_PENDING) return platformStatesOf(kind, kinds);
  return value;
};

/** Refine filters (`useTable`, URL-synced) → plain list parameters. */
export const filtersToApplicationParams = (filters: CrudFilter[] | undefined): Omit<ApplicationListParams, "page" | "pageSize"> => {
  const params: Omit<ApplicationListParams, "page" | "pageSize"> = {};
  for (const filter of filters ?? []) {
    if (!("field" in filter)) continue;
    const value = filter.value as unknown;
    switch (filter.field) {
      case "kind":
        params.kind = clean(value);
        break;
      case "status":
        params.status = Array.isArray(value) ? value.map(String) : clean(value);
        break;
      case "merchant":
        params.merchant = clean(value);
        break;
      case "q":
        params.q = clean(value);
        break;
      case "stuckDays": {
        const days = Number(value);
        if (Number.isFinite(days) && days > 0) params.stuckDays = days;
        break;
      }
      default:
        break;
    }
  }
  return params;
};

/** Milliseconds since the application last moved (or was submitted / created). */
export interface WaitingFields {
  /** Set by the cms while the application waits on the platform. */
  waitingSince?: string | null;
  lastTransitionAt?: string | null;
  submittedAt?: string | null;
  createdAt?: string | null;
}

/** When the current wait started: `waitingSince`, else the last move (or submission / creation). */
export const waitingStart = (application: WaitingFields): string | undefined =>
  application.waitingSince ?? application.lastTransitionAt ?? application.submittedAt ?? application.createdAt ?? undefined;

/** Milliseconds the application has been waiting (see waitingStart). */
export const waitingMs = (application: WaitingFields, now: number = Date.now()): number | undefined => {
  const since = waitingStart(application);
  if (!since) return undefined;
  const at = Date.parse(since);
  return Number.isNaN(at) ? undefined : Math.max(0, now - at);
};

/** A waiting time as `{ days, hours, minutes }` for "3 天 4 小时" style labels. */
export const splitDuration = (ms: number): { days: number; hours: number; minutes: number } => {
  const minutes = Math.floor(ms / 60_000);
  return { days: Math.floor(minutes / 1440), hours: Math.floor((minutes % 1440) / 60), minutes: minutes % 60 };
};

/** How urgent a wait is: < 1 day normal, 1–3 days warning, ≥ 3 days overdue. */
export const waitingTone = (ms: number | undefined): "normal" | "warning" | "overdue" => {
  if (ms === undefined) return "normal";
  const days = ms / 86_400_000;
  if (days >= 3) return "overdue";
  if (days >= 1) return "warning";
  return "normal";
};

/** Staff todos → count per kind (every row of the response is a queue of one kind and state). */
export const countsByKind = (todos: StaffTodo[] | undefined): Record<string, number> => {
  const counts: Record<string, number> = {};
  for (const todo of todos ?? []) {
    if (!todo?.kind) continue;
    counts[todo.kind] = (counts[todo.kind] ?? 0) + (Number(todo.count) || 0);
  }
  return counts;
};

/** Staff todos → count per kind and state. */
export const countsByKindAndStatus = (todos: StaffTodo[] | undefined): Record<string, Record<string, number>> => {
  const counts: Record<string, Record<string, number>> = {};
  for (const todo of todos ?? []) {
    if (!todo?.kind) continue;
    const byStatus = (counts[todo.kind] ??= {});
    byStatus[todo.status] = (byStatus[todo.status] ?? 0) + (Number(todo.count) || 0);
  }
  return counts;
};

/** Label of a state: kinds metadata, then the application's own label, then the shared fallback. */
export const stateLabel = (
  state: string | null | undefined,
  kind: string | undefined,
  kinds: KindInfo[] | undefined,
  fallback: (state: string) => string,
): string => {
  if (!state) return "—";
  const meta = kind ? kinds?.find((entry) => entry.kind === kind) : undefined;
  const fromMeta = meta?.states?.find((entry) => entry.key === state)?.label;
  return fromMeta || fallback(state);
};
