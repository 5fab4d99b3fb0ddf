import { factories } from '@strapi/strapi';

/**
 * Merchants: a merchant's admin reads and edits its own record (tenancy `self`); creating and deleting a merchant
 * is platform work — without these policies an admin could delete the company itself.
 */
const platformOnly = { policies: [{ name: 'global::can', config: { action: 'merchants.write' } }] };

export default factories.createCoreRouter('api::merchant.merchant', {
  config: { create: platformOnly, delete: platformOnly },
});
