import { guardedSecretNames, isProduction, secret } from './secrets';
import { smsConfigFromEnv } from '../adapters/sms';
import { wechatConfigFromEnv } from '../adapters/wechat';

/**
 * The cms refuses to start in production with simulator providers, demo seeding or development
 * secrets: a misconfigured deployment fails loudly at boot instead of sending nothing to customs or
 * leaking login codes.
 */
export function assertProductionSafe(env: NodeJS.ProcessEnv = process.env): void {
  if (!isProduction()) return;
  const problems: string[] = [];
  for (const name of guardedSecretNames) {
    try {
      secret(name);
    } catch (error) {
      problems.push((error as Error).message);
    }
  }
  const sms = smsConfigFromEnv(env);
  if (sms.provider === 'simulator') problems.push('SMS_PROVIDER=simulator is not allowed in production');
  if (!sms.accessKeyId || !sms.accessKeySecret) problems.push('SMS_ACCESS_KEY_ID / SMS_ACCESS_KEY_SECRET must be set');
  const wechat = wechatConfigFromEnv(env);
  if (wechat.provider === 'simulator') problems.push('WECHAT_PROVIDER=simulator is not allowed in production');
  if (!wechat.appId || !wechat.secret) problems.push('WECHAT_APPID / WECHAT_SECRET must be set');
  if (env.SEED_DEMO === 'true') problems.push('SEED_DEMO must not be enabled in production');
  // 点点通: without DDT_BASE_URL declarations would go to the local simulator's address.
  if (!env.DDT_BASE_URL) problems.push('DDT_BASE_URL (the 点点通 gateway) must be set in production');
  // FX rates: the default feed URLs are the local simulator's; real feeds must be named (or fetching turned off
  // and rates entered by staff).
  if (env.FX_FETCH !== 'false' && (!env.FX_CFETS_URL || !env.FX_ECB_URL))
    problems.push('FX_CFETS_URL and FX_ECB_URL must be set in production (or FX_FETCH=false with rates entered by staff)');
  if (problems.length) throw new Error(`[jmt] refusing to start in production:\n - ${problems.join('\n - ')}`);
}
