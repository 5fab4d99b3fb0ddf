import type { Core } from '@strapi/strapi';

/**
 * Strapi's own plugins each bring a public REST surface under /api — password login and registration, email
 * confirmation, `/api/users`, the upload library, locales, the content-type builder, `/api/email`. 晶贸通 uses none
 * of it: people sign in by SMS or WeChat (/api/auth/sms, /api/auth/wechat), files are private files
 * (/api/private-files), staff manage users from the console. An unused route is still an attack surface (and a
 * route the OpenAPI document would have to promise), so their content-API routers are taken out before Strapi
 * mounts routes; their admin-panel routes stay. GET /api/system/routes shows what is left, and the OpenAPI test
 * holds it equal to the document.
 */
export const PLUGINS_WITHOUT_CONTENT_API = ['users-permissions', 'upload', 'i18n', 'content-type-builder', 'email'] as const;

type Router = { type?: string; routes?: unknown[] };
type RouterInput = Router | ((deps: { strapi: Core.Strapi }) => Router);

export function closeUnusedContentApi(strapi: Core.Strapi): void {
  for (const name of PLUGINS_WITHOUT_CONTENT_API) {
    const plugin = strapi.plugin(name) as unknown as { routes?: RouterInput[] | Record<string, RouterInput> } | undefined;
    // An array of routes is the legacy form: admin routes only.
    if (!plugin?.routes || Array.isArray(plugin.routes)) continue;
    const kept: Record<string, Router> = {};
    for (const [key, input] of Object.entries(plugin.routes)) {
      const router = typeof input === 'function' ? input({ strapi }) : input;
      if (router.type !== 'content-api') kept[key] = router;
    }
    plugin.routes = kept;
  }
}
