import type { Context } from 'koa';
import type { Modules, Plugin } from '@strapi/strapi';

/**
 * users-permissions re-reads the user, the plugin's advanced settings and every permission of the
 * role, and rebuilds the CASL ability, on every request — about five queries before a controller runs.
 * The result for a given bearer token is kept for a few seconds, so a page of parallel calls (and the
 * hot home endpoint) pays that once. A blocked user or a changed role applies within SESSION_CACHE_MS.
 */
type AuthService = Modules.Auth.AuthenticationService;
/** An authentication strategy, as the auth service registers it (users-permissions' is one). */
type Strategy = Parameters<AuthService['register']>[1];
type AuthResult = Awaited<ReturnType<Strategy['authenticate']>>;

const SESSION_CACHE_MS = Number(process.env.SESSION_CACHE_MS ?? 3000);
const MAX_ENTRIES = 10_000;

export function withSessionCache(strategy: Strategy): Strategy {
  // Keyed by the Authorization header; holds the in-flight promise too, so a burst of parallel
  // requests with one token authenticates once instead of once each.
  const cache = new Map<string, { pending: Promise<{ result: AuthResult; user: unknown }>; expires: number }>();
  return {
    ...strategy,
    async authenticate(ctx: Context) {
      if (SESSION_CACHE_MS <= 0) return strategy.authenticate(ctx);
      const header = ctx.request?.header?.authorization;
      const key = typeof header === 'string' ? header : '';
      const now = Date.now();
      let entry = cache.get(key);
      if (!entry || entry.expires <= now) {
        const pending = strategy.authenticate(ctx).then((result) => ({ result, user: ctx.state.user ?? null }));
        entry = { pending, expires: now + SESSION_CACHE_MS };
        if (cache.size >= MAX_ENTRIES) cache.delete(cache.keys().next().value as string);
        cache.set(key, entry);
        const { result } = await pending.catch((error) => {
          cache.delete(key);
          throw error;
        });
        // Only successful answers are kept: a bad token is re-checked every time.
        if (!result?.authenticated || result.error) cache.delete(key);
        return result;
      }
      const { result, user } = await entry.pending;
      if (user) ctx.state.user = user;
      return result;
    },
  };
}

export default (plugin: Plugin.LoadedPlugin) => {
  const originalRegister = plugin.register;
  plugin.register = (context) => {
    const auth = context.strapi.get<AuthService>('auth');
    const register = auth.register;
    auth.register = (type: string, strategy: Strategy) =>
      register.call(auth, type, type === 'content-api' && strategy.name === 'users-permissions' ? withSessionCache(strategy) : strategy);
    try {
      return originalRegister(context);
    } finally {
      auth.register = register;
    }
  };
  return plugin;
};
