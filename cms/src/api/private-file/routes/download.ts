export default {
  routes: [{ method: 'GET', path: '/private-files/:id/download', handler: 'private-file.download' }],
};
