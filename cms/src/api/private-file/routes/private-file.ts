import { factories } from '@strapi/strapi';

export default factories.createCoreRouter('api::private-file.private-file', { only: ['find', 'findOne', 'create', 'delete'] });
