import type { Core } from '@strapi/strapi';
import type { ActorScope } from '../src/host';
import { declaredUniqueIndexes, declareUniqueIndexes } from '../src/indexes';
import { decide, declarationOf, isOwnType, undeclaredTypes } from '../src/tenancy';

/** Just what the tenancy rules read from Strapi: the content types and where each plugin was loaded from. */
function fakeStrapi(contentTypes: Record<string, object>) {
  return {
    contentTypes,
    config: {
      get: (key: string) =>
        key === 'enabledPlugins'
          ? { customs: { pathToPlugin: '/work/main/plugins/customs' }, 'users-permissions': { pathToPlugin: '/work/main/node_modules/@strapi/plugin-users-permissions' } }
          : undefined,
    },
  } as unknown as Core.Strapi;
}

const merchantRel = { type: 'relation', relation: 'manyToOne', target: 'api::merchant.merchant' };
const strapi = fakeStrapi({
  'api::merchant.merchant': { collectionName: 'merchants', pluginOptions: { jmt: { tenancy: 'self' } }, attributes: {} },
  'plugin::customs.batch': {
    collectionName: 'customs_batches',
    pluginOptions: { jmt: { tenancy: 'merchant', staffRead: ['customs.view'] } },
    attributes: { merchant: merchantRel, number: { type: 'string', unique: true } },
  },
  'plugin::customs.order': {
    collectionName: 'customs_orders',
    pluginOptions: { jmt: { tenancy: 'merchant', merchantColumn: 'merchantId', unique: [['batchId', 'orderNo']] } },
    attributes: { merchantId: { type: 'integer' }, batchId: { type: 'integer' }, orderNo: { type: 'string' } },
  },
  'plugin::customs.hint': { collectionName: 'customs_hints', pluginOptions: { jmt: { tenancy: 'public-read', staffWrite: ['customs.hints'] } }, attributes: {} },
  'plugin::customs.poll-state': { collectionName: 'customs_poll_states', pluginOptions: { jmt: { tenancy: 'system' } }, attributes: {} },
  // A new type someone forgot to declare, and one claiming merchant ownership without a merchant field.
  'plugin::customs.shipment': { collectionName: 'customs_shipments', attributes: { merchant: merchantRel } },
  'api::thing.thing': { collectionName: 'things', pluginOptions: { jmt: { tenancy: 'merchant' } }, attributes: {} },
  'plugin::users-permissions.user': { collectionName: 'up_users', attributes: {} },
});

const fail = (code: string, status: number) => Object.assign(new Error(code), { code, status });

function scope(kind: ActorScope['kind'], permissions: string[] = [], merchantId: number | null = null, role: ActorScope['role'] = null): ActorScope {
  return { kind, userId: 1, phone: null, name: null, merchantId, merchantDocumentId: null, role, permissions: new Set(permissions) };
}
const admin = scope('merchant', ['data.read', 'data.write'], 7, 'admin');
const member = scope('merchant', ['data.read'], 7, 'member');
const viewer = scope('platform', ['platform.access', 'customs.view']);
const clerk = scope('platform', ['platform.access']);

function code(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (e) {
    return (e as { code: string }).code;
  }
}

