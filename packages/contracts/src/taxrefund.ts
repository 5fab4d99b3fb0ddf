/**
 * 出口退税 (T1–T4, plugins/taxrefund): `/api/tax-refund/*` — refunds (applications of kind `tax-refund`, moved by the
 * workflow engine at `/api/applications/:id/transitions`) with their estimates, the application package, the day's
 * return messages, and the HS-code refund-rate table with effective dates. Amounts are decimal strings, never floats.
 */
import * as z from 'zod/mini';
import { application } from './applications';
import { dataOf, listOf, listQuery, maybe, timestamp } from './common';
import { checked, idParams } from './fields';
import { crossCheck, decimalText, isIsoDate, judgeDecimal, readDecimal } from './fx';
import { routes } from './route';

/** A required field: on success it always has a value (every path that has none reports a problem). */
const required = <T>(schema: z.ZodMiniType<T | undefined, unknown>) => schema as unknown as z.ZodMiniType<T, unknown>;
/** Taken as sent; a cross-field rule of the object judges it (its rule depends on another field). */
const judgedBelow = <T>(label: string, meta: Record<string, unknown>) => checked<T>(label, false, (input) => input as T, meta);

/** Without spaces and dots ("7116.20.0000" → "7116200000"). */
const hsCodeOf = (input: unknown): string => (typeof input === 'string' ? input.replace(/[\s.]/g, '') : '');

// ── the estimate ──────────────────────────────────────────────────────────────────────────────

export const ENTERPRISE_TYPES = ['trading', 'producer'] as const;
export type EnterpriseType = (typeof ENTERPRISE_TYPES)[number];
const AMOUNT_MESSAGE = {
  purchaseAmount: '请填写大于 0 的进项发票不含税金额（最多 2 位小数）',
  orderAmount: '请填写大于 0 的出口 FOB 金额（人民币，最多 2 位小数）',
} as const;

/**
 * GET /tax-refund/estimate: trading companies (外贸企业, the default) claim purchase amount × rate, producers
 * (生产企业, 免抵退) FOB × rate; only the amount of the caller's kind is read. `date` defaults to today (Beijing).
 * Parses to the amount with two decimals.
 */
export const estimateQuery = z
  .object({
    hsCode: required(
      checked<string>(
        'HS 编码',
        true,
        (input, issue) => {
          const code = hsCodeOf(input);
          return /^\d{4,10}$/.test(code) ? code : (issue('HS 编码应为 4–10 位数字'), undefined);
        },
        { pattern: '^\\d{4,10}$', description: '主要出口商品 HS 编码（4–10 位数字，可带空格或点）' },
      ),
    ),
    enterpriseType: checked<EnterpriseType>(
      '企业类型',
      false,
      (input, issue) => (input === 'trading' || input === 'producer' ? input : (issue('企业类型应为外贸企业或生产企业'), undefined)),
      {
        enum: [...ENTERPRISE_TYPES],
        default: 'trading',
        description: '企业类型：trading 外贸企业（按进项发票计算），producer 生产企业（按 FOB 计算）',
      },
    ),
    purchaseAmount: judgedBelow<string>('进项发票不含税金额', { description: '进项发票不含税金额（元，外贸企业必填，最多 2 位小数）', pattern: '^\\d+(\\.\\d{1,2})?$' }),
    orderAmount: judgedBelow<string>('出口 FOB 金额', { description: '出口 FOB 金额（人民币元，生产企业必填，最多 2 位小数）', pattern: '^\\d+(\\.\\d{1,2})?$' }),
    date: judgedBelow<string>('日期', { format: 'date', description: '按哪一天适用的退税率（YYYY-MM-DD，默认今天）' }),
  })
  .check(
    crossCheck<{ hsCode: string; enterpriseType?: EnterpriseType; purchaseAmount?: string; orderAmount?: string; date?: string }>((v, issue) => {
      const field = v.enterpriseType === 'producer' ? 'orderAmount' : 'purchaseAmount';
      const r = readDecimal(v[field]);
      if (typeof r === 'string' || judgeDecimal(r, 2)) issue(field, AMOUNT_MESSAGE[field]);
      if (v.date !== undefined && v.date !== '' && !isIsoDate(v.date)) issue('date', '日期格式应为 YYYY-MM-DD');
    }),
    z.overwrite((v) => {
      const enterpriseType = v.enterpriseType ?? 'trading';
      const field = enterpriseType === 'producer' ? 'orderAmount' : 'purchaseAmount';
      // The cross-check has already refused an amount that cannot be read: this runs anyway, so it must not throw.
      const reading = readDecimal(v[field]);
      const amount = typeof reading === 'string' ? undefined : decimalText(reading, 2);
      // Only the amount of the caller's kind is read; "" for the date is today.
      return {
        hsCode: v.hsCode,
        enterpriseType,
        purchaseAmount: field === 'purchaseAmount' ? amount : undefined,
        orderAmount: field === 'orderAmount' ? amount : undefined,
        date: v.date || undefined,
      };
    }),
  );
