import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::private-file.private-file');
