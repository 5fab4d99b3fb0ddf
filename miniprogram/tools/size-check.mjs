#!/usr/bin/env node
// Package-size gate for the built mini-program (dist/). WeChat's limits: main package ≤ 2 MB,
// each subpackage ≤ 2 MB, all ≤ 20 MB/30 MB. We keep the main package under 1.5 MB (N7: headroom
// for first-screen load) and fail otherwise. Main = everything in dist/ outside subpackage roots
// (including miniprogram_npm, which WeChat puts in the main package).
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const DIST = process.argv[2] ? resolve(process.argv[2]) : join(ROOT, 'dist');
const MAIN_LIMIT = 1.5 * 1024 * 1024;
const SUB_LIMIT = 2 * 1024 * 1024;
const TOTAL_LIMIT = 20 * 1024 * 1024;

if (!existsSync(join(DIST, 'app.json'))) {
  console.error(`[size] ${DIST}/app.json not found: run the build first`);
  process.exit(1);
}

const app = JSON.parse(readFileSync(join(DIST, 'app.json'), 'utf8'));
const roots = (app.subPackages || app.subpackages || []).map((s) => s.root.replace(/\/+$/, ''));

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

const sizes = { main: 0 };
const counts = { main: 0 };
let npmBytes = 0;
for (const r of roots) {
  sizes[r] = 0;
  counts[r] = 0;
}
for (const file of walk(DIST)) {
  const rel = relative(DIST, file).split(sep).join('/');
  const bytes = statSync(file).size;
  const owner = roots.find((r) => rel === r || rel.startsWith(`${r}/`)) || 'main';
  sizes[owner] += bytes;
  counts[owner] += 1;
  if (rel.startsWith('miniprogram_npm/')) npmBytes += bytes;
}

const fmt = (n) => (n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(2)} MB` : `${(n / 1024).toFixed(1)} KB`);
const pct = (n, limit) => `${((100 * n) / limit).toFixed(1)}%`;
const failures = [];
const rows = [['package', 'files', 'size', 'limit', 'used']];
rows.push(['main', String(counts.main), fmt(sizes.main), fmt(MAIN_LIMIT), pct(sizes.main, MAIN_LIMIT)]);
if (sizes.main > MAIN_LIMIT) failures.push(`main package ${fmt(sizes.main)} > ${fmt(MAIN_LIMIT)}`);
for (const r of roots) {
  rows.push([r, String(counts[r]), fmt(sizes[r]), fmt(SUB_LIMIT), pct(sizes[r], SUB_LIMIT)]);
  if (sizes[r] > SUB_LIMIT) failures.push(`subpackage ${r} ${fmt(sizes[r])} > ${fmt(SUB_LIMIT)}`);
}
const total = Object.values(sizes).reduce((a, b) => a + b, 0);
rows.push(['total', String(Object.values(counts).reduce((a, b) => a + b, 0)), fmt(total), fmt(TOTAL_LIMIT), pct(total, TOTAL_LIMIT)]);
if (total > TOTAL_LIMIT) failures.push(`total ${fmt(total)} > ${fmt(TOTAL_LIMIT)}`);

const widths = rows[0].map((_, i) => Math.max(...rows.map((row) => row[i].length)));
for (const row of rows) console.log(row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  '));
console.log(`(main includes miniprogram_npm: ${fmt(npmBytes)}; main package = ${sizes.main} bytes)`);

if (failures.length) {
  console.error(`[size] FAILED: ${failures.join('; ')}`);
  process.exit(1);
}
console.log('[size] OK');
