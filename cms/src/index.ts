import type { Core } from '@strapi/strapi';
import { registerTenancy } from './core/tenancy';
import { registerAudit } from './core/audit';
import { assertProductionSafe } from './core/production-guard';
import { syncRolePermissions } from './core/role-permissions';
import { seedDemo } from './seed/demo';
import { ensurePlatformRoles } from './seed/platform';
import { invalidateHomeOn } from './api/identity/lib/home';
import { registerHost } from './core/host';
import { registerWechatChannel } from './core/notify';
import { startOutboxWorker, stopOutboxWorker } from './core/outbox';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    assertProductionSafe();
    // Order matters: tenancy decides first, then the audit middleware logs what was allowed.
    registerTenancy(strapi);
    registerAudit(strapi);
    invalidateHomeOn(strapi);
    registerHost(strapi);
    registerWechatChannel(strapi.log);
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
