/**
 * @jmt/contracts — one description of the API for the server, the front ends and the OpenAPI document.
 * Schemas are zod/mini (small in the mini-program); bodies carry the platform's Chinese messages.
 */
export * as z from 'zod/mini';
export * from './common';
export * from './fields';
export * from './route';
export * from './errors';
export * from './openapi';
export * as customs from './customs';
export * as fx from './fx';
export * as taxrefund from './taxrefund';
export * as applications from './applications';
export * as cms from './cms';
export * as invitations from './invitations';
export { customsRoutes } from './customs';
export { fxRoutes } from './fx';
export { taxRefundRoutes } from './taxrefund';
export { applicationRoutes } from './applications';
export { cmsRoutes } from './cms';
export { invitationRoutes } from './invitations';
export { systemRoutes } from './system';
export { allRoutes, TAG_DESCRIPTIONS } from './all';
export * from './form';
