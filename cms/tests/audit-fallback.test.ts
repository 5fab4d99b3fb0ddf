import type { Context } from 'koa';
import apiEnvelope from '../src/middlewares/api-envelope';

/**
 * The request-level safety net of the operation log: a successful mutating /api request that wrote
 * no audited document still leaves one row (so a future route that forgets to log is still traced).
 * Exercised on the middleware itself with a recording database, since every current route logs
 * explicitly or through the document middleware.
 */
function fakeStrapi() {
  const rows: Record<string, unknown>[] = [];
  const strapi = {
    requestContext: { get: () => undefined },
    db: { query: () => ({ create: async ({ data }: { data: Record<string, unknown> }) => rows.push(data) }) },
  };
  return { strapi: strapi as any, rows };
}

// The parts of a Koa context the middleware reads and writes.
const ctxFor = (method: string, path: string) =>
  ({ method, path, status: 200, state: {} as Record<string, any>, body: undefined as unknown, request: { header: {} } }) as unknown as Context;

describe('operation log request-level fallback', () => {
  it('writes one row for a successful mutating request that logged nothing', async () => {
    const { strapi, rows } = fakeStrapi();
    const middleware = apiEnvelope({}, { strapi });
    const ctx = ctxFor('POST', '/api/widgets/42/archive');
    await middleware(ctx, async () => {
      ctx.status = 200;
    });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ module: 'widget', action: 'POST /api/widgets/42/archive', status: 200 });
  });

  it('writes nothing for reads, failures, or requests that already logged', async () => {
    const { strapi, rows } = fakeStrapi();
    const middleware = apiEnvelope({}, { strapi });
    const read = ctxFor('GET', '/api/widgets');
    await middleware(read, async () => undefined);
    const failed = ctxFor('POST', '/api/widgets');
    await middleware(failed, async () => {
      failed.status = 400;
    });
    const logged = ctxFor('PUT', '/api/widgets/1');
    await middleware(logged, async () => {
      logged.state.auditRows = 1;
    });
    expect(rows).toHaveLength(0);
  });
});
