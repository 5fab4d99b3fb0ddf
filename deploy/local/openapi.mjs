// npm run openapi — writes deploy/openapi.json, the OpenAPI 3.1 document the cms serves at GET /api/openapi.json,
// generated from @jmt/contracts and the error catalogue (the cms's codes and every local plugin's locale file).
// Import it into Apifox: 导入数据 → OpenAPI/Swagger → 文件导入 (or 在线 URL http://127.0.0.1:1337/api/openapi.json).
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';

const { ROOT, LOCAL_PLUGINS, SERVER_PACKAGES, run } = await import('./stack.mjs');
const require = createRequire(path.join(ROOT, 'package.json'));
const tsc = require.resolve('typescript/bin/tsc');
for (const pkg of SERVER_PACKAGES) run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: path.join(ROOT, 'packages', pkg) });
for (const plugin of LOCAL_PLUGINS) run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: path.join(ROOT, 'plugins', plugin) });
run(process.execPath, [tsc, '-p', 'tsconfig.json'], { cwd: path.join(ROOT, 'cms') });

const { registerErrorMessages } = require(path.join(ROOT, 'cms', 'dist', 'src', 'core', 'errors.js'));
for (const plugin of LOCAL_PLUGINS) {
  const locale = path.join(ROOT, 'plugins', plugin, 'dist', 'locales', 'zh-CN.js');
  if (fs.existsSync(locale)) registerErrorMessages(require(locale).errors);
}
const { buildOpenApi } = require(path.join(ROOT, 'cms', 'dist', 'src', 'api', 'system', 'controllers', 'system.js'));
const doc = buildOpenApi();
const out = path.join(ROOT, 'deploy', 'openapi.json');
fs.writeFileSync(out, `${JSON.stringify(doc, null, 2)}\n`);
const operations = Object.values(doc.paths).reduce((n, p) => n + Object.keys(p).length, 0);
console.log(`[openapi] ${path.relative(ROOT, out)}: ${operations} operations, ${Object.keys(doc.paths).length} paths, ${doc.tags.length} tags`);
