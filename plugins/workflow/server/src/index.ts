import type { Core } from '@strapi/strapi';
import { host } from '@jmt/plugin-kit';
import contentTypes from './content-types';
import applications from './controllers/applications';
import routes from './routes';
import { createApplications } from './services/applications';
import { createEngine } from './services/engine';
import { createGuidance, type Guidance } from './services/guidance';
import { createRecords } from './services/records';
import { createTransitions } from './services/transitions';
import { errors } from './locales/zh-CN';
import { registerKind, getKind, allKinds } from './kinds';

export type { Engine } from './services/engine';
export type { Host, ActorScope, MerchantNotice } from './host';
export type { KindDefinition, KindCheckContext, MissingItem } from './kinds';
export { WORKFLOW_ROUTES } from './routes';

/** 晶贸通 workflow plugin: application kinds as state machines (principle 6). */
export default {
  register() {},
  bootstrap({ strapi }: { strapi: Core.Strapi }) {
    host(strapi).registerErrors(errors);
  },
  contentTypes,
  controllers: { applications },
  services: {
    applications: ({ strapi }: { strapi: Core.Strapi }) =>
      createApplications(strapi, createRecords(strapi), (scope, kind) => (strapi.plugin('workflow').service('guidance') as Guidance).prefill(scope, kind)),
    transitions: ({ strapi }: { strapi: Core.Strapi }) => createTransitions(strapi, createRecords(strapi)),
    guidance: ({ strapi }: { strapi: Core.Strapi }) => createGuidance(strapi, createRecords(strapi)),
    engine: ({ strapi }: { strapi: Core.Strapi }) => createEngine(strapi),
    kinds: () => ({ register: registerKind, get: getKind, all: allKinds }),
  },
  routes,
};
