/** Mounted at /api/fx (prefix '' drops the default plugin path). Every route needs a session. */
const route = (method: string, path: string, handler: string) => ({
  method,
  path: `/fx${path}`,
  handler: `fx.${handler}`,
  config: { prefix: '', auth: { strategies: ['users-permissions'] } },
});

export default {
  'content-api': {
    type: 'content-api',
    routes: [
      route('GET', '/rates', 'rates'),
      route('GET', '/rates/history', 'history'),
      route('PUT', '/rates', 'setRate'),
      route('POST', '/rates/fetch', 'fetchRates'),
      route('GET', '/alerts', 'listAlerts'),
      route('POST', '/alerts', 'createAlert'),
      route('PUT', '/alerts/:id', 'updateAlert'),
      route('DELETE', '/alerts/:id', 'deleteAlert'),
      route('GET', '/account', 'account'),
      route('GET', '/ledger', 'ledger'),
      route('GET', '/accounts', 'accounts'),
      route('GET', '/balance-uploads/template.xlsx', 'balanceTemplate'),
      route('GET', '/balance-uploads', 'listUploads'),
      route('POST', '/balance-uploads', 'uploadBalances'),
      route('GET', '/settlements', 'listSettlements'),
      route('POST', '/settlements', 'createSettlement'),
      route('GET', '/settlements/:id', 'findSettlement'),
      route('POST', '/settlements/:id/complete', 'completeSettlement'),
      route('POST', '/settlements/:id/reject', 'rejectSettlement'),
    ],
  },
};
