/** 出口报关 (C1–C9, plugins/customs): `/api/customs/*`. */
import * as z from 'zod/mini';
import { anyObject, dataOf, fieldErrors, listOf, listQuery, maybe, timestamp } from './common';
import { checked, documentId, idParams, oneOf, text } from './fields';
import { routes } from './route';

const DECIMAL = /^(0|[1-9]\d*)(\.\d+)?$/;

// ── bodies: the rules the merchant's and the staff's forms follow ──────────────────────────────

export const TRADE_MODES = ['9610', '9710', '9810', '1210'] as const;

export const batchInput = z.object({
  name: text('批次名称', 100, { required: true }),
  tradeMode: oneOf('贸易方式', TRADE_MODES, '贸易方式应为 9610、9710、9810 或 1210'),
  statisticsFlag: oneOf('申报方式', ['A', 'B'] as const, '申报方式应为 A（简化申报）或 B（汇总申报，可退税）'),
  logisticsCode: text('物流企业代码', 18, { required: true, pattern: /^[0-9A-Z]+$/, patternMessage: '物流企业代码应为大写字母和数字' }),
  logisticsName: text('物流企业名称', 100, { required: true }),
  country: text('运抵国', 3, { required: true, pattern: /^\d{3}$/, patternMessage: '运抵国应为3位海关国别代码，如 502（美国）' }),
  trafMode: text('运输方式', 1, { pattern: /^[0-9A-Z]$/, patternMessage: '运输方式应为1位海关代码，如 5（航空运输）' }),
  wrapType: text('包装种类', 2, { pattern: /^[0-9A-Z]{1,2}$/, patternMessage: '包装种类应为1-2位海关代码，如 22（纸箱）' }),
  parcelWeight: checked<string>('每票毛重（千克）', false, (input, issue) => {
    if (input === undefined || input === null || (typeof input === 'string' && input.trim() === '')) return undefined;
    const v = String(input).trim();
    if (v.length > 20) issue('每票毛重不能超过20个字符');
    if (!DECIMAL.test(v) || Number(v) <= 0 || (v.split('.')[1]?.replace(/0+$/, '').length ?? 0) > 3) issue('每票毛重应为大于 0 的数字（千克，最多3位小数）');
    return v;
  }),
  note: text('备注', 500),
});
export type BatchInput = z.output<typeof batchInput>;

export const waybillInput = z.object({
  billNo: text('提运单号（总运单号）', 37, { required: true, pattern: /^[\x21-\x7E]+$/, patternMessage: '只能填写字母、数字或符号，不含空格和中文' }),
  trafName: text('运输工具名称', 100, { required: true }),
  voyageNo: text('航班航次号', 32, { required: true, pattern: /^[\x21-\x7E]+$/, patternMessage: '只能填写字母、数字或符号，不含空格和中文' }),
});
export type WaybillInput = z.output<typeof waybillInput>;

export const cancellationInput = z.object({
  invtNo: text('清单编号', 18, { required: true }),
  reason: text('撤销原因', 500, { required: true }),
  /** Declare at once instead of saving a draft (暂存). */
  declare: z.optional(z.boolean({ error: 'declare 应为 true 或 false' })),
});
export type CancellationInput = z.output<typeof cancellationInput>;

export const hintInput = z.object({ title: text('标题', 100, { required: true }), body: text('提示内容', 2000, { required: true }) });
export type HintInput = z.output<typeof hintInput>;

/** In-place fixes of an import preview: `{ overrides: { "<excel row>": { "<field>": "<text>" } } }`. */
export const importFixInput = z.object({
  overrides: z.record(
    z.string().check(z.regex(/^\d{1,7}$/, { error: '行号应为数字' })),
    z.record(
      z.string().check(z.maxLength(40)),
      z.pipe(z.union([z.string().check(z.maxLength(2000, { error: '单元格内容不能超过2000个字符' })), z.number()], { error: '单元格内容应为文本或数字' }), z.transform(String)),
    ),
    { error: '请提交要修改的单元格' },
  ),
});

