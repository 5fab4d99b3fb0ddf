/**
 * The rate board (X1). Rates are stored per currency, date and source; for one date the best source wins
 * (manual > cfets > ecb > bundled). A bundled history is loaded on first start so the board works offline;
 * provider feeds are fetched by node-cron under a lease (one instance fetches), and a feed that is
 * unreachable, malformed or stale stores nothing — the last good rates stay, flagged stale.
 */
import type { Core } from '@strapi/strapi';
import type { fx } from '@jmt/contracts';
import { access, isUniqueViolation, schedule, system, type DataAccess, type Schedule } from '@jmt/plugin-kit';
import bundled from '../data/bundled-rates.json';
import { addDays, beijingDate, CURRENCIES, CURRENCY_INFO, daysBetween, pairOf, SOURCE_LABEL, SOURCE_PRIORITY, type Currency, type RateSource } from '../currencies';
import { host, type ActorScope } from '../host';
import { dec, fixed, RATE_SCALE } from '../money';
import { checkFresh, fetchFeed, FeedError, providersFromEnv, type FeedRates, type Provider, type ProviderName } from '../providers';
import type { Alerts } from './alerts';
import { UID, type Row } from './db';

/** The kit lease one instance holds while it fetches. */
export const FETCH_LEASE = 'fx.fetch';
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
  let fetcher: Schedule<FetchResult[]> | null = null;
  // Rates are reference data every signed-in user reads; fetch bookkeeping is system work.
  const rates = () => system(strapi).table(UID.rate);
  const states = () => system(strapi).table(UID.fetchState);

  async function recent(currency: Currency, limit: number): Promise<BestRate[]> {
    const rows = (await rates().findMany({ where: { currency }, orderBy: [{ date: 'desc' }], limit: limit * SOURCE_PRIORITY.length, select: ['date', 'rate', 'source'] })) as Row[];
    return bestPerDate(rows).slice(-limit);
  }

  async function latestOf(currency: Currency): Promise<BestRate | null> {
    return (await recent(currency, 1))[0] ?? null;
  }

  async function fetchStates(): Promise<Row[]> {
    return states().findMany({ where: { name: { $in: ['cfets', 'ecb'] } } });
  }

  /** Upserts one source's rates for one date; returns the currencies whose stored value changed. */
  /** `db`: system work for feeds, the staff member's scope for a manual rate (needs fx.rates). */
  async function store(db: DataAccess, date: string, source: RateSource, values: Partial<Record<Currency, string>>, enteredBy: string | null): Promise<Currency[]> {
    const changed: Currency[] = [];
    const table = db.table(UID.rate);
    await h().transaction(async () => {
      const existing = await table.findMany({ where: { date, source, currency: { $in: Object.keys(values) } } });
      for (const [currency, rate] of Object.entries(values) as [Currency, string][]) {
        const found = existing.find((r) => r.currency === currency);
        if (found && found.rate === rate) continue;
        if (found) await table.update({ id: found.id }, { rate, enteredBy });
        else await table.create({ currency, date, source, rate, enteredBy });
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
    await states().updateMany(
      { name },
      {
        lastFetchAt: new Date(),
        lastOk: outcome.ok,
        ...(outcome.date ? { lastDate: outcome.date } : {}),
        lastErrorCode: outcome.error?.code ?? null,
        lastError: outcome.error?.message ?? null,
      },
    );
  }

  async function ensureState(name: string): Promise<void> {
    if (await states().findOne({ where: { name }, select: ['id'] })) return;
    try {
      await states().create({ name });
    } catch (e) {
      // Another instance created it first (a unique index on the name).
      if (!isUniqueViolation(e)) throw e;
    }
  }

  async function latestStoredDate(source: RateSource): Promise<string | null> {
    const row = await rates().findOne({ where: { source }, orderBy: [{ date: 'desc' }], select: ['date'] });
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
    const changed = await store(system(strapi), feed.date, provider.name, feed.rates, null);
    await recordFetch(provider.name, { ok: true, date: feed.date });
    return { result: { provider: provider.name, ok: true, date: feed.date, count: Object.keys(feed.rates).length, error: null }, changed };
  }

  async function runFetch(): Promise<FetchResult[]> {
    const results: FetchResult[] = [];
    const changed = new Set<Currency>();
    for (const provider of providers()) {
      const one = await fetchOne(provider);
      results.push(one.result);
      one.changed.forEach((c) => changed.add(c));
    }
    await evaluateAlerts([...changed]);
    return results;
  }

  /** node-cron under the kit's lease: one instance fetches; hourly by default. */
  function fetcherOf(withCron: boolean): Schedule<FetchResult[]> {
    // CFETS publishes at 9:15 Beijing time, the ECB around 16:00 CET; an unchanged feed stores nothing.
    return schedule(strapi, FETCH_LEASE, withCron ? process.env.FX_FETCH_CRON || '0 20 * * * *' : null, { ttlMs: Number(process.env.FX_FETCH_LEASE_MS ?? 120_000) }, () =>
      runFetch(),
    );
  }

  return {
    /** Loads the bundled history once (first start, or a database that has none yet). */
    async loadBundled(): Promise<number> {
      if (await rates().count({ source: 'bundled' })) return 0;
      const rows: Row[] = [];
      const series = bundled.series as Record<string, string[]>;
      bundled.dates.forEach((date, i) => {
        for (const currency of CURRENCIES) if (series[currency]?.[i]) rows.push({ currency, date, rate: series[currency][i], source: 'bundled' });
      });
      await h().transaction(() => rates().bulkInsert(rows));
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

    /** `query` is parsed by the route's contract (fx.historyQuery): a known currency, 7–365 days. */
    async history(query: fx.HistoryQuery): Promise<Row> {
      const currency: Currency = query.currency ?? 'USD';
      const days = query.days ?? 30;
      const rows = await rates().findMany({ where: { currency, date: { $gte: addDays(beijingDate(), -days) } }, select: ['date', 'rate', 'source'] });
      return { currency, name: CURRENCY_INFO[currency].name, unit: CURRENCY_INFO[currency].unit, points: bestPerDate(rows) };
    },

    /**
     * Staff enter (or correct) a day's rate; it overrides every feed for that date. `input` is parsed by the route's
     * contract (fx.manualRateInput: the rate with its currency's decimals); a future date is refused here (today).
     */
    async setManual(scope: ActorScope, input: fx.ManualRateInput): Promise<Row> {
      h().assertCan(scope, 'fx.rates');
      const { currency, date, rate } = input;
      if (date > beijingDate()) throw fail('VALIDATION_FAILED', 400, { errors: [{ field: 'date', message: '不能录入未来日期的汇率' }] });
      const before = await rates().findOne({ where: { currency, date, source: 'manual' } });
      await store(access(strapi, scope), date, 'manual', { [currency]: rate }, scope.name || scope.phone || null);
      await h().audit(
        {
          module: 'fx',
          action: 'rate.manual',
          targetUid: UID.rate,
          targetId: `${currency}:${date}`,
          before: before ? { rate: before.rate } : null,
          after: { currency, date, rate },
        },
        scope,
      );
      await evaluateAlerts([currency]);
      return { currency, date, rate, source: 'manual', sourceLabel: SOURCE_LABEL.manual };
    },

    /** Fetch every provider now (staff, tests, cron); overlapping calls in this instance share one run. */
    async fetchNow(scope?: ActorScope): Promise<{ busy: boolean; results: FetchResult[] }> {
      if (scope) h().assertCan(scope, 'fx.rates');
      fetcher ??= fetcherOf(false);
      const run = await fetcher.runNow();
      // Another instance holds the lease: it is fetching now.
      const outcome = run.acquired ? { busy: false, results: run.value ?? [] } : { busy: true, results: [] };
      if (scope) await h().audit({ module: 'fx', action: 'rates.fetch', targetUid: UID.rate, targetId: 'fetch', after: outcome }, scope);
      return outcome;
    },

    start(): void {
      if (process.env.FX_FETCH === 'false') return;
      fetcher?.stop();
      fetcher = fetcherOf(true);
      // And once shortly after start, so a demo shows today's rates at once.
      setTimeout(() => void this.fetchNow().catch(() => undefined), 3_000).unref();
    },

    stop(): void {
      fetcher?.stop();
      fetcher = null;
    },
  };
}

export type Rates = ReturnType<typeof createRates>;