export type EstimateQuery = z.output<typeof estimateQuery>;

// ── the rate table ────────────────────────────────────────────────────────────────────────────

const EFFECTIVE_TO_MESSAGE = '失效日期应不早于生效日期';

/** POST /tax-refund/rates, PUT /tax-refund/rates/:id: one HS-code rate (a prefix matches longer codes) and its period. */
export const rateInput = z
  .object({
    hsCode: required(
      checked<string>(
        'HS 编码',
        true,
        (input, issue) => {
          const code = hsCodeOf(input);
          return /^\d{4,10}$/.test(code) ? code : (issue('HS 编码应为 4–10 位数字（可填前缀，如 7013）'), undefined);
        },
        { pattern: '^\\d{4,10}$', description: 'HS 编码或其前缀（4–10 位数字）' },
      ),
    ),
    description: required(
      checked<string>('商品描述', true, (input, issue) => {
        const text = typeof input === 'string' ? input.trim() : '';
        return text || (issue('请填写商品描述'), undefined);
      }),
    ),
    rate: required(
      checked<string>(
        '退税率',
        true,
        (input, issue) => {
          const r = readDecimal(input);
          const over100 = typeof r !== 'string' && (r.integer.length > 3 || (r.integer.length === 3 && (r.integer > '100' || (r.integer === '100' && r.fraction !== ''))));
          if (typeof r === 'string' || judgeDecimal(r, 2, { allowZero: true }) || over100) {
            issue('退税率应为 0–100 之间的百分数，最多 2 位小数');
            return undefined;
          }
          return decimalText(r);
        },
        { description: '退税率（百分数 0–100，最多 2 位小数，如 13）', pattern: '^\\d{1,3}(\\.\\d{1,2})?$' },
      ),
    ),
    effectiveFrom: required(
      checked<string>('生效日期', true, (input, issue) => (isIsoDate(input) ? input : (issue('请填写生效日期（YYYY-MM-DD）'), undefined)), { format: 'date' }),
    ),
    /** Open-ended when absent, null or "". */
    effectiveTo: checked<string | null>(
      '失效日期',
      false,
      (input, issue) => (input === null || input === '' ? null : isIsoDate(input) ? input : (issue(EFFECTIVE_TO_MESSAGE), undefined)),
      {
        type: ['string', 'null'],
        format: 'date',
        description: '失效日期（含当天；不填为长期有效）',
      },
    ),
    note: checked<string | null>('备注', false, (input) => (typeof input === 'string' && input.trim() ? input.trim() : null), { type: ['string', 'null'] }),
  })
  .check(
    crossCheck<{ effectiveFrom: string; effectiveTo?: string | null }>((v, issue) => {
      if (typeof v.effectiveTo === 'string' && typeof v.effectiveFrom === 'string' && v.effectiveTo < v.effectiveFrom) issue('effectiveTo', EFFECTIVE_TO_MESSAGE);
    }),
  );
export type RateInput = z.output<typeof rateInput>;

// ── answers ───────────────────────────────────────────────────────────────────────────────────

const decimal = z.string().check(z.regex(/^-?\d+(\.\d+)?$/));
/** ¥ with two decimals. */
const amount = z.string().check(z.regex(/^-?\d+\.\d{2}$/));

export const REFUND_STATUSES = ['draft', 'declared', 'reviewing', 'treasury', 'paid', 'returned', 'rejected'] as const;

export const estimate = z.object({
  hsCode: z.string(),
  /** The table's code (or prefix) that matched. */
  matchedCode: z.string(),
  description: z.string(),
  /** Percent: "13" is 13 %. */
  rate: decimal,
  effectiveFrom: z.string(),
  effectiveTo: maybe(z.string()),
  basis: z.enum(['purchase', 'fob']),
  baseAmount: amount,
  estimate: amount,
  formula: z.string(),
});

export const rate = z.object({
  id: z.string(),
  hsCode: z.string(),
  description: z.string(),
  rate: decimal,
  effectiveFrom: z.string(),
  effectiveTo: maybe(z.string()),
  note: maybe(z.string()),
});

