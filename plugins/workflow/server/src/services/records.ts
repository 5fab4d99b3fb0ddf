/**
 * What the workflow services share: the application and timeline tables behind the caller's scoped access,
 * who may read and write, and the checks a submission runs (fields, the merchant's own files of an accepted
 * type, the kind's database checks). Ids inside application data (file slots, linked records) are resolved
 * through the application's merchant, so another merchant's id is "not found": a submission naming one is
 * refused as invalid, and no screen or package ever shows what it points at.
 */
import type { Core } from '@strapi/strapi';
import { access, host, system, type ActorScope, type DataAccess, type Row } from '@jmt/plugin-kit';
import { allKinds, getKind, type Actor, type KindDefinition, type KindEffects, type MissingItem } from '../kinds';
import { missingItems, referencedFiles } from '../lib/machine';
import { presentTimeline, type Viewer } from '../lib/present';

export const APPLICATION_UID = 'plugin::workflow.application';
export const EVENT_UID = 'plugin::workflow.application-event';
export const MERCHANT_UID = 'api::merchant.merchant';
export const FILE_UID = 'api::private-file.private-file';

export const isPlainObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function createRecords(strapi: Core.Strapi) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);

  function kindOrFail(kind: unknown): KindDefinition {
    const def = typeof kind === 'string' ? getKind(kind) : undefined;
    if (!def) throw fail('KIND_UNKNOWN', 400, { kind, allowed: allKinds().map((k) => k.kind) });
    return def;
  }

  const actorOf = (scope: ActorScope): Actor | null => (scope.kind === 'platform' ? 'platform' : scope.kind === 'merchant' ? 'merchant' : null);
  const viewerOf = (scope: ActorScope): Viewer => (scope.kind === 'platform' ? 'platform' : 'merchant');

  function assertReader(scope: ActorScope): void {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind === 'merchant') {
      if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
      h().assertCan(scope, 'data.read');
    } else h().assertCan(scope, 'platform.access');
  }

  /** A merchant user who may write (members may not); returns their merchant. */
  function assertMerchantWriter(scope: ActorScope): number {
    if (scope.kind !== 'merchant') throw fail('FORBIDDEN', 403);
    if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
    h().assertCan(scope, 'data.write');
    return scope.merchantId;
  }

  /** A merchant user's own merchant (guide, prefill, progress are the merchant's views). */
  function merchantOf(scope: ActorScope): number {
    assertReader(scope);
    if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('FORBIDDEN', 403);
    return scope.merchantId;
  }

  const db = (scope: ActorScope): DataAccess => access(strapi, scope);

  async function loadApplication(scope: ActorScope, documentId: string): Promise<Row> {
    return db(scope)
      .table(APPLICATION_UID)
      .get({ documentId }, { populate: { merchant: { select: ['id', 'documentId', 'nameCn', 'registrationStatus'] } } });
  }

  async function merchantRow(merchantId: number): Promise<Row> {
    return system(strapi).table(MERCHANT_UID).get({ id: merchantId });
  }

  async function timelineOf(scope: ActorScope, row: Row): Promise<Row[]> {
    const events = await db(scope)
      .table(EVENT_UID)
      .findMany({ where: { application: { id: row.id } }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    return presentTimeline(events, getKind(row.kind), viewerOf(scope));
  }

  /** What a submission lacks: fields, the merchant's own files of an accepted type, and the kind's own checks. */
  async function problemsOf(scope: ActorScope, def: KindDefinition, merchantId: number, data: Record<string, unknown>): Promise<MissingItem[]> {
    const within = db(scope).within(merchantId);
    const files = await within.table(FILE_UID).resolve(Object.values(referencedFiles(data)), { select: ['documentId', 'category', 'mime'] });
    const missing = missingItems(def, data, (slotKey, id) => {
      const file = files.get(id);
      const accept = def.fileSlots.find((s) => s.key === slotKey)?.accept;
      return Boolean(file) && (!accept || accept.includes(file!.mime));
    });
    // The kind's own checks too, so one answer lists every problem (a field already named is not repeated).
    const more = def.validateAsync ? await def.validateAsync({ merchantId, data, db: within }) : [];
    return [...missing, ...more.filter((item) => !missing.some((m) => m.field === item.field))];
  }

  async function recordEvent(scope: ActorScope, app: Row, from: string | null, to: string, note: string | null): Promise<Row> {
    return db(scope)
      .within(app.merchant.id)
      .table(EVENT_UID)
      .create({
        application: app.id,
        fromStatus: from,
        toStatus: to,
        note,
        actorId: scope.userId ?? null,
        actorName: scope.name || scope.phone || null,
        actorKind: actorOf(scope) ?? 'system',
      });
  }

  /** What entering a state may do to the merchant record: part of a move the engine has already authorised. */
  const effects: KindEffects = {
    async updateMerchant(merchantId: number, fields: Record<string, unknown>) {
      await system(strapi).table(MERCHANT_UID).update({ id: merchantId }, fields);
    },
  };

  return { h, fail, db, kindOrFail, actorOf, viewerOf, assertReader, assertMerchantWriter, merchantOf, loadApplication, merchantRow, timelineOf, problemsOf, recordEvent, effects };
}

export type Records = ReturnType<typeof createRecords>;
