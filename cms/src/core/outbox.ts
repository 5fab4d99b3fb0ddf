import type { Core } from '@strapi/strapi';
import { claimRow, INSTANCE_ID, newDocumentId, type OutboxJobInput } from '@jmt/plugin-kit';
import { asSystem } from './scope';

/**
 * The outbox (ARCHITECTURE principle 5): work triggered by a change is written as a job in the
 * change's own transaction, so it exists exactly when the change does. A worker delivers it:
 * - claims a due job with a lease (one UPDATE … WHERE status/lease, so two instances never both win;
 *   a crashed instance's lease simply runs out and the job is claimed again);
 * - hands it to its channel's handler with the job's idempotency key, which the handler passes on
 *   to the remote side (WeChat's client_msg_id) so a retry after a lost reply is not delivered twice;
 * - on failure retries with exponential backoff, and after maxAttempts marks it `failed`, where
 *   staff see it (GET /api/outbox-jobs) and can retry it.
 */
export const OUTBOX_UID = 'api::outbox-job.outbox-job';

/** What a job is enqueued with: plugin-kit's, which plugins enqueue through the host. */
export type { OutboxJobInput };

export interface OutboxJob extends OutboxJobInput {
  id: number;
  documentId: string;
  attempts: number;
  status: 'pending' | 'sending' | 'sent' | 'failed';
}

export type OutboxHandler = (job: OutboxJob) => Promise<Record<string, unknown> | void>;

const handlers = new Map<string, OutboxHandler>();

export function registerOutboxHandler(channel: string, handler: OutboxHandler): void {
  handlers.set(channel, handler);
}

const settings = () => ({
  pollMs: Number(process.env.OUTBOX_POLL_MS ?? 1000),
  backoffBaseMs: Number(process.env.OUTBOX_BACKOFF_MS ?? 2000),
  backoffMaxMs: Number(process.env.OUTBOX_BACKOFF_MAX_MS ?? 10 * 60_000),
  leaseMs: Number(process.env.OUTBOX_LEASE_MS ?? 60_000),
  maxAttempts: Number(process.env.OUTBOX_MAX_ATTEMPTS ?? 8),
  batch: 20,
});

/** Delay before attempt n+1 after n failures: base·2^(n-1), capped, with ±20 % jitter. */
export function backoffDelay(failures: number, baseMs: number, maxMs: number): number {
  const raw = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(raw * (0.8 + Math.random() * 0.4));
}

/**
 * Write jobs. Call inside the transaction of the change that triggers them; the document service
 * joins it. Runs as system work: jobs are bookkeeping, not a user's operation.
 */
export async function enqueue(strapi: Core.Strapi, jobs: OutboxJobInput[]): Promise<void> {
  if (!jobs.length) return;
  // Multi-row INSERTs through the query engine: a bulk declaration writes thousands of jobs in one
  // transaction, and one Document Service call per job would dominate it.
  const now = new Date();
  const rows = jobs.map((job) => ({
    documentId: newDocumentId(),
    channel: job.channel,
    idempotencyKey: job.idempotencyKey,
    payload: job.payload,
    title: job.title?.slice(0, 200) ?? null,
    recipient: job.recipient?.slice(0, 100) ?? null,
    merchantId: job.merchantId ?? null,
    status: 'pending',
    attempts: 0,
    maxAttempts: job.maxAttempts ?? settings().maxAttempts,
    nextAttemptAt: now,
    createdAt: now,
    updatedAt: now,
  }));
  for (let i = 0; i < rows.length; i += 400) {
    await strapi.db.query(OUTBOX_UID).createMany({ data: rows.slice(i, i + 400) });
  }
}

let timer: NodeJS.Timeout | null = null;
let running = false;
let rerun = false;
let stopped = true;
let strapiRef: Core.Strapi | null = null;

/**
 * Ask the worker to look now instead of at its next poll. Call after the transaction commits: a
 * callback scheduled inside it would inherit its async context (and its finished transaction).
 */
export function kick(): void {
  if (stopped || !strapiRef) return;
  setImmediate(() => void asSystem(drain));
}

