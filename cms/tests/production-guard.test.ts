import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { CMS_DIR } from './support/stack';

const STRAPI_BIN = path.join(path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [CMS_DIR] })), 'bin', 'strapi.js');

function run(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, args, {
    cwd: CMS_DIR,
    env: { PATH: process.env.PATH as string, HOME: process.env.HOME as string, STRAPI_TELEMETRY_DISABLED: 'true', SERVE_ADMIN_PANEL: 'false', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

const productionSecrets = {
  APP_KEYS: 'k1-prod,k2-prod',
  API_TOKEN_SALT: 'prod-salt',
  ADMIN_JWT_SECRET: 'prod-admin-secret',
  TRANSFER_TOKEN_SALT: 'prod-transfer',
  JWT_SECRET: 'prod-jwt',
  ENCRYPTION_KEY: 'prod-encryption-key',
  SMS_CODE_PEPPER: 'prod-pepper',
  CUSTOMS_CONFIG_KEY: 'prod-customs-key',
};

describe('production safety', () => {
  it('refuses to start in production with default secrets and simulator providers', () => {
    const result = run([STRAPI_BIN, 'start'], { NODE_ENV: 'production', DATABASE_FILENAME: '/tmp/jmt-never.db', CMS_PORT: '0' });
    expect(result.status).not.toBe(0);
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toMatch(/\[jmt\] [A-Z_]+ must be set in production/);
  });

  it('refuses simulator providers and demo seeding even when every secret is set', () => {
    const result = run([STRAPI_BIN, 'start'], {
      NODE_ENV: 'production',
      ...productionSecrets,
      SMS_PROVIDER: 'simulator',
      WECHAT_PROVIDER: 'simulator',
      SEED_DEMO: 'true',
      DATABASE_FILENAME: '/tmp/jmt-never.db',
      CMS_PORT: '0',
    });
    expect(result.status).not.toBe(0);
    const output = `${result.stdout}${result.stderr}`;
    expect(output).toContain('SMS_PROVIDER=simulator is not allowed in production');
    expect(output).toContain('WECHAT_PROVIDER=simulator is not allowed in production');
    expect(output).toContain('SEED_DEMO must not be enabled in production');
    expect(output).toContain('DDT_BASE_URL (the 点点通 gateway) must be set in production');
    expect(output).toContain('FX_CFETS_URL and FX_ECB_URL must be set in production');
  });

  it('never runs the simulators in production', () => {
    const result = run([path.join(CMS_DIR, 'dist', 'simulators', 'run.js')], { NODE_ENV: 'production', SMS_SIM_PORT: '0', WECHAT_SIM_PORT: '0' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('never runs in production');
    const ddt = run([path.join(CMS_DIR, '..', 'plugins', 'customs', 'dist', 'simulator', 'run.js')], { NODE_ENV: 'production', DDT_SIM_PORT: '0' });
    expect(ddt.status).not.toBe(0);
    expect(`${ddt.stdout}${ddt.stderr}`).toContain('never runs in production');
    const fx = run([path.join(CMS_DIR, '..', 'plugins', 'fx', 'dist', 'simulator', 'run.js')], { NODE_ENV: 'production', FX_SIM_PORT: '0' });
    expect(fx.status).not.toBe(0);
    expect(`${fx.stdout}${fx.stderr}`).toContain('never runs in production');
  });
});
