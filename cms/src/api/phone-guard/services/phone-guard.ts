import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::phone-guard.phone-guard');
