import { factories } from '@strapi/strapi';

// Members join by invitation (api::invitation): nobody is added to a merchant without accepting, so there is no create.
export default factories.createCoreRouter('api::membership.membership', { except: ['create'] });
