import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { AppError } from '../../../core/errors';
import { secret } from '../../../core/secrets';
import { sendLoginCode, smsConfigFromEnv, SmsSendError } from '../../../adapters/sms';
import { beijingDay } from './phone';
import { transactionWithRetry } from '../../../core/transactions';

/**
 * One-time SMS login codes: 6 digits, stored hashed, valid 5 minutes, single use. Per phone: one send
 * per 60 s, a daily cap, and a lock after five wrong codes. Limits are read from the environment so
 * operators can tune them; the defaults are the product rules.
 */
const GUARD = 'api::phone-guard.phone-guard';
const CODE = 'api::sms-code.sms-code';

export const limits = () => ({
  codeTtlMs: Number(process.env.SMS_CODE_TTL_SECONDS || 300) * 1000,
  cooldownMs: Number(process.env.SMS_COOLDOWN_SECONDS || 60) * 1000,
  dailyCap: Number(process.env.SMS_DAILY_CAP || 10),
  maxWrongCodes: Number(process.env.SMS_MAX_WRONG_CODES || 5),
  lockMs: Number(process.env.SMS_LOCK_SECONDS || 900) * 1000,
});

interface GuardRow {
  id: number;
  phone: string;
  lastSentAt: string | number | null;
  dailyDate: string | null;
  dailyCount: number | null;
  failedCount: number | null;
  lockedUntil: string | number | null;
}

const num = (v: string | number | null | undefined): number => (v === null || v === undefined ? 0 : Number(v));

function hashCode(phone: string, code: string): string {
  return crypto.createHmac('sha256', secret('SMS_CODE_PEPPER')).update(`${phone}:${code}`).digest('hex');
}

async function guardFor(strapi: Core.Strapi, phone: string): Promise<GuardRow> {
  const q = strapi.db.query(GUARD);
  const existing = (await q.findOne({ where: { phone }, orderBy: { id: 'asc' } })) as GuardRow | null;
  if (existing) return existing;
  return (await q.create({ data: { phone, dailyCount: 0, failedCount: 0 } })) as GuardRow;
}

function assertNotLocked(guard: GuardRow, now: number): void {
  const lockedUntil = num(guard.lockedUntil);
  if (lockedUntil > now) {
    throw new AppError('PHONE_LOCKED', 429, { retryAfterSeconds: Math.ceil((lockedUntil - now) / 1000) });
  }
}

export async function issueCode(strapi: Core.Strapi, phone: string): Promise<{ cooldownSeconds: number; expiresInSeconds: number }> {
  const rules = limits();
  const now = Date.now();
  const code = String(crypto.randomInt(0, 1_000_000)).padStart(6, '0');

  await transactionWithRetry(strapi, async () => {
    const guard = await guardFor(strapi, phone);
    assertNotLocked(guard, now);
    const lastSentAt = num(guard.lastSentAt);
    if (lastSentAt && now - lastSentAt < rules.cooldownMs) {
      throw new AppError('SMS_TOO_FREQUENT', 429, { retryAfterSeconds: Math.ceil((rules.cooldownMs - (now - lastSentAt)) / 1000) });
    }
    const today = beijingDay(now);
    const sentToday = guard.dailyDate === today ? num(guard.dailyCount) : 0;
    if (sentToday >= rules.dailyCap) throw new AppError('SMS_DAILY_LIMIT', 429, { dailyCap: rules.dailyCap });
    // Compare-and-set on lastSentAt: of two concurrent sends only one passes.
    const { count } = await strapi.db.query(GUARD).updateMany({
      where: { id: guard.id, lastSentAt: guard.lastSentAt ?? null },
      data: { lastSentAt: now, dailyDate: today, dailyCount: sentToday + 1 },
    });
    if (count !== 1) throw new AppError('SMS_TOO_FREQUENT', 429, { retryAfterSeconds: Math.ceil(rules.cooldownMs / 1000) });
    // A new code replaces any earlier one.
    await strapi.db.query(CODE).updateMany({ where: { phone, consumedAt: null }, data: { consumedAt: now } });
    await strapi.db.query(CODE).create({ data: { phone, codeHash: hashCode(phone, code), expiresAt: now + rules.codeTtlMs } });
  });

  try {
    await sendLoginCode(smsConfigFromEnv(), phone, code);
  } catch (error) {
    strapi.log.warn(`[sms] send to ${phone.slice(0, 3)}****${phone.slice(7)} failed: ${(error as SmsSendError).message}`);
    // Let the user retry at once rather than wait out a cooldown for a message that never left.
    await strapi.db.query(GUARD).updateMany({ where: { phone }, data: { lastSentAt: null } });
    throw new AppError('SMS_SEND_FAILED', 502);
  }
  return { cooldownSeconds: Math.ceil(rules.cooldownMs / 1000), expiresInSeconds: Math.ceil(rules.codeTtlMs / 1000) };
}

/** Verifies and consumes a code; wrong codes count towards the lock. Throws AppError on failure. */
export async function consumeCode(strapi: Core.Strapi, phone: string, code: string): Promise<void> {
  const rules = limits();
  const now = Date.now();
  const outcome = await transactionWithRetry(strapi, async () => {
    const guard = await guardFor(strapi, phone);
    assertNotLocked(guard, now);
    const latest = (await strapi.db.query(CODE).findOne({
      where: { phone, consumedAt: null },
      orderBy: { id: 'desc' },
    })) as { id: number; codeHash: string; expiresAt: string | number } | null;
    if (!latest || num(latest.expiresAt) <= now) return { error: new AppError('SMS_CODE_EXPIRED', 400) };

    const expected = Buffer.from(latest.codeHash, 'hex');
    const given = Buffer.from(hashCode(phone, code), 'hex');
    if (expected.length === given.length && crypto.timingSafeEqual(expected, given)) {
      // Single use even under concurrent logins: only one request consumes the row.
      const { count } = await strapi.db.query(CODE).updateMany({ where: { id: latest.id, consumedAt: null }, data: { consumedAt: now } });
      if (count !== 1) return { error: new AppError('SMS_CODE_EXPIRED', 400) };
      await strapi.db.query(GUARD).update({ where: { id: guard.id }, data: { failedCount: 0 } });
      return { error: null };
    }

    const failed = num(guard.failedCount) + 1;
    if (failed >= rules.maxWrongCodes) {
      await strapi.db.query(GUARD).update({ where: { id: guard.id }, data: { failedCount: 0, lockedUntil: now + rules.lockMs } });
      await strapi.db.query(CODE).updateMany({ where: { phone, consumedAt: null }, data: { consumedAt: now } });
      return { error: new AppError('PHONE_LOCKED', 429, { retryAfterSeconds: Math.ceil(rules.lockMs / 1000) }) };
    }
    await strapi.db.query(GUARD).update({ where: { id: guard.id }, data: { failedCount: failed } });
    return { error: new AppError('SMS_CODE_INVALID', 400, { attemptsLeft: rules.maxWrongCodes - failed }) };
  });
  // Thrown after the transaction so the failed-attempt count is committed, not rolled back.
  if (outcome.error) throw outcome.error;
}
