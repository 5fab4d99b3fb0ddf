#!/usr/bin/env node
// Builds the mini-program into miniprogram/dist/ (project.config.json → miniprogramRoot "dist/"):
//   1. tsc (strict, miniprogram-api-typings) src/**/*.ts → dist/**/*.js (CommonJS)
//   2. copies .wxml/.wxss/.wxs/.json and images
//   3. dist/miniprogram_npm/antd-mini: only the antd-mini components the app uses, plus what they
//      import (components, _util, wxs, styles, npm dependencies), ES modules → CommonJS.
//      This is what WeChat DevTools' "构建 npm" produces, done offline and trimmed.
//   3b. dist/miniprogram_npm/@jmt/*: the workspace packages the app's code requires (@jmt/money, @jmt/contracts/forms),
//      each bundled from its ES module sources with its own dependencies (tree-shaken) into one CommonJS index.js
//      for ES2017 engines without BigInt (esbuild) — WeChat's require() finds `<name>[/<subpath>]/index.js` there;
//      bundling also spares WeChat npm names with dots (big.js).
//   4. checks the app: every page/subpackage page and every usingComponents target exists, static
//      image paths exist, and every .wxml/.wxss compiles with WeChat's own wcc/wcsc compilers
//      (npm package miniprogram-compiler).
// Env: JMT_API_BASE_URL=https://api.example.cn bakes the cms URL into dist/config.js.
import { cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, extname, join, posix, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const require = createRequire(import.meta.url);
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(ROOT, 'src');
const DIST = join(ROOT, 'dist');
const NPM_OUT = join(DIST, 'miniprogram_npm');
const ASSET_EXT = new Set(['.json', '.wxml', '.wxss', '.wxs', '.png', '.jpg', '.jpeg', '.gif', '.svg', '.webp']);
const quiet = process.argv.includes('--quiet');
const log = (...args) => {
  if (!quiet) console.log(...args);
};
const toPosix = (p) => p.split(sep).join('/');

function walk(dir, out = []) {
  for (const name of readdirSync(dir)) {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) walk(full, out);
    else out.push(full);
  }
  return out;
}

function fail(message) {
  console.error(`\n[build] FAILED: ${message}`);
  process.exit(1);
}

