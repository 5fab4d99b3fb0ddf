/**
 * 点点通 interface config per merchant (C1). Staff write it; merchants read it without secrets. Every save
 * is checked against 点点通 at once; only a config whose last check passed lets declarations leave.
 * The app secret is encrypted at rest with AES-256-GCM under CUSTOMS_CONFIG_KEY.
 */
import crypto from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { access, system, type DataAccess } from '@jmt/plugin-kit';
import { host, type ActorScope } from '../host';
import { httpDdtAdapter, TransientError, type DdtAdapter } from './ddt-client';
import { UID, type Row } from './store';

export const CONFIG_FIELDS = ['dxpId', 'ebcCode', 'ebcName', 'ebpCode', 'ebpName', 'agentCode', 'agentName', 'customsCode', 'portCode', 'appKey'] as const;
type ConfigField = (typeof CONFIG_FIELDS)[number];

export type ConfigStatus = 'valid' | 'invalid' | 'unverified';

/** AES-256-GCM under a key derived from `keyMaterial`; the result carries its IV and tag ("v1.iv.tag.body"). */
export function sealSecret(keyMaterial: string, plain: string): string {
  const key = crypto.createHash('sha256').update(keyMaterial).digest();
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
  return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
}

/** Opens a sealed secret; throws on a wrong key or any tampering (GCM tag check). */
export function openSecret(keyMaterial: string, sealed: string): string {
  const [v, iv, tag, body] = sealed.split('.');
  if (v !== 'v1' || !iv || !tag || !body) throw new Error('unknown secret format');
  const key = crypto.createHash('sha256').update(keyMaterial).digest();
  const decipher = crypto.createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
}

