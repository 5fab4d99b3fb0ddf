// npm run bench:api — the merchant home endpoint against a raw Strapi core `find` of 25 rows, measured
// in one run with autocannon (100 connections) on a fresh demo database. Prints figures and ratios;
// targets: home p95 ≤ 100 ms and home throughput ≥ the core find's.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { ensureNodeModules } from './provision.mjs';

ensureNodeModules();
const { ROOT, build, freePort } = await import('./stack.mjs');
const { createRequire } = await import('node:module');
const require = createRequire(path.join(ROOT, 'cms', 'package.json'));
const autocannon = require('autocannon');

const DURATION = Number(process.env.BENCH_SECONDS || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 100);

build();
const workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmt-bench-'));
const ports = { cms: await freePort(), sms: await freePort(), wechat: await freePort() };
const env = {
  ...process.env,
  STRAPI_TELEMETRY_DISABLED: 'true',
  SERVE_ADMIN_PANEL: 'false',
  SEED_DEMO: 'true',
  CMS_PORT: String(ports.cms),
  SMS_SIM_PORT: String(ports.sms),
  WECHAT_SIM_PORT: String(ports.wechat),
  DATABASE_FILENAME: path.join(workDir, 'bench.db'),
  PRIVATE_UPLOAD_DIR: path.join(workDir, 'private'),
};
if (process.env.DATABASE_CLIENT === 'mysql' && !process.env.DATABASE_NAME) {
  const mysql = require('mysql2/promise');
  env.DATABASE_NAME = `jmt_bench_${Date.now()}`;
  const conn = await mysql.createConnection({ host: env.DATABASE_HOST || '127.0.0.1', user: env.DATABASE_USERNAME || 'root', password: env.DATABASE_PASSWORD || '' });
  await conn.query(`CREATE DATABASE \`${env.DATABASE_NAME}\` CHARACTER SET utf8mb4`);
  await conn.end();
}
const children = [];
const spawnQuiet = (args) => {
  const child = spawn(process.execPath, args, { cwd: path.join(ROOT, 'cms'), env, stdio: ['ignore', 'ignore', 'inherit'] });
  children.push(child);
  return child;
};
const stopAll = () => children.forEach((c) => c.kill('SIGTERM'));
process.on('exit', stopAll);

async function waitFor(url) {
  for (let i = 0; i < 600; i += 1) {
    try {
      if ((await fetch(url)).status < 500) return;
    } catch {
      /* starting */
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timeout waiting for ${url}`);
}

spawnQuiet([path.join(ROOT, 'cms', 'dist', 'simulators', 'run.js')]);
spawnQuiet([path.join(path.dirname(require.resolve('@strapi/strapi/package.json')), 'bin', 'strapi.js'), 'start']);
const base = `http://127.0.0.1:${ports.cms}`;
await waitFor(`http://127.0.0.1:${ports.sms}/health`);
await waitFor(`${base}/_health`);

async function login(phone) {
  await fetch(`${base}/api/auth/sms/send`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone }) });
  const [sms] = await (await fetch(`http://127.0.0.1:${ports.sms}/outbox?phone=${phone}`)).json();
  const res = await fetch(`${base}/api/auth/sms/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ phone, code: sms.code }) });
  return (await res.json()).jwt;
}

const merchantJwt = await login('13900000001');
const staffJwt = await login('13800000000');
// Enough rows for a full page of 25 in the core find.
for (let i = 1; i <= 30; i += 1) {
  await fetch(`${base}/api/products`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${merchantJwt}` },
    body: JSON.stringify({ data: { name: `紫水晶手串 ${i} 号`, hsCode: '7116200000', price: `${10 + i}.80`, currency: 'USD', status: 'listed' } }),
  });
}

function measure(title, url, jwt) {
  return new Promise((resolve, reject) => {
    autocannon({ url, connections: CONNECTIONS, duration: DURATION, headers: { authorization: `Bearer ${jwt}` } }, (error, result) => {
      if (error) return reject(error);
      if (result.non2xx > 0) return reject(new Error(`${title}: ${result.non2xx} non-2xx answers`));
      resolve({
        title,
        rps: result.requests.average,
        p50: result.latency.p50,
        p95: result.latency.p97_5 !== undefined && result.latency.p95 === undefined ? result.latency.p97_5 : (result.latency.p95 ?? result.latency.p97_5),
        p99: result.latency.p99,
      });
    });
  });
}

const findUrl = `${base}/api/products?pagination[pageSize]=25`;
const rows = (await (await fetch(findUrl, { headers: { authorization: `Bearer ${staffJwt}` } })).json()).data.length;
// Warm both paths, then measure each in turn.
await measure('warm-up', `${base}/api/home`, merchantJwt).catch(() => undefined);
const home = await measure('GET /api/home (merchant)', `${base}/api/home`, merchantJwt);
const find = await measure(`GET /api/products (core find, ${rows} rows)`, findUrl, staffJwt);

console.log(`\nautocannon: ${CONNECTIONS} connections, ${DURATION}s each, database ${process.env.DATABASE_CLIENT || 'sqlite'}`);
for (const r of [home, find]) {
  console.log(`${r.title.padEnd(44)} ${r.rps.toFixed(0).padStart(6)} req/s   p50 ${r.p50} ms   p95 ${r.p95} ms   p99 ${r.p99} ms`);
}
const ratio = home.rps / find.rps;
console.log(`home/find throughput ratio ${ratio.toFixed(2)} (target ≥ 1.00); home p95 ${home.p95} ms (target ≤ 100 ms)`);
console.log(`home_rps=${home.rps.toFixed(0)} home_p95_ms=${home.p95} find_rps=${find.rps.toFixed(0)} find_p95_ms=${find.p95} ratio=${ratio.toFixed(2)}`);
stopAll();
if (env.DATABASE_NAME && process.env.DATABASE_CLIENT === 'mysql') {
  const mysql = require('mysql2/promise');
  const conn = await mysql.createConnection({ host: env.DATABASE_HOST || '127.0.0.1', user: env.DATABASE_USERNAME || 'root', password: env.DATABASE_PASSWORD || '' });
  await conn.query(`DROP DATABASE IF EXISTS \`${env.DATABASE_NAME}\``);
  await conn.end();
}
fs.rmSync(workDir, { recursive: true, force: true });
process.exit(0);
