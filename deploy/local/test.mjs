// npm test: provisions what a fresh machine lacks, lints the repo (`npm run lint`) and tests its own lint rule,
// runs every workspace's tests, then the browser end-to-end tests against the real built apps, a real cms on a
// temporary database and the simulators.
// `npm test -- --skip-e2e` or `-- --only-e2e` narrow it while developing; `-- --skip-lint` leaves out the lint.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import { ensureChromium, ensureNodeModules, CHROMIUM } from './provision.mjs';

const args = new Set(process.argv.slice(2));
ensureNodeModules();
const { ROOT, build, freePort, startStack } = await import('./stack.mjs');

const results = [];
function step(name, cmd, cmdArgs, options = {}) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const result = spawnSync(cmd, cmdArgs, { stdio: 'inherit', cwd: ROOT, ...options });
  results.push({ name, ok: result.status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

/** Like step(), without blocking this process's event loop. */
async function stepAsync(name, cmd, cmdArgs, options = {}) {
  console.log(`\n━━ ${name} ━━`);
  const started = Date.now();
  const child = spawn(cmd, cmdArgs, { stdio: 'inherit', cwd: ROOT, ...options });
  const status = await new Promise((resolve) => {
    child.once('exit', (code) => resolve(code));
    child.once('error', () => resolve(1));
  });
  results.push({ name, ok: status === 0, seconds: Math.round((Date.now() - started) / 1000) });
}

if (!args.has('--only-e2e')) {
  // Lint first: it takes seconds, and a finding reads quicker than a failing suite. A failure is reported in the
  // summary (and fails the run) without holding back the tests.
  if (!args.has('--skip-lint')) step('lint (eslint . && prettier --check .)', 'npm', ['run', 'lint']);
  step('lint rules (plugin code reaches the database only through the kit)', process.execPath, ['--test', 'deploy/local/lint-rules.test.mjs']);
  const workspaces = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')).workspaces;
  const dirs = workspaces.flatMap((pattern) => {
    if (!pattern.endsWith('/*')) return [pattern];
    const parent = path.join(ROOT, pattern.slice(0, -2));
    return fs.existsSync(parent) ? fs.readdirSync(parent).map((d) => `${pattern.slice(0, -2)}/${d}`) : [];
  });
  for (const dir of dirs) {
    const pkgFile = path.join(ROOT, dir, 'package.json');
    if (!fs.existsSync(pkgFile)) continue;
    const pkg = JSON.parse(fs.readFileSync(pkgFile, 'utf8'));
    if (pkg.scripts?.test) step(`${pkg.name} tests`, 'npm', ['test', '-w', pkg.name]);
  }
}

if (!args.has('--skip-e2e')) {
  ensureChromium();
  build();
  const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmt-e2e-'));
  const ports = {
    cms: await freePort(),
    admin: await freePort(),
    merchant: await freePort(),
    sms: await freePort(),
    wechat: await freePort(),
    ddt: await freePort(),
    fx: await freePort(),
  };
  console.log('\n━━ browser end-to-end tests ━━');
  let stack;
  try {
    stack = await startStack({
      ports,
      env: {
        DATABASE_FILENAME: path.join(workDir, 'e2e.db'),
        PRIVATE_UPLOAD_DIR: path.join(workDir, 'private'),
        SERVE_ADMIN_PANEL: 'false',
        NODE_ENV: 'test',
        // Customs declarations settle within seconds in the browser tests (the simulator reads DDT_SIM_STEP_MS too).
        DDT_POLL_SECONDS: '1',
        DDT_SIM_STEP_MS: '300',
      },
      quiet: true,
      logDir: workDir,
    });
    const files = ['admin', 'merchant-web']
      .map((app) => path.join(ROOT, app, 'e2e'))
      .filter((dir) => fs.existsSync(dir))
      .flatMap((dir) =>
        fs
          .readdirSync(dir)
          .filter((f) => f.endsWith('.e2e.mjs'))
          .map((f) => path.join(dir, f)),
      )
      // E2E_FILTER=customs runs only the files whose path contains it (while developing).
      .filter((f) => !process.env.E2E_FILTER || f.includes(process.env.E2E_FILTER));
    // Not spawnSync: this process must keep reading the stack's stdout/stderr pipes while the tests run, or a
    // chatty cms fills its 64 KB pipe and blocks on its next log line (writes to pipes are synchronous on Linux).
    await stepAsync('browser e2e (Playwright + Debian Chromium)', process.execPath, ['--test', '--test-concurrency=1', ...files], {
      env: {
        ...process.env,
        CMS_URL: stack.urls.cms,
        ADMIN_URL: stack.urls.admin,
        MERCHANT_URL: stack.urls.merchant,
        SMS_SIM_URL: stack.urls.sms,
        WECHAT_SIM_URL: stack.urls.wechat,
        DDT_SIM_URL: stack.urls.ddt,
        FX_SIM_URL: stack.urls.fx,
        CHROMIUM_PATH: CHROMIUM,
      },
    });
  } catch (error) {
    console.error(error);
    for (const log of fs.readdirSync(workDir).filter((f) => f.endsWith('.log'))) {
      console.error(`--- ${log} (tail) ---\n${fs.readFileSync(path.join(workDir, log), 'utf8').slice(-3000)}`);
    }
    results.push({ name: 'browser e2e (stack start)', ok: false, seconds: 0 });
  } finally {
    await stack?.stop();
    // E2E_KEEP_LOGS=1 keeps the stack's logs and database for a post-mortem.
    if (process.env.E2E_KEEP_LOGS === '1') console.log(`(e2e work dir kept: ${workDir})`);
    else fs.rmSync(workDir, { recursive: true, force: true });
  }
}

console.log('\n━━ summary ━━');
for (const r of results) console.log(`${r.ok ? '✔' : '✘'} ${r.name} (${r.seconds}s)`);
const failed = results.filter((r) => !r.ok).length;
process.exit(failed ? 1 : 0);
