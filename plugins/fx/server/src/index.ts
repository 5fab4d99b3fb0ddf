import type { Core } from '@strapi/strapi';
import { host } from '@jmt/plugin-kit';
import { errors } from './locales/zh-CN';
import contentTypes from './content-types';
import fx from './controllers/fx';
import routes from './routes';
import { createAlerts, type Alerts } from './services/alerts';
import { createLedger, type Ledger } from './services/ledger';
import { createRates, type Rates } from './services/rates';
import { guardMerchantFields } from './services/merchant-fields';
import { createSettlements } from './services/settlements';

export type { FxHost } from './host';
export type { Ledger } from './services/ledger';
export type { Rates } from './services/rates';
export type { Settlements } from './services/settlements';
export { FX_ROUTES } from './routes';

/** 晶贸通 收结汇 plugin: rates and alerts (X1), the USD sub-account ledger (X2), settlements (X3, X4). */
export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    guardMerchantFields(strapi);
  },
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    host(strapi).registerErrors(errors);
    const rates = strapi.plugin('fx').service('rates') as Rates;
    await rates.loadBundled();
    rates.start();
  },
  destroy({ strapi }: { strapi: Core.Strapi }) {
    (strapi.plugin('fx').service('rates') as Rates).stop();
  },
  contentTypes,
  controllers: { fx },
  services: {
    rates: ({ strapi }: { strapi: Core.Strapi }) => createRates(strapi, () => strapi.plugin('fx').service('alerts') as Alerts),
    alerts: ({ strapi }: { strapi: Core.Strapi }) => createAlerts(strapi, (currency) => (strapi.plugin('fx').service('rates') as Rates).latestRate(currency)),
    ledger: ({ strapi }: { strapi: Core.Strapi }) => createLedger(strapi),
    settlements: ({ strapi }: { strapi: Core.Strapi }) => createSettlements(strapi, () => strapi.plugin('fx').service('ledger') as Ledger),
  },
  routes,
};
