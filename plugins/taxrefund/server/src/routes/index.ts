/** Mounted at /api/tax-refund (prefix '' drops the default plugin path). Every route needs a session. */
const route = (method: string, path: string, handler: string) => ({
  method,
  path: `/tax-refund${path}`,
  handler: `taxrefund.${handler}`,
  config: { prefix: '', auth: { strategies: ['users-permissions'] } },
});

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      route('GET', '/estimate', 'estimate'),
      route('GET', '/applications', 'listApplications'),
      route('GET', '/applications/:id', 'findApplication'),
      route('GET', '/applications/:id/package.zip', 'package'),
      route('GET', '/declarations', 'declarations'),
      route('GET', '/returns/template.xlsx', 'returnsTemplate'),
      route('GET', '/returns', 'listReturns'),
      route('POST', '/returns', 'uploadReturns'),
      route('GET', '/rates', 'listRates'),
      route('POST', '/rates', 'createRate'),
      route('PUT', '/rates/:id', 'updateRate'),
      route('DELETE', '/rates/:id', 'deleteRate'),
    ],
  },
};
