import type { Core } from '@strapi/strapi';
import { AppError } from '../../../core/errors';
import type { Scope } from '../../../core/scope';

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

export async function homePayload(strapi: Core.Strapi, scope: Scope) {
  if (scope.kind !== 'merchant') throw new AppError('FORBIDDEN', 403);
  if (!scope.merchantId) throw new AppError('NO_MERCHANT', 403);

  const [merchant, memberCount, unread, latest] = await Promise.all([
    strapi.documents('api::merchant.merchant').findFirst({
      fields: ['nameCn', 'nameEn', 'type', 'registrationStatus'],
    }),
    strapi.documents('api::membership.membership').count({}),
    strapi.documents('api::message.message').count({ filters: { readAt: { $null: true } } }),
    strapi.documents('api::message.message').findMany({
      fields: ['category', 'module', 'title', 'body', 'link', 'readAt', 'createdAt'],
      sort: [{ createdAt: 'desc' }, { id: 'desc' }] as any,
      limit: 5,
    }),
  ]);
  if (!merchant) throw new AppError('NO_MERCHANT', 403);
  const status = (merchant as any).registrationStatus as string;

  // Per-module to-dos; the workflow and customs modules add their counts here as they land.
  const todoByModule: Record<ModuleKey, number> = {
    registration: status === 'approved' ? 0 : 1,
    logistics: 0,
    filing: 0,
    customs: 0,
    'tax-refund': 0,
    fx: 0,
    training: 0,
    trading: 0,
  };
  const customs = { orders: 0, lists: 0, summaries: 0 };
  todoByModule.customs = customs.orders + customs.lists + customs.summaries;

  return {
    merchant: {
      documentId: (merchant as any).documentId,
      nameCn: (merchant as any).nameCn,
      nameEn: (merchant as any).nameEn ?? null,
      type: (merchant as any).type,
      registrationStatus: status,
      memberCount,
    },
    modules: HOME_MODULES.map((m) => ({ key: m.key, title: m.title, path: m.path, enabled: moduleEnabled(m, status), todo: todoByModule[m.key] })),
    todos: { total: Object.values(todoByModule).reduce((a, b) => a + b, 0), customs },
    messages: {
      unread,
      latest: (latest as any[]).map((m) => ({
        documentId: m.documentId,
        category: m.category,
        module: m.module,
        title: m.title,
        body: m.body,
        link: m.link,
        read: Boolean(m.readAt),
        createdAt: m.createdAt,
      })),
    },
  };
}
