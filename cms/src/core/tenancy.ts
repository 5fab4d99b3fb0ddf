import type { Core, UID } from '@strapi/strapi';
import { and, decide, declarationOf, isOwnType } from '@jmt/plugin-kit';
import { AppError } from './errors';
import { currentScope } from './scope';

/**
 * Tenancy for the Document Service (core content-API routes and every `strapi.documents()` call), decided by
 * the same declarations and the same `decide()` as plugin-kit's scoped data access — the two are the only
 * code that compares merchants (ARCHITECTURE principle 3). Each content type of ours declares its tenancy in
 * `pluginOptions.jmt`; what is not ours (Strapi's and users-permissions' types) is left to its own plugin.
 *
 * On top of the declaration, for the merchant record itself: fields only the platform changes, and the facts an
 * approved business registration established (R3).
 */
const MERCHANT_UID = 'api::merchant.merchant' satisfies UID.ContentType;
/** Fields only the platform may change, whoever sends them. */
const PLATFORM_MANAGED_FIELDS: Record<string, string[]> = {
  [MERCHANT_UID]: ['registrationStatus', 'creatorPhone', 'memberships', 'creditCode'],
};
/** Facts an approved business registration established: from then on only staff change them (R3). */
const REGISTERED_MERCHANT_FIELDS = ['nameCn', 'type', 'addressCn', 'legalPersonName'];
const APPEND_ONLY = new Set<string>(['api::audit-log.audit-log']);

const READ_ACTIONS = new Set(['findOne', 'findMany', 'findFirst', 'count']);

/** What this middleware reads and rewrites of a Document Service call's params, whatever the action. */
interface DocumentParams {
  filters?: Record<string, unknown>;
  data?: Record<string, unknown>;
  documentId?: string;
}

const fail = (code: string, status: number, details?: Record<string, unknown>) => new AppError(code, status, details ?? {});

/** Our content types: the app's api:: types and our own plugins' (not Strapi's or users-permissions'). */
export const isOwnUid = (strapi: Core.Strapi, uid: string): boolean => isOwnType(strapi, uid);

async function refuseRegisteredChanges(strapi: Core.Strapi, merchantId: number, data: Record<string, unknown>): Promise<void> {
  const touched = REGISTERED_MERCHANT_FIELDS.filter((f) => f in data);
  if (touched.length === 0) return;
  const current = (await strapi.db.query(MERCHANT_UID).findOne({ where: { id: merchantId }, select: ['registrationStatus', ...touched] })) as Record<string, unknown> | null;
  if (current?.registrationStatus !== 'approved') return;
  const changed = touched.filter((f) => (data[f] ?? null) !== (current[f] ?? null));
  if (changed.length) throw new AppError('APPROVED_DATA_LOCKED', 409, { fields: changed });
}

export function registerTenancy(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    const params = context.params as DocumentParams;
    const decl = declarationOf(strapi, uid);
    if (!decl) return next();

    const isRead = READ_ACTIONS.has(action);
    if (!isRead && APPEND_ONLY.has(uid)) throw new AppError('APPEND_ONLY', 403);

    const scope = await currentScope(strapi);
    if (!scope) return next(); // trusted system work
    const decision = decide(strapi, uid, scope, isRead ? 'read' : 'write', fail);
    if (isRead) {
      if (decision.filter) params.filters = and(params.filters, decision.filter);
      return next();
    }
    if (!decision.filter) return next(); // staff, as their permissions allow

    // Merchant users writing their own records.
    if (action === 'create') {
      if (decl.tenancy === 'self') throw new AppError('FORBIDDEN', 403);
      const field = decl.merchantColumn ?? 'merchant';
      params.data = { ...(params.data ?? {}), [field]: decision.stampMerchant };
      return next();
    }
    // update, delete, publish, …: the target must be the merchant's own.
    if (!params.documentId) throw new AppError('FORBIDDEN', 403);
    const owned = await strapi.db.query(uid).findOne({ where: and({ documentId: params.documentId }, decision.filter), select: ['id'] });
    if (!owned) throw new AppError('NOT_FOUND', 404);
    if (params.data && typeof params.data === 'object') {
      if (decl.tenancy === 'self' && scope.merchantId) await refuseRegisteredChanges(strapi, scope.merchantId, params.data);
      const data = { ...params.data };
      delete data[decl.merchantColumn ?? 'merchant'];
      for (const field of PLATFORM_MANAGED_FIELDS[uid] ?? []) delete data[field];
      params.data = data;
    }
    return next();
  });
}
