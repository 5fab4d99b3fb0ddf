export default ({ env }: { env: any }) =>
  [
  // Per-request access lines; behind nginx (which keeps its own access log) they can be turned off.
  env.bool('HTTP_ACCESS_LOG', true) ? 'strapi::logger' : null,
  'strapi::errors',
  'strapi::security',
  {
    name: 'strapi::cors',
    config: {
      origin: env.array('CORS_ORIGINS', [
        `http://localhost:${env('ADMIN_PORT', '8001')}`,
        `http://127.0.0.1:${env('ADMIN_PORT', '8001')}`,
        `http://localhost:${env('MERCHANT_PORT', '8002')}`,
        `http://127.0.0.1:${env('MERCHANT_PORT', '8002')}`,
      ]),
      headers: ['Content-Type', 'Authorization', 'Origin', 'Accept', 'X-Requested-With'],
      expose: ['Content-Disposition'],
    },
  },
  'strapi::poweredBy',
  'strapi::query',
  {
    name: 'strapi::body',
    config: {
      formLimit: '2mb',
      jsonLimit: '2mb',
      textLimit: '2mb',
      formidable: { maxFileSize: env.int('PRIVATE_FILE_MAX_BYTES', 10 * 1024 * 1024) + 1024 },
    },
  },
  'strapi::session',
  'strapi::favicon',
  'strapi::public',
  'global::api-envelope',
  ].filter(Boolean);
