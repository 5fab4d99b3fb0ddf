/** The customs content-type uids; rows are reached through plugin-kit's scoped access only. */
import type { SubjectType } from '../lib/status';

export type { Row } from '@jmt/plugin-kit';
export type { SubjectType };

export const UID = {
  config: 'plugin::customs.ddt-config',
  batch: 'plugin::customs.batch',
  import: 'plugin::customs.order-import',
  order: 'plugin::customs.order',
  inventory: 'plugin::customs.inventory',
  waybill: 'plugin::customs.waybill',
  summary: 'plugin::customs.summary',
  cancellation: 'plugin::customs.cancellation',
  message: 'plugin::customs.ceb-message',
  event: 'plugin::customs.customs-event',
  pollState: 'plugin::customs.poll-state',
  hint: 'plugin::customs.hint',
  merchant: 'api::merchant.merchant',
} as const;

export const SUBJECT_UID: Record<SubjectType, string> = {
  order: UID.order,
  inventory: UID.inventory,
  waybill: UID.waybill,
  summary: UID.summary,
  cancellation: UID.cancellation,
};
