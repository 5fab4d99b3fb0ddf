/**
 * Rate alerts (X1): a merchant asks to hear when a currency goes above or below a threshold. Each alert
 * remembers the side of the threshold the rate stood on at the last evaluation; only a change of side into
 * the alert's direction notifies, so a rate that stays above is announced once per crossing, not per fetch.
 * The side is moved with a conditional UPDATE, so two instances evaluating the same rate notify once.
 */
import type { Core } from '@strapi/strapi';
import { fx } from '@jmt/contracts';
import { CURRENCY_INFO, pairOf, type Currency } from '../currencies';
import { host, type ActorScope } from '../host';
import { compare } from '../money';
import { access, system, type DataAccess } from '@jmt/plugin-kit';
import { UID, type Row } from './db';

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

  /** Alerts are a merchant's own: staff have no alerts. Tenancy (which merchant's) is the kit's. */
  function merchantAccess(scope: ActorScope, write = false): DataAccess {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('FORBIDDEN', 403);
    h().assertCan(scope, write ? 'data.write' : 'data.read');
    return access(strapi, scope);
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

  return {
    async list(scope: ActorScope): Promise<Row[]> {
      const rows = await merchantAccess(scope)
        .table(UID.alert)
        .findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
      return Promise.all(rows.map(present));
    },

    /** A merchant admin (the controller asks before judging the form). */
    assertWriter(scope: ActorScope): void {
      merchantAccess(scope, true);
    },

    /** `input` is parsed by the route's contract (fx.alertInput): the threshold has its currency's decimals. */
    async create(scope: ActorScope, input: fx.AlertInput): Promise<Row> {
      const alerts = merchantAccess(scope, true).table(UID.alert);
      const values = { currency: input.currency, direction: input.direction, threshold: input.threshold, ...(input.active !== undefined ? { active: input.active } : {}) };
      const current = await latestRate(values.currency);
      const created = await h().transaction(async () => {
        if ((await alerts.count()) >= MAX_ALERTS) throw fail('FX_ALERT_LIMIT', 409, { max: MAX_ALERTS });
        const row = await alerts.create({
          ...values,
          active: values.active ?? true,
          // Where the rate stands now: the first notice comes with the first crossing after this.
          lastSide: current ? sideOf(current, values.threshold, null) : null,
          lastRate: current,
        });
        await h().audit({ module: 'fx', action: 'alert.create', targetUid: UID.alert, targetId: row.documentId, after: values }, scope);
        return row;
      });
      return present(created);
    },

    /**
     * `input` is parsed by the route's contract (fx.alertUpdateInput); a new threshold is judged here against the
     * alert's own currency (its decimals), which only the stored alert knows.
     */
    async update(scope: ActorScope, documentId: string, input: fx.AlertUpdateInput): Promise<Row> {
      const alerts = merchantAccess(scope, true).table(UID.alert);
      const row = await alerts.get({ documentId });
      const values: { direction?: Side; threshold?: string; active?: boolean } = {};
      if (input.direction !== undefined) values.direction = input.direction;
      if (input.threshold !== undefined) {
        const judged = fx.judgeThreshold(input.threshold, row.currency);
        if ('message' in judged) throw fail('VALIDATION_FAILED', 400, { errors: [{ field: 'threshold', message: judged.message }] });
        values.threshold = judged.value;
      }
      if (input.active !== undefined) values.active = input.active;
      const threshold = values.threshold ?? row.threshold;
      const current = await latestRate(row.currency as Currency);
      const data: Row = { ...values, currency: row.currency };
      // A new threshold starts afresh from where the rate stands now.
      if (values.threshold !== undefined || values.direction !== undefined) data.lastSide = current ? sideOf(current, threshold, null) : null;
      const updated = await alerts.update({ id: row.id }, data);
      await h().audit(
        {
          module: 'fx',
          action: 'alert.update',
          targetUid: UID.alert,
          targetId: documentId,
          before: { direction: row.direction, threshold: row.threshold, active: row.active },
          after: values,
        },
        scope,
      );
      return present(updated);
    },

    async remove(scope: ActorScope, documentId: string): Promise<void> {
      const alerts = merchantAccess(scope, true).table(UID.alert);
      const row = await alerts.get({ documentId });
      await alerts.delete({ id: row.id });
      await h().audit(
        {
          module: 'fx',
          action: 'alert.delete',
          targetUid: UID.alert,
          targetId: documentId,
          before: { currency: row.currency, direction: row.direction, threshold: row.threshold },
        },
        scope,
      );
    },

    /** Called after a rate is stored: notifies each alert the new rate crossed into its direction. Returns how many. */
    async evaluate(currency: Currency, rate: string, date: string): Promise<number> {
      // System work after a fetch: every merchant's active alerts on this currency.
      const table = system(strapi).table(UID.alert);
      const alerts = await table.findMany({ where: { currency, active: true }, populate: { merchant: { select: ['id'] } } });
      let notified = 0;
      for (const alert of alerts) {
        const previous = (alert.lastSide ?? null) as Side | null;
        const side = sideOf(rate, alert.threshold, previous);
        if (side === previous || !alert.merchant) continue;
        const crossed = previous !== null && side === alert.direction;
        const now = new Date();
        await h().transaction(async () => {
          const count = await table.updateMany(
            { id: alert.id, ...(previous === null ? { lastSide: { $null: true } } : { lastSide: previous }) },
            { lastSide: side, lastRate: rate, ...(crossed ? { triggeredAt: now } : {}) },
          );
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
