import type { Core } from '@strapi/strapi';
import type { Host } from '@jmt/plugin-workflow';
import type { CustomsHost } from '@jmt/plugin-customs';
import type { FxHost } from '@jmt/plugin-fx';
import { AppError } from './errors';
import { writeAudit } from './audit';
import { notifyMerchant } from './notify';
import { enqueue, kick, newDocumentId, registerOutboxHandler, type OutboxHandler as CmsOutboxHandler } from './outbox';
import { privateUploadDir } from './private-files';
import { secret } from './secrets';
import { asSystem, assertCan, can, resolveScope, type Scope } from './scope';
import { transactionWithRetry } from './transactions';
import { invalidateHome } from '../api/identity/lib/home';
import type { ErrorCode } from '../locales/zh-CN';

/**
 * The cms's mechanisms as plugins see them (registered as `jmt.host`). Plugins are compiled on their
 * own; going through this one object keeps a single tenancy scope, error format, operation log and
 * outbox instead of a copy per plugin.
 */
export function registerHost(strapi: Core.Strapi): void {
  const host: Host & CustomsHost & FxHost = {
    scope: (ctx) => resolveScope(strapi, ctx as Parameters<typeof resolveScope>[1]),
    can: (scope, action) => can(scope as Scope, action),
    assertCan: (scope, action) => assertCan(scope as Scope, action),
    error: (code, status, details) => new AppError(code as ErrorCode, status, details ?? {}),
    transaction: (work) => transactionWithRetry(strapi, work),
    asSystem,
    audit: (entry, scope) => writeAudit(strapi, entry, scope as Scope),
    notifyMerchant: (notice) => notifyMerchant(strapi, notice),
    afterCommit: () => {
      kick();
      invalidateHome();
    },
    enqueue: (jobs) => enqueue(strapi, jobs),
    onOutbox: (channel, handler) => registerOutboxHandler(channel, handler as CmsOutboxHandler),
    secret: (name) => secret(name),
    privateDir: () => privateUploadDir(),
    newDocumentId,
  };
  strapi.add('jmt.host', host);
}