/** What a refund application carries (`data`): the form's fields, the uploads by slot, the linked customs batches. */
const refundData = z.looseObject({
  enterpriseType: z.optional(z.enum(ENTERPRISE_TYPES)),
  orderAmount: z.optional(z.string()),
  purchaseAmount: z.optional(z.string()),
  hsCode: z.optional(z.string()),
  exportDate: z.optional(z.string()),
  invoiceNo: z.optional(z.string()),
  note: z.optional(z.string()),
  files: z.optional(z.record(z.string(), z.string())),
  customsBatches: z.optional(z.array(z.string())),
});

/** A refund as the workflow engine presents an application, with its estimate and what has been paid out. */
export const refund = z.looseObject({
  ...application.shape,
  kind: z.literal('tax-refund'),
  status: z.enum(REFUND_STATUSES),
  data: refundData,
  estimate: maybe(estimate),
  refundedAmount: maybe(amount),
});

/** A customs batch a refund links (or can link): how many of its 清单 customs released. */
export const linkedBatch = z.object({ id: z.string(), number: z.string(), name: z.string(), tradeMode: z.string(), releasedInventories: z.number(), createdAt: timestamp });

export const refundDetail = z.extend(refund, {
  timeline: z.array(
    z.looseObject({
      from: maybe(z.string()),
      to: z.string(),
      fromLabel: maybe(z.string()),
      toLabel: z.string(),
      note: maybe(z.string()),
      actorKind: z.string(),
      actorName: maybe(z.string()),
      createdAt: timestamp,
    }),
  ),
  allowedTransitions: z.array(z.object({ to: z.string(), label: z.string(), by: z.string(), noteRequired: z.boolean() })),
  returns: z.array(z.object({ date: z.string(), status: z.string(), statusLabel: z.string(), amount: maybe(amount), message: maybe(z.string()) })),
  batches: z.array(linkedBatch),
  documents: z.array(z.object({ slot: z.string(), label: z.string(), id: z.string(), originalName: maybe(z.string()), mime: z.string(), size: z.number() })),
});

export const returnUpload = z.object({
  id: z.string(),
  date: z.string(),
  fileName: z.string(),
  total: z.number(),
  applied: z.number(),
  uploadedBy: maybe(z.string()),
  createdAt: timestamp,
});
export const returnUploadResult = z.object({
  id: z.string(),
  date: z.string(),
  /** The refunds the file moved (rows whose status did not change are only recorded). */
  applied: z.array(z.object({ row: z.number(), id: z.string(), number: z.string(), from: z.enum(REFUND_STATUSES), to: z.enum(REFUND_STATUSES) })),
  unchanged: z.number(),
});

// ── routes ────────────────────────────────────────────────────────────────────────────────────

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const RATE_EXAMPLE = {
  hsCode: '7116200000',
  description: '宝石或半宝石制品（紫水晶手串、吊坠、摆件等）',
  rate: '13',
  effectiveFrom: '2020-01-01',
  effectiveTo: null,
  note: '以国家税务总局出口退税率文库为准',
};

