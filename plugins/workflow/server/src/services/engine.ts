import type { Core } from '@strapi/strapi';
import { host, type ActorScope } from '../host';
import { allKinds, getKind, kindsOfModule, type Actor, type KindDefinition } from '../kinds';
import { findTransition, getPath, missingItems, referencedFiles, setPath, transitionsFor } from '../lib/machine';

export const APPLICATION_UID = 'plugin::workflow.application';
export const EVENT_UID = 'plugin::workflow.application-event';
const MERCHANT_UID = 'api::merchant.merchant';
const FILE_UID = 'api::private-file.private-file';

type Row = Record<string, any>;

export interface ListQuery {
  kind?: string;
  status?: string;
  merchant?: string;
  q?: string;
  owner?: string;
  stuckDays?: number;
  page?: number;
  pageSize?: number;
}

const DAY_MS = 86_400_000;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function dateStamp(date: Date): string {
  const local = new Date(date.getTime() + 8 * 3600_000); // numbers read in Beijing time
  return local.toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * The workflow engine: the only code that creates, edits and moves applications. Every move is
 * checked here inside a transaction (state re-checked by a conditional UPDATE), recorded in the
 * timeline, audited and notified through the host.
 */
export function createEngine(strapi: Core.Strapi) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);

  function kindOrFail(kind: unknown): KindDefinition {
    const def = typeof kind === 'string' ? getKind(kind) : undefined;
    if (!def) throw fail('KIND_UNKNOWN', 400, { kind, allowed: allKinds().map((k) => k.kind) });
    return def;
  }

  function actorOf(scope: ActorScope): Actor | null {
    if (scope.kind === 'platform') return 'platform';
    if (scope.kind === 'merchant') return 'merchant';
    return null;
  }

  function assertReader(scope: ActorScope): void {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind === 'merchant') {
      if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
      h().assertCan(scope, 'data.read');
    } else h().assertCan(scope, 'platform.access');
  }

  function assertMerchantWriter(scope: ActorScope): number {
    if (scope.kind !== 'merchant') throw fail('FORBIDDEN', 403);
    if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
    h().assertCan(scope, 'data.write');
    return scope.merchantId;
  }

  async function loadApplication(scope: ActorScope, documentId: string): Promise<Row> {
    const row = (await strapi.db.query(APPLICATION_UID).findOne({
      where: { documentId },
      populate: { merchant: { select: ['id', 'documentId', 'nameCn', 'registrationStatus'] } },
    })) as Row | null;
    // Another merchant's application does not exist, as far as the caller can tell.
    if (!row || !row.merchant || (scope.kind === 'merchant' && row.merchant.id !== scope.merchantId)) throw fail('NOT_FOUND', 404);
    return row;
  }

  async function merchantRow(merchantId: number): Promise<Row> {
    return (await strapi.db.query(MERCHANT_UID).findOne({ where: { id: merchantId } })) as Row;
  }

  function present(row: Row, scope: ActorScope): Row {
    const def = getKind(row.kind);
    const state = def?.states[row.status];
    return {
      id: row.documentId,
      documentId: row.documentId,
      number: row.number,
      kind: row.kind,
      kindLabel: def?.label ?? row.kind,
      module: def?.module ?? null,
      status: row.status,
      statusLabel: state?.label ?? row.status,
      owner: state?.owner ?? 'none',
      editable: Boolean(state?.editable),
      data: row.data ?? {},
      lastNote: row.lastNote ?? null,
      merchant: row.merchant ? { documentId: row.merchant.documentId, nameCn: row.merchant.nameCn } : null,
      submittedAt: row.submittedAt ?? null,
      lastTransitionAt: row.lastTransitionAt ?? null,
      waitingSince: row.waitingSince ?? null,
      completedAt: row.completedAt ?? null,
      createdAt: row.createdAt,
      updatedAt: row.updatedAt,
      links: def ? { web: def.webLink(row.documentId), mp: def.mpPath(row.documentId) } : null,
      ...(scope.kind === 'platform' ? { merchantId: row.merchant?.id ?? null } : {}),
    };
  }

  async function timelineOf(row: Row, scope: ActorScope): Promise<Row[]> {
    const def = getKind(row.kind);
    const events = (await strapi.db.query(EVENT_UID).findMany({
      where: { application: { id: row.id } },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    })) as Row[];
    return events.map((e) => ({
      from: e.fromStatus ?? null,
      to: e.toStatus,
      fromLabel: e.fromStatus ? def?.states[e.fromStatus]?.label ?? e.fromStatus : null,
      toLabel: def?.states[e.toStatus]?.label ?? e.toStatus,
      note: e.note ?? null,
      actorKind: e.actorKind,
      // Merchants see "the platform", not which employee.
      actorName: e.actorKind === 'platform' && scope.kind !== 'platform' ? '晶贸通平台' : e.actorName,
      createdAt: e.createdAt,
    }));
  }

  async function ownFileIds(merchantId: number, ids: string[]): Promise<Map<string, { category: string; mime: string }>> {
    if (ids.length === 0) return new Map();
    const rows = (await strapi.db.query(FILE_UID).findMany({
      where: { documentId: { $in: ids }, merchant: { id: merchantId } },
      select: ['documentId', 'category', 'mime'],
    })) as Row[];
    return new Map(rows.map((r) => [r.documentId as string, { category: r.category as string, mime: r.mime as string }]));
  }

  /** What a submission lacks: fields, the merchant's own files of an accepted type, and the kind's own checks. */
  async function problemsOf(def: KindDefinition, merchantId: number, data: Record<string, unknown>) {
    const files = await ownFileIds(merchantId, Object.values(referencedFiles(data)));
    const missing = missingItems(def, data, (slotKey, id) => {
      const file = files.get(id);
      const accept = def.fileSlots.find((s) => s.key === slotKey)?.accept;
      return Boolean(file) && (!accept || accept.includes(file!.mime));
    });
    // The kind's own checks too, so one answer lists every problem (a field already named is not repeated).
    const more = def.validateAsync ? await def.validateAsync({ merchantId, data }) : [];
    return [...missing, ...more.filter((item) => !missing.some((m) => m.field === item.field))];
  }

  async function successfulKinds(merchantId: number): Promise<Set<string>> {
    const rows = (await strapi.db.query(APPLICATION_UID).findMany({ where: { merchant: { id: merchantId } }, select: ['kind', 'status'] })) as Row[];
    return new Set(rows.filter((r) => getKind(r.kind)?.states[r.status]?.success).map((r) => r.kind as string));
  }

  async function recordEvent(app: Row, from: string | null, to: string, note: string | null, scope: ActorScope | null): Promise<Row> {
    return (await strapi.documents(EVENT_UID as any).create({
      data: {
        application: app.id,
        merchant: app.merchant.id,
        fromStatus: from,
        toStatus: to,
        note,
        actorId: scope?.userId ?? null,
        actorName: scope ? scope.name || scope.phone || null : '系统',
        actorKind: scope ? actorOf(scope) ?? 'system' : 'system',
      } as any,
    })) as Row;
  }

  function noticeFor(def: KindDefinition, app: Row, to: string, note: string | null): { title: string; body: string; category: 'business' | 'todo' } {
    const stateLabel = def.states[to].label;
    const ref = `${def.label}申请（${app.number}）`;
    const title = `${def.label}：${stateLabel}`;
    if (to === 'returned') return { title, category: 'todo', body: `您的${ref}需要补正：${note ?? ''}。请按要求修改后重新提交。` };
    if (to === 'rejected') return { title, category: 'business', body: `很抱歉，您的${ref}未通过：${note ?? ''}。如有疑问请联系平台客服。` };
    if (def.kind === 'business-registration' && to === 'approved') {
      return { title, category: 'business', body: `恭喜！您的${ref}已核准通过，跨境物流、跨境申报、出口报关等业务已为您开通。` };
    }
    if (def.states[to].success) return { title, category: 'business', body: `您的${ref}已办结。${note ? `说明：${note}` : ''}` };
    const next = def.states[to].owner === 'platform' ? '平台正在处理，请留意后续通知。' : '';
    return { title, category: 'business', body: `您的${ref}已进入「${stateLabel}」阶段。${note ? `说明：${note}。` : ''}${next}` };
  }

  const effects = {
    async updateMerchant(merchantId: number, fields: Record<string, unknown>) {
      await strapi.db.query(MERCHANT_UID).update({ where: { id: merchantId }, data: fields });
    },
  };

  async function assignNumber(def: KindDefinition, row: Row): Promise<string> {
    const number = `${def.prefix}-${dateStamp(new Date())}-${String(row.id).padStart(5, '0')}`;
    await strapi.db.query(APPLICATION_UID).update({ where: { id: row.id }, data: { number } });
    return number;
  }

  return {
    kinds() {
      return allKinds().map((def) => ({
        kind: def.kind,
        module: def.module,
        label: def.label,
        description: def.description,
        order: def.order,
        states: Object.entries(def.states).map(([key, s]) => ({ key, label: s.label, owner: s.owner, terminal: Boolean(s.terminal), success: Boolean(s.success), editable: Boolean(s.editable) })),
        steps: def.steps.map((key) => ({ key, label: def.states[key].label })),
        transitions: def.transitions.map((t) => ({ from: t.from, to: t.to, by: t.by, label: t.label, noteRequired: Boolean(t.noteRequired) })),
        fields: def.fields.map(({ path, label, type, required, options, placeholder, when }) => ({ path, label, type, required, options: options ?? null, placeholder: placeholder ?? null, when: when ?? null })),
        fileSlots: def.fileSlots.map(({ key, label, required, hint, when, accept }) => ({ key, label, required, hint: hint ?? null, when: when ?? null, accept: accept ?? null })),
        allowMany: Boolean(def.allowMany),
        prerequisites: def.prerequisites,
        requiresRegistration: def.requiresRegistration,
      }));
    },

    async create(scope: ActorScope, kindName: unknown, data: unknown): Promise<Row> {
      const def = kindOrFail(kindName);
      const merchantId = assertMerchantWriter(scope);
      if (data !== undefined && !isPlainObject(data)) throw fail('VALIDATION_FAILED', 400, { field: 'data' });
      const known = await this.prefill(scope, def.kind);
      const initialData = { ...known.data, ...((data as Record<string, unknown>) ?? {}) };
      const created = await h().transaction(async () => {
        const merchant = await merchantRow(merchantId);
        if (def.requiresRegistration && merchant.registrationStatus !== 'approved') throw fail('MODULE_LOCKED', 403);
        const open = def.allowMany
          ? null
          : ((await strapi.db.query(APPLICATION_UID).findOne({
              where: { kind: def.kind, merchant: { id: merchantId }, status: { $notIn: Object.entries(def.states).filter(([, s]) => s.terminal && !s.success).map(([k]) => k) } },
              select: ['documentId'],
            })) as Row | null);
        if (open) throw fail('APPLICATION_EXISTS', 409, { id: open.documentId });
        const row = (await h().asSystem(() =>
          strapi.documents(APPLICATION_UID as any).create({
            data: { kind: def.kind, status: def.initial, data: initialData, merchant: merchantId, lastTransitionAt: new Date() } as any,
          }),
        )) as Row;
        const full: Row = { ...row, merchant: { id: merchantId, documentId: merchant.documentId, nameCn: merchant.nameCn } };
        full.number = await assignNumber(def, full);
        await h().asSystem(() => recordEvent(full, null, def.initial, null, scope));
        if (def.onEnter) await def.onEnter({ merchantId, data: initialData, from: '', to: def.initial }, effects);
        await h().audit({ module: 'application', action: 'create', targetUid: APPLICATION_UID, targetId: row.documentId, after: { kind: def.kind, status: def.initial, number: full.number } }, scope);
        return full;
      });
      h().afterCommit();
      return present(await loadApplication(scope, created.documentId), scope);
    },

    /** Save draft data (merchant while editable) or correct it (staff, audited with before/after). */
    async saveData(scope: ActorScope, documentId: string, data: unknown): Promise<Row> {
      if (!isPlainObject(data)) throw fail('VALIDATION_FAILED', 400, { field: 'data' });
      if (scope.kind === 'merchant') assertMerchantWriter(scope);
      else if (scope.kind === 'platform') h().assertCan(scope, 'applications.edit');
      else throw fail('UNAUTHORIZED', 401);
      await h().transaction(async () => {
        const app = await loadApplication(scope, documentId);
        const def = kindOrFail(app.kind);
        if (scope.kind === 'merchant' && !def.states[app.status]?.editable) throw fail('APPLICATION_LOCKED', 409, { status: app.status });
        // Approved data stays complete and well-formed: staff corrections are checked like a submission.
        if (def.states[app.status]?.success) {
          const missing = await problemsOf(def, app.merchant.id, data);
          if (missing.length) throw fail('APPLICATION_INCOMPLETE', 400, { missing });
        }
        const { count } = (await strapi.db.query(APPLICATION_UID).updateMany({ where: { id: app.id, status: app.status }, data: { data } })) as { count: number };
        if (count !== 1) throw fail('TRANSITION_NOT_ALLOWED', 409, { status: app.status });
        // Staff corrections of an approved registration flow on to the merchant record.
        if (def.states[app.status]?.success && def.onEnter && scope.kind === 'platform') {
          await def.onEnter({ merchantId: app.merchant.id, data, from: app.status, to: app.status }, effects);
        }
        await h().audit(
          { module: 'application', action: scope.kind === 'platform' ? 'correct_data' : 'save_draft', targetUid: APPLICATION_UID, targetId: documentId, before: { data: app.data }, after: { data } },
          scope,
        );
      });
      h().afterCommit();
      return present(await loadApplication(scope, documentId), scope);
    },

    async transition(scope: ActorScope, documentId: string, to: unknown, noteInput: unknown): Promise<Row> {
      const actor = actorOf(scope);
      if (!actor) throw fail('UNAUTHORIZED', 401);
      if (typeof to !== 'string' || !to) throw fail('VALIDATION_FAILED', 400, { field: 'to' });
      const note = typeof noteInput === 'string' && noteInput.trim() ? noteInput.trim().slice(0, 1000) : null;
      await h().transaction(async () => {
        const app = await loadApplication(scope, documentId);
        const def = kindOrFail(app.kind);
        const transition = findTransition(def, app.status, to);
        if (!transition) {
          throw fail('TRANSITION_NOT_ALLOWED', 409, { from: app.status, to, allowed: transitionsFor(def, app.status, actor).map((t) => t.to) });
        }
        if (transition.by !== actor) throw fail('TRANSITION_FORBIDDEN', 403, { by: transition.by });
        if (actor === 'merchant') assertMerchantWriter(scope);
        else h().assertCan(scope, 'applications.review');
        if (transition.noteRequired && !note) throw fail('NOTE_REQUIRED', 400, { field: 'note' });

        const data = (app.data ?? {}) as Record<string, unknown>;
        const merchantId = app.merchant.id as number;
        if (transition.validates) {
          if (def.requiresRegistration && app.merchant.registrationStatus !== 'approved') throw fail('MODULE_LOCKED', 403);
          const done = await successfulKinds(merchantId);
          const lacking = def.prerequisites.filter((k) => !done.has(k));
          if (lacking.length) throw fail('PREREQUISITE_NOT_MET', 409, { prerequisites: lacking.map((k) => ({ kind: k, label: getKind(k)?.label ?? k })) });
          const missing = await problemsOf(def, merchantId, data);
          if (missing.length) throw fail('APPLICATION_INCOMPLETE', 400, { missing });
        }

        const now = new Date();
        const target = def.states[to];
        const { count } = (await strapi.db.query(APPLICATION_UID).updateMany({
          // Re-checked here: a concurrent move of the same application makes this match nothing.
          where: { id: app.id, status: app.status },
          data: {
            status: to,
            lastTransitionAt: now,
            lastNote: note,
            waitingSince: target.owner === 'platform' ? now : null,
            ...(transition.validates && !app.submittedAt ? { submittedAt: now } : {}),
            ...(target.terminal ? { completedAt: now } : {}),
          },
        })) as { count: number };
        if (count !== 1) throw fail('TRANSITION_NOT_ALLOWED', 409, { from: app.status, to, reason: 'concurrent' });

        const event = await h().asSystem(() => recordEvent(app, app.status, to, note, scope));
        if (def.onEnter) await def.onEnter({ merchantId, data, from: app.status, to }, effects);
        const notice = noticeFor(def, app, to, note);
        await h().notifyMerchant({
          merchantId,
          eventKey: `wf:${event.documentId}`,
          category: notice.category,
          module: def.module,
          title: notice.title,
          body: notice.body,
          link: def.webLink(app.documentId),
          mpPath: def.mpPath(app.documentId),
          push: { subject: `${def.label}（${app.number}）`, status: target.label, note },
        });
        await h().audit(
          { module: 'application', action: 'transition', targetUid: APPLICATION_UID, targetId: documentId, before: { status: app.status, number: app.number }, after: { status: to, note } },
          scope,
        );
      });
      h().afterCommit();
      return this.findOne(scope, documentId);
    },

    async findOne(scope: ActorScope, documentId: string): Promise<Row> {
      assertReader(scope);
      const row = await loadApplication(scope, documentId);
      const def = kindOrFail(row.kind);
      const actor = actorOf(scope);
      const mayAct = actor === 'merchant' ? h().can(scope, 'data.write') : h().can(scope, 'applications.review');
      return {
        ...present(row, scope),
        timeline: await timelineOf(row, scope),
        allowedTransitions: actor && mayAct ? transitionsFor(def, row.status, actor).map((t) => ({ to: t.to, label: t.label, by: t.by, noteRequired: Boolean(t.noteRequired) })) : [],
      };
    },

    async list(scope: ActorScope, query: ListQuery): Promise<{ data: Row[]; meta: Row }> {
      assertReader(scope);
      const page = Math.max(1, Number(query.page) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(query.pageSize) || 20));
      const and: Row[] = [];
      if (scope.kind === 'merchant') and.push({ merchant: { id: scope.merchantId } });
      if (query.kind) and.push({ kind: kindOrFail(query.kind).kind });
      if (query.status) and.push({ status: { $in: String(query.status).split(',') } });
      if (query.merchant && scope.kind === 'platform') and.push({ merchant: { documentId: query.merchant } });
      if (query.q && scope.kind === 'platform') and.push({ $or: [{ number: { $containsi: query.q } }, { merchant: { nameCn: { $containsi: query.q } } }] });
      const waitingOnPlatform = query.owner === 'platform' || Number(query.stuckDays) > 0;
      if (waitingOnPlatform) and.push({ waitingSince: { $notNull: true } });
      if (query.owner === 'merchant') {
        and.push({ $or: allKinds().map((def) => ({ kind: def.kind, status: { $in: Object.entries(def.states).filter(([, s]) => s.owner === 'merchant').map(([k]) => k) } })) });
      }
      if (Number(query.stuckDays) > 0) and.push({ waitingSince: { $lt: new Date(Date.now() - Number(query.stuckDays) * DAY_MS) } });
      const where = and.length ? { $and: and } : {};
      const q = strapi.db.query(APPLICATION_UID);
      const [rows, total] = await Promise.all([
        q.findMany({
          where,
          populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } },
          orderBy: waitingOnPlatform ? [{ waitingSince: 'asc' }, { id: 'asc' }] : [{ updatedAt: 'desc' }, { id: 'desc' }],
          offset: (page - 1) * pageSize,
          limit: pageSize,
        }),
        q.count({ where }),
      ]);
      return { data: (rows as Row[]).map((r) => present(r, scope)), meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } } };
    },

    /** G10: what the merchant already told us, laid out as this kind's data, with where each value came from. */
    async prefill(scope: ActorScope, kindName: unknown): Promise<{ data: Record<string, unknown>; meta: { sources: Record<string, string> } }> {
      const def = kindOrFail(kindName);
      assertReader(scope);
      if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('FORBIDDEN', 403);
      const merchant = await merchantRow(scope.merchantId);
      const others = (await strapi.db.query(APPLICATION_UID).findMany({
        where: { merchant: { id: scope.merchantId } },
        select: ['kind', 'data', 'status'],
        orderBy: [{ updatedAt: 'desc' }, { id: 'desc' }],
      })) as Row[];
      const data: Record<string, unknown> = {};
      const sources: Record<string, string> = {};
      for (const field of def.fields) {
        const fromMerchant = field.prefillFrom ? merchant[field.prefillFrom] : undefined;
        if (fromMerchant !== undefined && fromMerchant !== null && fromMerchant !== '') {
          setPath(data, field.path, fromMerchant);
          sources[field.path] = 'merchant';
          continue;
        }
        for (const other of others) {
          const value = [field.path, ...(field.alsoFrom ?? [])].map((p) => getPath(other.data, p)).find((v) => typeof v === 'string' && v.trim() !== '');
          if (value !== undefined) {
            setPath(data, field.path, value);
            sources[field.path] = other.kind;
            break;
          }
        }
      }
      // Documents already uploaded are offered again instead of asking for another photo.
      const files = (await strapi.db.query(FILE_UID).findMany({
        where: { merchant: { id: scope.merchantId }, category: { $in: def.fileSlots.map((s) => s.key) } },
        select: ['documentId', 'category'],
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      })) as Row[];
      const fileData: Record<string, string> = {};
      for (const file of files) {
        if (!fileData[file.category]) {
          fileData[file.category] = file.documentId;
          sources[`files.${file.category}`] = 'file';
        }
      }
      if (Object.keys(fileData).length) data.files = fileData;
      return { data, meta: { sources } };
    },

    /** D1: the 跨境申报 steps in order — done, in progress, to act on, not started, locked — and the one to do next. */
    async guide(scope: ActorScope, module = 'filing'): Promise<Row> {
      assertReader(scope);
      if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('FORBIDDEN', 403);
      const merchant = await merchantRow(scope.merchantId);
      const unlocked = merchant.registrationStatus === 'approved';
      const kinds = kindsOfModule(module);
      const rows = (await strapi.db.query(APPLICATION_UID).findMany({
        where: { merchant: { id: scope.merchantId }, kind: { $in: kinds.map((k) => k.kind) } },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      })) as Row[];
      const done = new Set<string>();
      const steps = kinds.map((def) => {
        const candidates = rows.filter((r) => r.kind === def.kind);
        const current = candidates.find((r) => !(def.states[r.status]?.terminal && !def.states[r.status]?.success)) ?? candidates[0] ?? null;
        const state = current ? def.states[current.status] : undefined;
        const prerequisitesMet = def.prerequisites.every((k) => done.has(k));
        let stepState: string;
        if (current && state?.success) stepState = 'done';
        else if (current && state?.owner === 'platform') stepState = 'in_progress';
        else if (current && state?.owner === 'merchant') stepState = 'action_required';
        else if (!unlocked && def.requiresRegistration) stepState = 'locked';
        else stepState = 'pending';
        if (stepState === 'done') done.add(def.kind);
        return {
          kind: def.kind,
          label: def.label,
          description: def.description,
          order: def.order,
          state: stepState,
          status: current?.status ?? null,
          statusLabel: state?.label ?? null,
          applicationId: current?.documentId ?? null,
          prerequisites: def.prerequisites.map((k) => ({ kind: k, label: getKind(k)?.label ?? k })),
          prerequisitesMet,
          link: def.webLink(current?.documentId ?? ''),
          mpPath: current ? def.mpPath(current.documentId) : `packageFiling/pages/detail/index?kind=${def.kind}`,
          recommended: false,
        };
      });
      const next = steps.find((s) => s.state === 'action_required') ?? steps.find((s) => s.state === 'pending' && s.prerequisitesMet) ?? null;
      if (next) next.recommended = true;
      return { steps, next: next?.kind ?? null, done: steps.filter((s) => s.state === 'done').length, total: steps.length, unlocked };
    },

    /** G9: per module, steps done and the next one. */
    async progress(scope: ActorScope): Promise<Row[]> {
      assertReader(scope);
      if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('FORBIDDEN', 403);
      const registration = kindOrFail('business-registration');
      const reg = (await strapi.db.query(APPLICATION_UID).findOne({
        where: { merchant: { id: scope.merchantId }, kind: registration.kind },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      })) as Row | null;
      const regIndex = reg ? registration.steps.indexOf(reg.status) : -1;
      const regDone = reg?.status === 'approved' ? registration.steps.length : Math.max(0, regIndex);
      const guide = await this.guide(scope, 'filing');
      const nextFiling = (guide.steps as Row[]).find((s) => s.recommended);
      return [
        {
          module: 'registration',
          label: registration.label,
          done: regDone,
          total: registration.steps.length,
          status: reg?.status ?? null,
          statusLabel: reg ? registration.states[reg.status]?.label : '未开始',
          steps: registration.steps.map((key, i) => ({ key, label: registration.states[key].label, done: i < regDone })),
          next:
            reg?.status === 'approved'
              ? null
              : { label: !reg ? '开始办理工商注册' : registration.states[reg.status]?.owner === 'merchant' ? '继续填写工商注册资料' : '等待平台审核', link: '/registration', mpPath: registration.mpPath(reg?.documentId ?? '') },
        },
        {
          module: 'filing',
          label: '跨境申报',
          done: guide.done,
          total: guide.total,
          steps: (guide.steps as Row[]).map((s) => ({ key: s.kind, label: s.label, done: s.state === 'done', state: s.state })),
          next: nextFiling ? { label: `办理${nextFiling.label}`, link: nextFiling.link, mpPath: nextFiling.mpPath } : null,
          locked: !guide.unlocked,
        },
      ];
    },

    /** To-dos: for a merchant what they must do next; for staff how much waits in each review queue. */
    async todos(scope: ActorScope): Promise<Row[]> {
      assertReader(scope);
      if (scope.kind === 'platform') {
        const out: Row[] = [];
        for (const def of allKinds()) {
          for (const [status, state] of Object.entries(def.states)) {
            if (state.owner !== 'platform') continue;
            const count = await strapi.db.query(APPLICATION_UID).count({ where: { kind: def.kind, status } });
            out.push({ kind: def.kind, label: def.label, module: def.module, status, statusLabel: state.label, count });
          }
        }
        return out;
      }
      const merchantId = scope.merchantId as number;
      const rows = (await strapi.db.query(APPLICATION_UID).findMany({ where: { merchant: { id: merchantId } }, orderBy: [{ updatedAt: 'desc' }] })) as Row[];
      const items: Row[] = [];
      for (const row of rows) {
        const def = getKind(row.kind);
        const state = def?.states[row.status];
        if (!def || state?.owner !== 'merchant') continue;
        items.push({
          applicationId: row.documentId,
          kind: def.kind,
          module: def.module,
          status: row.status,
          statusLabel: state.label,
          title: row.status === 'returned' ? `${def.label}需要补正` : `继续填写${def.label}资料`,
          note: row.status === 'returned' ? row.lastNote ?? null : null,
          link: def.webLink(row.documentId),
          mpPath: def.mpPath(row.documentId),
        });
      }
      const merchant = await merchantRow(merchantId);
      if (merchant.registrationStatus !== 'approved' && !rows.some((r) => r.kind === 'business-registration')) {
        const def = kindOrFail('business-registration');
        items.unshift({ applicationId: null, kind: def.kind, module: def.module, status: null, statusLabel: '未开始', title: '开始办理工商注册', note: '核准后即可开通跨境物流、报关、退税等业务', link: def.webLink(''), mpPath: 'packageRegistration/pages/index/index' });
      }
      return items;
    },

    /** Merchant facts a template is filled with. */
    async templateFill(scope: ActorScope): Promise<Record<string, string | null>> {
      assertReader(scope);
      if (scope.kind !== 'merchant' || !scope.merchantId) return {};
      const merchant = await merchantRow(scope.merchantId);
      const others = (await strapi.db.query(APPLICATION_UID).findMany({ where: { merchant: { id: scope.merchantId } }, select: ['data'], orderBy: [{ updatedAt: 'desc' }] })) as Row[];
      const fromApps = (path: string): string | null => {
        for (const o of others) {
          const v = getPath(o.data, path);
          if (typeof v === 'string' && v) return v;
        }
        return null;
      };
      return {
        nameCn: merchant.nameCn ?? null,
        nameEn: merchant.nameEn ?? null,
        creditCode: merchant.creditCode ?? fromApps('creditCode'),
        type: merchant.type ?? null,
        addressCn: merchant.addressCn ?? null,
        addressEn: merchant.addressEn ?? null,
        legalPersonName: merchant.legalPersonName ?? null,
        legalPersonPhone: fromApps('legalPerson.phone'),
        contactName: merchant.contactName ?? null,
        contactPhone: merchant.contactPhone ?? null,
        contactEmail: merchant.contactEmail ?? null,
        customsCode: fromApps('customsCode'),
      };
    },
  };
}

export type Engine = ReturnType<typeof createEngine>;
