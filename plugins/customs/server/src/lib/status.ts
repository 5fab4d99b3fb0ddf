/**
 * Where a declared record stands, in our words and in the customs returnStatus codes (DOMAIN.md §1).
 * Pure data and rules, shared by every customs service.
 */
import type { MessageKind } from '../ceb';

export type SubjectType = 'order' | 'inventory' | 'waybill' | 'summary' | 'cancellation';

/** Our status of a declared record, from the customs returnStatus. */
export function statusFromReturn(subject: SubjectType, returnStatus: number): string {
  if (returnStatus < 0 || returnStatus === 4 || returnStatus === 100) return 'rejected';
  if (returnStatus <= 3) return 'declaring';
  if (returnStatus === 120) return 'stored';
  if (returnStatus === 300) return 'reviewing';
  if (returnStatus === 399) return subject === 'cancellation' ? 'approved' : 'reviewed';
  if (returnStatus === 500) return 'inspecting';
  if (returnStatus === 800 || returnStatus === 899) return 'released';
  return 'declaring';
}

export const STATUS_LABELS: Record<string, string> = {
  draft: '待申报',
  queued: '待发送',
  declaring: '申报中',
  stored: '海关入库',
  reviewing: '人工审核',
  reviewed: '海关审结',
  inspecting: '查验中',
  released: '已放行',
  rejected: '退单',
  approved: '撤销成功',
  withdrawn: '不再撤销',
  cancelled: '已撤销',
};

/** Final, successful state per record kind. */
export const DONE: Record<SubjectType, string> = { order: 'stored', inventory: 'released', waybill: 'reviewed', summary: 'reviewed', cancellation: 'approved' };
/** Declared and not yet settled by customs. */
export const IN_FLIGHT = ['queued', 'declaring', 'stored', 'reviewing', 'reviewed', 'inspecting'];

export const MESSAGE_OF: Record<SubjectType, MessageKind> = { order: 'CEB303', inventory: 'CEB603', waybill: 'CEB607', summary: 'CEB701', cancellation: 'CEB605' };
export const SUBJECT_LABEL: Record<SubjectType, string> = { order: '电子订单', inventory: '出口清单', waybill: '清单总分单', summary: '汇总申请单', cancellation: '撤销申请单' };

export const TRADE_MODES = ['9610', '9710', '9810', '1210'];

/** The outbox channel CEB documents leave through. */
export const DDT_CHANNEL = 'ddt.ceb';
