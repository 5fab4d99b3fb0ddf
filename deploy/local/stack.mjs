// The local stack: simulators, the cms, the admin console and the merchant web, as child processes.
// `npm start` runs it on the usual ports; the end-to-end tests run it on free ports and a temp database.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const CMS = path.join(ROOT, 'cms');
const require = (await import('node:module')).createRequire(path.join(ROOT, 'package.json'));

export const DEMO_LOGINS = [
  ['平台超级管理员（管理后台）', '13800000000'],
  ['平台运营专员（管理后台）', '13800000001'],
  ['晶华水晶 · 商户管理员（已核准，全部模块开通）', '13900000001'],
  ['晶华水晶 · 普通成员（只读）', '13900000002'],
  ['紫晶坊 · 商户管理员（工商注册被退回补正）', '13900000003'],
  ['紫晶坊 · 普通成员', '13900000004'],
  ['同时属于两家商户（账号切换）', '13900000005'],
  ['晶莹水晶 · 商户管理员（工商注册待初审，已滞留 5 天）', '13900000006'],
];

export function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: ROOT, ...options });
  if (result.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${result.status ?? result.signal})`);
}

export async function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export async function portInUse(port) {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

async function waitFor(url, timeoutMs, child, name) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before ${url} answered`);
    try {
      const response = await fetch(url);
      if (response.status < 500) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`${name}: timed out waiting for ${url}`);
}

function newestMtime(dir) {
  let newest = 0;
  if (!fs.existsSync(dir)) return 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist' || entry.name.startsWith('.')) continue;
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : fs.statSync(full).mtimeMs);
  }
  return newest;
}

/** Server-side packages the plugins and the cms import from (compiled first). */
export const SERVER_PACKAGES = ['money', 'plugin-kit', 'contracts'];
/** Local Strapi plugins wired in cms/config/plugins.ts. */
// In dependency order: taxrefund uses fx's money module and the workflow engine's types.
export const LOCAL_PLUGINS = ['workflow', 'customs', 'fx', 'taxrefund'];

/** Builds what is missing or older than its sources. */
export function build({ strapiAdmin = false } = {}) {
  const tsc = require.resolve('typescript/bin/tsc');
  for (const pkg of SERVER_PACKAGES) {
    console.log(`[build] packages/${pkg} (TypeScript → dist)`);
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: path.join(ROOT, 'packages', pkg) });
  }
  // Local Strapi plugins next: the cms loads their dist/ and type-checks against their declarations.
  for (const plugin of LOCAL_PLUGINS) {
    console.log(`[build] plugins/${plugin} (TypeScript → dist)`);
    run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: path.join(ROOT, 'plugins', plugin) });
  }
  // tsc is incremental (dist/.tsbuildinfo): a no-change run costs a few seconds.
  console.log('[build] cms (TypeScript → dist)');
  run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: CMS });
  if (strapiAdmin && !fs.existsSync(path.join(CMS, 'dist', 'build', 'index.html'))) {
    console.log('[build] Strapi admin panel (content editors)');
    run(process.execPath, [path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js'), 'build'], {
      cwd: CMS,
      env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' },
    });
  }
  for (const app of ['admin', 'merchant-web']) {
    const dir = path.join(ROOT, app);
    const built = path.join(dir, 'dist', 'index.html');
    const sources = Math.max(newestMtime(path.join(dir, 'src')), newestMtime(path.join(ROOT, 'packages')), fs.statSync(path.join(dir, 'package.json')).mtimeMs);
    if (!fs.existsSync(built) || fs.statSync(built).mtimeMs < sources) {
      console.log(`[build] ${app}`);
      run('npm', ['run', 'build', '-w', `@jmt/${app}`]);
    }
  }
}

/**
 * Starts the stack. ports: {cms, admin, merchant, sms, wechat}; env: extra cms env (database, …).
 * Returns the URLs and stop().
 */
