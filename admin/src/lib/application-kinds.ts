/** The console's view of the application kinds: order of the queues, where each kind's pages live, fallbacks for before the metadata loads. */
import { FILING_KINDS, FILING_STATUSES, REGISTRATION_APPLICATION_STATUSES, REGISTRATION_KIND, TAX_REFUND_KIND, TAX_REFUND_STATES } from "@jmt/api-types";

/** The 业务审核 queues, in menu order: 工商注册, then the 跨境申报 kinds in guided order. */
export const APPLICATION_KINDS = [REGISTRATION_KIND, ...FILING_KINDS] as const;

/**
 * Every kind staff handle: the 业务审核 queues plus 出口退税, which has a menu group of its own (queue, return
 * messages, rate table) but the same engine, detail and transitions.
 */
export const STAFF_KINDS = [...APPLICATION_KINDS, TAX_REFUND_KIND] as const;

export const isQueueKind = (value: unknown): value is (typeof APPLICATION_KINDS)[number] =>
  typeof value === "string" && (APPLICATION_KINDS as readonly string[]).includes(value);

export type KindModule = "registration" | "filing" | "tax-refund";

/** States in which an application waits on the platform, per module (fallback for the kinds metadata). */
export const PLATFORM_STATES: Record<KindModule, readonly string[]> = {
  registration: ["initial_review", "onsite_check"],
  filing: ["submitted", "processing"],
  "tax-refund": ["declared", "reviewing", "treasury"],
};

export const moduleOfKind = (kind: string): KindModule => (kind === REGISTRATION_KIND ? "registration" : kind === TAX_REFUND_KIND ? "tax-refund" : "filing");

export const statesOfKind = (kind: string): readonly string[] =>
  kind === REGISTRATION_KIND ? REGISTRATION_APPLICATION_STATUSES : kind === TAX_REFUND_KIND ? TAX_REFUND_STATES : FILING_STATUSES;

/** Successful end states (核准通过 / 已办结 / 到账), for when the kinds metadata (`success`) has not loaded. */
export const SUCCESS_STATES: readonly string[] = ["approved", "completed", "paid"];

/** The console pages of 出口退税 (its own menu group rather than a 业务审核 queue). */
export const TAX_REFUND_PATHS = {
  queue: "/tax-refund/applications",
  detail: (id: string) => `/tax-refund/applications/${encodeURIComponent(id)}`,
  returns: "/tax-refund/returns",
  rates: "/tax-refund/rates",
} as const;

/** Where a kind's queue lives: `/reviews/<kind>`, or 出口退税's own queue. */
export const queuePathOf = (kind: string): string => (kind === TAX_REFUND_KIND ? TAX_REFUND_PATHS.queue : `/reviews/${kind}`);

/** Where an application's detail lives: `/reviews/<kind>/show/<id>`, or 出口退税's own detail (estimate, returns, package). */
export const applicationPath = (application: { kind: string; documentId: string }): string =>
  application.kind === TAX_REFUND_KIND ? TAX_REFUND_PATHS.detail(application.documentId) : `/reviews/${application.kind}/show/${application.documentId}`;
