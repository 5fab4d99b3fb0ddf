import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { assertCan, resolveScope } from '../core/scope';

/** Route policy: `{ name: 'global::can', config: { action: 'audit.read' } }` → the one `can()` check. */
export default async (ctx: Context, config: { action: string }, { strapi }: { strapi: Core.Strapi }) => {
  const scope = await resolveScope(strapi, ctx);
  assertCan(scope, config.action);
  return true;
};
