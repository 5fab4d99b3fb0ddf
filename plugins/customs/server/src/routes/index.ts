/**
 * Mounted at /api/customs (no plugin prefix), straight from the contracts in @jmt/contracts: the same
 * declaration gives Strapi its routes, the controller its parsers and the OpenAPI document its pages.
 */
import { customsRoutes } from '@jmt/contracts';
import { contentApiRoutes, type RouteDef } from '@jmt/plugin-kit';

export const CUSTOMS_ROUTES = customsRoutes as unknown as RouteDef[];

export default contentApiRoutes('customs', CUSTOMS_ROUTES);
