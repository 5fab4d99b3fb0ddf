import type { Core } from '@strapi/strapi';
import { ownPluginNames } from '@jmt/plugin-kit';

/**
 * users-permissions only lets a role reach a route whose action it holds. Authorisation in this
 * project is `can()` plus the tenancy middleware, so the authenticated role holds every api::
 * action; the public role holds none of ours, cannot self-register by e-mail and never touches the
 * public upload plugin (merchant documents go through private-files).
 */
const REVOKED_EVERYWHERE = [/^plugin::upload\./];
const REVOKED_FOR_PUBLIC = ['plugin::users-permissions.auth.register', 'plugin::users-permissions.auth.callback', 'plugin::users-permissions.auth.connect'];

export async function syncRolePermissions(strapi: Core.Strapi): Promise<void> {
  const roles = (await strapi.db.query('plugin::users-permissions.role').findMany({ select: ['id', 'type'] })) as { id: number; type: string }[];
  const authenticated = roles.find((r) => r.type === 'authenticated');
  const publicRole = roles.find((r) => r.type === 'public');
  const permissionQuery = strapi.db.query('plugin::users-permissions.permission');

  if (authenticated) {
    const wanted: string[] = [];
    for (const [apiName, api] of Object.entries(strapi.apis as Record<string, { controllers: Record<string, object> }>)) {
      for (const [controllerName, controller] of Object.entries(api.controllers)) {
        for (const action of Object.keys(controller)) wanted.push(`api::${apiName}.${controllerName}.${action}`);
      }
    }
    // Our local plugins (loaded from the project, whatever their names): their routes are authorised like api:: ones.
    for (const pluginName of ownPluginNames(strapi)) {
      const controllers = (strapi.plugin(pluginName)?.controllers ?? {}) as Record<string, object>;
      for (const [controllerName, controller] of Object.entries(controllers)) {
        for (const action of Object.keys(controller)) wanted.push(`plugin::${pluginName}.${controllerName}.${action}`);
      }
    }
    const existing = (await permissionQuery.findMany({ where: { role: authenticated.id }, select: ['action'] })) as { action: string }[];
    const have = new Set(existing.map((p) => p.action));
    for (const action of wanted) {
      if (!have.has(action)) await permissionQuery.create({ data: { action, role: authenticated.id } });
    }
  }
  for (const role of roles) {
    const rows = (await permissionQuery.findMany({ where: { role: role.id }, select: ['id', 'action'] })) as { id: number; action: string }[];
    for (const row of rows) {
      const revoke =
        REVOKED_EVERYWHERE.some((re) => re.test(row.action)) || (role.id === publicRole?.id && (REVOKED_FOR_PUBLIC.includes(row.action) || row.action.startsWith('api::')));
      if (revoke) await permissionQuery.delete({ where: { id: row.id } });
    }
  }
}
