import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import customs from './controllers/customs';
import routes from './routes';
import { host } from './host';
import { createConfigService } from './services/config';
import { createFlow, DDT_CHANNEL } from './services/flow';
import { createDelivery } from './services/delivery';
import { createPoller } from './services/poller';
import { httpDdtAdapter } from './services/ddt-client';
import { DEFAULT_HINTS } from './services/hints';
import { query, insertMany, UID } from './services/store';

export type { Flow } from './services/flow';
export type { ConfigService } from './services/config';
export type { Host as CustomsHost, OutboxJobInput, OutboxHandler } from './host';

const adapter = httpDdtAdapter();

/** 晶贸通 出口报关 plugin: 点点通 config, batches, e-orders, 清单, 总分单, 汇总, 撤销 (issue 4). */
export default {
  register() {},
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const flow = strapi.plugin('customs').service('flow') as ReturnType<typeof createFlow>;
    host(strapi).onOutbox(DDT_CHANNEL, createDelivery(strapi, adapter, flow));
    const existing = new Set(((await query(strapi, UID.hint).findMany({ select: ['key'] })) as { key: string }[]).map((r) => r.key));
    const missing = DEFAULT_HINTS.filter((h) => !existing.has(h.key));
    if (missing.length) await insertMany(strapi, UID.hint, missing);
    (strapi.plugin('customs').service('poller') as ReturnType<typeof createPoller>).start();
  },
  destroy({ strapi }: { strapi: Core.Strapi }) {
    (strapi.plugin('customs').service('poller') as ReturnType<typeof createPoller>).stop();
  },
  contentTypes,
  controllers: { customs },
  services: {
    config: ({ strapi }: { strapi: Core.Strapi }) => createConfigService(strapi, adapter),
    flow: ({ strapi }: { strapi: Core.Strapi }) => createFlow(strapi, strapi.plugin('customs').service('config')),
    poller: ({ strapi }: { strapi: Core.Strapi }) => createPoller(strapi, adapter, strapi.plugin('customs').service('flow')),
  },
  routes,
};
