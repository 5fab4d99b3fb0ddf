import type { Core } from '@strapi/strapi';
import contentTypes from './content-types';
import applications from './controllers/applications';
import routes from './routes';
import { createEngine } from './services/engine';
import { registerKind, getKind, allKinds } from './kinds';

export type { Engine } from './services/engine';
export type { Host, ActorScope, MerchantNotice } from './host';
export type { KindDefinition } from './kinds';

/** 晶贸通 workflow plugin: application kinds as state machines (principle 6). */
export default {
  register() {},
  bootstrap() {},
  contentTypes,
  controllers: { applications },
  services: {
    engine: ({ strapi }: { strapi: Core.Strapi }) => createEngine(strapi),
    kinds: () => ({ register: registerKind, get: getKind, all: allKinds }),
  },
  routes,
};
