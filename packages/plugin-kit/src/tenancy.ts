/**
 * Tenancy declarations (ARCHITECTURE principle 3). Every content type of ours says, once, in its schema's
 * `pluginOptions.jmt`, whom its rows belong to:
 *
 * - `merchant`     a merchant's records: through the `merchant` relation, or — for bulk rows such as e-orders —
 *                  an integer column (`merchantColumn: 'merchantId'`);
 * - `self`         the merchant record itself (a merchant user sees only their own merchant);
 * - `platform`     the platform's records: staff only;
 * - `public-read`  reference data every signed-in user reads (carriers, hints, rates); staff write it;
 * - `system`       bookkeeping no user reaches (leases, poll cursors, login codes).
 *
 * `staffRead` / `staffWrite` name the staff permissions (any of them) that let staff read / write the type;
 * `merchantWrite` the merchant permission a write needs (members lack it, so they are read-only).
 * A content type of ours that declares nothing is treated as `platform` and fails cms/tests/tenancy.test.ts.
 * "Ours" is every `api::` type and every type of a plugin loaded from outside node_modules — no list of
 * plugin names to keep up to date.
 */
import type { Core } from '@strapi/strapi';
import type { ActorScope } from './host';

export type TenancyKind = 'merchant' | 'self' | 'platform' | 'public-read' | 'system';

export interface TenancyDeclaration {
  tenancy: TenancyKind;
  /** `merchant` types whose rows carry an integer merchant id instead of the relation. */
  merchantColumn?: string;
  staffRead?: string[];
  staffWrite?: string[];
  merchantWrite?: string;
  /** Composite uniqueness (attribute names) the database enforces with a unique index. */
  unique?: string[][];
}

export const MERCHANT_UID = 'api::merchant.merchant';

/** Schema helpers, so a plugin's content types read `pluginOptions: { ...hidden, ...tenancy.merchant() }`. */
export const tenancy = {
  merchant: (options: Omit<TenancyDeclaration, 'tenancy'> = {}) => ({ jmt: { tenancy: 'merchant' as const, ...options } }),
  platform: (options: Omit<TenancyDeclaration, 'tenancy' | 'merchantColumn'> = {}) => ({ jmt: { tenancy: 'platform' as const, ...options } }),
  publicRead: (options: Omit<TenancyDeclaration, 'tenancy' | 'merchantColumn'> = {}) => ({ jmt: { tenancy: 'public-read' as const, ...options } }),
  system: (options: Pick<TenancyDeclaration, 'unique'> = {}) => ({ jmt: { tenancy: 'system' as const, ...options } }),
};

interface ContentTypeLike {
  uid?: string;
  plugin?: string;
  pluginOptions?: { jmt?: Partial<TenancyDeclaration> } & Record<string, unknown>;
  attributes?: Record<string, { type?: string; target?: string; relation?: string }>;
  collectionName?: string;
  indexes?: { name: string; columns: string[]; type?: string }[];
}

export function contentTypes(strapi: Core.Strapi): Record<string, ContentTypeLike> {
  return strapi.contentTypes as unknown as Record<string, ContentTypeLike>;
}

const ourPlugins = new WeakMap<object, Set<string>>();

/** Plugins loaded from a folder of the project (not from node_modules): ours. */
function localPlugins(strapi: Core.Strapi): Set<string> {
  const cached = ourPlugins.get(strapi);
  if (cached) return cached;
  const enabled = (strapi.config.get('enabledPlugins') ?? {}) as Record<string, { pathToPlugin?: string }>;
  const names = new Set(
    Object.entries(enabled)
      .filter(([, p]) => typeof p.pathToPlugin === 'string' && p.pathToPlugin !== '' && !p.pathToPlugin.split(/[\\/]/).includes('node_modules'))
      .map(([name]) => name),
  );
  ourPlugins.set(strapi, names);
  return names;
}

/** The project's own plugins (loaded from a folder of the project, not from node_modules). */
export const ownPluginNames = (strapi: Core.Strapi): string[] => [...localPlugins(strapi)].sort();

/** Is this one of the project's own content types (as opposed to Strapi's or users-permissions')? */
export function isOwnType(strapi: Core.Strapi, uid: string): boolean {
  if (uid.startsWith('api::')) return true;
  const match = /^plugin::([^.]+)\./.exec(uid);
  return Boolean(match && localPlugins(strapi).has(match[1]));
}

/** Our content types that declare no tenancy (the test suite fails for each). */
export function undeclaredTypes(strapi: Core.Strapi): string[] {
  return Object.keys(contentTypes(strapi))
    .filter((uid) => isOwnType(strapi, uid) && !contentTypes(strapi)[uid]?.pluginOptions?.jmt?.tenancy)
    .sort();
}