describe('tenancy declarations', () => {
  it('covers api:: types and every type of a plugin loaded from the project, not Strapi’s own', () => {
    expect(isOwnType(strapi, 'plugin::customs.batch')).toBe(true);
    expect(isOwnType(strapi, 'api::merchant.merchant')).toBe(true);
    expect(isOwnType(strapi, 'plugin::users-permissions.user')).toBe(false);
    expect(declarationOf(strapi, 'plugin::users-permissions.user')).toBeNull();
  });

  it('names the types that declare nothing — and closes them to merchants meanwhile', () => {
    expect(undeclaredTypes(strapi)).toEqual(['plugin::customs.shipment']);
    expect(declarationOf(strapi, 'plugin::customs.shipment')).toEqual({ tenancy: 'platform' });
    expect(code(() => decide(strapi, 'plugin::customs.shipment', admin, 'read', fail))).toBe('FORBIDDEN');
    // Claiming merchant ownership without a merchant field cannot be scoped: closed too.
    expect(declarationOf(strapi, 'api::thing.thing')).toEqual({ tenancy: 'platform' });
  });

  it('filters a merchant’s reads to its own rows, by relation or by column, and stamps its writes', () => {
    expect(decide(strapi, 'plugin::customs.batch', admin, 'read', fail)).toEqual({ filter: { merchant: { id: 7 } }, stampMerchant: 7 });
    expect(decide(strapi, 'plugin::customs.order', admin, 'write', fail)).toEqual({ filter: { merchantId: 7 }, stampMerchant: 7 });
    expect(decide(strapi, 'api::merchant.merchant', member, 'read', fail)).toEqual({ filter: { id: 7 }, stampMerchant: null });
  });

  it('lets members read and nothing more', () => {
    expect(decide(strapi, 'plugin::customs.batch', member, 'read', fail).filter).toEqual({ merchant: { id: 7 } });
    expect(code(() => decide(strapi, 'plugin::customs.batch', member, 'write', fail))).toBe('MEMBER_READ_ONLY');
  });

  it('gives staff what their permissions allow, unfiltered', () => {
    expect(decide(strapi, 'plugin::customs.batch', viewer, 'read', fail)).toEqual({ filter: null, stampMerchant: null });
    expect(code(() => decide(strapi, 'plugin::customs.batch', clerk, 'read', fail))).toBe('FORBIDDEN');
    expect(code(() => decide(strapi, 'plugin::customs.hint', viewer, 'write', fail))).toBe('FORBIDDEN');
    expect(code(() => decide(strapi, 'plugin::customs.hint', scope('platform', ['customs.hints']), 'write', fail))).toBeNull();
    expect(code(() => decide(strapi, 'plugin::customs.poll-state', scope('platform', ['*']), 'read', fail))).toBe('FORBIDDEN');
  });

  it('shares reference data read-only, refuses anonymous callers and trusts system work', () => {
    expect(decide(strapi, 'plugin::customs.hint', member, 'read', fail).filter).toBeNull();
    expect(code(() => decide(strapi, 'plugin::customs.hint', admin, 'write', fail))).toBe('FORBIDDEN');
    expect(code(() => decide(strapi, 'plugin::customs.poll-state', admin, 'read', fail))).toBe('FORBIDDEN');
    expect(code(() => decide(strapi, 'plugin::customs.batch', scope('anonymous'), 'read', fail))).toBe('UNAUTHORIZED');
    expect(code(() => decide(strapi, 'plugin::customs.batch', scope('merchant', ['data.read']), 'read', fail))).toBe('NO_MERCHANT');
    expect(decide(strapi, 'plugin::customs.batch', null, 'write', fail)).toEqual({ filter: null, stampMerchant: null });
  });
});

describe('unique indexes', () => {
  it('turns unique: true and declared composites into unique indexes of the schema', () => {
    const declared = declaredUniqueIndexes(strapi).filter((i) => i.uid.startsWith('plugin::customs'));
    expect(declared.map((i) => [i.table, i.columns])).toEqual([
      ['customs_batches', ['number']],
      ['customs_orders', ['batch_id', 'order_no']],
    ]);
    declareUniqueIndexes(strapi);
    const batch = (strapi.contentTypes as unknown as Record<string, { indexes?: unknown[] }>)['plugin::customs.batch'];
    expect(batch.indexes).toEqual([{ name: 'customs_batches_number_uq', columns: ['number'], type: 'unique' }]);
    // Idempotent: declaring twice adds nothing.
    declareUniqueIndexes(strapi);
    expect(batch.indexes).toHaveLength(1);
  });
});
