import type { Core } from '@strapi/strapi';
import { host, system } from '@jmt/plugin-kit';
import contentTypes from './content-types';
import customs from './controllers/customs';
import { errors } from './locales/zh-CN';
import { DDT_CHANNEL } from './lib/status';
import routes from './routes';
import { createBatches, type Batches } from './services/batches';
import { createBoard } from './services/board';
import { createCancellations } from './services/cancellations';
import { createConfigService, type ConfigService } from './services/config';
import { createContext } from './services/context';
import { createDeclarations } from './services/declarations';
import { createDelivery } from './services/delivery';
import { httpDdtAdapter, timeoutMs as ddtTimeoutMs } from './services/ddt-client';
import { DEFAULT_HINTS } from './services/hints';
import { createImports } from './services/imports';
import { createPoller } from './services/poller';
import { createReceipts, type Receipts } from './services/receipts';
import { UID } from './services/store';

export type { ConfigService } from './services/config';
export type { Batches } from './services/batches';
export type { Board } from './services/board';
export type { Host as CustomsHost, OutboxJobInput, OutboxHandler } from './host';
export { CUSTOMS_ROUTES } from './routes';

const adapter = httpDdtAdapter();

type Ctx = { strapi: Core.Strapi };
const service =
  <T>(strapi: Core.Strapi, name: string) =>
  () =>
    strapi.plugin('customs').service(name) as T;
const context = (strapi: Core.Strapi) => createContext(strapi, service<ConfigService>(strapi, 'config'));

/** 晶贸通 出口报关 plugin: 点点通 config, batches, e-orders, 清单, 总分单, 汇总, 撤销 (issue 4). */
export default {
  register() {},
  async bootstrap({ strapi }: Ctx) {
    host(strapi).registerErrors(errors);
    // A delivery may call 点点通 twice (send, then look up a lost reply): its time and lease follow DDT_TIMEOUT_MS.
    host(strapi).onOutbox(DDT_CHANNEL, createDelivery(strapi, adapter, service<Receipts>(strapi, 'receipts')), { concurrency: 4, timeoutMs: 2 * ddtTimeoutMs() + 1000 });
    const hints = system(strapi).table(UID.hint);
    const existing = new Set((await hints.findMany({ select: ['key'] })).map((r) => r.key as string));
    const missing = DEFAULT_HINTS.filter((h) => !existing.has(h.key));
    if (missing.length) await hints.bulkInsert(missing);
    (strapi.plugin('customs').service('poller') as ReturnType<typeof createPoller>).start();
  },
  destroy({ strapi }: Ctx) {
    (strapi.plugin('customs').service('poller') as ReturnType<typeof createPoller>).stop();
  },
  contentTypes,
  controllers: { customs },
  services: {
    config: ({ strapi }: Ctx) => createConfigService(strapi, adapter),
    batches: ({ strapi }: Ctx) => createBatches(strapi, context(strapi)),
    imports: ({ strapi }: Ctx) => createImports(strapi, context(strapi)),
    declarations: ({ strapi }: Ctx) => createDeclarations(strapi, context(strapi), service<Batches>(strapi, 'batches')),
    cancellations: ({ strapi }: Ctx) => createCancellations(strapi, context(strapi), service<Batches>(strapi, 'batches')),
    receipts: ({ strapi }: Ctx) => createReceipts(strapi, context(strapi)),
    board: ({ strapi }: Ctx) => createBoard(strapi, context(strapi), service<Batches>(strapi, 'batches')),
    poller: ({ strapi }: Ctx) => createPoller(strapi, adapter, service<Receipts>(strapi, 'receipts')),
  },
  routes,
};
