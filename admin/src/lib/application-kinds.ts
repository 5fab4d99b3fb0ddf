/** The console's view of the application kinds: order of the queues and fallbacks for before the metadata loads. */
import {
  FILING_KINDS,
  FILING_STATUSES,
  REGISTRATION_APPLICATION_STATUSES,
  REGISTRATION_KIND,
  type ApplicationStatus,
} from "@jmt/api-types";

/** The review queues, in menu order: 工商注册, then the 跨境申报 kinds in guided order. */
export const APPLICATION_KINDS = [REGISTRATION_KIND, ...FILING_KINDS] as const;

export const isQueueKind = (value: unknown): value is (typeof APPLICATION_KINDS)[number] =>
  typeof value === "string" && (APPLICATION_KINDS as readonly string[]).includes(value);

/** States in which an application waits on the platform, per module (fallback for the kinds metadata). */
export const PLATFORM_STATES: Record<"registration" | "filing", readonly ApplicationStatus[]> = {
  registration: ["initial_review", "onsite_check"],
  filing: ["submitted", "processing"],
};

export const moduleOfKind = (kind: string): "registration" | "filing" => (kind === REGISTRATION_KIND ? "registration" : "filing");

export const statesOfKind = (kind: string): readonly ApplicationStatus[] =>
  kind === REGISTRATION_KIND ? REGISTRATION_APPLICATION_STATUSES : FILING_STATUSES;

/** Successful end states (核准通过 / 已办结): staff may still correct the data. */
export const SUCCESS_STATES: readonly string[] = ["approved", "completed"];
