/**
 * Mounted at /api/fx (no plugin prefix), straight from the contracts in @jmt/contracts: the same declaration gives
 * Strapi its routes, the controller its parsers and the OpenAPI document its pages. Every route needs a session.
 */
import { fxRoutes } from '@jmt/contracts';
import { contentApiRoutes, type RouteDef } from '@jmt/plugin-kit';

export const FX_ROUTES = fxRoutes as unknown as RouteDef[];

export default contentApiRoutes('fx', FX_ROUTES);