const configFields = ['dxpId', 'ebcCode', 'ebcName', 'ebpCode', 'ebpName', 'agentCode', 'agentName', 'customsCode', 'portCode', 'appKey'] as const;
const nullableText = z.optional(z.nullable(z.string({ error: '应为文本' }).check(z.maxLength(256, { error: '不能超过256个字符' }))));
/** Staff save a merchant's 点点通 config: text fields, `appSecret` write-only ("" keeps it, null removes it). */
export const configInput = z.object({
  ...(Object.fromEntries(configFields.map((f) => [f, nullableText])) as Record<(typeof configFields)[number], typeof nullableText>),
  appSecret: z.optional(z.nullable(z.string({ error: '接口密钥应为文本，最长512位' }).check(z.maxLength(512, { error: '接口密钥应为文本，最长512位' })))),
});
export type ConfigInput = z.output<typeof configInput>;

// ── answers ───────────────────────────────────────────────────────────────────────────────────

const declarationFields = {
  id: z.string(),
  documentId: z.string(),
  kind: z.optional(z.enum(['order', 'inventory', 'waybill', 'summary', 'cancellation'])),
  status: z.string(),
  statusLabel: z.string(),
  guid: z.optional(maybe(z.string())),
  copNo: z.optional(maybe(z.string())),
  preNo: z.optional(maybe(z.string())),
  returnStatus: z.optional(maybe(z.number())),
  returnStatusLabel: maybe(z.string()),
  returnInfo: z.optional(maybe(z.string())),
  returnAt: z.optional(maybe(timestamp)),
  declaredAt: z.optional(maybe(timestamp)),
};

export const record = z.looseObject(declarationFields);
const nextAction = z.object({ action: z.enum(['import', 'declare-orders', 'declare-inventories', 'declare-waybill', 'declare-summary']), label: z.string(), hint: z.string() });
const counts = z.record(z.string(), z.number());
export const progress = z.object({
  stage: z.enum(['orders', 'inventories', 'waybill', 'summary', 'done']),
  next: maybe(nextAction),
  orders: z.object({ total: z.number(), byStatus: counts }),
  inventories: z.object({ total: z.number(), byStatus: counts }),
  waybill: maybe(record),
  summary: maybe(record),
  needsSummary: z.boolean(),
});

export const batch = z.object({
  id: z.string(),
  documentId: z.string(),
  number: z.string(),
  name: z.string(),
  tradeMode: z.string(),
  statisticsFlag: z.string(),
  logisticsCode: maybe(z.string()),
  logisticsName: maybe(z.string()),
  country: maybe(z.string()),
  trafMode: maybe(z.string()),
  wrapType: maybe(z.string()),
  parcelWeight: maybe(z.string()),
  status: z.string(),
  note: maybe(z.string()),
  merchant: z.optional(z.object({ documentId: z.string(), nameCn: z.string() })),
  createdAt: timestamp,
  progress: z.optional(progress),
});

const timelineEvent = z.object({
  subjectType: z.string(),
  subjectId: maybe(z.string()),
  ref: maybe(z.string()),
  messageType: maybe(z.string()),
  returnStatus: z.number(),
  returnStatusLabel: z.string(),
  status: z.string(),
  returnInfo: maybe(z.string()),
  at: maybe(timestamp),
});

export const batchDetail = z.extend(batch, {
  progress,
  imports: z.array(
    z.object({
      importId: z.string(),
      status: z.string(),
      fileName: maybe(z.string()),
      total: maybe(z.number()),
      valid: maybe(z.number()),
      errorCount: maybe(z.number()),
      committedCount: maybe(z.number()),
      createdAt: timestamp,
    }),
  ),
  timeline: z.array(timelineEvent),
  canWrite: z.boolean(),
});

