/**
 * Rate alerts (X1): a merchant asks to hear when a currency goes above or below a threshold. Each alert
 * remembers the side of the threshold the rate stood on at the last evaluation; only a change of side into
 * the alert's direction notifies, so a rate that stays above is announced once per crossing, not per fetch.
 * The side is moved with a conditional UPDATE, so two instances evaluating the same rate notify once.
 */
import type { Core } from '@strapi/strapi';
import { CURRENCY_INFO, isCurrency, pairOf, type Currency } from '../currencies';
import { host, type ActorScope } from '../host';
import { compare, fixed, parseDecimal, RATE_SCALE } from '../money';
import { query, UID, type Row } from './db';

export type Side = 'above' | 'below';
const MAX_ALERTS = 20;
const DIRECTION_LABEL: Record<Side, string> = { above: '高于', below: '低于' };

/** Where `rate` stands against `threshold`; exactly on it keeps the previous side (no crossing yet). */
export function sideOf(rate: string, threshold: string, previous: Side | null): Side | null {
  const c = compare(rate, threshold);
  return c > 0 ? 'above' : c < 0 ? 'below' : previous;
}

export function createAlerts(strapi: Core.Strapi, latestRate: (currency: Currency) => Promise<string | null>) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);

  function merchantReader(scope: ActorScope): number {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('FORBIDDEN', 403);
    h().assertCan(scope, 'data.read');
    return scope.merchantId;
  }

  function merchantWriter(scope: ActorScope): number {
    const merchantId = merchantReader(scope);
    h().assertCan(scope, 'data.write');
    return merchantId;
  }

  function validate(input: Row, partial: boolean, currencyOf?: string): { currency?: Currency; direction?: Side; threshold?: string; active?: boolean } {
    const errors: { field: string; message: string }[] = [];
    const out: { currency?: Currency; direction?: Side; threshold?: string; active?: boolean } = {};
    if (!partial || input.currency !== undefined) {
      if (isCurrency(input.currency)) out.currency = input.currency;
      else errors.push({ field: 'currency', message: '请选择币种（美元、欧元、日元、英镑、港元、澳元）' });
    }
    if (!partial || input.direction !== undefined) {
      if (input.direction === 'above' || input.direction === 'below') out.direction = input.direction;
      else errors.push({ field: 'direction', message: '请选择「高于」或「低于」' });
    }
    if (!partial || input.threshold !== undefined) {
      const scale = isCurrency(input.currency ?? currencyOf) ? CURRENCY_INFO[(input.currency ?? currencyOf) as Currency].scale : RATE_SCALE;
      const parsed = parseDecimal(input.threshold, scale);
      if ('value' in parsed) out.threshold = fixed(parsed.value, scale);
      else errors.push({ field: 'threshold', message: parsed.problem === 'TOO_MANY_DECIMALS' ? `预警汇率最多 ${scale} 位小数` : '请输入大于 0 的预警汇率' });
    }
    if (input.active !== undefined) {
      if (typeof input.active === 'boolean') out.active = input.active;
      else errors.push({ field: 'active', message: '启用状态只能是开或关' });
    }
    if (errors.length) throw fail('VALIDATION_FAILED', 400, { errors });
    return out;
  }

  async function present(row: Row): Promise<Row> {
    return {
      id: row.documentId,
      currency: row.currency,
      direction: row.direction,
      threshold: row.threshold,
      active: Boolean(row.active),
      lastSide: row.lastSide ?? null,
      triggeredAt: row.triggeredAt ?? null,
      currentRate: await latestRate(row.currency as Currency),
    };
  }

  async function own(merchantId: number, documentId: string): Promise<Row> {
    const row = (await query(strapi, UID.alert).findOne({ where: { documentId, merchant: { id: merchantId } } })) as Row | null;
    if (!row) throw fail('NOT_FOUND', 404);
    return row;
  }

  return {
    async list(scope: ActorScope): Promise<Row[]> {
      const merchantId = merchantReader(scope);
      const rows = (await query(strapi, UID.alert).findMany({ where: { merchant: { id: merchantId } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] })) as Row[];
      return Promise.all(rows.map(present));
    },

    async create(scope: ActorScope, input: Row): Promise<Row> {
      const merchantId = merchantWriter(scope);
      const values = validate(input, false);
      const current = await latestRate(values.currency as Currency);
      const created = await h().transaction(async () => {
        const count = await query(strapi, UID.alert).count({ where: { merchant: { id: merchantId } } });
        if (count >= MAX_ALERTS) throw fail('FX_ALERT_LIMIT', 409, { max: MAX_ALERTS });
        const row = (await query(strapi, UID.alert).create({
          data: {
            documentId: h().newDocumentId(),
            merchant: merchantId,
            ...values,
            active: values.active ?? true,
            // Where the rate stands now: the first notice comes with the first crossing after this.
            lastSide: current ? sideOf(current, values.threshold as string, null) : null,
            lastRate: current,
          },
        })) as Row;
        await h().audit({ module: 'fx', action: 'alert.create', targetUid: UID.alert, targetId: row.documentId, after: values }, scope);
        return row;
      });
      return present(created);
    },

    async update(scope: ActorScope, documentId: string, input: Row): Promise<Row> {
      const merchantId = merchantWriter(scope);
      const existing = await own(merchantId, documentId);
      const values = validate({ ...input, currency: undefined }, true, existing.currency);
      const row = existing;
      const threshold = values.threshold ?? row.threshold;
      const current = await latestRate(row.currency as Currency);
      const data: Row = { ...values, currency: row.currency };
      // A new threshold starts afresh from where the rate stands now.
      if (values.threshold !== undefined || values.direction !== undefined) data.lastSide = current ? sideOf(current, threshold, null) : null;
      const updated = (await query(strapi, UID.alert).update({ where: { id: row.id }, data })) as Row;
      await h().audit({ module: 'fx', action: 'alert.update', targetUid: UID.alert, targetId: documentId, before: { direction: row.direction, threshold: row.threshold, active: row.active }, after: values }, scope);
      return present(updated);
    },

    async remove(scope: ActorScope, documentId: string): Promise<void> {
      const merchantId = merchantWriter(scope);
      const row = await own(merchantId, documentId);
      await query(strapi, UID.alert).delete({ where: { id: row.id } });
      await h().audit({ module: 'fx', action: 'alert.delete', targetUid: UID.alert, targetId: documentId, before: { currency: row.currency, direction: row.direction, threshold: row.threshold } }, scope);
    },

    /** Called after a rate is stored: notifies each alert the new rate crossed into its direction. Returns how many. */
    async evaluate(currency: Currency, rate: string, date: string): Promise<number> {
      const alerts = (await query(strapi, UID.alert).findMany({ where: { currency, active: true }, populate: { merchant: { select: ['id'] } } })) as Row[];
      let notified = 0;
      for (const alert of alerts) {
        const previous = (alert.lastSide ?? null) as Side | null;
        const side = sideOf(rate, alert.threshold, previous);
        if (side === previous || !alert.merchant) continue;
        const crossed = previous !== null && side === alert.direction;
        const now = new Date();
        await h().transaction(async () => {
          const { count } = (await query(strapi, UID.alert).updateMany({
            where: { id: alert.id, ...(previous === null ? { lastSide: { $null: true } } : { lastSide: previous }) },
            data: { lastSide: side, lastRate: rate, ...(crossed ? { triggeredAt: now } : {}) },
          })) as { count: number };
          // Another instance moved it first: it sends the notice.
          if (count !== 1 || !crossed) return;
          const name = CURRENCY_INFO[currency].name;
          const label = `${DIRECTION_LABEL[alert.direction as Side]} ${alert.threshold}`;
          await h().notifyMerchant({
            merchantId: alert.merchant.id,
            // The conditional UPDATE above lets exactly one evaluation through per crossing; its time names it.
            eventKey: `fx-alert:${alert.documentId}:${now.getTime()}`,
            category: 'business',
            module: 'fx',
            title: `汇率预警：${name} ${label}`,
            body: `${pairOf(currency)} ${date} 的汇率为 ${rate}，已${label}（您设置的预警）。如需结汇，可在收结汇页面快速提交申请。`,
            link: `/fx?currency=${currency}`,
            mpPath: `packageFx/pages/index/index?currency=${currency}`,
            push: { subject: `汇率预警（${name}）`, status: label, note: `${pairOf(currency)} ${rate}` },
          });
          notified += 1;
        });
      }
      if (notified) h().afterCommit();
      return notified;
    },
  };
}

export type Alerts = ReturnType<typeof createAlerts>;
