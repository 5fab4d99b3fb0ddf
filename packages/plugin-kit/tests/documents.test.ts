import type { Core } from '@strapi/strapi';
import { guardDocumentWrites } from '../src/documents';

type Middleware = (context: unknown, next: () => Promise<unknown>) => Promise<unknown>;

/** A Strapi stand-in that only records the Document Service middleware registered on it. */
function fakeStrapi(): { strapi: Core.Strapi; run(context: unknown): Promise<unknown> } {
  const middlewares: Middleware[] = [];
  const strapi = { documents: { use: (m: Middleware) => middlewares.push(m) } } as unknown as Core.Strapi;
  return { strapi, run: (context) => middlewares[0]!(context, async () => 'written') };
}

describe('guardDocumentWrites', () => {
  const UID = 'api::merchant.merchant';

  it('runs the guard on create and update of the type, which may rewrite the data in place', async () => {
    const { strapi, run } = fakeStrapi();
    const seen: unknown[] = [];
    guardDocumentWrites(strapi, UID, (data, context) => {
      seen.push(context);
      if (typeof data.code === 'string') data.code = data.code.trim();
    });
    const created = { code: ' A1 ' };
    await expect(run({ uid: UID, action: 'create', params: { data: created } })).resolves.toBe('written');
    expect(created.code).toBe('A1');
    await run({ uid: UID, action: 'update', params: { documentId: 'd1', data: { code: 'B' } } });
    expect(seen).toEqual([{ action: 'create' }, { action: 'update', documentId: 'd1' }]);
  });

  it('refuses the write when the guard throws', async () => {
    const { strapi, run } = fakeStrapi();
    guardDocumentWrites(strapi, UID, () => {
      throw new Error('taken');
    });
    await expect(run({ uid: UID, action: 'update', params: { documentId: 'd1', data: {} } })).rejects.toThrow('taken');
  });

  it('leaves other types, reads, deletes and writes without data alone', async () => {
    const { strapi, run } = fakeStrapi();
    const guard = jest.fn();
    guardDocumentWrites(strapi, UID, guard);
    await run({ uid: 'api::message.message', action: 'create', params: { data: {} } });
    await run({ uid: UID, action: 'findMany', params: {} });
    await run({ uid: UID, action: 'delete', params: { documentId: 'd1' } });
    await run({ uid: UID, action: 'update', params: { documentId: 'd1' } });
    expect(guard).not.toHaveBeenCalled();
  });
});
