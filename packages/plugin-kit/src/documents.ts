/**
 * Document Service hooks for plugins. A plugin may need to check or normalise what the ordinary content-API routes
 * write to a type it adds fields to (the fx plugin's 外汇子账户 on the merchant). It registers that here instead of
 * calling `strapi.documents.use` itself: the lint rule keeps `strapi.documents` inside the kit.
 */
import type { Core } from '@strapi/strapi';

export interface WriteGuardContext {
  action: 'create' | 'update';
  /** The document updated (absent on create). */
  documentId?: string;
}

/** Checks (and may rewrite in place) `data` before it is written; throws to refuse the write. */
export type WriteGuard = (data: Record<string, unknown>, context: WriteGuardContext) => void | Promise<void>;

/**
 * Runs `guard` on every Document Service create and update of `uid` that carries data, before the write; every
 * other action and type passes untouched.
 */
export function guardDocumentWrites(strapi: Core.Strapi, uid: string, guard: WriteGuard): void {
  strapi.documents.use(async (context, next) => {
    const { uid: target, action } = context as { uid: string; action: string };
    const params = (context as { params?: { data?: Record<string, unknown>; documentId?: string } }).params;
    if (target === uid && (action === 'create' || action === 'update') && params?.data) {
      await guard(params.data, { action, ...(params.documentId ? { documentId: params.documentId } : {}) });
    }
    return next();
  });
}
