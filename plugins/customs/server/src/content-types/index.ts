/**
 * Customs content types. Low-volume records a merchant sees one by one (batch, config, 总分单, 汇总, 撤销)
 * point at their merchant, so the host's tenancy scopes them. High-volume rows of a batch (e-orders,
 * inventories — up to 200,000 per file — CEB messages and receipts) carry plain integer keys instead, so a
 * commit is a few multi-row INSERTs rather than one document per row; they have no route of their own and
 * are only reached through their batch. Every type declares whom its rows belong to (plugin-kit tenancy), so
 * the kit scopes each read and write — an integer merchant column for the bulk rows, the relation otherwise.
 */
import { tenancy } from '@jmt/plugin-kit';

const hidden = { 'content-manager': { visible: false }, 'content-type-builder': { visible: false } };
const options = { draftAndPublish: false };
const merchant = { type: 'relation', relation: 'manyToOne', target: 'api::merchant.merchant' } as const;

/** Staff read customs records with the board's permission (tax-refund staff read the batches refunds link). */
const VIEW = ['customs.view'];
const owned = (extra: Record<string, unknown> = {}) => tenancy.merchant({ staffRead: VIEW, staffWrite: [], ...extra });
const bulk = (extra: Record<string, unknown> = {}) => owned({ merchantColumn: 'merchantId', ...extra });

function type(
  collectionName: string,
  singularName: string,
  pluralName: string,
  displayName: string,
  owner: Record<string, unknown>,
  attributes: Record<string, unknown>,
  indexes?: unknown[],
) {
  return {
    schema: {
      kind: 'collectionType',
      collectionName,
      info: { singularName, pluralName, displayName },
      options,
      pluginOptions: { ...hidden, ...owner },
      attributes,
      ...(indexes ? { indexes } : {}),
    },
  };
}

/** Per message-bearing record: where it stands at 点点通 / customs. */
const declaration = {
  status: { type: 'string', required: true, maxLength: 20 },
  guid: { type: 'string', maxLength: 36 },
  copNo: { type: 'string', maxLength: 20 },
  preNo: { type: 'string', maxLength: 18 },
  returnStatus: { type: 'integer' },
  returnInfo: { type: 'text' },
  returnAt: { type: 'datetime' },
  declaredAt: { type: 'datetime' },
} as const;