export function createConfigService(strapi: Core.Strapi, adapter: DdtAdapter = httpDdtAdapter()) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);

  async function merchantByDocumentId(scope: ActorScope, documentId: string): Promise<Row> {
    return access(strapi, scope).table(UID.merchant).get({ documentId });
  }

  /** The merchant's config, read through `db` (the caller's scope narrowed to the merchant, or system work). */
  async function configOf(db: DataAccess, merchantId: number): Promise<Row | null> {
    return db.within(merchantId).table(UID.config).findOne();
  }

  /** System work (declarations, delivery): the config a merchant's documents leave with. */
  const rowFor = (merchantId: number): Promise<Row | null> => configOf(system(strapi), merchantId);

  function present(row: Row | null, merchant: Row, staff: boolean): Row {
    const base: Row = { merchant: { documentId: merchant.documentId, nameCn: merchant.nameCn }, configured: Boolean(row) };
    if (!row) return { ...base, status: 'missing' };
    const out: Row = { ...base, documentId: row.documentId, status: row.status, verifiedAt: row.verifiedAt, verifyErrors: row.verifyErrors ?? [], updatedAt: row.updatedAt };
    for (const f of CONFIG_FIELDS) out[f] = row[f] ?? null;
    if (!staff) out.appKey = row.appKey ? `${String(row.appKey).slice(0, 3)}****` : null;
    out.hasSecret = Boolean(row.appSecretEncrypted);
    return out;
  }

  async function verifyRow(row: Row): Promise<{ status: ConfigStatus; errors: { field: string; message: string }[] }> {
    const input: Row = {};
    for (const f of CONFIG_FIELDS) if (row[f] !== null && row[f] !== undefined && row[f] !== '') input[f] = row[f];
    try {
      const r = await adapter.verify(input);
      return { status: r.ok ? 'valid' : 'invalid', errors: r.errors };
    } catch (e) {
      if (e instanceof TransientError) return { status: 'unverified', errors: [{ field: '', message: `暂时无法连接点点通校验：${e.message}` }] };
      throw e;
    }
  }

  return {
    /** The caller's own config (merchants) — read only, no secret. */
    async mine(scope: ActorScope): Promise<Row> {
      if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('NO_MERCHANT', 403);
      h().assertCan(scope, 'data.read');
      const db = access(strapi, scope);
      const merchant = await db.table(UID.merchant).get({ id: scope.merchantId });
      return present(await configOf(db, scope.merchantId), merchant, false);
    },

    async list(scope: ActorScope): Promise<Row[]> {
      h().assertCan(scope, 'customs.config');
      const db = access(strapi, scope);
      const merchants = await db.table(UID.merchant).findMany({ orderBy: { id: 'asc' }, limit: 1000 });
      const rows = await db.table(UID.config).findMany({ populate: { merchant: { select: ['id'] } } });
      const byMerchant = new Map(rows.map((r) => [r.merchant?.id as number, r]));
      return merchants.map((m) => ({ ...present(byMerchant.get(m.id) ?? null, m, true), registrationStatus: m.registrationStatus }));
    },

    async get(scope: ActorScope, merchantDocumentId: string): Promise<Row> {
      h().assertCan(scope, 'customs.config');
      const merchant = await merchantByDocumentId(scope, merchantDocumentId);
      return present(await configOf(access(strapi, scope), merchant.id), merchant, true);
    },

    /** Staff save: stored, then verified against 点点通 at once; the answer carries the verdict. */
    async save(scope: ActorScope, merchantDocumentId: string, body: unknown): Promise<Row> {
      h().assertCan(scope, 'customs.config');
      const merchant = await merchantByDocumentId(scope, merchantDocumentId);
      const configs = access(strapi, scope).within(merchant.id).table(UID.config);
      const input = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
      const data: Row = {};
      const problems: { field: string; message: string }[] = [];
      for (const f of CONFIG_FIELDS) {
        if (!(f in input)) continue;
        const v = input[f];
        if (v !== null && typeof v !== 'string') problems.push({ field: f, message: '应为文本' });
        else data[f as ConfigField] = typeof v === 'string' && v.trim() !== '' ? v.trim() : null;
      }
      for (const f of ['dxpId', 'ebcCode', 'ebpCode', 'agentCode', 'customsCode', 'portCode'] as const) {
        if (typeof data[f] === 'string') data[f] = (data[f] as string).toUpperCase();
      }
      // appSecret is write-only: a text replaces it, null removes it, "" (an untouched password field) keeps it.
      if ('appSecret' in input && input.appSecret !== '') {
        const s = input.appSecret;
        if (s !== null && (typeof s !== 'string' || s.length > 512)) problems.push({ field: 'appSecret', message: '接口密钥应为文本，最长512位' });
        else data.appSecretEncrypted = s ? sealSecret(h().secret('CUSTOMS_CONFIG_KEY'), s) : null;
      }
      if (problems.length) throw fail('VALIDATION_FAILED', 400, { errors: problems });
      const existing = await configs.findOne();
      const merged: Row = { ...(existing ?? {}), ...data };
      const verdict = await verifyRow(merged);
      const saved = await h().transaction(async () => {
        const values = { ...data, status: verdict.status, verifiedAt: new Date(), verifyErrors: verdict.errors, editedBy: scope.name || scope.phone };
        const row = existing ? await configs.update({ id: existing.id }, values) : await configs.create(values);
        const before = existing ? Object.fromEntries(CONFIG_FIELDS.map((f) => [f, existing[f] ?? null])) : null;
        await h().audit(
          {
            module: 'customs',
            action: 'config.save',
            targetUid: UID.config,
            targetId: String(row.documentId),
            before,
            after: { ...Object.fromEntries(CONFIG_FIELDS.map((f) => [f, merged[f] ?? null])), secretChanged: 'appSecretEncrypted' in data, status: verdict.status },
          },
          scope,
        );
        return row;
      });
      h().afterCommit();
      return present(await configs.get({ id: saved.id }), merchant, true);
    },

    async reverify(scope: ActorScope, merchantDocumentId: string): Promise<Row> {
      h().assertCan(scope, 'customs.config');
      const merchant = await merchantByDocumentId(scope, merchantDocumentId);
      const configs = access(strapi, scope).within(merchant.id).table(UID.config);
      const row = await configs.findOne();
      if (!row) throw fail('CUSTOMS_CONFIG_MISSING', 409);
      const verdict = await verifyRow(row);
      const updated = await configs.update({ id: row.id }, { status: verdict.status, verifiedAt: new Date(), verifyErrors: verdict.errors });
      return present(updated, merchant, true);
    },

    /** The config a declaration leaves with; refuses when missing or not verified as valid. */
    async requireValid(merchantId: number): Promise<Row> {
      const row = await rowFor(merchantId);
      if (!row) throw fail('CUSTOMS_CONFIG_MISSING', 409);
      if (row.status !== 'valid') throw fail('CUSTOMS_CONFIG_INVALID', 409, { status: row.status, errors: row.verifyErrors ?? [] });
      return row;
    },

    rowFor,

    /** The app secret for a real 点点通 client that signs its calls (the simulator needs none). */
    async secretFor(merchantId: number): Promise<string | null> {
      const row = await rowFor(merchantId);
      return row?.appSecretEncrypted ? openSecret(h().secret('CUSTOMS_CONFIG_KEY'), row.appSecretEncrypted) : null;
    },
  };
}

export type ConfigService = ReturnType<typeof createConfigService>;
