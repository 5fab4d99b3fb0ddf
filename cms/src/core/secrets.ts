/**
 * Secrets come from the environment. Outside production each has a development default so
 * `npm start` works on a fresh clone; in production a missing secret, or one still equal to its
 * development default, stops the process before it serves anything.
 */
export const isProduction = (): boolean => process.env.NODE_ENV === 'production';

const devDefaults: Record<string, string> = {
  APP_KEYS: 'dev-app-key-1,dev-app-key-2',
  API_TOKEN_SALT: 'dev-api-token-salt',
  ADMIN_JWT_SECRET: 'dev-admin-jwt-secret',
  TRANSFER_TOKEN_SALT: 'dev-transfer-token-salt',
  JWT_SECRET: 'dev-users-jwt-secret',
  ENCRYPTION_KEY: 'dev-encryption-key-32-bytes-long!',
  SMS_CODE_PEPPER: 'dev-sms-code-pepper',
  CUSTOMS_CONFIG_KEY: 'dev-customs-config-key',
};

export function secret(name: keyof typeof devDefaults | string): string {
  const value = process.env[name];
  if (isProduction()) {
    if (!value) throw new Error(`[jmt] ${name} must be set in production`);
    if (value === devDefaults[name]) throw new Error(`[jmt] ${name} still has its development default`);
    return value;
  }
  return value || devDefaults[name] || `dev-${name.toLowerCase()}`;
}

/** Secrets whose development defaults must never reach production; checked at bootstrap too. */
export const guardedSecretNames = Object.keys(devDefaults);
