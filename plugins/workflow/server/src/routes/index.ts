/**
 * Mounted at /api/applications (prefix '' drops the default /api/workflow). Each route needs the
 * users-permissions session; authorisation is the engine's (host `can()` + kind rules).
 */
const route = (method: string, path: string, handler: string) => ({
  method,
  path,
  handler: `applications.${handler}`,
  config: { prefix: '', auth: { strategies: ['users-permissions'] } },
});

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      route('GET', '/applications/kinds', 'kinds'),
      route('GET', '/applications/prefill', 'prefill'),
      route('GET', '/applications/guide', 'guide'),
      route('GET', '/applications/progress', 'progress'),
      route('GET', '/applications/todos', 'todos'),
      route('GET', '/applications/templates/:kind/:template', 'template'),
      route('GET', '/applications', 'find'),
      route('POST', '/applications', 'create'),
      route('GET', '/applications/:id', 'findOne'),
      route('PUT', '/applications/:id', 'update'),
      route('POST', '/applications/:id/transitions', 'transition'),
    ],
  },
};
