/** The API describing itself: the OpenAPI document (public, for Apifox import) and the routes Strapi registered. */
export default {
  routes: [
    { method: 'GET', path: '/openapi.json', handler: 'system.openapi', config: { auth: false } },
    { method: 'GET', path: '/system/routes', handler: 'system.routes', config: { auth: { strategies: ['users-permissions'] } } },
  ],
};