// ---------------------------------------------------------------- 1. TypeScript
function compileTypeScript() {
  const configPath = join(ROOT, 'tsconfig.json');
  const parsed = ts.getParsedCommandLineOfConfigFile(
    configPath,
    {},
    {
      ...ts.sys,
      onUnRecoverableConfigFileDiagnostic: (d) => fail(ts.flattenDiagnosticMessageText(d.messageText, '\n')),
    },
  );
  const program = ts.createProgram(parsed.fileNames, { ...parsed.options, outDir: DIST, rootDir: SRC });
  const emit = program.emit();
  const diagnostics = ts.sortAndDeduplicateDiagnostics([...ts.getPreEmitDiagnostics(program), ...emit.diagnostics]);
  if (diagnostics.length) {
    console.error(
      ts.formatDiagnosticsWithColorAndContext(diagnostics, {
        getCanonicalFileName: (f) => f,
        getCurrentDirectory: () => ROOT,
        getNewLine: () => '\n',
      }),
    );
    fail(`${diagnostics.length} TypeScript error(s)`);
  }
  log(`[build] tsc: ${parsed.fileNames.length} files`);

  const configJs = join(DIST, 'config.js');
  const baseUrl = process.env.JMT_API_BASE_URL;
  if (baseUrl) {
    if (!/^https?:\/\//.test(baseUrl)) fail('JMT_API_BASE_URL must start with http:// or https://');
    writeFileSync(configJs, readFileSync(configJs, 'utf8').replace('__JMT_API_BASE_URL__', baseUrl.replace(/'/g, '')));
  }
  log(`[build] API base URL: ${baseUrl || 'http://127.0.0.1:1337 (develop default; set JMT_API_BASE_URL for trial/release)'}`);
}

// ---------------------------------------------------------------- 2. assets
function copyAssets() {
  let count = 0;
  for (const file of walk(SRC)) {
    if (!ASSET_EXT.has(extname(file))) continue;
    const target = join(DIST, relative(SRC, file));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(file, target);
    count++;
  }
  log(`[build] assets: ${count} files`);
}

// ---------------------------------------------------------------- 3. antd-mini → miniprogram_npm
const IMPORT_RE = /(?:\bimport\s+(?:[\w*{}\s,]+\s+from\s+)?|\bexport\s+[\w*{}\s,]+\s+from\s+|\brequire\s*\(\s*)['"]([^'"]+)['"]/g;
const WXML_SRC_RE = /<(?:wxs|import|include)\b[^>]*\bsrc\s*=\s*["']([^"'{}]+)["']/g;
const WXSS_IMPORT_RE = /@import\s+["']([^"']+)["']/g;
const WXS_REQUIRE_RE = /\brequire\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

const packageNameOf = (spec) => (spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]);

function matches(re, text) {
  const out = [];
  re.lastIndex = 0;
  let m;
  while ((m = re.exec(text))) out.push(m[1]);
  return out;
}

function resolveJs(fromFile, spec) {
  const base = resolve(dirname(fromFile), spec);
  for (const candidate of [base, `${base}.js`, join(base, 'index.js')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

function toCommonJs(code, fileName) {
  return ts.transpileModule(code, {
    fileName,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2017, esModuleInterop: true },
  }).outputText;
}

/** Usages of `antd-mini/<Component>` in the built app's JSON files. */
function usedAntdComponents() {
  const used = new Set();
  for (const file of walk(DIST)) {
    if (extname(file) !== '.json' || file.startsWith(NPM_OUT)) continue;
    const json = JSON.parse(readFileSync(file, 'utf8'));
    for (const target of Object.values(json.usingComponents || {})) {
      if (target.startsWith('antd-mini/')) used.add(target.slice('antd-mini/'.length));
    }
  }
  return [...used].sort();
}

function buildAntdMini() {
  const antdDir = dirname(require.resolve('antd-mini/package.json'));
  const antdPkg = JSON.parse(readFileSync(join(antdDir, 'package.json'), 'utf8'));
  const antdSrc = join(antdDir, antdPkg.miniprogram || 'compiled/wechat/src');
  if (!existsSync(antdSrc)) fail(`antd-mini WeChat build not found at ${antdSrc}`);
  const outDir = join(NPM_OUT, 'antd-mini');

  const files = new Set();
  const npmDeps = new Set();
  const queue = [];
  const add = (file) => {
    if (file && existsSync(file) && !files.has(file)) {
      files.add(file);
      queue.push(file);
    }
  };
  const addComponent = (base) => {
    if (!existsSync(`${base}.json`)) fail(`antd-mini component missing: ${relative(antdSrc, base)}`);
    for (const ext of ['.json', '.js', '.wxml', '.wxss']) add(`${base}${ext}`);
  };

  const roots = usedAntdComponents();
  roots.forEach((c) => addComponent(join(antdSrc, c)));

  while (queue.length) {
    const file = queue.shift();
    const text = readFileSync(file, 'utf8');
    switch (extname(file)) {
      case '.json':
        for (const target of Object.values(JSON.parse(text).usingComponents || {})) addComponent(resolve(dirname(file), target));
        break;
      case '.js':
        for (const spec of matches(IMPORT_RE, text)) {
          if (spec.startsWith('.')) {
            const target = resolveJs(file, spec);
            if (!target) fail(`cannot resolve ${spec} from ${relative(antdSrc, file)}`);
            add(target);
          } else npmDeps.add(spec);
        }
        break;
      case '.wxml':
        for (const spec of matches(WXML_SRC_RE, text)) {
          const target = resolve(dirname(file), spec);
          add(existsSync(target) ? target : `${target}.wxml`);
        }
        break;
      case '.wxss':
        for (const spec of matches(WXSS_IMPORT_RE, text)) add(resolve(dirname(file), spec));
        break;
      case '.wxs':
        for (const spec of matches(WXS_REQUIRE_RE, text)) add(resolve(dirname(file), spec));
        break;
      default:
        break;
    }
  }

  for (const file of files) {
    const target = join(outDir, relative(antdSrc, file));
    mkdirSync(dirname(target), { recursive: true });
    if (extname(file) === '.js') writeFileSync(target, toCommonJs(readFileSync(file, 'utf8'), file));
    else cpSync(file, target);
  }

  const deps = buildNpmDependencies(npmDeps, antdDir);
  log(
    `[build] antd-mini ${antdPkg.version}: ${roots.length} used (${roots.join(', ')}), ${files.size} files` +
      (deps.length ? `; npm deps: ${deps.join(', ')}` : '; no npm deps needed'),
  );
}

/** The folder of package `name` that contains `file` (package.json may be hidden by "exports"). */
function packageDirOf(file, name) {
  for (let dir = dirname(file); dir !== dirname(dir); dir = dirname(dir)) {
    const pkgJson = join(dir, 'package.json');
    if (existsSync(pkgJson) && JSON.parse(readFileSync(pkgJson, 'utf8')).name === name) return dir;
  }
  fail(`package.json of ${name} not found above ${file}`);
  return '';
}

/**
 * Copies the CommonJS entry of each bare import (and the files it requires) into
 * miniprogram_npm/<name>/, with an index.js that points at the package's main file — the layout
 * WeChat's require() resolves.
 */
function buildNpmDependencies(specs, fromDir) {
  const done = new Set();
  const pending = [...specs].map((spec) => ({ spec, fromDir }));
  while (pending.length) {
    const { spec, fromDir: from } = pending.shift();
    if (done.has(spec)) continue;
    done.add(spec);
    const name = packageNameOf(spec);
    const entry = require.resolve(spec, { paths: [from] });
    const pkgDir = packageDirOf(entry, name);
    const outDir = join(NPM_OUT, name);
    const seen = new Set();
    const stack = [entry];
    while (stack.length) {
      const file = stack.pop();
      if (seen.has(file)) continue;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      const target = join(outDir, relative(pkgDir, file));
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, /\b(import|export)\b[^;]*\bfrom\b/.test(code) ? toCommonJs(code, file) : code);
      for (const dep of matches(IMPORT_RE, code)) {
        if (dep.startsWith('.')) {
          const next = resolveJs(file, dep);
          if (next) stack.push(next);
        } else pending.push({ spec: dep, fromDir: pkgDir });
      }
    }
    if (spec === name) {
      const mainRel = toPosix(relative(pkgDir, entry));
      if (mainRel !== 'index.js') writeFileSync(join(outDir, 'index.js'), `module.exports = require('./${mainRel}');\n`);
    }
  }
  return [...done].sort();
}

// ---------------------------------------------------------------- 3b. workspace packages → miniprogram_npm
/** Bare module names the compiled app code requires (antd-mini is referenced from JSON, not from code). */
function requiredPackages() {
  const specs = new Set();
  for (const file of walk(DIST)) {
    if (extname(file) !== '.js' || file.startsWith(NPM_OUT)) continue;
    for (const spec of matches(/\brequire\s*\(\s*['"]([^'"./][^'"]*)['"]\s*\)/g, readFileSync(file, 'utf8'))) specs.add(spec);
  }
  return [...specs].sort();
}

async function buildWorkspacePackages() {
  const specs = requiredPackages();
  const foreign = specs.filter((s) => !s.startsWith('@jmt/'));
  if (foreign.length) fail(`the app's code requires ${foreign.join(', ')}: only workspace packages (@jmt/*) are bundled — add it there or to antd-mini's components`);
  const { build } = await import('esbuild');
  for (const spec of specs) {
    const outfile = join(NPM_OUT, spec, 'index.js');
    await build({
      // What the app imports, as an ES module (the package's `import` condition: its sources, not its CommonJS dist):
      // esbuild tree-shakes ES modules, so only what the entry reaches ships — for @jmt/contracts/forms, zod/mini
      // without its BigInt schemas and its locales.
      stdin: { contents: `export * from ${JSON.stringify(spec)};`, resolveDir: ROOT, sourcefile: `${spec}.entry.js`, loader: 'js' },
      bundle: true,
      format: 'cjs',
      platform: 'neutral',
      target: 'es2017',
      mainFields: ['module', 'main'],
      // Chinese messages as they are (UTF-8, as the app's own files), not \uXXXX escapes: smaller, and readable.
      charset: 'utf8',
      outfile,
      logLevel: 'silent',
    }).catch((e) => fail(`bundling ${spec}: ${e.message}`));
    const code = readFileSync(outfile, 'utf8');
    // Older iOS WeChat engines have no BigInt: a shared package that uses it would break there, not in tests.
    if (/\bBigInt\b|\d+n\b/.test(code.replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, ''))) fail(`${spec} uses BigInt, which older WeChat engines lack`);
  }
  const sizes = specs.map((spec) => `${spec} ${(statSync(join(NPM_OUT, spec, 'index.js')).size / 1024).toFixed(1)} KB`);
  log(`[build] workspace packages: ${specs.length ? sizes.join(', ') : 'none'}`);
}

// ---------------------------------------------------------------- 4. checks
function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    fail(`${toPosix(relative(DIST, file))}: ${e.message}`);
    return null;
  }
}

function checkApp() {
  const problems = [];
  const app = readJson(join(DIST, 'app.json'));
  const pages = [...app.pages];
  const subRoots = [];
  for (const sub of app.subPackages || app.subpackages || []) {
    subRoots.push(sub.root);
    for (const p of sub.pages) pages.push(posix.join(sub.root, p));
  }
  for (const page of pages) {
    for (const ext of ['.js', '.json', '.wxml']) {
      if (!existsSync(join(DIST, `${page}${ext}`))) problems.push(`page ${page}: missing ${page}${ext}`);
    }
  }
  for (const item of (app.tabBar && app.tabBar.list) || []) {
    if (!pages.slice(0, app.pages.length).includes(item.pagePath)) problems.push(`tabBar page ${item.pagePath} is not in the main package`);
    for (const icon of [item.iconPath, item.selectedIconPath].filter(Boolean)) {
      if (!existsSync(join(DIST, icon))) problems.push(`tabBar icon missing: ${icon}`);
      else if (statSync(join(DIST, icon)).size > 40 * 1024) problems.push(`tabBar icon over 40 KB: ${icon}`);
    }
  }

  const resolveComponent = (fromJson, target) => {
    if (target.startsWith('plugin://')) return null;
    let base;
    if (target.startsWith('/')) base = join(DIST, target);
    else if (target.startsWith('.')) base = resolve(dirname(fromJson), target);
    else base = join(NPM_OUT, target);
    return base;
  };
  for (const file of walk(DIST)) {
    if (extname(file) !== '.json' || file === join(DIST, 'app.json') || file.endsWith('sitemap.json')) continue;
    const json = readJson(file);
    for (const [tag, target] of Object.entries(json.usingComponents || {})) {
      const base = resolveComponent(file, target);
      if (!base) continue;
      const ok = ['.js', '.json', '.wxml'].every((ext) => existsSync(`${base}${ext}`));
      if (!ok) problems.push(`${toPosix(relative(DIST, file))}: <${tag}> → ${target} does not resolve`);
      else if (!readJson(`${base}.json`).component) problems.push(`${target} is not a component`);
      const rel = toPosix(relative(DIST, base));
      const owner = subRoots.find((r) => rel.startsWith(`${r}/`));
      const user = subRoots.find((r) => toPosix(relative(DIST, file)).startsWith(`${r}/`));
      if (owner && owner !== user) problems.push(`${toPosix(relative(DIST, file))} uses ${target} from another subpackage`);
    }
  }

  // Static absolute image paths in templates and code (e.g. src="/images/lock.svg", '/images/modules/fx.svg').
  for (const file of walk(DIST)) {
    if (file.startsWith(NPM_OUT) || !['.wxml', '.js'].includes(extname(file))) continue;
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/["'](\/images\/[^"'{}]+\.(?:png|jpe?g|svg|gif|webp))["']/g)) {
      if (!existsSync(join(DIST, m[1]))) problems.push(`${toPosix(relative(DIST, file))}: missing image ${m[1]}`);
    }
  }

  if (problems.length) fail(`app check:\n  - ${problems.join('\n  - ')}`);
  log(`[build] app check: ${pages.length} pages (${subRoots.length} subpackages), components and images resolve`);
}

/** Compile every template and style sheet with WeChat's wcc/wcsc (from the miniprogram-compiler package). */
function checkWithWeChatCompilers() {
  let compiler;
  try {
    compiler = require('miniprogram-compiler');
  } catch (e) {
    console.warn('[build] miniprogram-compiler not installed: wcc/wcsc check skipped');
    return;
  }
  if (!['linux', 'darwin', 'win32'].includes(process.platform) || process.arch !== 'x64') {
    console.warn(`[build] wcc/wcsc ship for x64 linux/mac/windows only (this is ${process.platform}/${process.arch}): check skipped`);
    return;
  }
  const wxml = walk(DIST)
    .filter((f) => extname(f) === '.wxml')
    .map((f) => toPosix(relative(DIST, f)));
  const wxss = walk(DIST)
    .filter((f) => extname(f) === '.wxss')
    .map((f) => toPosix(relative(DIST, f)));
  try {
    compiler.wxmlToJs(DIST, { maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    fail(`wcc rejected the templates: ${e.message}`);
  }
  try {
    compiler.wxssToJs(DIST, { maxBuffer: 64 * 1024 * 1024 });
  } catch (e) {
    fail(`wcsc rejected the styles: ${e.message}`);
  }
  log(`[build] wcc: ${wxml.length} .wxml compiled; wcsc: ${wxss.length} .wxss compiled`);
}

// ----------------------------------------------------------------
const started = Date.now();
rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });
compileTypeScript();
copyAssets();
buildAntdMini();
await buildWorkspacePackages();
checkApp();
checkWithWeChatCompilers();
log(`[build] done in ${((Date.now() - started) / 1000).toFixed(1)} s → ${toPosix(relative(process.cwd(), DIST)) || '.'}`);
