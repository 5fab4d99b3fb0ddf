/**
 * A route's contract: where it lives, who may call it, what it takes and what it answers. Plugins mount their
 * routes from these (plugin-kit's RouteDef is a subset), controllers parse with the schemas, and the OpenAPI
 * document is generated from them — so the three can never drift apart.
 */
import type * as z from 'zod/mini';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Who may call: anyone, any signed-in user, a merchant user, platform staff (with `permission`). */
export type Audience = 'public' | 'user' | 'merchant' | 'staff';

export interface ListDoc {
  /** Filterable fields and their operators, as the route's ListSpec says (for the document). */
  filters: Record<string, string[]>;
  sort: string[];
  maxPageSize?: number;
}

export interface RouteContract {
  method: Method;
  /** Below /api, with Koa parameters: `/customs/batches/:id`. */
  path: string;
  /** The controller action that serves it. */
  handler: string;
  /** OpenAPI tag: the business module. */
  tag: string;
  /** One line in Chinese. */
  summary: string;
  description?: string;
  audience: Audience;
  /** The staff permission (or merchant permission) the route checks. */
  permission?: string;
  params?: z.ZodMiniType;
  query?: z.ZodMiniType;
  body?: z.ZodMiniType;
  /** A multipart upload: its file field and what it may be. */
  upload?: { field: string; accept: string[]; maxBytes?: string };
  /** The 2xx answer (the whole JSON body), or a file for downloads. */
  response?: z.ZodMiniType;
  download?: { contentType: string };
  status?: 200 | 201;
  /** Error codes the route can answer besides the ones every route may (UNAUTHORIZED, RATE_LIMITED …). */
  errors: string[];
  list?: ListDoc;
  example?: { body?: unknown; query?: Record<string, string>; response?: unknown };
  /** `auth: false` in Strapi: no session needed (login). */
  auth?: 'session' | 'public';
}

/** A module's routes, checked for duplicates once. */
export function routes(tag: string, list: Omit<RouteContract, 'tag'>[]): RouteContract[] {
  const seen = new Set<string>();
  return list.map((r) => {
    const key = `${r.method} ${r.path}`;
    if (seen.has(key)) throw new Error(`duplicate route ${key}`);
    seen.add(key);
    return { ...r, tag, auth: r.auth ?? (r.audience === 'public' ? 'public' : 'session') };
  });
}
