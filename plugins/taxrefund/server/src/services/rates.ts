/**
 * The HS-code refund-rate table (T4) and the refund estimate. A code matches the longest rate prefix
 * effective on the date; periods of one code may not overlap, so the match is unambiguous. Estimates are
 * exact decimals: base amount × rate %, rounded half-up to fen.
 */
import type { Core } from '@strapi/strapi';
// Exact decimals, never floats: the platform's one money module.
import * as money from '@jmt/money';
import { isIsoDate } from '@jmt/plugin-fx/dist/currencies';
import { access, listResponse, parseListQuery, system, type ListResponse, type ListSpec, type Row } from '@jmt/plugin-kit';
import { SEEDED_RATES } from '../data/refund-rates';
import { host, type ActorScope } from '../host';

/** GET /api/tax-refund/rates: the whole table fits a page; search by code or description. */
export const RATE_LIST: ListSpec = {
  filters: { q: { ops: ['$containsi'], search: ['hsCode', 'description'] }, hsCode: { ops: ['$eq'] } },
  sort: ['hsCode', 'effectiveFrom', 'rate'],
  defaultSort: [{ hsCode: 'asc' }, { effectiveFrom: 'asc' }],
  defaultPageSize: 100,
  maxPageSize: 500,
};
export const RATE_UID = 'plugin::taxrefund.refund-rate';

const isDate = isIsoDate;
export const beijingToday = (): string => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

export interface RateRow {
  hsCode: string;
  description: string;
  rate: string;
  effectiveFrom: string;
  effectiveTo: string | null;
}

/** The rate for `hsCode` on `date`: longest prefix among the rows effective that day. */
export function matchRate<T extends RateRow>(rows: T[], hsCode: string, date: string): T | null {
  const candidates = rows.filter((r) => hsCode.startsWith(r.hsCode) && r.effectiveFrom <= date && (!r.effectiveTo || date <= r.effectiveTo));
  return candidates.sort((a, b) => b.hsCode.length - a.hsCode.length)[0] ?? null;
}

export interface EstimateInput {
  hsCode: unknown;
  enterpriseType: unknown;
  purchaseAmount?: unknown;
  orderAmount?: unknown;
  date?: unknown;
}

/** Pure: the estimate for one claim given the table, or the field errors / the missing rate. */
export function estimate(
  rows: RateRow[],
  input: EstimateInput,
): { ok: true; value: Row } | { ok: false; code: 'VALIDATION_FAILED' | 'REFUND_RATE_NOT_FOUND'; errors: { field: string; message: string }[] } {
  const errors: { field: string; message: string }[] = [];
  const hsCode = typeof input.hsCode === 'string' ? input.hsCode.replace(/[\s.]/g, '') : '';
  if (!/^\d{4,10}$/.test(hsCode)) errors.push({ field: 'hsCode', message: 'HS 编码应为 4–10 位数字' });
  const type = input.enterpriseType === 'producer' ? 'producer' : input.enterpriseType === 'trading' || input.enterpriseType === undefined ? 'trading' : null;
  if (!type) errors.push({ field: 'enterpriseType', message: '企业类型应为外贸企业或生产企业' });
  const field = type === 'producer' ? 'orderAmount' : 'purchaseAmount';
  const parsed = money.parseDecimal(type === 'producer' ? input.orderAmount : input.purchaseAmount, 2);
  if (!('value' in parsed))
    errors.push({ field, message: type === 'producer' ? '请填写大于 0 的出口 FOB 金额（人民币，最多 2 位小数）' : '请填写大于 0 的进项发票不含税金额（最多 2 位小数）' });
  const date = input.date === undefined || input.date === '' ? beijingToday() : input.date;
  if (!isDate(date)) errors.push({ field: 'date', message: '日期格式应为 YYYY-MM-DD' });
  if (errors.length || !('value' in parsed) || !isDate(date)) return { ok: false, code: 'VALIDATION_FAILED', errors };
  const rate = matchRate(rows, hsCode, date);
  if (!rate) return { ok: false, code: 'REFUND_RATE_NOT_FOUND', errors: [{ field: 'hsCode', message: `未找到 HS 编码 ${hsCode} 在 ${date} 适用的退税率，请联系平台核实` }] };
  const base = money.fixed(parsed.value, 2);
  const amount = money.div(money.mul(base, rate.rate), 100, 2);
  return {
    ok: true,
    value: {
      hsCode,
      matchedCode: rate.hsCode,
      description: rate.description,
      rate: rate.rate,
      effectiveFrom: rate.effectiveFrom,
      effectiveTo: rate.effectiveTo ?? null,
      basis: type === 'producer' ? 'fob' : 'purchase',
      baseAmount: base,
      estimate: amount,
      formula: `${base} × ${rate.rate}% = ${amount}`,
    },
  };
}

