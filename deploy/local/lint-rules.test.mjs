// The repo's own lint rules (eslint.config.mjs): plugin server code must not reach strapi.db.query,
// strapi.db.connection or strapi.documents — only @jmt/plugin-kit may; the merchant web reads lists only through
// useResourceList (Refine's useList). Lints sample code through ESLint's Node API
// with the real config, as if it sat at the given paths (the files need not exist).
// Run by `npm test` (deploy/local/test.mjs); alone: `node --test deploy/local/lint-rules.test.mjs`.
import assert from 'node:assert/strict';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const eslint = new ESLint({ cwd: ROOT });

const PLUGIN_SERVICE = 'plugins/x/server/src/services/orders.ts';
const KIT = 'packages/plugin-kit/src/orders.ts';

/** The no-restricted-syntax findings for `code` linted as the file at `file` (relative to the repo root). */
async function restricted(code, file) {
  const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
  assert.equal(result.fatalErrorCount, 0, `parses: ${JSON.stringify(result.messages)}`);
  return result.messages.filter((m) => m.ruleId === 'no-restricted-syntax');
}

const SAMPLES = {
  'strapi.db.query': `import type { Core } from '@strapi/strapi';
export const find = (strapi: Core.Strapi, id: number) => strapi.db.query('plugin::x.order').findOne({ where: { id } });
`,
  'strapi.db.connection': `import type { Core } from '@strapi/strapi';
export const rows = (strapi: Core.Strapi) => strapi.db.connection('x_orders').select('*');
`,
  'strapi.documents': `import type { Core } from '@strapi/strapi';
export const list = (strapi: Core.Strapi) => strapi.documents('plugin::x.order').findMany({});
`,
  'strapi.documents.use': `import type { Core } from '@strapi/strapi';
export const hook = (strapi: Core.Strapi) => strapi.documents.use(async (_context, next) => next());
`,
  'this.strapi.db.query (optional chaining)': `export class Orders {
  constructor(private readonly strapi: { db?: { query(uid: string): unknown } }) {}
  repo() { return this.strapi.db?.query('plugin::x.order'); }
}
`,
  'destructured strapi.db': `import type { Core } from '@strapi/strapi';
export function repo(strapi: Core.Strapi) {
  const { db } = strapi;
  return db;
}
`,
};

for (const [name, code] of Object.entries(SAMPLES)) {
  test(`${name} in a plugin service is reported, with a message that points at the kit`, async () => {
    const found = await restricted(code, PLUGIN_SERVICE);
    assert.equal(found.length, 1, JSON.stringify(found));
    assert.equal(found[0].severity, 2, 'an error, not a warning');
    assert.match(found[0].message, /only @jmt\/plugin-kit/);
  });

  test(`${name} in packages/plugin-kit is allowed`, async () => {
    assert.deepEqual(await restricted(code, KIT), []);
  });
}

test('the rule covers every file of a plugin server (not only services), and not its tests', async () => {
  const code = SAMPLES['strapi.db.query'];
  for (const file of ['plugins/x/server/src/index.ts', 'plugins/x/server/src/bootstrap.ts', 'plugins/x/server/src/controllers/orders.ts']) {
    assert.equal((await restricted(code, file)).length, 1, file);
  }
  assert.deepEqual(await restricted(code, 'plugins/x/tests/orders.test.ts'), []);
});

test('plugin code that goes through the kit is not reported', async () => {
  const code = `import type { Core } from '@strapi/strapi';
import { access, type ActorScope } from '@jmt/plugin-kit';
export async function find(strapi: Core.Strapi, scope: ActorScope, documentId: string) {
  strapi.log.info('reading an order');
  const db = access(strapi, scope);
  return db.table('plugin::x.order').get({ documentId });
}
`;
  assert.deepEqual(await restricted(code, PLUGIN_SERVICE), []);
});

test('merchant-web lists go through useResourceList (Refine useList), not hand-read list answers', async () => {
  const code = `import { readList } from "@jmt/strapi-provider";
export const rows = (body: unknown) => readList<{ id: string }>(body).data;
`;
  const lint = async (file) => {
    const [result] = await eslint.lintText(code, { filePath: path.join(ROOT, file) });
    return result.messages.filter((m) => m.ruleId === 'no-restricted-imports');
  };
  const found = await lint('merchant-web/src/pages/customs/Batches.tsx');
  assert.equal(found.length, 1, JSON.stringify(found));
  assert.match(found[0].message, /useResourceList/);
  assert.deepEqual(await lint('merchant-web/src/hooks/useResourceList.ts'), []);
});
