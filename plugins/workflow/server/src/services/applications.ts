/**
 * Applications as records: the kinds on offer, drafts created (prefilled) and saved, one application with its
 * timeline and the moves its reader may make, and the list in Strapi's format (review queues, a merchant's own).
 */
import type { Core } from '@strapi/strapi';
import { filterValues, listResponse, parseListQuery, type ActorScope, type ListResponse, type ListSpec, type Row } from '@jmt/plugin-kit';
import { allKinds, getKind } from '../kinds';
import { transitionsFor } from '../lib/machine';
import { applicationNumber, openStates, presentApplication } from '../lib/present';
import { APPLICATION_UID, isPlainObject, type Records } from './records';

const DAY_MS = 86_400_000;

/** GET /api/applications: what a client may filter and sort by. */
export const APPLICATION_LIST: ListSpec = {
  filters: {
    kind: { ops: ['$eq', '$in'] },
    status: { ops: ['$eq', '$in'] },
    // staff only (a merchant's list is its own anyway): by merchant documentId, by number or merchant name
    merchant: { ops: ['$eq'], path: 'merchant.documentId' },
    q: { ops: ['$containsi'], search: ['number', 'merchant.nameCn'] },
    // who must act next; how long it has waited on the platform — computed, not columns
    owner: { ops: ['$eq'], values: ['platform', 'merchant'], custom: true },
    stuckDays: { ops: ['$gte'], type: 'number', custom: true },
  },
  sort: ['updatedAt', 'createdAt', 'waitingSince', 'number'],
  defaultSort: [{ updatedAt: 'desc' }],
};

