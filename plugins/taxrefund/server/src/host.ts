/** The host contract lives in @jmt/plugin-kit; re-exported for the plugin's own modules. */
export { host, type Host, type ActorScope } from '@jmt/plugin-kit';
