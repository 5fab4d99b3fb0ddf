import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { invitations as contract } from '@jmt/contracts';
import { AppError } from '../../../core/errors';
import { resolveScope } from '../../../core/scope';
import { paramsOf } from '../../../core/request';
import { accept, decline, invite, merchantAdmin, received, revoke, sent } from '../lib/invitations';

/** HTTP glue for 成员邀请 (lib/invitations.ts holds the rules); bodies are parsed with @jmt/contracts. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const scope = (ctx: Context) => resolveScope(strapi, ctx);
  const body = (ctx: Context): unknown => {
    const b = ctx.request.body as { data?: unknown } | undefined;
    return b && typeof b === 'object' && 'data' in b ? b.data : b;
  };
  return {
    async sent(ctx: Context) {
      ctx.body = { data: await sent(strapi, await scope(ctx)) };
    },
    async invite(ctx: Context) {
      const s = await scope(ctx);
      merchantAdmin(s);
      const parsed = contract.inviteInput.safeParse(body(ctx) ?? {});
      if (!parsed.success) {
        // A bad phone answers PHONE_INVALID, as the first version did; anything else VALIDATION_FAILED.
        const phoneIssue = parsed.error.issues.find((i) => i.path[0] === 'phone');
        if (phoneIssue) throw new AppError('PHONE_INVALID', 400, { field: 'phone' });
        throw new AppError('VALIDATION_FAILED', 400, { errors: parsed.error.issues.map((i) => ({ field: i.path.join('.'), message: i.message })) });
      }
      ctx.status = 201;
      ctx.body = { data: await invite(strapi, s, parsed.data) };
    },
    async revoke(ctx: Context) {
      ctx.body = { data: await revoke(strapi, await scope(ctx), paramsOf(ctx).id) };
    },
    async received(ctx: Context) {
      ctx.body = { data: await received(strapi, await scope(ctx)) };
    },
    async accept(ctx: Context) {
      const { jwt, ...data } = await accept(strapi, await scope(ctx), paramsOf(ctx).id);
      ctx.body = { data, jwt };
    },
    async decline(ctx: Context) {
      ctx.body = { data: await decline(strapi, await scope(ctx), paramsOf(ctx).id) };
    },
  };
};
