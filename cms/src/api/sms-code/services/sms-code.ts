import { factories } from '@strapi/strapi';

export default factories.createCoreService('api::sms-code.sms-code');
