/** The fx plugin's content-type uids; its rows are reached through plugin-kit's scoped access only. */
export type { Row } from '@jmt/plugin-kit';

export const UID = {
  rate: 'plugin::fx.rate',
  fetchState: 'plugin::fx.fetch-state',
  alert: 'plugin::fx.alert',
  account: 'plugin::fx.account',
  ledger: 'plugin::fx.ledger-entry',
  settlement: 'plugin::fx.settlement',
  settlementEvent: 'plugin::fx.settlement-event',
  balanceUpload: 'plugin::fx.balance-upload',
  merchant: 'api::merchant.merchant',
  file: 'api::private-file.private-file',
} as const;
