import type { Context } from 'koa';

/**
 * Typing what a request carries. Controllers, middlewares and policies take Koa's Context (as Strapi types its own
 * controllers); what the client sent is untrusted, so it is read as `unknown` fields and narrowed where it is used.
 */

/** The route parameters the router puts on the context (`/api/messages/:id` → `paramsOf(ctx).id`). */
export const paramsOf = (ctx: Context): Record<string, string> => (ctx as Context & { params: Record<string, string> }).params;

/** Fields of a client-sent object, not yet checked. */
export type Fields = Record<string, unknown>;

/** The fields of an object, or none for anything else (a missing body, a string, a number). */
export const fieldsOf = (value: unknown): Fields => (value !== null && typeof value === 'object' ? (value as Fields) : {});

/** The parsed request body (koa-body's `any`) as unchecked fields. */
export const bodyOf = (ctx: Pick<Context, 'request'>): Fields => fieldsOf(ctx.request.body);
