import type { Core } from '@strapi/strapi';
import { host } from '@jmt/plugin-kit';
import contentTypes from './content-types';
import taxrefund from './controllers/taxrefund';
import { taxRefundKind } from './kind';
import routes from './routes';
import { createRates, type Rates } from './services/rates';
import { createRefunds } from './services/refunds';
import { createReturns } from './services/returns';
import { errors } from './locales/zh-CN';

export type { Rates as RefundRates } from './services/rates';
export { TAXREFUND_ROUTES } from './routes';

/** 晶贸通 出口退税 plugin (T1–T4): the `tax-refund` application kind, refund rates and estimates, packages, return messages. */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    // The refund is an application: the workflow engine moves it, records it and notifies about it.
    const kinds = strapi.plugin('workflow').service('kinds') as { register(definition: unknown): void };
    kinds.register(taxRefundKind(strapi, () => strapi.plugin('taxrefund').service('rates') as Rates));
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    host(strapi).registerErrors(errors);
    await (strapi.plugin('taxrefund').service('rates') as Rates).seed();
  },
  contentTypes,
  controllers: { taxrefund },
  services: {
    rates: ({ strapi }: { strapi: Core.Strapi }) => createRates(strapi),
    refunds: ({ strapi }: { strapi: Core.Strapi }) => createRefunds(strapi, () => strapi.plugin('taxrefund').service('rates') as Rates),
    returns: ({ strapi }: { strapi: Core.Strapi }) => createReturns(strapi),
  },
  routes,
};