export async function startStack({ ports, env = {}, quiet = false, logDir = null } = {}) {
  const children = [];
  const baseEnv = {
    ...process.env,
    STRAPI_TELEMETRY_DISABLED: 'true',
    CMS_PORT: String(ports.cms),
    ADMIN_PORT: String(ports.admin),
    MERCHANT_PORT: String(ports.merchant),
    SMS_SIM_PORT: String(ports.sms),
    WECHAT_SIM_PORT: String(ports.wechat),
    DDT_SIM_PORT: String(ports.ddt),
    FX_SIM_PORT: String(ports.fx),
  };
  const spawnService = (name, cmd, args, cwd, extraEnv = {}) => {
    const child = spawn(cmd, args, { cwd, env: { ...baseEnv, ...extraEnv }, stdio: ['ignore', 'pipe', 'pipe'] });
    const log = logDir ? fs.createWriteStream(path.join(logDir, `${name}.log`)) : null;
    for (const stream of [child.stdout, child.stderr]) {
      stream.on('data', (chunk) => {
        log?.write(chunk);
        if (!quiet)
          process.stdout.write(
            String(chunk)
              .split('\n')
              .filter(Boolean)
              .map((l) => `[${name}] ${l}\n`)
              .join(''),
          );
      });
    }
    children.push(child);
    return child;
  };
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise((resolve) => {
            if (child.exitCode !== null) return resolve();
            child.once('exit', resolve);
            child.kill('SIGTERM');
            setTimeout(() => child.kill('SIGKILL'), 8000).unref();
          }),
      ),
    );
  };
  try {
    const sims = spawnService('sim', process.execPath, [path.join(CMS, 'dist', 'simulators', 'run.js')], CMS);
    await waitFor(`http://127.0.0.1:${ports.sms}/health`, 15000, sims, 'simulators');
    // 点点通 simulator (plugins/customs): receipts move declarations along by themselves.
    const ddtEnv = Object.fromEntries(Object.entries(env).filter(([k]) => k.startsWith('DDT_SIM_')));
    const ddt = spawnService('ddt-sim', process.execPath, [path.join(ROOT, 'plugins', 'customs', 'dist', 'simulator', 'run.js')], path.join(ROOT, 'plugins', 'customs'), ddtEnv);
    await waitFor(`http://127.0.0.1:${ports.ddt}/health`, 15000, ddt, '点点通 simulator');
    // FX feed simulator (plugins/fx): the CFETS and ECB feeds the rate fetcher reads.
    const fx = spawnService('fx-sim', process.execPath, [path.join(ROOT, 'plugins', 'fx', 'dist', 'simulator', 'run.js')], path.join(ROOT, 'plugins', 'fx'));
    await waitFor(`http://127.0.0.1:${ports.fx}/control`, 15000, fx, 'FX simulator');
    const strapiBin = path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js');
    const cms = spawnService('cms', process.execPath, [strapiBin, 'start'], CMS, { SEED_DEMO: 'true', ...env });
    const vite = path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
    const admin = spawnService('admin', process.execPath, [vite, 'preview', '--port', String(ports.admin), '--strictPort', '--host', '127.0.0.1'], path.join(ROOT, 'admin'));
    const merchant = spawnService(
      'merchant-web',
      process.execPath,
      [vite, 'preview', '--port', String(ports.merchant), '--strictPort', '--host', '127.0.0.1'],
      path.join(ROOT, 'merchant-web'),
    );
    await waitFor(`http://127.0.0.1:${ports.cms}/_health`, 180000, cms, 'cms');
    await waitFor(`http://127.0.0.1:${ports.admin}/`, 30000, admin, 'admin');
    await waitFor(`http://127.0.0.1:${ports.merchant}/`, 30000, merchant, 'merchant-web');
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    urls: {
      cms: `http://127.0.0.1:${ports.cms}`,
      admin: `http://127.0.0.1:${ports.admin}`,
      merchant: `http://127.0.0.1:${ports.merchant}`,
      sms: `http://127.0.0.1:${ports.sms}`,
      wechat: `http://127.0.0.1:${ports.wechat}`,
      ddt: `http://127.0.0.1:${ports.ddt}`,
      fx: `http://127.0.0.1:${ports.fx}`,
    },
    stop,
  };
}