export function createRates(strapi: Core.Strapi) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);
  // Reference data every signed-in user reads: the table is read as system work, changed in the caller's scope.
  const table = () => system(strapi).table(RATE_UID);
  const writable = (scope: ActorScope) => access(strapi, scope).table(RATE_UID);
  const present = (r: Row) => ({
    id: r.documentId,
    hsCode: r.hsCode,
    description: r.description,
    rate: r.rate,
    effectiveFrom: r.effectiveFrom,
    effectiveTo: r.effectiveTo ?? null,
    note: r.note ?? null,
  });

  async function all(): Promise<Row[]> {
    return table().findMany({ orderBy: [{ hsCode: 'asc' }, { effectiveFrom: 'asc' }] });
  }

  function validate(input: Row): Row {
    const errors: { field: string; message: string }[] = [];
    const hsCode = typeof input.hsCode === 'string' ? input.hsCode.replace(/[\s.]/g, '') : '';
    if (!/^\d{4,10}$/.test(hsCode)) errors.push({ field: 'hsCode', message: 'HS 编码应为 4–10 位数字（可填前缀，如 7013）' });
    const description = typeof input.description === 'string' ? input.description.trim() : '';
    if (!description) errors.push({ field: 'description', message: '请填写商品描述' });
    const rate = money.parseDecimal(input.rate, 2, { allowZero: true });
    if (!('value' in rate) || money.compare(rate.value, 100) > 0) errors.push({ field: 'rate', message: '退税率应为 0–100 之间的百分数，最多 2 位小数' });
    if (!isDate(input.effectiveFrom)) errors.push({ field: 'effectiveFrom', message: '请填写生效日期（YYYY-MM-DD）' });
    const effectiveTo = input.effectiveTo === undefined || input.effectiveTo === null || input.effectiveTo === '' ? null : input.effectiveTo;
    if (effectiveTo !== null && (!isDate(effectiveTo) || (isDate(input.effectiveFrom) && effectiveTo < input.effectiveFrom)))
      errors.push({ field: 'effectiveTo', message: '失效日期应不早于生效日期' });
    if (errors.length || !('value' in rate)) throw fail('VALIDATION_FAILED', 400, { errors });
    return {
      hsCode,
      description,
      rate: rate.value,
      effectiveFrom: input.effectiveFrom,
      effectiveTo,
      note: typeof input.note === 'string' && input.note.trim() ? input.note.trim() : null,
    };
  }

  async function assertNoOverlap(values: Row, exceptId: number | null): Promise<void> {
    const same = (await table().findMany({ where: { hsCode: values.hsCode } })).filter((r) => r.id !== exceptId);
    const end = (v: string | null) => v ?? '9999-12-31';
    const clash = same.find((r) => r.effectiveFrom <= end(values.effectiveTo) && values.effectiveFrom <= end(r.effectiveTo ?? null));
    if (clash) throw fail('REFUND_RATE_OVERLAP', 409, { with: present(clash) });
  }

  return {
    all,
    async seed(): Promise<void> {
      if (await table().count()) return;
      for (const r of SEEDED_RATES) await table().create({ ...r });
    },
    async list(scope: ActorScope, query: Row): Promise<ListResponse<Row>> {
      const list = parseListQuery(query, RATE_LIST);
      const rates = access(strapi, scope).table(RATE_UID);
      const [rows, total] = await Promise.all([rates.findMany({ where: list.where, orderBy: list.orderBy, offset: list.offset, limit: list.limit }), rates.count(list.where)]);
      return listResponse(rows.map(present), list, total);
    },
    async create(scope: ActorScope, input: Row): Promise<Row> {
      h().assertCan(scope, 'taxrefund.rates');
      const values = validate(input);
      return h().transaction(async () => {
        await assertNoOverlap(values, null);
        const row = await writable(scope).create(values);
        await h().audit({ module: 'tax-refund', action: 'rate.create', targetUid: RATE_UID, targetId: row.documentId, after: values }, scope);
        return present(row);
      });
    },
    async update(scope: ActorScope, documentId: string, input: Row): Promise<Row> {
      h().assertCan(scope, 'taxrefund.rates');
      const values = validate(input);
      return h().transaction(async () => {
        const row = await writable(scope).get({ documentId });
        await assertNoOverlap(values, row.id);
        const updated = await writable(scope).update({ id: row.id }, values);
        await h().audit({ module: 'tax-refund', action: 'rate.update', targetUid: RATE_UID, targetId: documentId, before: present(row), after: values }, scope);
        return present(updated);
      });
    },
    async remove(scope: ActorScope, documentId: string): Promise<void> {
      h().assertCan(scope, 'taxrefund.rates');
      const row = await writable(scope).get({ documentId });
      await writable(scope).delete({ id: row.id });
      await h().audit({ module: 'tax-refund', action: 'rate.delete', targetUid: RATE_UID, targetId: documentId, before: present(row) }, scope);
    },
    /** The estimate for a claim, or null when the data does not allow one yet. */
    /** `table`: the rate rows when the caller already has them (a list estimates every item against one read). */
    async estimateFor(data: Row, table?: Row[]): Promise<Row | null> {
      const result = estimate((table ?? (await all())) as RateRow[], {
        hsCode: data.hsCode,
        enterpriseType: data.enterpriseType,
        purchaseAmount: data.purchaseAmount,
        orderAmount: data.orderAmount,
        date: isDate(data.exportDate) ? data.exportDate : undefined,
      });
      return result.ok ? result.value : null;
    },
    async estimate(scope: ActorScope, input: EstimateInput): Promise<Row> {
      if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
      const result = estimate((await all()) as RateRow[], input);
      if (!result.ok) throw fail(result.code, result.code === 'REFUND_RATE_NOT_FOUND' ? 404 : 400, { errors: result.errors });
      return result.value;
    },
  };
}

export type Rates = ReturnType<typeof createRates>;
