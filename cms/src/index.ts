import type { Core } from '@strapi/strapi';
import { declareUniqueIndexes, undeclaredTypes } from '@jmt/plugin-kit';
import { closeUnusedContentApi } from './core/closed-routes';
import { registerTenancy } from './core/tenancy';
import { registerAudit } from './core/audit';
import { assertProductionSafe } from './core/production-guard';
import { syncRolePermissions } from './core/role-permissions';
import { seedDemo } from './seed/demo';
import { ensurePlatformRoles } from './seed/platform';
import { invalidateHomeOn } from './api/identity/lib/home';
import { registerHost } from './core/host';
import { registerInvitationSmsChannel, registerWechatChannel } from './core/notify';
import { startOutboxWorker, stopOutboxWorker } from './core/outbox';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    assertProductionSafe();
    // Every content type of ours says whom its rows belong to: one without a declaration is a leak waiting to happen.
    const undeclared = undeclaredTypes(strapi);
    if (undeclared.length) throw new Error(`content types without a tenancy declaration (pluginOptions.jmt.tenancy): ${undeclared.join(', ')}`);
    // Before Strapi builds its database models (bootstrap): schema uniqueness becomes real unique indexes.
    declareUniqueIndexes(strapi);
    closeUnusedContentApi(strapi);
    // Order matters: tenancy decides first, then the audit middleware logs what was allowed.
    registerTenancy(strapi);
    registerAudit(strapi);
    invalidateHomeOn(strapi);
    registerHost(strapi);
    registerWechatChannel(strapi.log);
    registerInvitationSmsChannel();
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    await syncRolePermissions(strapi);
    await ensurePlatformRoles(strapi);
    if (process.env.SEED_DEMO === 'true') await seedDemo(strapi);
    startOutboxWorker(strapi);
  },

  destroy() {
    stopOutboxWorker();
  },
};
