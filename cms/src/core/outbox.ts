import type { Core } from '@strapi/strapi';
import { claimRow, INSTANCE_ID, newDocumentId, type OutboxJobInput } from '@jmt/plugin-kit';
import { asSystem } from './scope';

/**
 * The outbox (ARCHITECTURE principle 5): work triggered by a change is written as a job in the
 * change's own transaction, so it exists exactly when the change does. A worker delivers it:
 * - claims a due job with a lease (one UPDATE … WHERE status/lease, so two instances never both win;
 *   a crashed instance's lease runs out and the job is claimed again) sized to its channel's timeout;
 * - delivers each channel on its own, several jobs at once (the channel's concurrency), each within the
 *   channel's timeout, so one slow system (点点通 timing out) never holds back another (WeChat);
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

/** How a channel is delivered: how many jobs at once per instance, and how long one may take. */
export interface OutboxChannelOptions {
  concurrency?: number;
  timeoutMs?: number;
}

interface Channel {
  handler: OutboxHandler;
  concurrency: number;
  timeoutMs: number;
  /** A delivery pass of this channel is running on this instance; `rerun` asks it to look again. */
  running: boolean;
  rerun: boolean;
}

const channels = new Map<string, Channel>();

const positive = (value: unknown, fallback: number) => (Number.isFinite(Number(value)) && Number(value) > 0 ? Number(value) : fallback);

export function registerOutboxHandler(channel: string, handler: OutboxHandler, options: OutboxChannelOptions = {}): void {
  channels.set(channel, {
    handler,
    concurrency: Math.floor(positive(options.concurrency, positive(process.env.OUTBOX_CONCURRENCY, 4))),
    timeoutMs: positive(options.timeoutMs, positive(process.env.OUTBOX_TIMEOUT_MS, 15_000)),
    running: false,
    rerun: false,
  });
}

/**
 * A job's lease: its channel's timeout and a margin, so a live sender is never overtaken, and a job whose instance
 * died is claimed again soon after (not after a fixed minute).
 */
export const leaseFor = (timeoutMs: number): number => (process.env.OUTBOX_LEASE_MS ? Number(process.env.OUTBOX_LEASE_MS) : timeoutMs + Math.max(2000, Math.round(timeoutMs / 2)));

const settings = () => ({
  pollMs: Number(process.env.OUTBOX_POLL_MS ?? 1000),
  backoffBaseMs: Number(process.env.OUTBOX_BACKOFF_MS ?? 2000),
  backoffMaxMs: Number(process.env.OUTBOX_BACKOFF_MAX_MS ?? 10 * 60_000),
  maxAttempts: Number(process.env.OUTBOX_MAX_ATTEMPTS ?? 8),
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
async function claim(strapi: Core.Strapi, id: number, channel: Channel): Promise<boolean> {
  const due = { $or: [{ status: 'pending', nextAttemptAt: { $lte: new Date() } }, { status: 'sending' }] };
  return claimRow(strapi, OUTBOX_UID, id, due, leaseFor(channel.timeoutMs), { status: 'sending' });
}

/** The handler's answer, or a timeout error once the channel's time is up (a late answer is then ignored). */
async function within<T>(work: Promise<T>, timeoutMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`outbox: no answer within ${timeoutMs} ms`)), timeoutMs);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Jobs of a channel that failed for good (staff boards). */
export async function failedJobs(strapi: Core.Strapi, channel: string): Promise<number> {
  return Number(await strapi.db.query(OUTBOX_UID).count({ where: { channel, status: 'failed' } }));
}

async function deliver(strapi: Core.Strapi, job: OutboxJob, channel: Channel): Promise<void> {
  const query = strapi.db.query(OUTBOX_UID);
  const attempts = (job.attempts ?? 0) + 1;
  try {
    const result = await within(channel.handler(job), channel.timeoutMs);
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

/** Deliver every due job of one channel: one pass at a time per channel and instance, re-run if kicked meanwhile. */
async function drainChannel(strapi: Core.Strapi, name: string, channel: Channel): Promise<number> {
  if (channel.running) {
    channel.rerun = true;
    return 0;
  }
  channel.running = true;
  let delivered = 0;
  try {
    const batch = channel.concurrency * 5;
    do {
      channel.rerun = false;
      const now = new Date();
      const due = (await strapi.db.query(OUTBOX_UID).findMany({
        where: {
          channel: name,
          $or: [
            { status: 'pending', nextAttemptAt: { $lte: now } },
            { status: 'sending', lockedUntil: { $lt: now } },
          ],
        },
        orderBy: [{ nextAttemptAt: 'asc' }, { id: 'asc' }],
        limit: batch,
      })) as OutboxJob[];
      // `concurrency` senders take the jobs in order; each claims before it sends, so another instance's
      // senders working on the same list never send a job twice.
      let next = 0;
      const sender = async () => {
        while (next < due.length && !stopped) {
          const job = due[next++];
          if (!(await claim(strapi, job.id, channel))) continue;
          await deliver(strapi, job, channel);
          delivered += 1;
        }
      };
      await Promise.all(Array.from({ length: Math.min(channel.concurrency, due.length) }, sender));
      if (due.length === batch) channel.rerun = true;
    } while (channel.rerun && !stopped);
  } catch (error) {
    strapi.log.error(`[outbox] ${name}: ${(error as Error).message}`);
  } finally {
    channel.running = false;
  }
  return delivered;
}

/** Deliver every due job of every channel this instance has a handler for; the channels run side by side. */
export async function drain(): Promise<number> {
  const strapi = strapiRef;
  if (!strapi) return 0;
  const counts = await Promise.all([...channels].map(([name, channel]) => drainChannel(strapi, name, channel)));
  return counts.reduce((a, b) => a + b, 0);
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
