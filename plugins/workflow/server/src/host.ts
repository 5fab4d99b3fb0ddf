/** The host contract lives in @jmt/plugin-kit; re-exported for the plugin's own modules. */
export { host, HOST_KEY, type Host, type ActorScope, type MerchantNotice, type AuditInput } from '@jmt/plugin-kit';
