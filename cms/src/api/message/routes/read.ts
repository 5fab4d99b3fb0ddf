export default {
  routes: [
    { method: 'POST', path: '/messages/read-all', handler: 'message.markAllRead' },
    { method: 'POST', path: '/messages/:id/read', handler: 'message.markRead' },
  ],
};