export function createApplications(strapi: Core.Strapi, r: Records, prefill: (scope: ActorScope, kind: unknown) => Promise<{ data: Record<string, unknown> }>) {
  const { h, fail, db } = r;

  /** Who may save application data at all: a merchant admin (members are read-only) or staff with `applications.edit`. */
  function assertEditor(scope: ActorScope): void {
    if (scope.kind === 'merchant') r.assertMerchantWriter(scope);
    else if (scope.kind === 'platform') h().assertCan(scope, 'applications.edit');
    else throw fail('UNAUTHORIZED', 401);
  }

  async function present(scope: ActorScope, documentId: string): Promise<Row> {
    const row = await r.loadApplication(scope, documentId);
    return presentApplication(row, getKind(row.kind), r.viewerOf(scope));
  }

  return {
    /** Said before a create's body is judged: only a merchant's admin opens applications (staff FORBIDDEN, members MEMBER_READ_ONLY). */
    assertCreator(scope: ActorScope): void {
      r.assertMerchantWriter(scope);
    },

    /** Said before a save's body is judged. */
    assertEditor,

    kinds() {
      return allKinds().map((def) => ({
        kind: def.kind,
        module: def.module,
        label: def.label,
        description: def.description,
        order: def.order,
        states: Object.entries(def.states).map(([key, s]) => ({
          key,
          label: s.label,
          owner: s.owner,
          terminal: Boolean(s.terminal),
          success: Boolean(s.success),
          editable: Boolean(s.editable),
        })),
        steps: def.steps.map((key) => ({ key, label: def.states[key].label })),
        transitions: def.transitions.map((t) => ({ from: t.from, to: t.to, by: t.by, label: t.label, noteRequired: Boolean(t.noteRequired) })),
        fields: def.fields.map(({ path, label, type, required, options, placeholder, when }) => ({
          path,
          label,
          type,
          required,
          options: options ?? null,
          placeholder: placeholder ?? null,
          when: when ?? null,
        })),
        fileSlots: def.fileSlots.map(({ key, label, required, hint, when, accept }) => ({ key, label, required, hint: hint ?? null, when: when ?? null, accept: accept ?? null })),
        allowMany: Boolean(def.allowMany),
        prerequisites: def.prerequisites,
        requiresRegistration: def.requiresRegistration,
      }));
    },

    async create(scope: ActorScope, kindName: unknown, data: unknown): Promise<Row> {
      const def = r.kindOrFail(kindName);
      const merchantId = r.assertMerchantWriter(scope);
      if (data !== undefined && !isPlainObject(data)) throw fail('VALIDATION_FAILED', 400, { errors: [{ field: 'data', message: '申请资料格式不正确' }] });
      const known = await prefill(scope, def.kind);
      const initialData = { ...known.data, ...((data as Record<string, unknown>) ?? {}) };
      const apps = db(scope).table(APPLICATION_UID);
      const createdId = await h().transaction(async () => {
        const merchant = await r.merchantRow(merchantId);
        if (def.requiresRegistration && merchant.registrationStatus !== 'approved') throw fail('MODULE_LOCKED', 403);
        if (!def.allowMany) {
          const open = await apps.findOne({ where: { kind: def.kind, status: { $in: openStates(def) } }, select: ['documentId'] });
          if (open) throw fail('APPLICATION_EXISTS', 409, { id: open.documentId });
        }
        const row = await apps.create({ kind: def.kind, status: def.initial, data: initialData, lastTransitionAt: new Date() });
        const number = applicationNumber(def, row.id, new Date());
        await apps.update({ id: row.id }, { number });
        const full: Row = { ...row, number, merchant: { id: merchantId, documentId: merchant.documentId, nameCn: merchant.nameCn } };
        await r.recordEvent(scope, full, null, def.initial, null);
        if (def.onEnter) await def.onEnter({ merchantId, data: initialData, from: '', to: def.initial }, r.effects);
        await h().audit(
          { module: 'application', action: 'create', targetUid: APPLICATION_UID, targetId: row.documentId, after: { kind: def.kind, status: def.initial, number } },
          scope,
        );
        return row.documentId as string;
      });
      h().afterCommit();
      return present(scope, createdId);
    },

    /** Save draft data (merchant while editable) or correct it (staff, audited with before/after). */
    async saveData(scope: ActorScope, documentId: string, data: unknown): Promise<Row> {
      if (!isPlainObject(data)) throw fail('VALIDATION_FAILED', 400, { errors: [{ field: 'data', message: '申请资料格式不正确' }] });
      assertEditor(scope);
      await h().transaction(async () => {
        const app = await r.loadApplication(scope, documentId);
        const def = r.kindOrFail(app.kind);
        if (scope.kind === 'merchant' && !def.states[app.status]?.editable) throw fail('APPLICATION_LOCKED', 409, { status: app.status });
        // Approved data stays complete and well-formed: staff corrections are checked like a submission.
        if (def.states[app.status]?.success) {
          const missing = await r.problemsOf(scope, def, app.merchant.id, data);
          if (missing.length) throw fail('APPLICATION_INCOMPLETE', 400, { missing });
        }
        const count = await db(scope).table(APPLICATION_UID).updateMany({ id: app.id, status: app.status }, { data });
        if (count !== 1) throw fail('TRANSITION_NOT_ALLOWED', 409, { status: app.status });
        // Staff corrections of an approved registration flow on to the merchant record.
        if (def.states[app.status]?.success && def.onEnter && scope.kind === 'platform') {
          await def.onEnter({ merchantId: app.merchant.id, data, from: app.status, to: app.status }, r.effects);
        }
        await h().audit(
          {
            module: 'application',
            action: scope.kind === 'platform' ? 'correct_data' : 'save_draft',
            targetUid: APPLICATION_UID,
            targetId: documentId,
            before: { data: app.data },
            after: { data },
          },
          scope,
        );
      });
      h().afterCommit();
      return present(scope, documentId);
    },

    async findOne(scope: ActorScope, documentId: string): Promise<Row> {
      r.assertReader(scope);
      const row = await r.loadApplication(scope, documentId);
      const def = r.kindOrFail(row.kind);
      const actor = r.actorOf(scope);
      const mayAct = actor === 'merchant' ? h().can(scope, 'data.write') : h().can(scope, 'applications.review');
      return {
        ...presentApplication(row, def, r.viewerOf(scope)),
        timeline: await r.timelineOf(scope, row),
        allowedTransitions:
          actor && mayAct ? transitionsFor(def, row.status, actor).map((t) => ({ to: t.to, label: t.label, by: t.by, noteRequired: Boolean(t.noteRequired) })) : [],
      };
    },

    /** `kind` fixes the kind (a module's own list, e.g. tax refunds); otherwise the client may filter by it. */
    async list(scope: ActorScope, query: Row, options: { kind?: string } = {}): Promise<ListResponse<Row>> {
      r.assertReader(scope);
      const list = parseListQuery(query, APPLICATION_LIST);
      for (const kind of filterValues(list, 'kind') ?? []) r.kindOrFail(kind);
      const staff = scope.kind === 'platform';
      if (!staff && (list.filters.merchant || list.filters.q))
        throw fail('VALIDATION_FAILED', 400, { errors: [{ field: list.filters.q ? 'filters.q' : 'filters.merchant', message: '商户用户不能按商户或编号筛选' }] });
      const and: Row[] = [list.where];
      if (options.kind) and.push({ kind: options.kind });
      const owner = filterValues(list, 'owner')?.[0];
      const stuckDays = Number(filterValues(list, 'stuckDays')?.[0] ?? 0);
      const waitingOnPlatform = owner === 'platform' || stuckDays > 0;
      if (waitingOnPlatform) and.push({ waitingSince: { $notNull: true } });
      if (owner === 'merchant') {
        and.push({
          $or: allKinds().map((def) => ({
            kind: def.kind,
            status: {
              $in: Object.entries(def.states)
                .filter(([, s]) => s.owner === 'merchant')
                .map(([k]) => k),
            },
          })),
        });
      }
      if (stuckDays > 0) and.push({ waitingSince: { $lt: new Date(Date.now() - stuckDays * DAY_MS) } });
      const where = { $and: and };
      // A review queue works the longest waiting first unless the client sorts.
      const orderBy = waitingOnPlatform && !query.sort ? [{ waitingSince: 'asc' }, { id: 'asc' }] : list.orderBy;
      const apps = db(scope).table(APPLICATION_UID);
      const [rows, total] = await Promise.all([
        apps.findMany({ where, populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } }, orderBy, offset: list.offset, limit: list.limit }),
        apps.count(where),
      ]);
      return listResponse(
        rows.map((row) => presentApplication(row, getKind(row.kind), r.viewerOf(scope))),
        list,
        total,
      );
    },
  };
}

export type Applications = ReturnType<typeof createApplications>;