const importError = z.looseObject({ row: z.number(), column: z.string(), field: maybe(z.string()), code: z.string(), message: z.string(), value: maybe(z.string()) });
export const importPreview = z.looseObject({
  importId: z.string(),
  status: z.string(),
  fileName: maybe(z.string()),
  total: z.number(),
  valid: z.number(),
  orderCount: z.number(),
  errorCount: z.number(),
  errorsTruncated: z.boolean(),
  errors: z.array(importError),
  warnings: z.array(z.unknown()),
  warningCount: z.number(),
  fatal: z.boolean(),
});
/** Import answers carry their fields beside `data` as well (the first version's screens read them there). */
const importAnswer = z.looseObject({ data: importPreview });

export const recordTimeline = z.looseObject({
  ...declarationFields,
  messages: z.array(z.object({ guid: z.string(), messageType: z.string(), status: z.string(), createdAt: timestamp, acceptedAt: maybe(timestamp), lastError: maybe(z.string()) })),
  timeline: z.array(
    z.object({ guid: maybe(z.string()), returnStatus: z.number(), returnStatusLabel: z.string(), status: z.string(), returnInfo: maybe(z.string()), at: maybe(timestamp) }),
  ),
});

export const config = z.looseObject({
  status: z.enum(['valid', 'invalid', 'unverified', 'missing']),
  configured: z.boolean(),
  merchant: z.object({ documentId: z.string(), nameCn: z.string() }),
  hasSecret: z.optional(z.boolean()),
  verifiedAt: z.optional(maybe(timestamp)),
  verifyErrors: z.optional(fieldErrors),
});

export const todoItem = z.looseObject({ module: z.literal('customs'), key: z.string(), title: z.string(), body: z.string(), link: z.string(), mpPath: z.string() });
export const hint = z.object({ key: z.string(), title: z.string(), body: z.string(), placement: maybe(z.string()), updatedAt: timestamp, editedBy: maybe(z.string()) });

const declared = z.object({ declared: z.number(), progress });
const poller = maybe(
  z.object({ instance: maybe(z.string()), leaseUntil: maybe(timestamp), lastPolledAt: maybe(timestamp), lastOkAt: maybe(timestamp), lastError: maybe(z.string()) }),
);

const STATUS_FILTER = ['$eq', '$in'];
const recordFilters = (search: string) => ({ filters: { status: STATUS_FILTER, q: [`$containsi (${search})`] }, sort: ['orderNo', 'createdAt'], maxPageSize: 200 });

const BATCH_EXAMPLE = {
  name: '11月 TikTok 美国站 第3批',
  tradeMode: '9610',
  statisticsFlag: 'B',
  logisticsCode: '3207980YT1',
  logisticsName: '顺丰国际标快',
  country: '502',
  trafMode: '5',
  wrapType: '22',
  parcelWeight: '0.6',
  note: '水晶球为易碎品',
};
const WRITE_ERRORS = ['MEMBER_READ_ONLY', 'MODULE_LOCKED', 'NO_MERCHANT', 'FORBIDDEN'];
const CONFIG_ERRORS = ['CUSTOMS_CONFIG_MISSING', 'CUSTOMS_CONFIG_INVALID'];
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const merchantParams = z.object({ merchant: documentId('商户编号') });