export const taxRefundRoutes = routes('出口退税', [
  {
    method: 'GET',
    path: '/tax-refund/estimate',
    handler: 'estimate',
    audience: 'user',
    summary: '退税测算：按 HS 编码与日期适用的退税率计算预计退税额',
    query: estimateQuery,
    response: dataOf(estimate),
    errors: ['VALIDATION_FAILED', 'REFUND_RATE_NOT_FOUND'],
    example: { query: { hsCode: '7116200000', enterpriseType: 'trading', purchaseAmount: '72000.00', date: '2026-11-20' } },
  },
  {
    method: 'GET',
    path: '/tax-refund/applications',
    handler: 'listApplications',
    audience: 'user',
    summary: '退税申请列表（每条带预计退税额与已到账金额）',
    description: '商户看本商户的申请；平台人员可按商户、编号或商户名称筛选，`owner=platform` 的队列最早等待的在前。',
    query: listQuery,
    response: listOf(refund),
    list: {
      filters: {
        status: ['$eq', '$in'],
        merchant: ['$eq (商户 documentId，平台)'],
        q: ['$containsi (申请编号或商户名称，平台)'],
        owner: ['$eq (platform | merchant：该谁办理)'],
        stuckDays: ['$gte (平台已等待的天数)'],
      },
      sort: ['updatedAt', 'createdAt', 'waitingSince', 'number'],
    },
    errors: ['FORBIDDEN', 'NO_MERCHANT', 'VALIDATION_FAILED', 'KIND_UNKNOWN'],
    example: { query: { 'filters[status][$eq]': 'declared', 'pagination[page]': '1', 'pagination[pageSize]': '20' } },
  },
  {
    method: 'GET',
    path: '/tax-refund/applications/:id',
    handler: 'findApplication',
    audience: 'user',
    summary: '退税申请详情：时间线、预计退税额、税务回执、关联报关批次、已上传的 PDF',
    params: idParams,
    response: dataOf(refundDetail),
    errors: ['FORBIDDEN', 'NO_MERCHANT', 'NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/tax-refund/applications/:id/package.zip',
    handler: 'package',
    audience: 'staff',
    permission: 'taxrefund.process',
    summary: '下载申请包（报关单、进项发票、销售发票 PDF 与申请汇总表，zip）',
    params: idParams,
    download: { contentType: 'application/zip' },
    errors: ['FORBIDDEN', 'NOT_FOUND'],
  },
  {
    method: 'GET',
    path: '/tax-refund/declarations',
    handler: 'declarations',
    audience: 'merchant',
    summary: '可关联的报关批次（本商户有已放行清单的批次，最近 200 批）',
    response: dataOf(z.array(linkedBatch)),
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/tax-refund/returns/template.xlsx',
    handler: 'returnsTemplate',
    audience: 'staff',
    permission: 'taxrefund.process',
    summary: '下载税务回执上传模板（Excel）',
    download: { contentType: XLSX },
    errors: ['FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/tax-refund/returns',
    handler: 'listReturns',
    audience: 'staff',
    permission: 'taxrefund.process',
    summary: '税务回执上传记录（每天一份）',
    query: listQuery,
    response: listOf(returnUpload),
    list: { filters: { date: ['$eq', '$gte', '$lte'] }, sort: ['date'] },
    errors: ['FORBIDDEN', 'VALIDATION_FAILED'],
  },
  {
    method: 'POST',
    path: '/tax-refund/returns',
    handler: 'uploadReturns',
    audience: 'staff',
    permission: 'taxrefund.process',
    summary: '上传当天的税务回执（逐行校验，任一行有错整份不处理；通过审核流转推进退税申请）',
    upload: { field: 'file', accept: [XLSX], maxBytes: '30 MB（请求上限）' },
    response: dataOf(returnUploadResult),
    errors: ['FILE_REQUIRED', 'FILE_TOO_LARGE', 'RETURN_ALREADY_UPLOADED', 'IMPORT_FILE_REJECTED', 'RETURN_UPLOAD_INVALID', 'TRANSITION_NOT_ALLOWED', 'FORBIDDEN'],
  },
  {
    method: 'GET',
    path: '/tax-refund/rates',
    handler: 'listRates',
    audience: 'user',
    summary: '出口退税率表（HS 编码、退税率、生效期间）',
    query: listQuery,
    response: listOf(rate),
    list: { filters: { q: ['$containsi (HS 编码或商品描述)'], hsCode: ['$eq'] }, sort: ['hsCode', 'effectiveFrom', 'rate'], maxPageSize: 500 },
    errors: ['VALIDATION_FAILED'],
    example: { query: { 'filters[q][$containsi]': '7116' } },
  },
  {
    method: 'POST',
    path: '/tax-refund/rates',
    handler: 'createRate',
    audience: 'staff',
    permission: 'taxrefund.rates',
    summary: '新增退税率（同一编码的生效期间不能重叠）',
    body: rateInput,
    status: 201,
    response: dataOf(rate),
    errors: ['VALIDATION_FAILED', 'REFUND_RATE_OVERLAP', 'FORBIDDEN'],
    example: { body: { ...RATE_EXAMPLE, rate: '9', effectiveFrom: '2027-01-01', description: '宝石或半宝石制品（调整后）' } },
  },
  {
    method: 'PUT',
    path: '/tax-refund/rates/:id',
    handler: 'updateRate',
    audience: 'staff',
    permission: 'taxrefund.rates',
    summary: '修改退税率（如设置失效日期）',
    params: idParams,
    body: rateInput,
    response: dataOf(rate),
    errors: ['VALIDATION_FAILED', 'REFUND_RATE_OVERLAP', 'NOT_FOUND', 'FORBIDDEN'],
    example: { body: { ...RATE_EXAMPLE, effectiveTo: '2026-12-31' } },
  },
  {
    method: 'DELETE',
    path: '/tax-refund/rates/:id',
    handler: 'deleteRate',
    audience: 'staff',
    permission: 'taxrefund.rates',
    summary: '删除退税率',
    params: idParams,
    response: dataOf(z.object({ id: z.string(), deleted: z.literal(true) })),
    errors: ['NOT_FOUND', 'FORBIDDEN'],
  },
]);
