'use strict';
// Strapi loads local plugins from this file; the TypeScript sources compile to dist/ (npm run build).
module.exports = require('./dist/index.js').default;
