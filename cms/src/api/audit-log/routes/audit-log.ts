export default {
  routes: [
    { method: 'GET', path: '/audit-logs', handler: 'audit-log.find', config: { policies: [{ name: 'global::can', config: { action: 'audit.read' } }] } },
    { method: 'GET', path: '/audit-logs/export', handler: 'audit-log.export', config: { policies: [{ name: 'global::can', config: { action: 'audit.export' } }] } },
  ],
};