/** The kit's row claim: still due, and nobody else's lease on it is live (a crashed sender's runs out). */
async function claim(strapi: Core.Strapi, id: number): Promise<boolean> {
  const due = { $or: [{ status: 'pending', nextAttemptAt: { $lte: new Date() } }, { status: 'sending' }] };
  return claimRow(strapi, OUTBOX_UID, id, due, settings().leaseMs, { status: 'sending' });
}

/** Jobs of a channel that failed for good (staff boards). */
export async function failedJobs(strapi: Core.Strapi, channel: string): Promise<number> {
  return Number(await strapi.db.query(OUTBOX_UID).count({ where: { channel, status: 'failed' } }));
}

async function deliver(strapi: Core.Strapi, job: OutboxJob): Promise<void> {
  const query = strapi.db.query(OUTBOX_UID);
  const handler = handlers.get(job.channel);
  const attempts = (job.attempts ?? 0) + 1;
  try {
    if (!handler) throw new Error(`no handler for channel ${job.channel}`);
    const result = await handler(job);
    await query.update({
      where: { id: job.id, lockedBy: INSTANCE_ID },
      data: { status: 'sent', attempts, sentAt: new Date(), lockedUntil: null, lockedBy: null, lastError: null, result: result ?? null },
    });
  } catch (error) {
    const { backoffBaseMs, backoffMaxMs } = settings();
    const exhausted = attempts >= (job.maxAttempts ?? settings().maxAttempts);
    await query.update({
      where: { id: job.id, lockedBy: INSTANCE_ID },
      data: {
        status: exhausted ? 'failed' : 'pending',
        attempts,
        lockedUntil: null,
        lockedBy: null,
        lastError: String((error as Error)?.message ?? error).slice(0, 2000),
        nextAttemptAt: exhausted ? null : new Date(Date.now() + backoffDelay(attempts, backoffBaseMs, backoffMaxMs)),
      },
    });
    if (!exhausted) schedule(backoffDelay(attempts, backoffBaseMs, backoffMaxMs) + 5);
  }
}

/** Deliver every due job; one pass at a time per instance, re-run if kicked meanwhile. */
export async function drain(): Promise<number> {
  const strapi = strapiRef;
  if (!strapi) return 0;
  if (running) {
    rerun = true;
    return 0;
  }
  running = true;
  let delivered = 0;
  try {
    do {
      rerun = false;
      const now = new Date();
      const due = (await strapi.db.query(OUTBOX_UID).findMany({
        where: {
          $or: [
            { status: 'pending', nextAttemptAt: { $lte: now } },
            { status: 'sending', lockedUntil: { $lt: now } },
          ],
        },
        orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
        limit: settings().batch,
      })) as OutboxJob[];
      for (const job of due) {
        if (stopped) return delivered;
        if (!(await claim(strapi, job.id))) continue;
        await deliver(strapi, job);
        delivered += 1;
      }
      if (due.length === settings().batch) rerun = true;
    } while (rerun && !stopped);
  } catch (error) {
    strapi.log.error(`[outbox] ${(error as Error).message}`);
  } finally {
    running = false;
  }
  return delivered;
}

function schedule(delayMs: number): void {
  if (stopped) return;
  setTimeout(() => void asSystem(drain), Math.max(0, delayMs)).unref();
}

export function startOutboxWorker(strapi: Core.Strapi): void {
  if (process.env.OUTBOX_WORKER === 'false') return;
  strapiRef = strapi;
  stopped = false;
  const { pollMs } = settings();
  timer = setInterval(() => void asSystem(drain), pollMs);
  timer.unref();
  kick();
}

export function stopOutboxWorker(): void {
  stopped = true;
  if (timer) clearInterval(timer);
  timer = null;
}

/** Staff: put a failed job back in the queue now. */
export async function retryJob(strapi: Core.Strapi, documentId: string): Promise<boolean> {
  const { count } = (await strapi.db.query(OUTBOX_UID).updateMany({
    where: { documentId, status: 'failed' },
    data: { status: 'pending', nextAttemptAt: new Date(), attempts: 0, lastError: null },
  })) as { count: number };
  if (count) kick();
  return count > 0;
}
