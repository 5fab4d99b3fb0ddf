import fs from 'node:fs';
import path from 'node:path';
import SwaggerParser from '@apidevtools/swagger-parser';
import { api, bearer, login, PHONES } from './support/api';
import { CMS_DIR } from './support/stack';

/**
 * N6: GET /api/openapi.json documents every route — Strapi's core routes, users-permissions', the cms's own and
 * every plugin's — from @jmt/contracts. Checked by a third-party validator, held against the routes Strapi really
 * registered (so an undocumented route fails here), and against the copy in deploy/ (npm run openapi).
 */
let doc: any;
let staff: string;

beforeAll(async () => {
  staff = await login(PHONES.superAdmin);
  doc = (await api().get('/api/openapi.json').expect(200)).body;
});

const documented = () => Object.entries(doc.paths as Record<string, Record<string, unknown>>).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));

describe('the OpenAPI document', () => {
  it('is a valid OpenAPI 3.1 document (swagger-parser)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    await expect(SwaggerParser.validate(structuredClone(doc))).resolves.toBeDefined();
  });

  it('documents exactly the routes Strapi registered under /api', async () => {
    const registered = (await api().get('/api/system/routes').set(bearer(staff)).expect(200)).body.data.map((r: { method: string; path: string }) => `${r.method} ${r.path}`);
    const docs = documented();
    const undocumented = registered.filter((r: string) => !docs.includes(r));
    const phantom = docs.filter((d) => !registered.includes(d));
    expect({ undocumented, phantom }).toEqual({ undocumented: [], phantom: [] });
    console.log(`[openapi] ${registered.length} registered routes, all documented`);
  });

  it('gives every operation a Chinese summary, a tag, its errors with their Chinese messages, and the bearer scheme where a session is needed', () => {
    for (const [p, ops] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
      for (const [method, op] of Object.entries(ops)) {
        const where = `${method.toUpperCase()} ${p}`;
        expect([where, /[\u4e00-\u9fa5]/.test(op.summary)]).toEqual([where, true]);
        expect([where, op.tags.length]).toEqual([where, 1]);
        const errors = Object.entries(op.responses).filter(([status]) => Number(status) >= 400);
        expect([where, errors.length > 0]).toEqual([where, true]);
        for (const [, r] of errors as [string, any][]) for (const code of r['x-error-codes']) expect(r.description).toContain(code);
        if (op['x-jmt-audience'] !== 'public') expect([where, op.security]).toEqual([where, [{ bearerAuth: [] }]]);
      }
    }
  });

  it('is what deploy/openapi.json holds (run `npm run openapi` after changing a contract)', () => {
    const file = JSON.parse(fs.readFileSync(path.join(CMS_DIR, '..', 'deploy', 'openapi.json'), 'utf8'));
    const { servers: _served, ...served } = doc;
    const { servers: _filed, ...filed } = file;
    expect(filed).toEqual(served);
  });

  it('keeps the route list to super admins', async () => {
    const operator = await login(PHONES.operator);
    expect((await api().get('/api/system/routes').set(bearer(operator))).status).toBe(403);
    expect([401, 403]).toContain((await api().get('/api/system/routes')).status);
  });
});
