import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

/**
 * Starts what the integration tests talk to: the simulators and a real Strapi process (compiled
 * dist, `strapi start`) on a fresh SQLite file or a fresh MariaDB database.
 */
export const CMS_DIR = path.resolve(__dirname, '..', '..');
const STRAPI_BIN = path.join(path.dirname(require.resolve('@strapi/strapi/package.json', { paths: [CMS_DIR] })), 'bin', 'strapi.js');

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

export async function waitFor(url: string, timeoutMs: number, child?: ChildProcess, log?: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child && child.exitCode !== null) throw new Error(`process exited (${child.exitCode}) before ${url} answered\n${log?.() ?? ''}`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${url}\n${log?.() ?? ''}`);
}

export interface RunningCms {
  url: string;
  /** The SQLite file (unless the run is on MySQL). */
  databaseFile: string;
  child: ChildProcess;
  stop: () => Promise<void>;
  logs: () => string;
}

export async function createMysqlDatabase(): Promise<string> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- mysql2 resolved from the cms package at run time
  const mysql = require(require.resolve('mysql2/promise', { paths: [CMS_DIR] }));
  const name = `jmt_test_${Date.now()}_${Math.floor(Math.random() * 1e4)}`;
  const conn = await mysql.createConnection({
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 3306),
    user: process.env.DATABASE_USERNAME || 'root',
    password: process.env.DATABASE_PASSWORD || '',
  });
  await conn.query(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  await conn.end();
  return name;
}

export async function dropMysqlDatabase(name: string): Promise<void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- mysql2 resolved from the cms package at run time
  const mysql = require(require.resolve('mysql2/promise', { paths: [CMS_DIR] }));
  const conn = await mysql.createConnection({
    host: process.env.DATABASE_HOST || '127.0.0.1',
    port: Number(process.env.DATABASE_PORT || 3306),
    user: process.env.DATABASE_USERNAME || 'root',
    password: process.env.DATABASE_PASSWORD || '',
  });
  await conn.query(`DROP DATABASE IF EXISTS \`${name}\``);
  await conn.end();
}

export async function startCms(extraEnv: Record<string, string>): Promise<RunningCms> {
  const port = await freePort();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmt-cms-'));
  const env: Record<string, string> = {
    ...(process.env as Record<string, string>),
    NODE_ENV: 'test',
    STRAPI_TELEMETRY_DISABLED: 'true',
    SERVE_ADMIN_PANEL: 'false',
    SEED_DEMO: 'true',
    HOST: '127.0.0.1',
    CMS_PORT: String(port),
    DATABASE_FILENAME: path.join(workDir, 'test.db'),
    PRIVATE_UPLOAD_DIR: path.join(workDir, 'private-uploads'),
    // Fast outbox retries, so delivery after simulated WeChat failures is seen within a test.
    OUTBOX_POLL_MS: '200',
    OUTBOX_BACKOFF_MS: '100',
    OUTBOX_BACKOFF_MAX_MS: '1000',
    OUTBOX_MAX_ATTEMPTS: '4',
    DDT_POLL_SECONDS: '1',
    DDT_TIMEOUT_MS: '1500',
    // Rates are fetched when a test asks (POST /api/fx/rates/fetch), not by the clock.
    FX_FETCH: 'false',
    ...extraEnv,
  };
  let output = '';
  const child = spawn(process.execPath, [STRAPI_BIN, 'start'], { cwd: CMS_DIR, env, stdio: ['ignore', 'pipe', 'pipe'] });
  // Keep the whole log on disk for post-mortems (JMT_TEST_LOG_DIR), the tail in memory for errors.
  const logFile = process.env.JMT_TEST_LOG_DIR ? fs.createWriteStream(path.join(process.env.JMT_TEST_LOG_DIR, `cms-${port}.log`)) : null;
  const collect = (d: Buffer) => {
    output = (output + d.toString()).slice(-200_000);
    logFile?.write(d);
  };
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const url = `http://127.0.0.1:${port}`;
  await waitFor(`${url}/_health`, 120_000, child, () => output.slice(-4000));
  return {
    url,
    databaseFile: env.DATABASE_FILENAME,
    child,
    logs: () => output,
    stop: async () => {
      // A process killed by a signal has exitCode null but signalCode set: it is gone all the same.
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      fs.rmSync(workDir, { recursive: true, force: true });
    },
  };
}

export async function startSimulators(): Promise<{
  smsPort: number;
  wechatPort: number;
  ddtPort: number;
  fxPort: number;
  child: ChildProcess;
  ddt: ChildProcess;
  fx: ChildProcess;
}> {
  const smsPort = await freePort();
  const wechatPort = await freePort();
  const ddtPort = await freePort();
  const fxPort = await freePort();
  const child = spawn(process.execPath, [path.join(CMS_DIR, 'dist', 'simulators', 'run.js')], {
    env: { ...process.env, NODE_ENV: 'test', SMS_SIM_PORT: String(smsPort), WECHAT_SIM_PORT: String(wechatPort) },
    stdio: 'ignore',
  });
  await waitFor(`http://127.0.0.1:${smsPort}/health`, 15_000, child);
  await waitFor(`http://127.0.0.1:${wechatPort}/health`, 15_000, child);
  // The 点点通 simulator with fast receipts (one step every 150 ms) so a declaration settles within a test.
  const ddt = spawn(process.execPath, [path.join(CMS_DIR, '..', 'plugins', 'customs', 'dist', 'simulator', 'run.js')], {
    env: { ...process.env, NODE_ENV: 'test', DDT_SIM_PORT: String(ddtPort), DDT_SIM_STEP_MS: '150' },
    stdio: 'ignore',
  });
  await waitFor(`http://127.0.0.1:${ddtPort}/health`, 15_000, ddt);
  // The CFETS / ECB feed simulator the rate fetcher reads (tests steer it through /control).
  const fx = spawn(process.execPath, [path.join(CMS_DIR, '..', 'plugins', 'fx', 'dist', 'simulator', 'run.js')], {
    env: { ...process.env, NODE_ENV: 'test', FX_SIM_PORT: String(fxPort) },
    stdio: 'ignore',
  });
  await waitFor(`http://127.0.0.1:${fxPort}/control`, 15_000, fx);
  return { smsPort, wechatPort, ddtPort, fxPort, child, ddt, fx };
}
