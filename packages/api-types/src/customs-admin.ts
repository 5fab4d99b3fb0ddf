/**
 * 出口报关 (customs, C1–C9) as the admin console — platform staff — reads it, on top of the shapes every front end
 * shares (`./customs`): the tracking board, the staff view of 点点通 interface configs and what a save sends, where
 * hints show, and the outbox channel of CEB deliveries (API_CONTRACT.md → Customs; values mirror
 * `plugins/customs/server/src/services/{flow,config}.ts`). Labels live in the admin's locale files.
 */
import type { BatchListItem, CustomsConfig, FieldError, HintPlacement } from "./customs";
import type { ListMeta } from "./list";

// ── C7 tracking board ──────────────────────────────────────────────────────────────────────────

/**
 * `GET /api/customs/board?filters[q][$containsi]=&filters[merchant][$eq]=&pagination[page]=` (staff, `customs.view`):
 * every merchant's batches, filtered and sorted as `GET /api/customs/batches`; the counts stay beside `data` and `meta`.
 */
export interface CustomsBoard {
  data: BatchListItem[];
  meta: ListMeta;
  /** Outbox jobs of channel `ddt.ceb` that gave up (`GET /api/outbox-jobs?channel=ddt.ceb&status=failed`). */
  failedMessages: number;
  /** CEB messages still `queued` after `CUSTOMS_STUCK_MINUTES` (default 120), every merchant. */
  stuckMessages: number;
}

/** The outbox channel of CEB deliveries to 点点通, and the one of WeChat template pushes. */
export const DDT_OUTBOX_CHANNEL = "ddt.ceb";
export const WECHAT_OUTBOX_CHANNEL = "wechat.template";

// ── C1 点点通 interface config (staff) ────────────────────────────────────────────────────────────

/** Every status a merchant's config can have; `missing` = none saved yet. */
export const DDT_CONFIG_STATUSES = ["valid", "invalid", "unverified", "missing"] as const;

/** The fields staff edit, in form order (`appSecret` is write-only and not among them). */
export const DDT_CONFIG_FIELDS = ["dxpId", "appKey", "ebcCode", "ebcName", "ebpCode", "ebpName", "agentCode", "agentName", "customsCode", "portCode"] as const;
export type DdtConfigField = (typeof DDT_CONFIG_FIELDS)[number];

/**
 * A merchant's config as staff see it (`GET /api/customs/configs[/:merchantDocumentId]`, the answer of `PUT` and
 * `POST …/verify`): unmasked `appKey`, `hasSecret` instead of the secret; `verifyErrors` with `field: ""` when
 * 点点通 could not be reached (status `unverified`).
 */
export interface StaffCustomsConfig extends CustomsConfig {
  merchant: { documentId: string; nameCn: string };
  /** false: nothing saved yet (status `missing`). */
  configured: boolean;
  documentId?: string;
  verifyErrors?: FieldError[];
  /** The merchant's 工商注册 status (list only). */
  registrationStatus?: string | null;
}

/**
 * `PUT /api/customs/configs/:merchantDocumentId` body: a field left out stays as it is, "" or null clears it —
 * `appSecret` too, so a form's "留空则不修改" must leave it out rather than send "".
 */
export type StaffCustomsConfigInput = Partial<Record<DdtConfigField, string | null>> & { appSecret?: string | null };

// ── C9 hints ───────────────────────────────────────────────────────────────────────────────────

/** Where a hint shows in the merchant apps: 新建批次, 订单导入, 汇总申请 (in the order of the flow). */
export const CUSTOMS_HINT_PLACEMENTS: readonly HintPlacement[] = ["batch.create", "orders.import", "batch.summary"];
