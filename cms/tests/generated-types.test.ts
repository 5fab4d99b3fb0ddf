import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CMS_DIR } from './support/stack';

/**
 * The cms's code is typed by Strapi's generated types (cms/types/generated, checked in). They must describe the
 * content types the app really has: Strapi's generator writes the types for the compiled app (global setup ran tsc,
 * which copies the schemas into dist) into a temporary directory, and they must equal the checked-in files byte for
 * byte. A schema changed without regenerating fails here. support/generate-types.js says why it runs in a process
 * of its own.
 */
const GENERATED_DIR = path.join(CMS_DIR, 'types', 'generated');
const FILES = ['contentTypes.d.ts', 'components.d.ts'];
const HINT = 'cms/types/generated is out of date: run `npm run types -w @jmt/cms` and commit the result';

describe('generated types', () => {
  let workDir: string;
  let log = '';
  const generated: Record<string, Buffer | null> = {};

  beforeAll(() => {
    workDir = fs.mkdtempSync(path.join(os.tmpdir(), 'jmt-typegen-'));
    const result = spawnSync(process.execPath, [path.join(__dirname, 'support', 'generate-types.js'), workDir], {
      cwd: CMS_DIR,
      // What loading the app reads: a throwaway SQLite file (register() opens no connection), no admin panel.
      env: {
        ...process.env,
        NODE_ENV: 'test',
        STRAPI_TELEMETRY_DISABLED: 'true',
        SERVE_ADMIN_PANEL: 'false',
        DATABASE_CLIENT: 'sqlite',
        DATABASE_FILENAME: path.join(workDir, 'test.db'),
        PRIVATE_UPLOAD_DIR: path.join(workDir, 'private-uploads'),
        FX_FETCH: 'false',
      },
      encoding: 'utf8',
      timeout: 120_000,
    });
    log = `exit ${result.status ?? result.signal}\n${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}`.slice(-4000);
    for (const file of FILES) {
      const out = path.join(workDir, 'types', 'generated', file);
      generated[file] = fs.existsSync(out) ? fs.readFileSync(out) : null;
    }
  }, 150_000);

  afterAll(() => {
    if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
  });

  it.each(FILES)('cms/types/generated/%s is what Strapi generates for the app', (file) => {
    const fresh = generated[file];
    if (!fresh) throw new Error(`Strapi's generator wrote no ${file}:\n${log}`);
    const checkedIn = path.join(GENERATED_DIR, file);
    if (!fs.existsSync(checkedIn)) throw new Error(`cms/types/generated/${file} is missing: ${HINT}`);
    const current = fs.readFileSync(checkedIn);
    if (!current.equals(fresh)) {
      const a = current.toString('utf8').split('\n');
      const b = fresh.toString('utf8').split('\n');
      const first = a.findIndex((line, i) => line !== b[i]);
      const line = first === -1 ? Math.min(a.length, b.length) : first;
      throw new Error(
        `${HINT}.\nFirst difference in ${file}, line ${line + 1}:\n  checked in: ${JSON.stringify(a[line] ?? '<end of file>')}\n  generated:  ${JSON.stringify(b[line] ?? '<end of file>')}`,
      );
    }
  });
});
