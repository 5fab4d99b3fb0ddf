import type { Core } from '@strapi/strapi';

export default ({ env }: Core.Config.Shared.ConfigParams) =>
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
    // Before the body parser, so an upload refused for its size gets the same error format (FILE_TOO_LARGE).
    'global::api-envelope',
    {
      name: 'strapi::body',
      config: {
        formLimit: '2mb',
        jsonLimit: '2mb',
        textLimit: '2mb',
        // The largest upload any route takes (private files check their own 10 MB, e-order imports their 30 MB).
        formidable: { maxFileSize: Math.max(env.int('PRIVATE_FILE_MAX_BYTES', 10 * 1024 * 1024), env.int('CUSTOMS_IMPORT_MAX_BYTES', 30 * 1024 * 1024)) + 1024 },
      },
    },
    'strapi::session',
    'strapi::favicon',
    'strapi::public',
  ].filter(Boolean);
