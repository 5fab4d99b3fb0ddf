import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';

const ROOT = join(__dirname, '..', '..');
const DIST = join(ROOT, 'dist');
const ANTD = join(DIST, 'miniprogram_npm', 'antd-mini');

function walk(dir: string, out: string[] = []): string[] {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

describe('build output (dist/, made by tools/build.mjs before jest runs)', () => {
  it('is a mini-program root that project.config.json points at', () => {
    const project = JSON.parse(readFileSync(join(ROOT, 'project.config.json'), 'utf8'));
    expect(project.miniprogramRoot).toBe('dist/');
    for (const f of ['app.js', 'app.json', 'app.wxss', 'sitemap.json', 'pages/home/index.js', 'images/tab/home.png']) {
      expect(existsSync(join(DIST, f))).toBe(true);
    }
    expect(walk(DIST).filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it('ships only the antd-mini components in use, as CommonJS, without docs', () => {
    const components = readdirSync(ANTD)
      .filter((d) => /^[A-Z]/.test(d))
      .sort();
    // used: ActionSheet, Badge, Button, List (+ListItem), Tag; pulled in by them: Icon, ImageIcon, Loading, Popup, ...
    expect(components).toEqual(expect.arrayContaining(['ActionSheet', 'Badge', 'Button', 'List', 'Tag']));
    for (const unused of ['Form', 'Calendar', 'DatePicker', 'RareWordsKeyboard', 'Table', 'Grid']) expect(components).not.toContain(unused);
    const files = walk(ANTD);
    expect(files.filter((f) => f.endsWith('.md'))).toEqual([]);
    for (const js of files.filter((f) => f.endsWith('.js'))) {
      expect(readFileSync(js, 'utf8')).not.toMatch(/^\s*(import|export)\s/m);
    }
  });

  it('no source of the app imports antd-mini JS directly (components only via usingComponents)', () => {
    const appJs = walk(DIST).filter((f) => f.endsWith('.js') && !f.includes('miniprogram_npm'));
    for (const js of appJs) expect(readFileSync(js, 'utf8')).not.toContain('require("antd-mini');
  });

  it('every @jmt/* package (or subpath) a built file requires is bundled into miniprogram_npm; @jmt/api-types stays types only', () => {
    const appJs = walk(DIST).filter((f) => f.endsWith('.js') && !f.includes('miniprogram_npm'));
    const required = new Set<string>();
    for (const js of appJs) {
      for (const match of readFileSync(js, 'utf8').matchAll(/require\(["'](@jmt\/[^"']+)["']\)/g)) required.add(match[1]!);
    }
    // The money module is what the pages compute amounts with, the contracts' form entry what they check forms
    // with; both must be among them, each one bundled.
    expect([...required]).toEqual(expect.arrayContaining(['@jmt/money', '@jmt/contracts/forms']));
    for (const name of required) expect(existsSync(join(DIST, 'miniprogram_npm', name, 'index.js'))).toBe(true);
    // Not the package index: it carries the OpenAPI generator and zod's `z` with its locales and BigInt schemas.
    expect(required.has('@jmt/contracts')).toBe(false);
    expect(existsSync(join(DIST, 'miniprogram_npm', '@jmt', 'contracts', 'index.js'))).toBe(false);
    expect(required.has('@jmt/api-types')).toBe(false);
    expect(existsSync(join(DIST, 'miniprogram_npm', '@jmt', 'api-types'))).toBe(false);
  });

  it('the modules that check forms require the contracts instead of their own copies of the server’s rules', () => {
    const built = (file: string) => readFileSync(join(DIST, file), 'utf8');
    const CONTRACTS = /require\(["']@jmt\/contracts\/forms["']\)/;
    // module → a piece of the hand-written rule it used to carry (a pattern, a length, a message of its own).
    const gone: Record<string, string[]> = {
      'utils/phone.js': ['[3-9]\\d{9}'],
      'components/sms-login/index.js': ['\\d{4,6}', 'phoneInvalid', 'codeRequired'],
      'packageAccount/members.js': ['phoneRequired', 'phoneInvalid'],
      'packageFx/fx.js': ['isDecimalInput', 'thresholdInvalid', 'amountInvalid', 'rateInvalid', '> 500'],
      'packageCustoms/customs.js': ['\\x21-\\x7E', '37', 'reasonTooLong', '> 500'],
      'packageTaxRefund/taxrefund.js': ['\\d{4,10}', 'hsCodeInvalid'],
      // 我的 (a tab page) loads them on first use: utils/contracts.
      'utils/contracts.js': [],
    };
    expect(built('services/merchant.js')).toContain('require("../utils/contracts")');
    for (const piece of ['12,30', '6,40', 'fxCardInvalid', 'fxAccountInvalid']) expect([piece, built('services/merchant.js').includes(piece)]).toEqual([piece, false]);
    for (const [file, pieces] of Object.entries(gone)) {
      const code = built(file);
      expect([file, CONTRACTS.test(code)]).toEqual([file, true]);
      for (const piece of pieces) expect([file, piece, code.includes(piece)]).toEqual([file, piece, false]);
    }
  });

  it('the pages that open first (home, 我的, 消息中心) do not load the contracts: only forms pay for them', () => {
    /**
     * Every module a page runs as it opens: its JS and what that requires at module level (a `require` inside a
     * function runs on first use), and the same for the components it uses (ours).
     */
    function loaded(base: string, seen = new Set<string>()): Set<string> {
      const js = `${base}.js`;
      if (seen.has(js) || !existsSync(js)) return seen;
      seen.add(js);
      for (const m of readFileSync(js, 'utf8').matchAll(/^(?:const|var|let) \w+ = (?:__importStar\(|__importDefault\()?require\(["']([^"']+)["']\)/gm)) {
        const spec = m[1]!;
        if (spec.startsWith('.')) loaded(join(dirname(js), spec.replace(/\.js$/, '')), seen);
        else seen.add(spec);
      }
      const json = `${base}.json`;
      const components = existsSync(json) ? (JSON.parse(readFileSync(json, 'utf8')).usingComponents as Record<string, string> | undefined) || {} : {};
      for (const target of Object.values(components)) {
        if (target.startsWith('/')) loaded(join(DIST, target), seen);
        else if (target.startsWith('.')) loaded(join(dirname(base), target), seen);
      }
      return seen;
    }
    for (const page of ['app', 'pages/home/index', 'pages/mine/index', 'pages/messages/index']) {
      const modules = loaded(join(DIST, page));
      expect([page, modules.size > 1]).toEqual([page, true]);
      expect([page, modules.has('@jmt/contracts/forms')]).toEqual([page, false]);
    }
    // The login form does check with them (sms-login).
    expect(loaded(join(DIST, 'pages/login/index')).has('@jmt/contracts/forms')).toBe(true);
  });
});

describe('tools/size-check.mjs', () => {
  const script = join(ROOT, 'tools', 'size-check.mjs');

  /** A dist/ whose main package weighs exactly mainBytes (app.json included). */
  function fakeDist(mainBytes: number, subBytes: number): string {
    const dir = mkdtempSync(join(tmpdir(), 'jmt-size-'));
    const appJson = JSON.stringify({ pages: ['pages/home/index'], subPackages: [{ root: 'packageFx', pages: ['pages/index/index'] }] });
    writeFileSync(join(dir, 'app.json'), appJson);
    mkdirSync(join(dir, 'pages/home'), { recursive: true });
    mkdirSync(join(dir, 'packageFx/pages/index'), { recursive: true });
    writeFileSync(join(dir, 'pages/home/index.js'), Buffer.alloc(Math.max(0, mainBytes - Buffer.byteLength(appJson)), 97));
    writeFileSync(join(dir, 'packageFx/pages/index/index.js'), Buffer.alloc(subBytes, 97));
    return dir;
  }

  it('passes the real build and prints per-package sizes', () => {
    const out = execFileSync(process.execPath, [script], { encoding: 'utf8' });
    expect(out).toMatch(/^main\s+\d+/m);
    expect(out).toMatch(/^packageCustoms\s+\d+/m);
    expect(out).toContain('[size] OK');
  });

  it('fails when the main package exceeds 1.5 MB', () => {
    const limit = 1.5 * 1024 * 1024;
    const run = spawnSync(process.execPath, [script, fakeDist(limit + 1, 10)], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('main package');
    const ok = spawnSync(process.execPath, [script, fakeDist(limit, 10)], { encoding: 'utf8' });
    expect(ok.status).toBe(0);
  });

  it('fails when a subpackage exceeds 2 MB', () => {
    const run = spawnSync(process.execPath, [script, fakeDist(10, 2 * 1024 * 1024 + 1)], { encoding: 'utf8' });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('subpackage packageFx');
  });
});
