import { factories } from '@strapi/strapi';
import { AppError } from '../../../core/errors';
import { assertCan, resolveScope } from '../../../core/scope';
import { OUTBOX_UID, retryJob } from '../../../core/outbox';

const STATUSES = new Set(['pending', 'sending', 'sent', 'failed']);

/** Staff view of the outbox (principle 5: failures stay visible) and a manual retry. */
export default factories.createCoreController(OUTBOX_UID, ({ strapi }) => ({
  async find(ctx: any) {
    const scope = await resolveScope(strapi, ctx);
    if (scope.kind !== 'platform') throw new AppError('FORBIDDEN', 403);
    assertCan(scope, 'platform.access');
    const page = Math.max(1, Number(ctx.query.page) || 1);
    const pageSize = Math.min(100, Math.max(1, Number(ctx.query.pageSize) || 20));
    const where: Record<string, unknown> = {};
    if (typeof ctx.query.status === 'string' && ctx.query.status) {
      if (!STATUSES.has(ctx.query.status)) throw new AppError('VALIDATION_FAILED', 400, { field: 'status' });
      where.status = ctx.query.status;
    }
    if (typeof ctx.query.channel === 'string' && ctx.query.channel) where.channel = ctx.query.channel;
    const query = strapi.db.query(OUTBOX_UID);
    const [rows, total, failed] = await Promise.all([
      query.findMany({ where, orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }),
      query.count({ where }),
      query.count({ where: { status: 'failed', ...(where.channel ? { channel: where.channel } : {}) } }),
    ]);
    ctx.body = {
      data: (rows as Record<string, any>[]).map((job) => ({
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
      meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total }, failed },
    };
  },

  async retry(ctx: any) {
    const scope = await resolveScope(strapi, ctx);
    if (scope.kind !== 'platform') throw new AppError('FORBIDDEN', 403);
    assertCan(scope, 'outbox.retry');
    if (!(await retryJob(strapi, ctx.params.id))) throw new AppError('OUTBOX_NOT_RETRYABLE', 409);
    ctx.body = { data: { id: ctx.params.id, status: 'pending' } };
  },
}));
