import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CMS_DIR, createMysqlDatabase, startCms, startSimulators } from './stack';

/** One cms + simulators for the whole run; their addresses reach the tests through process.env. */
export default async function globalSetup(): Promise<void> {
  const tsc = require.resolve('typescript/bin/tsc', { paths: [CMS_DIR] });
  // The plugin kit and the contracts, then the local plugins the cms loads (cms/config/plugins.ts): the cms imports their types.
  for (const pkg of ['plugin-kit', 'contracts']) execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: path.join(CMS_DIR, '..', 'packages', pkg), stdio: 'inherit' });
  for (const plugin of ['workflow', 'customs', 'fx', 'taxrefund']) {
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: path.join(CMS_DIR, '..', 'plugins', plugin), stdio: 'inherit' });
  }
  execFileSync(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: CMS_DIR, stdio: 'inherit' });
  const sims = await startSimulators();
  const simEnv = { SMS_SIM_PORT: String(sims.smsPort), WECHAT_SIM_PORT: String(sims.wechatPort), DDT_SIM_PORT: String(sims.ddtPort), FX_SIM_PORT: String(sims.fxPort) };
  let mysqlDatabase: string | null = null;
  const dbEnv: Record<string, string> = {};
  if (process.env.DATABASE_CLIENT === 'mysql') {
    mysqlDatabase = await createMysqlDatabase();
    dbEnv.DATABASE_NAME = mysqlDatabase;
  }
  const cms = await startCms({ ...simEnv, ...dbEnv });
  const tokenCache = fs.mkdtempSync(path.join(os.tmpdir(), 'jmt-tokens-'));
  Object.assign(process.env, {
    TEST_CMS_URL: cms.url,
    TEST_SMS_SIM_URL: `http://127.0.0.1:${sims.smsPort}`,
    TEST_WECHAT_SIM_URL: `http://127.0.0.1:${sims.wechatPort}`,
    TEST_DDT_SIM_URL: `http://127.0.0.1:${sims.ddtPort}`,
    TEST_FX_SIM_URL: `http://127.0.0.1:${sims.fxPort}`,
    TEST_TOKEN_CACHE: tokenCache,
    // Where the cms keeps its rows, for the tests that check the database itself (unique indexes).
    ...(mysqlDatabase ? { TEST_DATABASE_NAME: mysqlDatabase } : { TEST_DATABASE_FILE: cms.databaseFile }),
    ...simEnv,
  });
  (globalThis as any).__JMT__ = { cms, sims, mysqlDatabase, tokenCache };
}
