import type { Context } from 'koa';
import type { Core } from '@strapi/strapi';
import { allRoutes, openApiDocument, TAG_DESCRIPTIONS } from '@jmt/contracts';
import { errorCatalogue } from '../../../core/errors';
import { assertCan, resolveScope } from '../../../core/scope';

/**
 * GET /api/openapi.json — the OpenAPI 3.1 document of every route, generated from @jmt/contracts with the one
 * error catalogue (the cms's codes and every plugin's); `npm run openapi` writes the same to deploy/openapi.json.
 * GET /api/system/routes — what Strapi actually registered under /api (super admin), so a test can hold the two
 * side by side: a route nobody documented is a failing test, not a surprise.
 */
let cached: Record<string, unknown> | null = null;

export function buildOpenApi(): Record<string, unknown> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- package.json sits outside rootDir: read at run time, not compiled in
  const version = (require('../../../../package.json') as { version: string }).version;
  return openApiDocument({ routes: allRoutes, messages: { ...errorCatalogue() }, version, tags: TAG_DESCRIPTIONS, serverUrl: process.env.PUBLIC_API_URL || undefined });
}

export function registeredRoutes(strapi: Core.Strapi): { method: string; path: string }[] {
  const out = new Map<string, { method: string; path: string }>();
  for (const layer of strapi.server.listRoutes() as unknown as { path: string; methods: string[] }[]) {
    if (typeof layer.path !== 'string' || !layer.path.startsWith('/api/')) continue;
    for (const method of layer.methods) {
      if (method === 'HEAD') continue;
      const path = layer.path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');
      out.set(`${method} ${path}`, { method, path });
    }
  }
  return [...out.values()].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async openapi(ctx: Context) {
    cached ??= buildOpenApi();
    ctx.set('Cache-Control', 'public, max-age=300');
    ctx.body = cached;
  },
  async routes(ctx: Context) {
    assertCan(await resolveScope(strapi, ctx), '*');
    ctx.body = { data: registeredRoutes(strapi) };
  },
});
