/**
 * Mounted at /api/applications (no plugin prefix), straight from the contracts in @jmt/contracts: the same
 * declaration gives Strapi its routes, the controller its parsers and the OpenAPI document its pages. Each route
 * needs a users-permissions session; authorisation is the services' (host `can()` + kind rules, checked before the
 * body is judged) and tenancy the kit's.
 *
 * One difference from the contract, on purpose: `PUT /applications/:id` takes `{ data: {…} }`, and the kit's bodyOf
 * unwraps exactly that envelope (the application data would then be parsed as if it were the body). The kit gets no
 * body parser for it; the controller parses the request body as sent with the same contract (`updateInput`).
 */
import { applicationRoutes } from '@jmt/contracts';
import { contentApiRoutes, type RouteDef } from '@jmt/plugin-kit';

/** Routes whose body the controller parses itself, as sent (see above). */
export const RAW_BODY_HANDLERS = new Set(['update']);

export const WORKFLOW_ROUTES = applicationRoutes.map((route) => (RAW_BODY_HANDLERS.has(route.handler) ? { ...route, body: undefined } : route)) as unknown as RouteDef[];

export default contentApiRoutes('applications', WORKFLOW_ROUTES);
