#!/usr/bin/env node
// Dev aid, not a test: renders the login/home/mine pages and a module placeholder with
// miniprogram-simulate (fake cms data) into static HTML under /tmp/jmt-preview, then, when a
// Chromium is installed, screenshots them at 750 px (1 rpx = 1 px). An approximation of WeChat's
// renderer (no native components, `hidden` is ignored) for eyeballing layout and styles.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const OUT = '/tmp/jmt-preview';
const require = createRequire(import.meta.url);

execFileSync(process.execPath, [join(ROOT, 'tools', 'build.mjs'), '--quiet'], { stdio: 'inherit' });
const jest = require.resolve('jest/bin/jest');
execFileSync(process.execPath, [jest, '--rootDir', ROOT, '--testMatch', '**/test/preview/*.preview.ts'], { stdio: 'inherit', cwd: ROOT });

const chromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser', process.env.CHROME_PATH].find((p) => p && existsSync(p));
if (!chromium) {
  console.log(`HTML written to ${OUT} (install chromium for PNG screenshots)`);
  process.exit(0);
}
for (const file of readdirSync(OUT).filter((f) => f.endsWith('.html'))) {
  const png = join(OUT, file.replace(/\.html$/, '.png'));
  spawnSync(
    chromium,
    [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--hide-scrollbars',
      '--allow-file-access-from-files',
      '--window-size=750,1400',
      `--screenshot=${png}`,
      `file://${join(OUT, file)}`,
    ],
    { stdio: 'ignore', timeout: 60000 },
  );
  console.log(png);
}
