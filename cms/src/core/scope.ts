import { AsyncLocalStorage } from 'node:async_hooks';
import type { Core } from '@strapi/strapi';
import type { ActorScope } from '@jmt/plugin-kit';
import { AppError } from './errors';
import { permissionsForMerchantRole, type MerchantRole } from './permissions';

/**
 * Who is acting in the current request, resolved once per request from the verified JWT:
 * - platform: staff with one or more staff roles (sees every merchant's data);
 * - merchant: a merchant user acting for the merchant named by the token's `mid` claim;
 * - anonymous: no valid token.
 * System work (seeding, login bookkeeping, workers) runs inside `asSystem`, outside any scope.
 */
export interface Scope extends ActorScope {
  role: MerchantRole | null;
  platformRoles: { code: string; name: string }[];
  tokenClaims: { mid?: number; rem?: boolean } | null;
}

export const anonymousScope = (): Scope => ({
  kind: 'anonymous',
  userId: null,
  phone: null,
  name: null,
  merchantId: null,
  merchantDocumentId: null,
  role: null,
  platformRoles: [],
  permissions: new Set(),
  tokenClaims: null,
});

export function can(scope: Scope, action: string): boolean {
  return scope.permissions.has('*') || scope.permissions.has(action);
}

export function assertCan(scope: Scope, action: string, code: 'FORBIDDEN' | 'MEMBER_READ_ONLY' = 'FORBIDDEN'): void {
  if (scope.kind === 'anonymous') throw new AppError('UNAUTHORIZED', 401);
  if (!can(scope, action)) {
    throw new AppError(scope.kind === 'merchant' && scope.role === 'member' ? 'MEMBER_READ_ONLY' : code, 403);
  }
}

const systemContext = new AsyncLocalStorage<true>();

/** Run trusted server work (seed, login bookkeeping, workers) without a user's tenancy scope. */
export function asSystem<T>(work: () => Promise<T>): Promise<T> {
  return systemContext.run(true, work);
}

export const isSystem = (): boolean => systemContext.getStore() === true;

interface KoaLikeContext {
  state: Record<string, unknown>;
  request: { header: Record<string, string | string[] | undefined> };
}

/** Short-lived cache of resolved scopes: a scope costs two queries, the home page is hit hard. */
const scopeCache = new Map<string, { scope: Scope; expires: number }>();
const SCOPE_TTL_MS = 3000;

export function invalidateScopes(): void {
  scopeCache.clear();
}

async function decodeClaims(strapi: Core.Strapi, ctx: KoaLikeContext): Promise<{ id?: number; mid?: number; rem?: boolean } | null> {
  const header = ctx.request.header.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return null;
  try {
    // Same verification users-permissions did for ctx.state.user; we only need our extra claims.
    return (await strapi.plugin('users-permissions').service('jwt').verify(header.slice(7))) as { id?: number; mid?: number; rem?: boolean };
  } catch {
    return null;
  }
}

export async function resolveScope(strapi: Core.Strapi, ctx: KoaLikeContext): Promise<Scope> {
  if (ctx.state.jmtScope) return ctx.state.jmtScope as Scope;
  const user = ctx.state.user as { id: number; phone?: string; realName?: string; username?: string; blocked?: boolean } | undefined;
  if (!user || !user.id) {
    const scope = anonymousScope();
    ctx.state.jmtScope = scope;
    return scope;
  }
  // Keyed by the token itself: verifying a JWT again costs more than the rest of a cached request.
  const header = ctx.request.header.authorization;
  const cacheKey = `${user.id}:${typeof header === 'string' ? header : ''}`;
  const cached = scopeCache.get(cacheKey);
  if (cached && cached.expires > Date.now()) {
    ctx.state.jmtScope = cached.scope;
    return cached.scope;
  }
  const claims = await decodeClaims(strapi, ctx);
  const scope = await loadScope(strapi, user, claims);
  if (scopeCache.size >= 10_000) scopeCache.delete(scopeCache.keys().next().value as string);
  scopeCache.set(cacheKey, { scope, expires: Date.now() + SCOPE_TTL_MS });
  ctx.state.jmtScope = scope;
  return scope;
}

async function loadScope(
  strapi: Core.Strapi,
  user: { id: number; phone?: string; realName?: string; username?: string },
  claims: { mid?: number; rem?: boolean } | null,
): Promise<Scope> {
  const base: Scope = {
    ...anonymousScope(),
    userId: user.id,
    phone: user.phone ?? null,
    name: user.realName || null,
    tokenClaims: claims ? { mid: claims.mid, rem: claims.rem } : null,
  };
  const staffRoles = (await strapi.db.query('api::staff-role.staff-role').findMany({
    where: { users: { id: user.id } },
    select: ['code', 'name', 'permissions'],
  })) as { code: string; name: string; permissions: unknown }[];
  if (staffRoles.length > 0) {
    const permissions = new Set<string>();
    for (const role of staffRoles) {
      if (Array.isArray(role.permissions)) role.permissions.forEach((p) => typeof p === 'string' && permissions.add(p));
    }
    permissions.add('platform.access');
    return { ...base, kind: 'platform', platformRoles: staffRoles.map((r) => ({ code: r.code, name: r.name })), permissions };
  }
  const membership = await findMembership(strapi, user.id, claims?.mid ?? null);
  if (!membership) return { ...base, kind: 'merchant' };
  return {
    ...base,
    kind: 'merchant',
    merchantId: membership.merchant.id,
    merchantDocumentId: membership.merchant.documentId,
    role: membership.role,
    permissions: new Set(permissionsForMerchantRole(membership.role)),
  };
}

interface MembershipRow {
  id: number;
  role: MerchantRole;
  merchant: { id: number; documentId: string };
}

/** The membership for the token's merchant, or the user's first one when the token names none. */
export async function findMembership(strapi: Core.Strapi, userId: number, merchantId: number | null): Promise<MembershipRow | null> {
  const where: Record<string, unknown> = { user: { id: userId } };
  if (merchantId) where.merchant = { id: merchantId };
  const row = (await strapi.db.query('api::membership.membership').findOne({
    where,
    populate: { merchant: { select: ['id', 'documentId'] } },
    orderBy: { id: 'asc' },
  })) as MembershipRow | null;
  return row && row.merchant ? row : null;
}

/** The scope of the request being served, if any (document middlewares run inside requests and jobs). */
export async function currentScope(strapi: Core.Strapi): Promise<Scope | null> {
  if (isSystem()) return null;
  const ctx = strapi.requestContext.get() as KoaLikeContext | undefined;
  if (!ctx) return null;
  return resolveScope(strapi, ctx);
}
