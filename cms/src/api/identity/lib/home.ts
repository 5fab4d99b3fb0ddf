import type { Core } from '@strapi/strapi';
import { AppError } from '../../../core/errors';
import type { Scope } from '../../../core/scope';
import { presentMessage, type MessageDoc } from '../../message/lib/present';

/**
 * GET /api/home: everything the merchant home page shows, in one call (G8). Reads go through the
 * Document Service, so the tenancy middleware scopes them to the caller's merchant.
 */
export const HOME_MODULES = [
  { key: 'registration', title: '工商注册', path: '/registration', alwaysOpen: true },
  { key: 'logistics', title: '跨境物流', path: '/logistics', alwaysOpen: false },
  { key: 'filing', title: '跨境申报', path: '/filing', alwaysOpen: false },
  { key: 'customs', title: '出口报关', path: '/customs', alwaysOpen: false },
  { key: 'tax-refund', title: '出口退税', path: '/tax-refund', alwaysOpen: false },
  { key: 'fx', title: '收结汇', path: '/fx', alwaysOpen: false },
  { key: 'training', title: '培训服务', path: '/training', alwaysOpen: true },
  { key: 'trading', title: '交易平台', path: '/trading', alwaysOpen: false },
] as const;

export type ModuleKey = (typeof HOME_MODULES)[number]['key'];

/** G8: modules other than 工商注册 and 培训 open once business registration is approved. */
export function moduleEnabled(module: (typeof HOME_MODULES)[number], registrationStatus: string): boolean {
  return module.alwaysOpen || registrationStatus === 'approved';
}

/**
 * The home payload is the same for every user of a merchant and read far more often than it changes:
 * it is kept per merchant for HOME_CACHE_MS and dropped at once when this instance writes anything it
 * shows (see `invalidateHomeOn`); other instances catch up within the TTL.
 */
const HOME_CACHE_MS = Number(process.env.HOME_CACHE_MS ?? 2000);
// Holds the in-flight build as well, so a burst at expiry rebuilds once, not once per request.
const homeCache = new Map<number, { payload: Promise<HomePayload>; expires: number }>();
const HOME_SOURCES = new Set(['api::merchant.merchant', 'api::membership.membership', 'api::message.message']);

/** Drop every cached home page (writes that bypass the Document Service call this). */
export function invalidateHome(): void {
  homeCache.clear();
}

export function invalidateHomeOn(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    const { uid, action } = context as { uid: string; action: string };
    if (HOME_SOURCES.has(uid) && !['findOne', 'findMany', 'findFirst', 'count'].includes(action)) homeCache.clear();
    return result;
  });
}

type HomePayload = Awaited<ReturnType<typeof buildHomePayload>>;

export async function homePayload(strapi: Core.Strapi, scope: Scope): Promise<HomePayload> {
  if (scope.kind !== 'merchant') throw new AppError('FORBIDDEN', 403);
  if (!scope.merchantId) throw new AppError('NO_MERCHANT', 403);
  const merchantId = scope.merchantId;
  const hit = homeCache.get(merchantId);
  if (hit && hit.expires > Date.now()) return hit.payload;
  const payload = buildHomePayload(strapi, scope);
  if (HOME_CACHE_MS <= 0) return payload;
  const entry = { payload, expires: Date.now() + HOME_CACHE_MS };
  homeCache.set(merchantId, entry);
  payload.catch(() => {
    if (homeCache.get(merchantId) === entry) homeCache.delete(merchantId);
  });
  return payload;
}

async function workflowTodos(strapi: Core.Strapi, scope: Scope): Promise<{ module: string }[]> {
  const engine = strapi.plugin('workflow')?.service('engine') as { todos(scope: Scope): Promise<{ module: string }[]> } | undefined;
  return engine ? engine.todos(scope) : [];
}

type CustomsTodos = { items: { module: string }[]; counts: { orders: number; lists: number; summaries: number } };

async function customsTodos(strapi: Core.Strapi, scope: Scope): Promise<CustomsTodos> {
  const flow = strapi.plugin('customs')?.service('board') as { todos(scope: Scope): Promise<CustomsTodos> } | undefined;
  return flow ? flow.todos(scope) : { items: [], counts: { orders: 0, lists: 0, summaries: 0 } };
}

type HomeFx = { balance: string; frozen: string; available: string; updatedAt: string | null };

/** The USD account summary (X2) from the fx plugin; null while the module is locked. */
async function fxSummary(strapi: Core.Strapi, scope: Scope, enabled: boolean): Promise<HomeFx | null> {
  const ledger = strapi.plugin('fx')?.service('ledger') as { homeSummary(scope: Scope): Promise<HomeFx> } | undefined;
  return ledger && enabled && scope.merchantId ? ledger.homeSummary(scope) : null;
}

async function buildHomePayload(strapi: Core.Strapi, scope: Scope) {
  const [merchant, memberCount, unread, latest] = await Promise.all([
    strapi.documents('api::merchant.merchant').findFirst({
      fields: ['nameCn', 'nameEn', 'type', 'registrationStatus'],
    }),
    strapi.documents('api::membership.membership').count({}),
    strapi.documents('api::message.message').count({ filters: { readAt: { $null: true } } }),
    strapi.documents('api::message.message').findMany({
      fields: ['category', 'module', 'title', 'body', 'link', 'readAt', 'createdAt'],
      sort: [{ createdAt: 'desc' }, { id: 'desc' }],
      limit: 5,
    }),
  ]);
  if (!merchant) throw new AppError('NO_MERCHANT', 403);
  const status = merchant.registrationStatus as string;

  // Per-module to-dos: what the workflow engine says the merchant must act on; customs adds its own.
  const todoByModule: Record<ModuleKey, number> = {
    registration: 0,
    logistics: 0,
    filing: 0,
    customs: 0,
    'tax-refund': 0,
    fx: 0,
    training: 0,
    trading: 0,
  };
  for (const todo of await workflowTodos(strapi, scope)) {
    if (todo.module in todoByModule) todoByModule[todo.module as ModuleKey] += 1;
  }
  const customs = (await customsTodos(strapi, scope)).counts;
  todoByModule.customs = customs.orders + customs.lists + customs.summaries;

  return {
    merchant: {
      documentId: merchant.documentId,
      nameCn: merchant.nameCn,
      nameEn: merchant.nameEn ?? null,
      type: merchant.type,
      registrationStatus: status,
      memberCount,
    },
    modules: HOME_MODULES.map((m) => ({ key: m.key, title: m.title, path: m.path, enabled: moduleEnabled(m, status), todo: todoByModule[m.key] })),
    todos: { total: Object.values(todoByModule).reduce((a, b) => a + b, 0), customs },
    fx: await fxSummary(strapi, scope, status === 'approved'),
    messages: {
      unread,
      latest: (latest as unknown as MessageDoc[]).map(presentMessage),
    },
  };
}
