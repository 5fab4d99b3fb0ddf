/**
 * What the tax-refund plugin needs from the cms: the same `jmt.host` object the fx plugin declares (scope,
 * permissions, errors, transactions, audit, private files), so its type is borrowed from there.
 */
import type { Core } from '@strapi/strapi';
import type { FxHost } from '@jmt/plugin-fx';

export type Host = FxHost;
export type ActorScope = Awaited<ReturnType<FxHost['scope']>>;

export function host(strapi: Core.Strapi): Host {
  return strapi.get('jmt.host') as Host;
}
