/**
 * FX content types. Money columns are BIGINT minor units (cents, fen) so the account's balance check is one
 * conditional UPDATE; rates are fixed-scale decimal strings. Records a merchant reads one by one (alerts,
 * settlements) point at their merchant; the account and its append-only ledger carry the merchant's integer
 * id (one account per merchant, created race-free by a unique key) and are reached only through the
 * caller's scope. Each type declares its tenancy (plugin-kit), so every read is the caller's merchant's.
 */
import { tenancy } from '@jmt/plugin-kit';

const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };
const merchant = () => ({ type: 'relation', relation: 'manyToOne', target: 'api::merchant.merchant' }) as const;
// A fresh object per attribute: Strapi writes the column name into the attribute object it is given.
const money = () => ({ type: 'biginteger', required: true, default: '0' }) as const;

function type(collectionName: string, singularName: string, pluralName: string, displayName: string, owner: Record<string, unknown>, attributes: Record<string, unknown>) {
  return {
    schema: {
      kind: 'collectionType',
      collectionName,
      info: { singularName, pluralName, displayName },
      options: { draftAndPublish: false },
      pluginOptions: { ...hidden, ...owner },
      attributes,
    },
  };
}

export default {
  rate: type('fx_rates', 'rate', 'rates', '汇率 FX rate', tenancy.publicRead({ staffWrite: ['fx.rates'], unique: [['currency', 'date', 'source']] }), {
    currency: { type: 'string', required: true, maxLength: 3 },
    date: { type: 'string', required: true, maxLength: 10 },
    /** CNY per the currency's unit (100 for JPY), 4 decimals. */
    rate: { type: 'string', required: true, maxLength: 20 },
    source: { type: 'string', required: true, maxLength: 10 },
    enteredBy: { type: 'string', maxLength: 100 },
  }),
  'fetch-state': type('fx_fetch_states', 'fetch-state', 'fetch-states', '汇率抓取状态 FX fetch state', tenancy.system(), {
    name: { type: 'string', required: true, unique: true, maxLength: 40 },
    lockedBy: { type: 'string', maxLength: 100 },
    lockedUntil: { type: 'datetime' },
    lastFetchAt: { type: 'datetime' },
    lastOk: { type: 'boolean' },
    lastDate: { type: 'string', maxLength: 10 },
    lastErrorCode: { type: 'string', maxLength: 40 },
    lastError: { type: 'text' },
  }),
  alert: type('fx_alerts', 'alert', 'alerts', '汇率预警 Rate alert', tenancy.merchant({ staffRead: ['fx.view'], staffWrite: [] }), {
    merchant: merchant(),
    currency: { type: 'string', required: true, maxLength: 3 },
    direction: { type: 'string', required: true, maxLength: 5 },
    threshold: { type: 'string', required: true, maxLength: 20 },
    active: { type: 'boolean', default: true },
    /** Where the rate stood at the last evaluation: a crossing is a change of side. */
    lastSide: { type: 'string', maxLength: 5 },
    lastRate: { type: 'string', maxLength: 20 },
    triggeredAt: { type: 'datetime' },
  }),
  account: type(
    'fx_accounts',
    'account',
    'accounts',
    '外汇子账户 FX sub-account',
    tenancy.merchant({ merchantColumn: 'merchantId', staffRead: ['fx.view'], staffWrite: ['fx.settle', 'fx.balances'] }),
    {
      merchantId: { type: 'integer', required: true, unique: true },
      currency: { type: 'string', required: true, default: 'USD', maxLength: 3 },
      balanceMinor: money(),
      frozenMinor: money(),
      /** When the balance last changed (upload or settlement): "余额更新时间". */
      balanceAt: { type: 'datetime' },
    },
  ),
  'ledger-entry': type(
    'fx_ledger_entries',
    'ledger-entry',
    'ledger-entries',
    '收结汇明细 Ledger entry',
    tenancy.merchant({ merchantColumn: 'merchantId', staffRead: ['fx.view'], staffWrite: ['fx.settle', 'fx.balances'] }),
    {
      merchantId: { type: 'integer', required: true },
      type: { type: 'string', required: true, maxLength: 20 },
      balanceDeltaMinor: money(),
      frozenDeltaMinor: money(),
      balanceAfterMinor: money(),
      frozenAfterMinor: money(),
      note: { type: 'text' },
      settlementId: { type: 'integer' },
      uploadId: { type: 'integer' },
      actorName: { type: 'string', maxLength: 100 },
    },
  ),
  settlement: type('fx_settlements', 'settlement', 'settlements', '结汇申请 Settlement', tenancy.merchant({ staffRead: ['fx.view'], staffWrite: ['fx.settle'] }), {
    merchant: merchant(),
    number: { type: 'string', required: true, unique: true, maxLength: 30 },
    status: { type: 'string', required: true, maxLength: 20 },
    amountMinor: money(),
    date: { type: 'string', required: true, maxLength: 10 },
    rate: { type: 'string', required: true, maxLength: 20 },
    note: { type: 'text' },
    /** The three private-file documentIds, in slot order. */
    evidence: { type: 'json' },
    /** The read-only 我的 fields as they were when the request was made. */
    profile: { type: 'json' },
    actualRate: { type: 'string', maxLength: 20 },
    cnyMinor: { type: 'biginteger' },
    remainingMinor: { type: 'biginteger' },
    rejectReason: { type: 'text' },
    completedAt: { type: 'datetime' },
  }),
  'settlement-event': type(
    'fx_settlement_events',
    'settlement-event',
    'settlement-events',
    '结汇时间线 Settlement event',
    tenancy.merchant({ merchantColumn: 'merchantId', staffRead: ['fx.view'], staffWrite: ['fx.settle'] }),
    {
      merchantId: { type: 'integer', required: true },
      settlementId: { type: 'integer', required: true },
      status: { type: 'string', required: true, maxLength: 20 },
      note: { type: 'text' },
      actorName: { type: 'string', maxLength: 100 },
      actorKind: { type: 'string', maxLength: 20 },
    },
  ),
  'balance-upload': type(
    'fx_balance_uploads',
    'balance-upload',
    'balance-uploads',
    '余额上传 Balance upload',
    tenancy.platform({ staffRead: ['fx.view'], staffWrite: ['fx.balances'] }),
    {
      fileName: { type: 'string', maxLength: 255 },
      total: { type: 'integer' },
      changed: { type: 'integer' },
      unchanged: { type: 'integer' },
      uploadedBy: { type: 'string', maxLength: 100 },
      rows: { type: 'json' },
    },
  ),
};
