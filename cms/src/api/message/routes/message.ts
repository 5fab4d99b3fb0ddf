import { factories } from '@strapi/strapi';

// Merchants read and mark messages; the platform creates them (the notification machinery will too).
export default factories.createCoreRouter('api::message.message', {
  only: ['find', 'findOne', 'create'],
  config: { create: { policies: [{ name: 'global::can', config: { action: 'message.write' } }] } },
});