export function ownTypes(strapi: Core.Strapi): string[] {
  return Object.keys(contentTypes(strapi))
    .filter((uid) => isOwnType(strapi, uid))
    .sort();
}

const KINDS = new Set<TenancyKind>(['merchant', 'self', 'platform', 'public-read', 'system']);
const declarationCache = new WeakMap<object, Map<string, TenancyDeclaration | null>>();

/**
 * The declaration of a content type of ours; `null` for Strapi's own types (their plugins guard them).
 * An undeclared or malformed type of ours falls back to `platform` — closed to merchants.
 */
export function declarationOf(strapi: Core.Strapi, uid: string): TenancyDeclaration | null {
  let cache = declarationCache.get(strapi);
  if (!cache) declarationCache.set(strapi, (cache = new Map()));
  if (cache.has(uid)) return cache.get(uid) as TenancyDeclaration | null;
  let result: TenancyDeclaration | null = null;
  if (isOwnType(strapi, uid)) {
    const ct = contentTypes(strapi)[uid];
    const raw = ct?.pluginOptions?.jmt;
    result = raw && raw.tenancy && KINDS.has(raw.tenancy) ? (raw as TenancyDeclaration) : { tenancy: 'platform' };
    if (result.tenancy === 'merchant' && !result.merchantColumn) {
      const rel = ct?.attributes?.merchant;
      // A merchant type without its owner field cannot be scoped: close it rather than guess.
      if (!(rel?.type === 'relation' && rel.target === MERCHANT_UID)) result = { tenancy: 'platform' };
    }
  }
  cache.set(uid, result);
  return result;
}

export type Mode = 'read' | 'write';

export interface Decision {
  /** What the caller may see: null = everything the query asks for; otherwise a where clause to AND in. */
  filter: Record<string, unknown> | null;
  /** For merchant writes: the merchant id to stamp on created rows. */
  stampMerchant: number | null;
}

export interface Fail {
  (code: string, status: number, details?: Record<string, unknown>): Error;
}

const shortName = (uid: string) => uid.split('.').pop() as string;

/** The where clause that keeps a query inside one merchant's records. */
export function merchantFilter(decl: TenancyDeclaration, merchantId: number): Record<string, unknown> {
  if (decl.tenancy === 'self') return { id: merchantId };
  if (decl.merchantColumn) return { [decl.merchantColumn]: merchantId };
  return { merchant: { id: merchantId } };
}

function anyOf(scope: ActorScope, permissions: string[]): boolean {
  return scope.permissions.has('*') || permissions.some((p) => scope.permissions.has(p));
}

/**
 * The one tenancy decision: may `scope` read / write rows of `uid`, and inside which filter. `null` scope is
 * trusted system work. Throws the host's 401 / 403 / MEMBER_READ_ONLY.
 */
export function decide(strapi: Core.Strapi, uid: string, scope: ActorScope | null, mode: Mode, fail: Fail): Decision {
  const decl = declarationOf(strapi, uid);
  if (!decl || !scope) return { filter: null, stampMerchant: null };
  if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);

  if (scope.kind === 'platform') {
    if (decl.tenancy === 'system') throw fail('FORBIDDEN', 403);
    const needed = mode === 'read' ? (decl.staffRead ?? ['platform.access']) : (decl.staffWrite ?? [`${shortName(uid)}.write`]);
    if (!anyOf(scope, needed)) throw fail('FORBIDDEN', 403, { needs: needed });
    return { filter: null, stampMerchant: null };
  }

  // merchant users
  if (decl.tenancy === 'public-read') {
    if (mode === 'write') throw fail('FORBIDDEN', 403);
    return { filter: null, stampMerchant: null };
  }
  if (decl.tenancy !== 'merchant' && decl.tenancy !== 'self') throw fail('FORBIDDEN', 403);
  if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
  if (mode === 'write') {
    const needed = decl.merchantWrite ?? (decl.tenancy === 'self' ? 'merchant.write' : 'data.write');
    if (!anyOf(scope, [needed])) throw fail(scope.role === 'member' ? 'MEMBER_READ_ONLY' : 'FORBIDDEN', 403);
  }
  return { filter: merchantFilter(decl, scope.merchantId), stampMerchant: decl.tenancy === 'merchant' ? scope.merchantId : null };
}

/** AND two where clauses, leaving out empty ones. */
export function and(...parts: (Record<string, unknown> | null | undefined)[]): Record<string, unknown> {
  const present = parts.filter((p): p is Record<string, unknown> => Boolean(p) && Object.keys(p as object).length > 0);
  if (present.length === 0) return {};
  if (present.length === 1) return present[0];
  return { $and: present };
}
