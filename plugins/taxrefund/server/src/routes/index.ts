/**
 * Mounted at /api/tax-refund (no plugin prefix), straight from the contracts in @jmt/contracts: the same declaration
 * gives Strapi its routes, the controller its guards and parsers, and the OpenAPI document its pages. Every route
 * needs a session.
 */
import { taxRefundRoutes } from '@jmt/contracts';
import { contentApiRoutes, type RouteDef } from '@jmt/plugin-kit';

export const TAXREFUND_ROUTES = taxRefundRoutes as unknown as RouteDef[];

export default contentApiRoutes('taxrefund', TAXREFUND_ROUTES);
