/**
 * The rate board (X1). Rates are stored per currency, date and source; for one date the best source wins
 * (manual > cfets > ecb > bundled). A bundled history is loaded on first start so the board works offline;
 * provider feeds are fetched by node-cron under a lease (one instance fetches), and a feed that is
 * unreachable, malformed or stale stores nothing — the last good rates stay, flagged stale.
 */
import os from 'node:os';
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import cron, { type ScheduledTask } from 'node-cron';
import bundled from '../data/bundled-rates.json';
import { addDays, beijingDate, CURRENCIES, CURRENCY_INFO, daysBetween, isCurrency, isIsoDate, pairOf, SOURCE_LABEL, SOURCE_PRIORITY, type Currency, type RateSource } from '../currencies';
import { host, type ActorScope } from '../host';
import { dec, fixed, parseDecimal, RATE_SCALE } from '../money';
import { checkFresh, fetchFeed, FeedError, providersFromEnv, type FeedRates, type Provider, type ProviderName } from '../providers';
import type { Alerts } from './alerts';
import { insertRows, query, UID, type Row } from './db';

const LEASE = 'lease';
const instance = `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
const staleDays = () => Number(process.env.FX_STALE_DAYS ?? 4);

export interface FetchResult {
  provider: ProviderName;
  ok: boolean;
  date: string | null;
  count: number;
  error: { code: string; message: string } | null;
}

interface BestRate {
  date: string;
  rate: string;
  source: RateSource;
}

/** One point per date: the best source's rate. `rows` may come in any order. */
function bestPerDate(rows: Row[]): BestRate[] {
  const byDate = new Map<string, BestRate>();
  for (const r of rows) {
    const current = byDate.get(r.date);
    const source = r.source as RateSource;
    if (!current || SOURCE_PRIORITY.indexOf(source) < SOURCE_PRIORITY.indexOf(current.source)) byDate.set(r.date, { date: r.date, rate: r.rate, source });
  }
  return [...byDate.values()].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

export function createRates(strapi: Core.Strapi, getAlerts: () => Alerts, providers: () => Provider[] = providersFromEnv) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);
  let task: ScheduledTask | null = null;
  let running: Promise<{ busy: boolean; results: FetchResult[] }> | null = null;

  async function recent(currency: Currency, limit: number): Promise<BestRate[]> {
    const rows = (await query(strapi, UID.rate).findMany({ where: { currency }, orderBy: [{ date: 'desc' }], limit: limit * SOURCE_PRIORITY.length, select: ['date', 'rate', 'source'] })) as Row[];
    return bestPerDate(rows).slice(-limit);
  }

  async function latestOf(currency: Currency): Promise<BestRate | null> {
    return (await recent(currency, 1))[0] ?? null;
  }

  async function fetchStates(): Promise<Row[]> {
    return (await query(strapi, UID.fetchState).findMany({ where: { name: { $in: ['cfets', 'ecb'] } } })) as Row[];
  }

  /** Upserts one source's rates for one date; returns the currencies whose stored value changed. */
  async function store(date: string, source: RateSource, rates: Partial<Record<Currency, string>>, enteredBy: string | null): Promise<Currency[]> {
    const changed: Currency[] = [];
    await h().transaction(async () => {
      const existing = (await query(strapi, UID.rate).findMany({ where: { date, source, currency: { $in: Object.keys(rates) } } })) as Row[];
      for (const [currency, rate] of Object.entries(rates) as [Currency, string][]) {
        const found = existing.find((r) => r.currency === currency);
        if (found && found.rate === rate) continue;
        if (found) await query(strapi, UID.rate).update({ where: { id: found.id }, data: { rate, enteredBy } });
        else await insertRows(strapi, UID.rate, [{ currency, date, source, rate, enteredBy }]);
        changed.push(currency);
      }
    });
    return changed;
  }

  /** After new rates: alerts see each changed currency's effective latest rate. */
  async function evaluateAlerts(currencies: Currency[]): Promise<void> {
    for (const currency of currencies) {
      const latest = await latestOf(currency);
      if (latest) await getAlerts().evaluate(currency, latest.rate, latest.date);
    }
  }

  async function recordFetch(name: ProviderName, outcome: { ok: boolean; date?: string | null; error?: FeedError | null }): Promise<void> {
    await ensureState(name);
    await query(strapi, UID.fetchState).updateMany({
      where: { name },
      data: {
        lastFetchAt: new Date(),
        lastOk: outcome.ok,
        ...(outcome.date ? { lastDate: outcome.date } : {}),
        lastErrorCode: outcome.error?.code ?? null,
        lastError: outcome.error?.message ?? null,
      },
    });
  }

  async function ensureState(name: string): Promise<void> {
    if (await query(strapi, UID.fetchState).findOne({ where: { name }, select: ['id'] })) return;
    try {
      await query(strapi, UID.fetchState).create({ data: { documentId: h().newDocumentId(), name } });
    } catch {
      // another instance created it first (unique name)
    }
  }

  async function acquire(): Promise<boolean> {
    await ensureState(LEASE);
    const now = new Date();
    const { count } = (await query(strapi, UID.fetchState).updateMany({
      where: { name: LEASE, $or: [{ lockedBy: null }, { lockedBy: instance }, { lockedUntil: { $lt: now } }] },
      data: { lockedBy: instance, lockedUntil: new Date(now.getTime() + Number(process.env.FX_FETCH_LEASE_MS ?? 120_000)) },
    })) as { count: number };
    return count === 1;
  }

  async function release(): Promise<void> {
    await query(strapi, UID.fetchState).updateMany({ where: { name: LEASE, lockedBy: instance }, data: { lockedBy: null, lockedUntil: null } });
  }

  async function latestStoredDate(source: RateSource): Promise<string | null> {
    const row = (await query(strapi, UID.rate).findOne({ where: { source }, orderBy: [{ date: 'desc' }], select: ['date'] })) as Row | null;
    return row?.date ?? null;
  }

  async function fetchOne(provider: Provider): Promise<{ result: FetchResult; changed: Currency[] }> {
    let feed: FeedRates;
    try {
      feed = await fetchFeed(provider);
      checkFresh(feed, await latestStoredDate(provider.name), beijingDate(), staleDays());
    } catch (e) {
      const error = e instanceof FeedError ? e : new FeedError('FX_FEED_MALFORMED', (e as Error).message);
      strapi.log.warn(`[fx] ${provider.name}: ${error.code} ${error.message}`);
      await recordFetch(provider.name, { ok: false, error });
      return { result: { provider: provider.name, ok: false, date: null, count: 0, error: { code: error.code, message: error.message } }, changed: [] };
    }
    const changed = await store(feed.date, provider.name, feed.rates, null);
    await recordFetch(provider.name, { ok: true, date: feed.date });
    return { result: { provider: provider.name, ok: true, date: feed.date, count: Object.keys(feed.rates).length, error: null }, changed };
  }

  async function runFetch(): Promise<{ busy: boolean; results: FetchResult[] }> {
    if (!(await acquire())) return { busy: true, results: [] };
    try {
      const results: FetchResult[] = [];
      const changed = new Set<Currency>();
      for (const provider of providers()) {
        const one = await fetchOne(provider);
        results.push(one.result);
        one.changed.forEach((c) => changed.add(c));
      }
      await evaluateAlerts([...changed]);
      return { busy: false, results };
    } finally {
      await release();
    }
  }

  return {
    /** Loads the bundled history once (first start, or a database that has none yet). */
    async loadBundled(): Promise<number> {
      if (await query(strapi, UID.rate).count({ where: { source: 'bundled' } })) return 0;
      const rows: Row[] = [];
      const series = bundled.series as Record<string, string[]>;
      bundled.dates.forEach((date, i) => {
        for (const currency of CURRENCIES) if (series[currency]?.[i]) rows.push({ currency, date, rate: series[currency][i], source: 'bundled' });
      });
      await h().transaction(() => insertRows(strapi, UID.rate, rows));
      return rows.length;
    },

    async latest(): Promise<{ data: Row[]; meta: Row }> {
      const today = beijingDate();
      const states = await fetchStates();
      const lastFetch = states.filter((s) => s.lastFetchAt).sort((a, b) => new Date(b.lastFetchAt).getTime() - new Date(a.lastFetchAt).getTime())[0] ?? null;
      // Every provider's last attempt failed: whatever is not dated today may have moved since.
      const fetchFailing = states.length > 0 && states.every((s) => s.lastOk === false);
      const data: Row[] = [];
      for (const currency of CURRENCIES) {
        const points = await recent(currency, 2);
        const latest = points.at(-1);
        if (!latest) continue;
        const previous = points.length === 2 ? points[0] : null;
        const change = previous ? dec(latest.rate).minus(previous.rate) : null;
        data.push({
          currency,
          name: CURRENCY_INFO[currency].name,
          pair: pairOf(currency),
          unit: CURRENCY_INFO[currency].unit,
          rate: latest.rate,
          date: latest.date,
          source: latest.source,
          sourceLabel: SOURCE_LABEL[latest.source],
          previousRate: previous?.rate ?? null,
          change: change ? fixed(change, RATE_SCALE) : null,
          changePct: change && previous ? fixed(change.div(previous.rate).mul(100), 2) : null,
          stale: daysBetween(latest.date, today) > staleDays() || (fetchFailing && latest.date < today),
        });
      }
      return {
        data,
        meta: {
          stale: data.some((r) => r.stale),
          lastFetch: lastFetch ? { at: lastFetch.lastFetchAt, ok: Boolean(lastFetch.lastOk), provider: lastFetch.name, error: lastFetch.lastError ?? null } : null,
        },
      };
    },

    async latestRate(currency: Currency): Promise<string | null> {
      return (await latestOf(currency))?.rate ?? null;
    },

    async history(currencyInput: unknown, daysInput: unknown): Promise<Row> {
      const currency = String(currencyInput ?? 'USD').toUpperCase();
      if (!isCurrency(currency)) throw fail('VALIDATION_FAILED', 400, { errors: [{ field: 'currency', message: '不支持的币种' }] });
      const days = Math.min(365, Math.max(7, Math.round(Number(daysInput ?? 30)) || 30));
      const rows = (await query(strapi, UID.rate).findMany({ where: { currency, date: { $gte: addDays(beijingDate(), -days) } }, select: ['date', 'rate', 'source'] })) as Row[];
      return { currency, name: CURRENCY_INFO[currency].name, unit: CURRENCY_INFO[currency].unit, points: bestPerDate(rows) };
    },

    /** Staff enter (or correct) a day's rate; it overrides every feed for that date. */
    async setManual(scope: ActorScope, input: Row): Promise<Row> {
      h().assertCan(scope, 'fx.rates');
      const errors: { field: string; message: string }[] = [];
      if (!isCurrency(input.currency)) errors.push({ field: 'currency', message: '请选择币种' });
      const date = input.date;
      if (!isIsoDate(date)) errors.push({ field: 'date', message: '日期格式应为 YYYY-MM-DD' });
      else if (date > beijingDate()) errors.push({ field: 'date', message: '不能录入未来日期的汇率' });
      const scale = isCurrency(input.currency) ? CURRENCY_INFO[input.currency].scale : RATE_SCALE;
      const parsed = parseDecimal(input.rate, scale);
      if (!('value' in parsed)) errors.push({ field: 'rate', message: parsed.problem === 'TOO_MANY_DECIMALS' ? `汇率最多 ${scale} 位小数` : '请输入大于 0 的汇率' });
      if (errors.length || !('value' in parsed)) throw fail('VALIDATION_FAILED', 400, { errors });
      const currency = input.currency as Currency;
      const rate = fixed(parsed.value, scale);
      const before = (await query(strapi, UID.rate).findOne({ where: { currency, date, source: 'manual' } })) as Row | null;
      await store(date, 'manual', { [currency]: rate }, scope.name || scope.phone || null);
      await h().audit({ module: 'fx', action: 'rate.manual', targetUid: UID.rate, targetId: `${currency}:${date}`, before: before ? { rate: before.rate } : null, after: { currency, date, rate } }, scope);
      await evaluateAlerts([currency]);
      return { currency, date, rate, source: 'manual', sourceLabel: SOURCE_LABEL.manual };
    },

    /** Fetch every provider now (staff, tests, cron); overlapping calls in this instance share one run. */
    async fetchNow(scope?: ActorScope): Promise<{ busy: boolean; results: FetchResult[] }> {
      if (scope) h().assertCan(scope, 'fx.rates');
      if (!running) running = h().asSystem(runFetch).finally(() => (running = null));
      const outcome = await running;
      if (scope) await h().audit({ module: 'fx', action: 'rates.fetch', targetUid: UID.rate, targetId: 'fetch', after: outcome }, scope);
      return outcome;
    },

    start(): void {
      if (process.env.FX_FETCH === 'false' || task) return;
      // Hourly by default: CFETS publishes at 9:15 Beijing time, the ECB around 16:00 CET; an unchanged feed stores nothing.
      task = cron.schedule(process.env.FX_FETCH_CRON || '0 20 * * * *', () => void this.fetchNow().catch((e: Error) => strapi.log.warn(`[fx] fetch failed: ${e.message}`)), {
        timezone: 'Asia/Shanghai',
        noOverlap: true,
      } as never);
      // And once shortly after start, so a demo shows today's rates at once.
      setTimeout(() => void this.fetchNow().catch(() => undefined), 3_000).unref();
    },

    stop(): void {
      task?.stop();
      task = null;
    },
  };
}

export type Rates = ReturnType<typeof createRates>;
