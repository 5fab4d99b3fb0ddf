import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::staff-role.staff-role', {
  config: {
    find: { policies: [{ name: 'global::can', config: { action: 'platform.access' } }] },
    findOne: { policies: [{ name: 'global::can', config: { action: 'platform.access' } }] },
    create: { policies: [{ name: 'global::can', config: { action: 'staff-role.write' } }] },
    update: { policies: [{ name: 'global::can', config: { action: 'staff-role.write' } }] },
    delete: { policies: [{ name: 'global::can', config: { action: 'staff-role.write' } }] },
  },
});
