/**
 * Controller plumbing written once: routes from declarations, the caller's scope, request parsing against the
 * route's contract, the `{ data }` envelope, lists in Strapi's format, file uploads and downloads. A plugin's
 * controller is then a map of handlers that take plain, parsed input and return plain data.
 */
import fs from 'node:fs';
import type { Core } from '@strapi/strapi';
import { host, type ActorScope } from './host';
import { ListQueryError, type ListResponse } from './list';
import type { Row } from './knex';

export type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/** Structurally a zod schema: what the kit needs to parse with one (the contracts are zod). */
export interface Parser<T> {
  safeParse(input: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

export interface RouteDef {
  method: Method;
  /** Full path below /api, e.g. `/customs/batches/:id`. */
  path: string;
  /** The handler's name in the plugin's controller. */
  handler: string;
  /** `public`: no session needed (login). Default: a users-permissions session. */
  auth?: 'session' | 'public';
  /** Who may call: `staff` routes refuse everyone but platform staff before anything else happens. */
  audience?: 'public' | 'user' | 'merchant' | 'staff';
  /** The permission the route needs (staff: always; merchant users: on `merchant` routes — members lack `data.write`). */
  permission?: string;
  params?: Parser<unknown>;
  query?: Parser<unknown>;
  body?: Parser<unknown>;
}

/** Strapi content-api routes for a plugin controller, mounted at the given paths (no plugin prefix). */
export function contentApiRoutes(controller: string, defs: readonly RouteDef[]) {
  return {
    'content-api': {
      type: 'content-api' as const,
      routes: defs.map((d) => ({
        method: d.method,
        path: d.path,
        handler: `${controller}.${d.handler}`,
        config: { prefix: '', auth: d.auth === 'public' ? (false as const) : { strategies: ['users-permissions'] } },
      })),
    },
  };
}

export interface KoaContext {
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; files?: Record<string, unknown> };
  body: unknown;
  status: number;
  set(name: string, value: string): void;
  attachment(filename?: string): void;
  state: Record<string, unknown>;
}

export interface Upload {
  path: string;
  name: string;
  size: number;
  mime: string | null;
}

type UploadedFile = { filepath?: string; path?: string; originalFilename?: string; name?: string; size: number; mimetype?: string; type?: string };

/** The uploaded file of a multipart field (the first, if several were sent). */
export function fileOf(ctx: KoaContext, field = 'file'): Upload | null {
  const raw = ctx.request.files?.[field] as UploadedFile | UploadedFile[] | undefined;
  const f = Array.isArray(raw) ? raw[0] : raw;
  const p = f?.filepath ?? f?.path;
  if (!f || !p) return null;
  return { path: p, name: (f.originalFilename ?? f.name ?? 'upload').slice(0, 255), size: f.size, mime: f.mimetype ?? f.type ?? null };
}

export async function readUpload(upload: Upload): Promise<Buffer> {
  return fs.promises.readFile(upload.path);
}

/** A JSON body, unwrapped from Strapi's `{ data: … }` envelope when the client used it (`data` its only key). */
export function bodyOf(ctx: KoaContext): Row {
  const b = ctx.request.body as Row | undefined;
  if (b && typeof b === 'object' && !Array.isArray(b) && Object.keys(b).length === 1 && b.data && typeof b.data === 'object' && !Array.isArray(b.data)) return b.data as Row;
  return b && typeof b === 'object' && !Array.isArray(b) ? b : {};
}

const DOWNLOAD = Symbol('download');
const CREATED = Symbol('created');
const RAW = Symbol('raw');

export interface Download {
  [DOWNLOAD]: true;
  fileName: string;
  contentType: string;
  body: Buffer | NodeJS.ReadableStream;
}

/** A file to send: `Content-Disposition: attachment` with the name in RFC 6266 / 5987 form (Koa's ctx.attachment). */
export function download(fileName: string, contentType: string, body: Buffer | NodeJS.ReadableStream): Download {
  return { [DOWNLOAD]: true, fileName, contentType, body };
}

/** Answer 201 with `{ data }`. */
export function created<T>(data: T): { [CREATED]: true; data: T } {
  return { [CREATED]: true, data };
}

/** Send this body as it is (it already is an envelope, e.g. `{ data, meta }` with extras). */
export function raw<T extends object>(body: T, status = 200): { [RAW]: true; body: T; status: number } {
  return { [RAW]: true, body, status };
}

export interface Request<P = Record<string, string>, Q = Row, B = Row> {
  scope: ActorScope;
  params: P;
  query: Q;
  body: B;
  /** The multipart `file` field, when the request carried one. */
  file: Upload | null;
  ctx: KoaContext;
}

/** Input arrives parsed by the route's contract; handlers narrow it to the contract's output types. */
export type Handler = (req: Request) => Promise<unknown>;

/**
 * A handler with a check that must come before the body is judged (the module is open, the merchant has a
 * customs config …): what the caller cannot do at all is said before what is wrong with what they sent.
 */
export interface GuardedHandler {
  before: (scope: ActorScope) => Promise<unknown>;
  handle: Handler;
}

function isList(value: unknown): value is ListResponse<unknown> {
  return typeof value === 'object' && value !== null && 'data' in value && 'meta' in value && typeof (value as { meta?: { pagination?: unknown } }).meta?.pagination === 'object';
}

function issuesToErrors(issues: { path: PropertyKey[]; message: string }[], prefix: string): { field: string; message: string }[] {
  return issues.slice(0, 50).map((i) => ({ field: [prefix, ...i.path.map(String)].filter(Boolean).join('.') || prefix, message: i.message }));
}

/**
 * A Strapi controller from handlers: each gets the caller's scope and its input parsed with the route's
 * contract (params, query, body — a bad one is VALIDATION_FAILED with `details.errors: [{ field, message }]`),
 * and returns plain data (→ `{ data }`), a list (→ as is), `created(x)`, `download(…)` or `raw(body)`.
 */
export function controller(strapi: Core.Strapi, defs: readonly RouteDef[], handlers: Record<string, Handler | GuardedHandler>) {
  const byHandler = new Map(defs.map((d) => [d.handler, d]));
  const out: Record<string, (ctx: KoaContext) => Promise<void>> = {};
  for (const [name, entry] of Object.entries(handlers)) {
    const def = byHandler.get(name);
    if (!def) throw new Error(`controller: no route declares the handler "${name}"`);
    const handler = typeof entry === 'function' ? entry : entry.handle;
    const before = typeof entry === 'function' ? null : entry.before;
    out[name] = async (ctx: KoaContext) => {
      const h = host(strapi);
      const scope = await h.scope(ctx);
      const parse = (parser: Parser<unknown> | undefined, input: unknown, prefix: string): unknown => {
        if (!parser) return input;
        const result = parser.safeParse(input);
        if (result.success) return result.data;
        throw h.error('VALIDATION_FAILED', 400, { errors: issuesToErrors(result.error.issues, prefix) });
      };
      // Who may call is decided before what they sent is judged: a caller who may not act learns nothing about the body.
      if (def?.auth !== 'public' && scope.kind === 'anonymous') throw h.error('UNAUTHORIZED', 401);
      if (def?.audience === 'staff') {
        if (scope.kind !== 'platform') throw h.error('FORBIDDEN', 403);
        if (def.permission) h.assertCan(scope, def.permission);
      } else if (def?.audience === 'merchant' && def.permission && scope.kind === 'merchant') h.assertCan(scope, def.permission);
      if (before) await before(scope);
      let result: unknown;
      try {
        // A path that names nothing valid names nothing at all: 404, like an id that does not exist.
        if (def?.params && !def.params.safeParse(ctx.params ?? {}).success) throw h.error('NOT_FOUND', 404);
        const req: Request = {
          scope,
          params: parse(def?.params, ctx.params ?? {}, 'params') as Record<string, string>,
          query: parse(def?.query, ctx.query ?? {}, '') as Row,
          body: parse(def?.body, bodyOf(ctx), '') as Row,
          file: fileOf(ctx),
          ctx,
        };
        result = await handler(req as never);
      } catch (error) {
        if (error instanceof ListQueryError) throw h.error('VALIDATION_FAILED', 400, { errors: error.errors });
        throw error;
      }
      if (result && typeof result === 'object' && DOWNLOAD in result) {
        const d = result as Download;
        ctx.attachment(d.fileName);
        ctx.set('Content-Type', d.contentType);
        ctx.set('Cache-Control', 'private, no-store');
        ctx.body = d.body;
        return;
      }
      if (result && typeof result === 'object' && CREATED in result) {
        ctx.status = 201;
        ctx.body = { data: (result as unknown as { data: unknown }).data };
        return;
      }
      if (result && typeof result === 'object' && RAW in result) {
        const r = result as unknown as { body: unknown; status: number };
        ctx.status = r.status;
        ctx.body = r.body;
        return;
      }
      ctx.body = isList(result) ? result : { data: result ?? null };
    };
  }
  return out;
}
