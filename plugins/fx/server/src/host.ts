/** The host contract lives in @jmt/plugin-kit; re-exported for the plugin's own modules. */
export { host, type Host, type ActorScope, type MerchantNotice } from '@jmt/plugin-kit';
export type { Host as FxHost } from '@jmt/plugin-kit';
