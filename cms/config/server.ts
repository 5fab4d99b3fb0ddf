import type { Core } from '@strapi/strapi';
import { secret } from '../src/core/secrets';

export default ({ env }: Core.Config.Shared.ConfigParams) => ({
  host: env('HOST', '0.0.0.0'),
  port: env.int('CMS_PORT', env.int('PORT', 1337)),
  // Behind nginx in production; lets ctx.request.ip carry the client address for the operation log.
  proxy: { koa: env.bool('TRUST_PROXY', false) },
  app: { keys: secret('APP_KEYS').split(',') },
  url: env('PUBLIC_URL', ''),
});
