export default {
  routes: [
    { method: 'GET', path: '/outbox-jobs', handler: 'outbox-job.find' },
    { method: 'POST', path: '/outbox-jobs/:id/retry', handler: 'outbox-job.retry' },
  ],
};