export const customsRoutes = routes('出口报关', [
  {
    method: 'GET',
    path: '/customs/templates/orders.xlsx',
    handler: 'template',
    audience: 'user',
    summary: '下载电子订单导入模板（Excel，中文表头）',
    download: { contentType: XLSX },
    errors: [],
  },
  {
    method: 'GET',
    path: '/customs/config',
    handler: 'myConfig',
    audience: 'merchant',
    summary: '本商户的点点通接口配置（只读，不含密钥）',
    response: dataOf(config),
    errors: ['NO_MERCHANT'],
  },
  {
    method: 'GET',
    path: '/customs/configs',
    handler: 'listConfigs',
    audience: 'staff',
    permission: 'customs.config',
    summary: '各商户的点点通接口配置',
    response: dataOf(z.array(config)),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/customs/configs/:merchant',
    handler: 'getConfig',
    audience: 'staff',
    permission: 'customs.config',
    summary: '某商户的点点通接口配置',
    params: merchantParams,
    response: dataOf(config),
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'PUT',
    path: '/customs/configs/:merchant',
    handler: 'saveConfig',
    audience: 'staff',
    permission: 'customs.config',
    summary: '保存点点通接口配置并立即向点点通校验（密钥加密保存、只写）',
    params: merchantParams,
    body: configInput,
    response: dataOf(config),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
    example: {
      body: {
        dxpId: 'DXPENT0000458712',
        ebcCode: '3207960A2B',
        ebcName: '东海县晶华水晶饰品有限公司',
        customsCode: '2305',
        portCode: '2305',
        appKey: 'jh-demo-appkey',
        appSecret: '',
      },
    },
  },
  {
    method: 'POST',
    path: '/customs/configs/:merchant/verify',
    handler: 'verifyConfig',
    audience: 'staff',
    permission: 'customs.config',
    summary: '重新向点点通校验接口配置',
    params: merchantParams,
    response: dataOf(config),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'CUSTOMS_CONFIG_MISSING'],
  },
  {
    method: 'GET',
    path: '/customs/batches',
    handler: 'listBatches',
    audience: 'user',
    summary: '出口批次列表（含每批的进度与下一步）',
    query: listQuery,
    response: listOf(batch),
    list: { filters: { q: ['$containsi (批次号或名称)'], merchant: ['$eq (商户 documentId，平台)'], status: ['$eq'] }, sort: ['createdAt', 'number'] },
    errors: ['VALIDATION_FAILED'],
    example: { query: { 'filters[q][$containsi]': 'TikTok', 'pagination[page]': '1', 'pagination[pageSize]': '10' } },
  },
  {
    method: 'POST',
    path: '/customs/batches',
    handler: 'createBatch',
    audience: 'merchant',
    permission: 'data.write',
    summary: '新建出口批次',
    body: batchInput,
    status: 201,
    response: z.object({ data: batch, id: z.string(), status: z.string() }),
    errors: ['VALIDATION_FAILED', ...WRITE_ERRORS, ...CONFIG_ERRORS],
    example: { body: BATCH_EXAMPLE },
  },
  {
    method: 'GET',
    path: '/customs/batches/:id',
    handler: 'findBatch',
    audience: 'user',
    summary: '批次详情：进度、下一步、导入记录、回执时间线',
    params: idParams,
    response: dataOf(batchDetail),
    errors: ['NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/customs/batches/:id/orders',
    handler: 'listOrders',
    audience: 'user',
    summary: '批次的电子订单',
    params: idParams,
    query: listQuery,
    response: listOf(record),
    list: recordFilters('订单编号'),
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  },
  {
    method: 'GET',
    path: '/customs/batches/:id/orders.xlsx',
    handler: 'exportOrders',
    audience: 'user',
    summary: '导出批次电子订单（Excel，公式按文本写出）',
    params: idParams,
    download: { contentType: XLSX },
    errors: ['NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/customs/batches/:id/inventories',
    handler: 'listInventories',
    audience: 'user',
    summary: '批次的出口清单',
    params: idParams,
    query: listQuery,
    response: listOf(record),
    list: recordFilters('订单编号、清单编号、物流运单号'),
    errors: ['NOT_FOUND', 'VALIDATION_FAILED'],
  },
  {
    method: 'POST',
    path: '/customs/batches/:id/orders/import',
    handler: 'importOrders',
    audience: 'merchant',
    permission: 'data.write',
    summary: '上传电子订单 Excel：逐格校验并预览（不写入订单）',
    params: idParams,
    upload: { field: 'file', accept: [XLSX], maxBytes: 'CUSTOMS_IMPORT_MAX_BYTES（默认 30 MB）' },
    response: importAnswer,
    errors: ['IMPORT_FILE_REQUIRED', 'IMPORT_FILE_REJECTED', 'BATCH_CLOSED', 'FILE_TOO_LARGE', 'NOT_FOUND', ...WRITE_ERRORS],
  },
  {
    method: 'POST',
    path: '/customs/batches/:id/orders/declare',
    handler: 'declareOrders',
    audience: 'merchant',
    permission: 'data.write',
    summary: '申报批次的待申报电子订单（CEB303）',
    params: idParams,
    response: dataOf(declared),
    errors: ['NOTHING_TO_DECLARE', 'TRANSITION_NOT_ALLOWED', 'NOT_FOUND', ...WRITE_ERRORS, ...CONFIG_ERRORS],
  },
  {
    method: 'POST',
    path: '/customs/batches/:id/inventories',
    handler: 'declareInventories',
    audience: 'merchant',
    permission: 'data.write',
    summary: '一键申报已入库订单的出口清单（CEB603）',
    params: idParams,
    response: dataOf(declared),
    errors: ['NOTHING_TO_DECLARE', 'NOT_FOUND', ...WRITE_ERRORS, ...CONFIG_ERRORS],
  },
  {
    method: 'POST',
    path: '/customs/batches/:id/waybill',
    handler: 'declareWaybill',
    audience: 'merchant',
    permission: 'data.write',
    summary: '申报清单总分单（CEB607）',
    params: idParams,
    body: waybillInput,
    response: dataOf(recordTimeline),
    errors: ['VALIDATION_FAILED', 'STEP_NOT_READY', 'TRANSITION_NOT_ALLOWED', 'NOT_FOUND', ...WRITE_ERRORS, ...CONFIG_ERRORS],
    example: { body: { billNo: '784-12345675', trafName: 'CA1234', voyageNo: 'CA1234' } },
  },
  {
    method: 'POST',
    path: '/customs/batches/:id/summary',
    handler: 'declareSummary',
    audience: 'merchant',
    permission: 'data.write',
    summary: '提交汇总申请单（CEB701，出口退税需要）',
    params: idParams,
    response: dataOf(recordTimeline),
    errors: ['STEP_NOT_READY', 'NOTHING_TO_DECLARE', 'TRANSITION_NOT_ALLOWED', 'NOT_FOUND', ...WRITE_ERRORS, ...CONFIG_ERRORS],
  },
  {
    method: 'GET',
    path: '/customs/imports/:importId',
    handler: 'getImport',
    audience: 'user',
    summary: '再次查看导入预览',
    params: z.object({ importId: documentId('导入编号') }),
    response: importAnswer,
    errors: ['NOT_FOUND', 'IMPORT_EXPIRED'],
  },
  {
    method: 'POST',
    path: '/customs/imports/:importId/fix',
    handler: 'fixImport',
    audience: 'merchant',
    permission: 'data.write',
    summary: '在预览中直接修改单元格并重新校验',
    params: z.object({ importId: documentId('导入编号') }),
    body: importFixInput,
    response: importAnswer,
    errors: ['VALIDATION_FAILED', 'IMPORT_ALREADY_COMMITTED', 'IMPORT_EXPIRED', 'NOT_FOUND', ...WRITE_ERRORS],
    example: { body: { overrides: { '3': { qty: '2' } } } },
  },
  {
    method: 'POST',
    path: '/customs/imports/:importId/commit',
    handler: 'commitImport',
    audience: 'merchant',
    permission: 'data.write',
    summary: '确认导入：全部写入或全部不写',
    params: z.object({ importId: documentId('导入编号') }),
    response: z.looseObject({ data: z.object({ importId: z.string(), status: z.literal('committed'), orders: z.number(), rows: z.number() }) }),
    errors: ['IMPORT_HAS_ERRORS', 'IMPORT_ALREADY_COMMITTED', 'IMPORT_EXPIRED', 'BATCH_CLOSED', 'NOT_FOUND', ...WRITE_ERRORS],
  },
  {
    method: 'GET',
    path: '/customs/records/:kind/:id',
    handler: 'timeline',
    audience: 'user',
    summary: '一条申报记录（订单、清单、总分单、汇总、撤销）的回执历史',
    params: z.object({ kind: z.enum(['orders', 'inventories', 'waybills', 'summaries', 'cancellations'], { error: '记录类型不正确' }), id: documentId() }),
    response: dataOf(recordTimeline),
    errors: ['NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/customs/cancellations',
    handler: 'listCancellations',
    audience: 'user',
    summary: '撤销申请单列表',
    query: listQuery,
    response: listOf(record, { canWrite: z.boolean() }),
    list: { filters: { invtNo: ['$containsi', '$eq'], status: STATUS_FILTER }, sort: ['createdAt', 'invtNo'] },
    errors: ['VALIDATION_FAILED'],
  },
  {
    method: 'GET',
    path: '/customs/cancellable',
    handler: 'cancellable',
    audience: 'user',
    summary: '可申请撤销的已放行清单（按清单编号查找，最多 50 条）',
    query: z.object({ invtNo: z.optional(z.string().check(z.maxLength(18))) }),
    response: dataOf(z.array(record)),
    errors: [],
  },
  {
    method: 'POST',
    path: '/customs/cancellations',
    handler: 'createCancellation',
    audience: 'merchant',
    permission: 'data.write',
    summary: '新建撤销申请单（暂存，或 declare=true 立即申报）',
    body: cancellationInput,
    status: 201,
    response: dataOf(recordTimeline),
    errors: ['VALIDATION_FAILED', 'NOT_FOUND', 'CANCELLATION_NOT_ALLOWED', ...WRITE_ERRORS, ...CONFIG_ERRORS],
    example: { body: { invtNo: '23052026E000000123', reason: '买家取消订单，货物未出境', declare: false } },
  },
  {
    method: 'POST',
    path: '/customs/cancellations/:id/declare',
    handler: 'declareCancellation',
    audience: 'merchant',
    permission: 'data.write',
    summary: '申报撤销申请单（CEB605）',
    params: idParams,
    response: dataOf(recordTimeline),
    errors: ['TRANSITION_NOT_ALLOWED', 'CANCELLATION_NOT_ALLOWED', 'NOT_FOUND', ...WRITE_ERRORS, ...CONFIG_ERRORS],
  },
  {
    method: 'POST',
    path: '/customs/cancellations/:id/withdraw',
    handler: 'withdrawCancellation',
    audience: 'merchant',
    permission: 'data.write',
    summary: '不再撤销（暂存或退单的撤销申请）',
    params: idParams,
    response: dataOf(recordTimeline),
    errors: ['WITHDRAW_NOT_ALLOWED', 'NOT_FOUND', ...WRITE_ERRORS],
  },
  {
    method: 'GET',
    path: '/customs/todos',
    handler: 'todos',
    audience: 'user',
    summary: '报关待办（首页计数）',
    response: dataOf(z.object({ items: z.array(todoItem), counts: z.object({ orders: z.number(), lists: z.number(), summaries: z.number() }) })),
    errors: [],
  },
  {
    method: 'GET',
    path: '/customs/board',
    handler: 'board',
    audience: 'staff',
    permission: 'customs.view',
    summary: '报关节点看板：各商户批次进度、失败与滞留报文、回执轮询状态',
    query: listQuery,
    response: z.extend(listOf(batch), { failedMessages: z.number(), stuckMessages: z.number(), poller }),
    list: { filters: { q: ['$containsi'], merchant: ['$eq'], status: ['$eq'] }, sort: ['createdAt', 'number'] },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
  },
  {
    method: 'POST',
    path: '/customs/receipts/poll',
    handler: 'pollNow',
    audience: 'staff',
    permission: 'customs.view',
    summary: '立即获取回执',
    response: dataOf(z.object({ polled: z.boolean(), applied: z.number(), instance: maybe(z.string()) })),
    errors: ['FORBIDDEN'],
  },
  { method: 'GET', path: '/customs/hints', handler: 'hints', audience: 'user', summary: '水晶行业申报提示', response: dataOf(z.array(hint)), errors: [] },
  {
    method: 'PUT',
    path: '/customs/hints/:key',
    handler: 'saveHint',
    audience: 'staff',
    permission: 'customs.hints',
    summary: '修改行业提示',
    params: z.object({ key: z.string().check(z.regex(/^[a-z0-9-]{1,60}$/)) }),
    body: hintInput,
    response: dataOf(hint),
    errors: ['FORBIDDEN', 'NOT_FOUND', 'VALIDATION_FAILED'],
  },
]);

export type { anyObject };
