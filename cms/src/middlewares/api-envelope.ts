import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { ListQueryError } from '@jmt/plugin-kit';
import { AppError } from '../core/errors';
import { errorMessages, type ErrorCode } from '../locales/zh-CN';
import { writeAudit } from '../core/audit';
import { resolveScope } from '../core/scope';

/**
 * One error format for every API route — `{ data: null, error: { status, code, name, message, details } }`
 * with a Chinese message for people and a stable code for programs — and the request-level
 * fallback of the operation log: a mutating /api request that succeeded without any audited
 * document write still leaves one row.
 */
const codeByStrapiName: Record<string, ErrorCode> = {
  UnauthorizedError: 'UNAUTHORIZED',
  ForbiddenError: 'FORBIDDEN',
  NotFoundError: 'NOT_FOUND',
  ValidationError: 'VALIDATION_FAILED',
  YupValidationError: 'VALIDATION_FAILED',
  RateLimitError: 'RATE_LIMITED',
  PayloadTooLargeError: 'FILE_TOO_LARGE',
};
const statusByCode: Partial<Record<ErrorCode, number>> = {
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  VALIDATION_FAILED: 400,
  RATE_LIMITED: 429,
  FILE_TOO_LARGE: 413,
};
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** What Strapi's errors (and koa-body's) carry, thrown or already set as `ctx.body.error`. */
interface StrapiError {
  name?: string;
  status?: number;
  message?: string;
  code?: string;
  details?: unknown;
}
/** The error in a body the route already answered with, if any. */
const bodyError = (body: unknown): unknown => (body as { error?: unknown } | null | undefined)?.error;

function moduleOfPath(path: string): string {
  const segment = path.replace(/^\/api\//, '').split('/')[0] || 'system';
  return segment.replace(/s$/, '');
}

export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Context, next: () => Promise<void>) => {
    const isApi = typeof ctx.path === 'string' && ctx.path.startsWith('/api/');
    if (!isApi) return next();
    ctx.state.auditRows = 0;
    try {
      await next();
    } catch (thrown) {
      // A bad list query (parseListQuery) is a VALIDATION_FAILED like any other, with its fields in details.errors.
      const error = thrown instanceof ListQueryError ? new AppError('VALIDATION_FAILED', 400, { errors: thrown.errors }) : (thrown as StrapiError | null | undefined);
      if (error instanceof AppError) {
        ctx.status = error.status;
        ctx.body = { data: null, error: { status: error.status, code: error.code, name: error.name, message: error.message, details: error.details } };
        return;
      }
      const code = codeByStrapiName[error?.name as string];
      if (!code) throw error; // unknown: strapi::errors logs it and answers 500
      const known = error as StrapiError; // it has one of the names above
      const status = known.status || statusByCode[code] || 400;
      ctx.status = status;
      const message = code === 'VALIDATION_FAILED' && known.message ? `${errorMessages[code]}：${known.message}` : errorMessages[code];
      ctx.body = { data: null, error: { status, code, name: known.name, message, details: known.details ?? {} } };
      return;
    }

    // No route for this path (Koa's bare 404) or for this method on it (405): the one error format all the same.
    if ((ctx.status === 404 || ctx.status === 405) && !(ctx.body && typeof ctx.body === 'object' && bodyError(ctx.body))) {
      const status = ctx.status as 404 | 405;
      const code = status === 404 ? 'NOT_FOUND' : 'METHOD_NOT_ALLOWED';
      ctx.body = { data: null, error: { status, code, name: status === 404 ? 'NotFoundError' : 'MethodNotAllowedError', message: errorMessages[code], details: {} } };
      // Koa turns a body set on its default 404 into a 200 unless the status is set again.
      ctx.status = status;
      return;
    }

    // Errors answered without throwing (e.g. users-permissions' ctx.unauthorized) get the same shape.
    const answered = bodyError(ctx.body) as StrapiError | null | undefined;
    if (ctx.status >= 400 && answered && typeof answered === 'object' && !answered.code) {
      const code = codeByStrapiName[answered.name as string];
      if (code) ctx.body = { data: null, error: { ...answered, code, message: errorMessages[code], details: answered.details ?? {} } };
    }

    if (MUTATING.has(ctx.method) && ctx.status < 400 && ctx.state.auditRows === 0) {
      const scope = ctx.state.user ? await resolveScope(strapi, ctx) : null;
      await writeAudit(strapi, { module: moduleOfPath(ctx.path), action: `${ctx.method} ${ctx.path}`, status: ctx.status }, scope);
    }
  };
};
