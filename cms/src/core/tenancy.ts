import type { Core } from '@strapi/strapi';
import { AppError } from './errors';
import { assertCan, currentScope, type Scope } from './scope';

/**
 * The one tenancy mechanism (ARCHITECTURE principle 3): a Document Service middleware, so core
 * content-API routes, custom routes and plugin services are all scoped by the same code.
 *
 * - merchant-owned types (those with a `merchant` relation to api::merchant.merchant): merchant users
 *   read only their current merchant's rows; writes are forced onto / checked against it; members are
 *   read-only.
 * - api::merchant.merchant: a merchant user sees and (as admin) edits only their current merchant.
 * - shared-read types (carriers): merchant users read, never write.
 * - everything else under api::*: platform only.
 * Platform staff read everything and write what their roles grant (`<type>.write` or '*').
 */
const MERCHANT_UID = 'api::merchant.merchant';
const SHARED_READ = new Set<string>(['api::carrier.carrier']);
/** Fields only the platform may change, whoever sends them. */
const PLATFORM_MANAGED_FIELDS: Record<string, string[]> = {
  [MERCHANT_UID]: ['registrationStatus', 'creatorPhone', 'memberships', 'creditCode'],
};
/** Facts an approved business registration established: from then on only staff change them (R3). */
const REGISTERED_MERCHANT_FIELDS = ['nameCn', 'type', 'addressCn', 'legalPersonName'];
const APPEND_ONLY = new Set<string>(['api::audit-log.audit-log']);

const READ_ACTIONS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

type Policy = 'merchant-owned' | 'merchant-self' | 'shared-read' | 'platform-only';

const policyCache = new Map<string, Policy>();

export function tenancyPolicy(strapi: Core.Strapi, uid: string): Policy {
  const cached = policyCache.get(uid);
  if (cached) return cached;
  let policy: Policy = 'platform-only';
  if (uid === MERCHANT_UID) policy = 'merchant-self';
  else if (SHARED_READ.has(uid)) policy = 'shared-read';
  else {
    const merchantAttr = (strapi.contentTypes as Record<string, any>)[uid]?.attributes?.merchant;
    if (merchantAttr?.type === 'relation' && merchantAttr.target === MERCHANT_UID) policy = 'merchant-owned';
  }
  policyCache.set(uid, policy);
  return policy;
}

export function isMerchantOwned(strapi: Core.Strapi, uid: string): boolean {
  return tenancyPolicy(strapi, uid) === 'merchant-owned';
}

function scopeFilter(policy: Policy, scope: Scope): Record<string, unknown> {
  return policy === 'merchant-self' ? { id: scope.merchantId } : { merchant: { id: scope.merchantId } };
}

function andFilters(existing: unknown, extra: Record<string, unknown>): Record<string, unknown> {
  if (!existing || (typeof existing === 'object' && Object.keys(existing as object).length === 0)) return extra;
  return { $and: [existing, extra] };
}

const shortName = (uid: string) => uid.split('.').pop() as string;

/** Our content types: the app's api:: types and our own plugins' (not Strapi's or users-permissions'). */
const OWN_PLUGIN_PREFIXES = ['plugin::workflow.'];
export const isOwnUid = (uid: string): boolean => uid.startsWith('api::') || OWN_PLUGIN_PREFIXES.some((p) => uid.startsWith(p));

async function refuseRegisteredChanges(strapi: Core.Strapi, scope: Scope, data: Record<string, unknown>): Promise<void> {
  const touched = REGISTERED_MERCHANT_FIELDS.filter((f) => f in data);
  if (touched.length === 0) return;
  const current = (await strapi.db.query(MERCHANT_UID).findOne({ where: { id: scope.merchantId }, select: ['registrationStatus', ...touched] })) as Record<string, unknown> | null;
  if (current?.registrationStatus !== 'approved') return;
  const changed = touched.filter((f) => (data[f] ?? null) !== (current[f] ?? null));
  if (changed.length) throw new AppError('APPROVED_DATA_LOCKED', 409, { fields: changed });
}

export function registerTenancy(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context as { uid: string; action: string };
    const params = (context as { params: Record<string, any> }).params;
    if (!isOwnUid(uid)) return next();

    const isRead = READ_ACTIONS.has(action);
    if (!isRead && APPEND_ONLY.has(uid)) throw new AppError('APPEND_ONLY', 403);

    const scope = await currentScope(strapi);
    if (!scope) return next(); // trusted system work

    if (scope.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 401);

    if (scope.kind === 'platform') {
      if (!isRead) assertCan(scope, `${shortName(uid)}.write`);
      return next();
    }

    // merchant users
    const policy = tenancyPolicy(strapi, uid);
    if (policy === 'platform-only') throw new AppError('FORBIDDEN', 403);
    if (policy === 'shared-read') {
      if (!isRead) throw new AppError('FORBIDDEN', 403);
      return next();
    }
    if (!scope.merchantId) throw new AppError('NO_MERCHANT', 403);

    if (isRead) {
      params.filters = andFilters(params.filters, scopeFilter(policy, scope));
      return next();
    }

    assertCan(scope, policy === 'merchant-self' ? 'merchant.write' : 'data.write');

    if (action === 'create') {
      if (policy === 'merchant-self') throw new AppError('FORBIDDEN', 403);
      params.data = { ...(params.data ?? {}), merchant: scope.merchantId };
      return next();
    }

    // update, delete, publish, …: the target must be the merchant's own.
    if (params.documentId) {
      const owned = await strapi.db.query(uid).findOne({
        where: { documentId: params.documentId, ...scopeFilter(policy, scope) },
        select: ['id'],
      });
      if (!owned) throw new AppError('NOT_FOUND', 404);
    } else {
      throw new AppError('FORBIDDEN', 403);
    }
    if (params.data && typeof params.data === 'object') {
      if (policy === 'merchant-self') await refuseRegisteredChanges(strapi, scope, params.data);
      const data = { ...params.data };
      delete data.merchant;
      for (const field of PLATFORM_MANAGED_FIELDS[uid] ?? []) delete data[field];
      params.data = data;
    }
    return next();
  });
}

