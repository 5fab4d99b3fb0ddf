import type { Context } from 'koa';
import { factories, type Data } from '@strapi/strapi';
import { listResponse, parseListQuery, type ListSpec } from '@jmt/plugin-kit';
import { AppError } from '../../../core/errors';
import { assertCan, resolveScope } from '../../../core/scope';
import { OUTBOX_UID, retryJob } from '../../../core/outbox';
import { paramsOf } from '../../../core/request';

const STATUSES = ['pending', 'sending', 'sent', 'failed'] as const;

/**
 * Strapi's list format (plugin-kit's list helper), newest first: `filters[status][$eq|$in]`,
 * `filters[channel][$eq|$in]` (`wechat.template`, `ddt.ceb` …), `sort=createdAt|nextAttemptAt:asc|desc`,
 * `pagination[…]` (at most 100). `meta.counts` has the number of jobs in each status under the other filters
 * (the channel), whatever status the page shows: the 推送失败 tab's badge.
 */
export const OUTBOX_LIST: ListSpec = {
  filters: {
    status: { ops: ['$eq', '$in'], values: STATUSES },
    channel: { ops: ['$eq', '$in'] },
  },
  sort: ['createdAt', 'nextAttemptAt'],
  defaultSort: [{ createdAt: 'desc' }],
  maxPageSize: 100,
};

/** A job row; the payload of a WeChat template message may link into the mini-program. */
type JobRow = Omit<Data.ContentType<typeof OUTBOX_UID>, 'payload'> & { payload?: { miniprogram?: { pagepath?: string } } | null };

/** Staff view of the outbox (principle 5: failures stay visible) and a manual retry. */
export default factories.createCoreController(OUTBOX_UID, ({ strapi }) => ({
  async find(ctx: Context) {
    const scope = await resolveScope(strapi, ctx);
    if (scope.kind !== 'platform') throw new AppError('FORBIDDEN', 403);
    assertCan(scope, 'platform.access');
    const list = parseListQuery(ctx.query, OUTBOX_LIST);
    const query = strapi.db.query(OUTBOX_UID);
    const others = list.whereExcept('status');
    const inStatus = (status: string) => (Object.keys(others).length ? { $and: [others, { status }] } : { status });
    const [rows, total, ...counts] = await Promise.all([
      query.findMany({ where: list.where, orderBy: list.orderBy, offset: list.offset, limit: list.limit }),
      query.count({ where: list.where }),
      ...STATUSES.map((status) => query.count({ where: inStatus(status) })),
    ]);
    ctx.body = listResponse(
      (rows as JobRow[]).map((job) => ({
        id: job.documentId,
        documentId: job.documentId,
        channel: job.channel,
        status: job.status,
        title: job.title,
        recipient: job.recipient,
        merchantId: job.merchantId,
        attempts: job.attempts,
        maxAttempts: job.maxAttempts,
        nextAttemptAt: job.nextAttemptAt,
        lastError: job.lastError,
        sentAt: job.sentAt,
        createdAt: job.createdAt,
        pagepath: job.payload?.miniprogram?.pagepath ?? null,
      })),
      list,
      total,
      { counts: Object.fromEntries(STATUSES.map((status, i) => [status, counts[i]])) },
    );
  },

  async retry(ctx: Context) {
    const scope = await resolveScope(strapi, ctx);
    if (scope.kind !== 'platform') throw new AppError('FORBIDDEN', 403);
    assertCan(scope, 'outbox.retry');
    if (!(await retryJob(strapi, paramsOf(ctx).id))) throw new AppError('OUTBOX_NOT_RETRYABLE', 409);
    ctx.body = { data: { id: paramsOf(ctx).id, status: 'pending' } };
  },
}));
