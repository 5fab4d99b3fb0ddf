import type { Core } from '@strapi/strapi';
import { HOST_KEY, type Host } from '@jmt/plugin-kit';
import { AppError, registerErrorMessages } from './errors';
import { writeAudit } from './audit';
import { notifyMerchant } from './notify';
import { enqueue, failedJobs, kick, registerOutboxHandler, type OutboxHandler as CmsOutboxHandler } from './outbox';
import { privateUploadDir } from './private-files';
import { secret } from './secrets';
import { asSystem, assertCan, can, currentScope, resolveScope, type Scope } from './scope';
import { transactionWithRetry } from './transactions';
import { invalidateHome } from '../api/identity/lib/home';

/**
 * The cms's mechanisms as plugins see them (`jmt.host`, typed by @jmt/plugin-kit's `Host`). Plugins are
 * compiled on their own; going through this one object keeps a single tenancy scope, error catalogue, operation
 * log and outbox instead of a copy per plugin.
 */
export function registerHost(strapi: Core.Strapi): void {
  const host: Host = {
    scope: (ctx) => resolveScope(strapi, ctx as Parameters<typeof resolveScope>[1]),
    currentScope: () => currentScope(strapi),
    can: (scope, action) => can(scope as Scope, action),
    assertCan: (scope, action) => assertCan(scope as Scope, action),
    error: (code, status, details) => new AppError(code, status, details ?? {}),
    registerErrors: (messages) => registerErrorMessages(messages),
    transaction: (work) => transactionWithRetry(strapi, work),
    asSystem,
    audit: (entry, scope) => writeAudit(strapi, entry, scope as Scope),
    notifyMerchant: (notice) => notifyMerchant(strapi, notice),
    afterCommit: () => {
      kick();
      invalidateHome();
    },
    enqueue: (jobs) => enqueue(strapi, jobs),
    onOutbox: (channel, handler, options) => registerOutboxHandler(channel, handler as CmsOutboxHandler, options),
    failedJobs: (channel) => failedJobs(strapi, channel),
    secret: (name) => secret(name),
    privateDir: () => privateUploadDir(),
  };
  strapi.add(HOST_KEY, host);
}
