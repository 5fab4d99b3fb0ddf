import type { Core } from '@strapi/strapi';

/**
 * A database transaction retried when the database itself asks for it: InnoDB deadlocks and lock
 * wait time-outs ("try restarting transaction") and SQLite's busy database. Business errors thrown
 * by the work propagate at once.
 */
const RETRYABLE = [/Deadlock found/i, /Lock wait timeout/i, /SQLITE_BUSY/i, /database is locked/i];

export async function transactionWithRetry<T>(strapi: Core.Strapi, work: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await strapi.db.transaction(work);
    } catch (error) {
      const message = String((error as Error)?.message ?? '');
      if (attempt >= attempts || !RETRYABLE.some((re) => re.test(message))) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10 * 2 ** attempt + Math.random() * 20));
    }
  }
}