export default {
  'ddt-config': type(
    'customs_ddt_configs',
    'ddt-config',
    'ddt-configs',
    '点点通接口配置 DDT config',
    owned({ staffRead: ['customs.view', 'customs.config'], staffWrite: ['customs.config'] }),
    {
      merchant,
      dxpId: { type: 'string', maxLength: 30 },
      ebcCode: { type: 'string', maxLength: 18 },
      ebcName: { type: 'string', maxLength: 100 },
      ebpCode: { type: 'string', maxLength: 18 },
      ebpName: { type: 'string', maxLength: 100 },
      agentCode: { type: 'string', maxLength: 18 },
      agentName: { type: 'string', maxLength: 100 },
      customsCode: { type: 'string', maxLength: 4 },
      portCode: { type: 'string', maxLength: 4 },
      appKey: { type: 'string', maxLength: 256 },
      /** AES-256-GCM (iv.tag.ciphertext, base64url); never returned. */
      appSecretEncrypted: { type: 'text', private: true },
      status: { type: 'string', required: true, maxLength: 20 },
      verifiedAt: { type: 'datetime' },
      verifyErrors: { type: 'json' },
      editedBy: { type: 'string', maxLength: 100 },
    },
  ),
  batch: type('customs_batches', 'batch', 'batches', '出口批次 Export batch', owned({ staffRead: ['customs.view', 'taxrefund.process'] }), {
    merchant,
    number: { type: 'string', required: true, unique: true, maxLength: 30 },
    name: { type: 'string', required: true, maxLength: 100 },
    tradeMode: { type: 'string', required: true, maxLength: 4 },
    statisticsFlag: { type: 'string', required: true, maxLength: 1 },
    logisticsCode: { type: 'string', maxLength: 18 },
    logisticsName: { type: 'string', maxLength: 100 },
    country: { type: 'string', maxLength: 3 },
    trafMode: { type: 'string', maxLength: 1 },
    wrapType: { type: 'string', maxLength: 2 },
    parcelWeight: { type: 'string', maxLength: 20 },
    status: { type: 'string', required: true, maxLength: 20 },
    note: { type: 'text' },
  }),
  'order-import': type('customs_order_imports', 'order-import', 'order-imports', '订单导入 Order import', owned(), {
    merchant,
    batchId: { type: 'integer', required: true },
    fileKey: { type: 'string', required: true, maxLength: 100, private: true },
    fileName: { type: 'string', maxLength: 255 },
    status: { type: 'string', required: true, maxLength: 20 },
    total: { type: 'integer' },
    valid: { type: 'integer' },
    errorCount: { type: 'integer' },
    overrides: { type: 'json' },
    committedCount: { type: 'integer' },
  }),
  order: type(
    'customs_orders',
    'order',
    'orders',
    '电子订单 E-order',
    bulk(),
    {
      merchantId: { type: 'integer', required: true },
      batchId: { type: 'integer', required: true },
      importId: { type: 'string', maxLength: 40 },
      orderNo: { type: 'string', required: true, maxLength: 60 },
      currency: { type: 'string', maxLength: 3 },
      goodsValue: { type: 'string', maxLength: 24 },
      freight: { type: 'string', maxLength: 24 },
      orderDate: { type: 'string', maxLength: 10 },
      lines: { type: 'json' },
      ...declaration,
    },
    [
      { name: 'customs_orders_batch_status', columns: ['batch_id', 'status'] },
      { name: 'customs_orders_merchant_no', columns: ['merchant_id', 'order_no'] },
      { name: 'customs_orders_guid', columns: ['guid'] },
    ],
  ),
  inventory: type(
    'customs_inventories',
    'inventory',
    'inventories',
    '出口清单 Inventory',
    bulk({ staffRead: ['customs.view', 'taxrefund.process'] }),
    {
      merchantId: { type: 'integer', required: true },
      batchId: { type: 'integer', required: true },
      orderId: { type: 'integer', required: true },
      /** The order while this 清单 is its open one (null once rejected): a unique index, so an order has one. */
      openOrderId: { type: 'integer', unique: true },
      orderNo: { type: 'string', maxLength: 60 },
      logisticsNo: { type: 'string', maxLength: 60 },
      invtNo: { type: 'string', maxLength: 18 },
      totalPackageNo: { type: 'string', maxLength: 60 },
      grossWeight: { type: 'string', maxLength: 24 },
      cancelled: { type: 'boolean', default: false },
      ...declaration,
    },
    [
      { name: 'customs_inventories_batch_status', columns: ['batch_id', 'status'] },
      { name: 'customs_inventories_guid', columns: ['guid'] },
      { name: 'customs_inventories_invt_no', columns: ['invt_no'] },
    ],
  ),
  waybill: type('customs_waybills', 'waybill', 'waybills', '清单总分单 Waybill', owned(), {
    merchant,
    batchId: { type: 'integer', required: true },
    /** The batch while this 总分单 is its open one (null once rejected): one per batch, by a unique index. */
    openBatchId: { type: 'integer', unique: true },
    billNo: { type: 'string', maxLength: 37 },
    trafMode: { type: 'string', maxLength: 1 },
    trafName: { type: 'string', maxLength: 100 },
    voyageNo: { type: 'string', maxLength: 32 },
    grossWeight: { type: 'string', maxLength: 24 },
    packageCount: { type: 'integer' },
    ...declaration,
  }),
  summary: type('customs_summaries', 'summary', 'summaries', '汇总申请单 Summary', owned(), {
    merchant,
    batchId: { type: 'integer', required: true },
    /** The batch while this 汇总申请单 is its open one (null once rejected): one per batch, by a unique index. */
    openBatchId: { type: 'integer', unique: true },
    sumNo: { type: 'string', maxLength: 18 },
    summaryFlag: { type: 'string', maxLength: 1 },
    invtNos: { type: 'json' },
    ...declaration,
  }),
  cancellation: type('customs_cancellations', 'cancellation', 'cancellations', '撤销申请单 Cancellation', owned(), {
    merchant,
    batchId: { type: 'integer' },
    inventoryId: { type: 'integer', required: true },
    /** The 清单 while this cancellation is its open one (null once rejected or withdrawn): one, by a unique index. */
    openInventoryId: { type: 'integer', unique: true },
    invtNo: { type: 'string', required: true, maxLength: 18 },
    ebcCode: { type: 'string', maxLength: 18 },
    copName: { type: 'string', maxLength: 100 },
    reason: { type: 'text' },
    withdrawnAt: { type: 'datetime' },
    ...declaration,
  }),
  'ceb-message': type(
    'customs_ceb_messages',
    'ceb-message',
    'ceb-messages',
    'CEB 报文 CEB message',
    bulk(),
    {
      merchantId: { type: 'integer', required: true },
      batchId: { type: 'integer' },
      guid: { type: 'string', required: true, unique: true, maxLength: 36 },
      messageType: { type: 'string', required: true, maxLength: 6 },
      subjectType: { type: 'string', required: true, maxLength: 20 },
      subjectId: { type: 'integer', required: true },
      dxpId: { type: 'string', maxLength: 30 },
      xml: { type: 'text' },
      status: { type: 'string', required: true, maxLength: 20 },
      acceptedAt: { type: 'datetime' },
      lastError: { type: 'text' },
    },
    [{ name: 'customs_ceb_messages_subject', columns: ['subject_type', 'subject_id'] }],
  ),
  'customs-event': type(
    'customs_events',
    'customs-event',
    'customs-events',
    '报关回执 Customs receipt event',
    bulk(),
    {
      merchantId: { type: 'integer', required: true },
      batchId: { type: 'integer' },
      /** guid:returnStatus — a receipt read twice (poller restart) is recorded once. */
      receiptKey: { type: 'string', required: true, unique: true, maxLength: 60 },
      guid: { type: 'string', maxLength: 36 },
      messageType: { type: 'string', maxLength: 6 },
      subjectType: { type: 'string', maxLength: 20 },
      subjectId: { type: 'integer' },
      returnStatus: { type: 'integer' },
      returnInfo: { type: 'text' },
      returnAt: { type: 'datetime' },
    },
    [{ name: 'customs_events_subject', columns: ['subject_type', 'subject_id'] }],
  ),
  'poll-state': type('customs_poll_states', 'poll-state', 'poll-states', '回执轮询 Receipt poll state', tenancy.system(), {
    name: { type: 'string', required: true, unique: true, maxLength: 60 },
    cursor: { type: 'string', maxLength: 40 },
    lastPolledAt: { type: 'datetime' },
    lastError: { type: 'text' },
  }),
  hint: type('customs_hints', 'hint', 'hints', '水晶行业提示 Hint', tenancy.publicRead({ staffWrite: ['customs.hints'] }), {
    key: { type: 'string', required: true, unique: true, maxLength: 60 },
    title: { type: 'string', required: true, maxLength: 100 },
    body: { type: 'text', required: true },
    placement: { type: 'string', maxLength: 60 },
    sort: { type: 'integer', default: 0 },
    editedBy: { type: 'string', maxLength: 100 },
  }),
};
