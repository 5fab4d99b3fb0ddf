/**
 * Settlement requests (X3) and their processing (X4). Submitting freezes the amount through the ledger's
 * guarded posting, inside the transaction that creates the request, so concurrent requests can never
 * together exceed the available balance. Completing and rejecting move the request with a conditional
 * UPDATE (processing → completed | rejected) and post the matching ledger row in the same transaction.
 */
import type { Core } from '@strapi/strapi';
import { fx } from '@jmt/contracts';
import { addDays, beijingDate } from '../currencies';
import { host, type ActorScope } from '../host';
import { AMOUNT_SCALE, bigintOf, convert, dec, fixed, fromMinor, toMinor } from '../money';
import { access, filterValues, newDocumentId, listResponse, parseListQuery, type DataAccess, type ListResponse, type ListSpec } from '@jmt/plugin-kit';
import { UID, type Row } from './db';
import { PostingRefused, type Ledger } from './ledger';

export type SettlementStatus = 'processing' | 'completed' | 'rejected';
const STATUS_LABEL: Record<SettlementStatus, string> = { processing: '结汇中', completed: '已完成', rejected: '已驳回' };
const EVIDENCE = fx.SETTLEMENT_EVIDENCE;
const PROFILE_LABEL: Record<string, string> = {
  fxSubAccount: '外汇子账户（美元）',
  settlementCardNo: '结汇银行卡号（人民币）',
  settlementBankName: '结汇银行卡开户行',
  legalPersonName: '法人姓名',
};
const DATE_WINDOW_DAYS = fx.SETTLEMENT_DATE_WINDOW_DAYS;
/** The form's order: one answer lists its problems as the form shows its fields. */
const FORM_ORDER = Object.keys(fx.settlementInput.shape);
const inFormOrder = (errors: fx.FieldError[]) => {
  const at = (e: fx.FieldError) => {
    const i = FORM_ORDER.indexOf(e.field.split('.')[0]);
    return i < 0 ? FORM_ORDER.length : i;
  };
  return errors
    .map((e, i) => ({ e, i }))
    .sort((a, b) => at(a.e) - at(b.e) || a.i - b.i)
    .map(({ e }) => e);
};
const STATUSES: SettlementStatus[] = ['processing', 'completed', 'rejected'];

/** GET /api/fx/settlements: merchants see their own; staff filter by merchant and search by number or name. */
export const SETTLEMENT_LIST: ListSpec = {
  filters: {
    status: { ops: ['$eq', '$in'], values: STATUSES },
    merchant: { ops: ['$eq'], path: 'merchant.documentId' },
    q: { ops: ['$containsi'], search: ['number', 'merchant.nameCn'] },
  },
  sort: ['createdAt', 'date', 'number'],
  defaultSort: [{ createdAt: 'desc' }],
};

function dateStamp(date: Date): string {
  return beijingDate(date).replace(/-/g, '');
}

export function createSettlements(strapi: Core.Strapi, ledger: () => Ledger) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);
  const tolerance = () => process.env.FX_SETTLEMENT_TOLERANCE_CNY || '1.00';

  /** Another merchant's request does not exist, as far as the caller can tell (the kit scopes the read). */
  async function load(scope: ActorScope, documentId: string): Promise<Row> {
    return access(strapi, scope)
      .table(UID.settlement)
      .get({ documentId }, { populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } } });
  }

  function assertReader(scope: ActorScope): void {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind === 'merchant') {
      if (!scope.merchantId) throw fail('NO_MERCHANT', 403);
      h().assertCan(scope, 'data.read');
    } else h().assertCan(scope, 'fx.view');
  }

  function present(row: Row) {
    return {
      id: row.documentId as string,
      number: row.number as string,
      status: row.status as SettlementStatus,
      statusLabel: STATUS_LABEL[row.status as SettlementStatus] ?? row.status,
      amount: fromMinor(row.amountMinor),
      date: row.date as string,
      rate: row.rate as string,
      note: (row.note as string | null) ?? null,
      merchant: { documentId: row.merchant?.documentId as string, nameCn: row.merchant?.nameCn as string },
      createdAt: row.createdAt,
      completedAt: row.completedAt ?? null,
    };
  }

  async function recordEvent(db: DataAccess, settlementId: number, status: SettlementStatus, note: string | null, scope: ActorScope): Promise<void> {
    await db.table(UID.settlementEvent).create({ settlementId, status, note, actorName: scope.name || scope.phone || null, actorKind: scope.kind });
  }

  /** Processing → `to`, re-checked by the WHERE: a request already completed or rejected matches nothing. */
  async function move(db: DataAccess, row: Row, to: SettlementStatus, data: Row): Promise<void> {
    const count = await db.table(UID.settlement).updateMany({ id: row.id, status: 'processing' }, { status: to, completedAt: new Date(), ...data });
    if (count !== 1) throw fail('SETTLEMENT_NOT_PROCESSING', 409, { status: row.status });
  }

  /** A merchant admin whose module is open (the controller asks before judging the form). */
  async function assertWriter(scope: ActorScope) {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('FORBIDDEN', 403);
    h().assertCan(scope, 'data.write');
    const merchantId = scope.merchantId;
    const db = access(strapi, scope);
    const info = await ledger().profileOf(db, merchantId);
    if (info.registrationStatus !== 'approved') throw fail('MODULE_LOCKED', 403);
    return { merchantId, db, info };
  }

  return {
    assertWriter,

    /**
     * `input` is the form checked field by field by its contract (fx.settlementInput, with its problems); what only
     * the server can judge is added here — the date window (today), the evidence (the caller's own files, one of each
     * kind) — and every problem is answered at once.
     */
    async create(scope: ActorScope, input: fx.Checked<fx.SettlementInput>): Promise<Row> {
      const { merchantId, db, info } = await assertWriter(scope);
      const errors = [...input.errors];
      const form = input.value;
      const today = beijingDate();
      if (form.date !== undefined && (form.date < addDays(today, -DATE_WINDOW_DAYS) || form.date > addDays(today, DATE_WINDOW_DAYS)))
        errors.push({ field: 'date', message: `结汇日期须在今天前后 ${DATE_WINDOW_DAYS} 天内` });
      const evidenceIds = form.evidence ?? [];
      // The caller's own uploads only: another merchant's file id resolves to nothing.
      const files = [...(await db.table(UID.file).resolve(evidenceIds, { select: ['id', 'documentId', 'category'] })).values()];
      const evidence = EVIDENCE.map((slot) => files.find((f) => f.category === slot.category)?.documentId as string | undefined);
      const lacking = EVIDENCE.filter((_, i) => !evidence[i]).map((s) => s.label);
      if (lacking.length || files.length !== evidenceIds.length)
        errors.push({ field: 'evidence', message: lacking.length ? `请上传：${lacking.join('、')}` : '凭证文件无效，请重新上传' });
      if (errors.length) throw fail('VALIDATION_FAILED', 400, { errors: inFormOrder(errors) });
      if (info.missing.length) throw fail('FX_PROFILE_INCOMPLETE', 409, { missing: info.missing, labels: info.missing.map((f) => PROFILE_LABEL[f]) });

      // No problem left: the whole form parsed (amounts with their scale: "3000.00", "7.1234").
      const { amount, rate, date, note } = form as fx.SettlementInput;
      const amountMinor = toMinor(amount);
      const created = await h().transaction(async () => {
        const row = await db.table(UID.settlement).create({
          number: `tmp-${newDocumentId()}`,
          status: 'processing',
          amountMinor: amountMinor.toString(),
          date,
          rate,
          note: note ?? null,
          evidence,
          profile: info.profile,
        });
        const number = `FX-${dateStamp(new Date())}-${String(row.id).padStart(5, '0')}`;
        await db.table(UID.settlement).update({ id: row.id }, { number });
        try {
          await ledger().post(db, {
            merchantId,
            type: 'freeze',
            balanceDelta: 0n,
            frozenDelta: amountMinor,
            settlementId: row.id,
            actorName: scope.name || scope.phone,
            note: `结汇申请 ${number} 冻结 US$${fromMinor(amountMinor)}`,
          });
        } catch (e) {
          if (e instanceof PostingRefused)
            throw fail('INSUFFICIENT_AVAILABLE', 409, { available: fromMinor(e.account.balance - e.account.frozen), amount: fromMinor(amountMinor) });
          throw e;
        }
        await recordEvent(db, row.id, 'processing', null, scope);
        await h().audit(
          { module: 'fx', action: 'settlement.create', targetUid: UID.settlement, targetId: row.documentId, after: { number, amount: fromMinor(amountMinor), rate, date } },
          scope,
        );
        return { id: row.documentId as string, number, status: 'processing' as const };
      });
      h().afterCommit();
      return created;
    },

    async list(scope: ActorScope, query: Row): Promise<ListResponse<Row>> {
      assertReader(scope);
      const list = parseListQuery(query, SETTLEMENT_LIST);
      const status = filterValues(list, 'status');
      if (scope.kind === 'merchant' && (list.filters.merchant || list.filters.q))
        throw fail('VALIDATION_FAILED', 400, { errors: [{ field: 'filters', message: '商户用户不能按商户或编号筛选' }] });
      // Staff work the oldest waiting request first; merchants see their newest first.
      const orderBy = scope.kind === 'platform' && status?.length === 1 && status[0] === 'processing' && !query.sort ? [{ createdAt: 'asc' }, { id: 'asc' }] : list.orderBy;
      // The tab counts ignore the status filter (every other filter applies).
      const unfiltered = list.whereExcept('status');
      const settlements = access(strapi, scope).table(UID.settlement);
      const [rows, total, counts] = await Promise.all([
        settlements.findMany({ where: list.where, orderBy, offset: list.offset, limit: list.limit, populate: { merchant: { select: ['documentId', 'nameCn'] } } }),
        settlements.count(list.where),
        Promise.all(STATUSES.map((s) => settlements.count({ $and: [unfiltered, { status: s }] }))),
      ]);
      return listResponse(rows.map(present), list, total, { counts: { processing: counts[0], completed: counts[1], rejected: counts[2] } });
    },

    async findOne(scope: ActorScope, documentId: string): Promise<Row> {
      assertReader(scope);
      const row = await load(scope, documentId);
      // What the request refers to is resolved inside its merchant.
      const db = access(strapi, scope).within(row.merchant.id);
      const files = [...(await db.table(UID.file).resolve(row.evidence ?? [], { select: ['documentId', 'category', 'originalName', 'mime', 'size'] })).values()];
      const events = await db.table(UID.settlementEvent).findMany({ where: { settlementId: row.id }, orderBy: [{ id: 'asc' }] });
      const canAct = scope.kind === 'platform' ? h().can(scope, 'fx.settle') && row.status === 'processing' : false;
      return {
        ...present(row),
        profile: row.profile ?? {},
        evidence: EVIDENCE.map((slot) => files.find((f) => f.category === slot.category))
          .filter((f): f is Row => Boolean(f))
          .map((f) => ({
            id: f.documentId,
            category: f.category,
            label: EVIDENCE.find((s) => s.category === f.category)?.label ?? f.category,
            originalName: f.originalName ?? null,
            mime: f.mime,
            size: f.size,
          })),
        actualRate: row.actualRate ?? null,
        cnyAmount: row.cnyMinor === null || row.cnyMinor === undefined ? null : fromMinor(row.cnyMinor),
        remainingUsd: row.remainingMinor === null || row.remainingMinor === undefined ? null : fromMinor(row.remainingMinor),
        rejectReason: row.rejectReason ?? null,
        timeline: events.map((e) => ({
          status: e.status,
          label: e.status === 'processing' ? '提交申请，金额已冻结' : STATUS_LABEL[e.status as SettlementStatus],
          note: e.note ?? null,
          // Merchants see "the platform", not which employee.
          actorName: e.actorKind === 'platform' && scope.kind !== 'platform' ? '晶贸通平台' : (e.actorName ?? null),
          at: e.createdAt,
        })),
        canAct,
      };
    },

    /**
     * X4: the bank has settled; `cnyAmount` must be amount × actualRate within the tolerance. `input` is parsed by
     * the route's contract (fx.completeInput): "7.0921" and "19148.67", with their scale.
     */
    async complete(scope: ActorScope, documentId: string, input: fx.CompleteInput): Promise<Row> {
      h().assertCan(scope, 'fx.settle');
      const { actualRate, cnyAmount } = input;
      await h().transaction(async () => {
        const row = await load(scope, documentId);
        if (row.status !== 'processing') throw fail('SETTLEMENT_NOT_PROCESSING', 409, { status: row.status });
        const db = access(strapi, scope).within(row.merchant.id);
        const amountMinor = bigintOf(row.amountMinor);
        const expected = convert(fromMinor(amountMinor), actualRate);
        if (dec(cnyAmount).minus(expected).abs().gt(tolerance())) {
          throw fail('CNY_AMOUNT_MISMATCH', 400, { expected, tolerance: fixed(tolerance(), AMOUNT_SCALE), amount: fromMinor(amountMinor), actualRate });
        }
        const after = await ledger().post(db, {
          merchantId: row.merchant.id,
          type: 'settlement',
          balanceDelta: -amountMinor,
          frozenDelta: -amountMinor,
          settlementId: row.id,
          actorName: scope.name || scope.phone,
          note: `结汇 ${row.number}：US$${fromMinor(amountMinor)} × ${actualRate} = ¥${cnyAmount}`,
        });
        await move(db, row, 'completed', { actualRate, cnyMinor: toMinor(cnyAmount).toString(), remainingMinor: after.balance.toString() });
        await recordEvent(db, row.id, 'completed', `实际汇率 ${actualRate}，到账 ¥${cnyAmount}`, scope);
        const card = (row.profile?.settlementCardNo as string | undefined) ?? '';
        await h().notifyMerchant({
          merchantId: row.merchant.id,
          eventKey: `fx-settlement:${row.documentId}:completed`,
          category: 'business',
          module: 'fx',
          title: '人民币账户入账通知',
          body: `您的结汇申请 ${row.number} 已完成：US$${fromMinor(amountMinor)} 按实际汇率 ${actualRate} 结汇，人民币 ¥${cnyAmount} 已汇入尾号 ${card.slice(-4)} 的银行卡。外汇子账户剩余 US$${fromMinor(after.balance)}。`,
          link: `/fx/settlements/${row.documentId}`,
          mpPath: `packageFx/pages/settlement/index?id=${row.documentId}`,
          push: { subject: `结汇申请（${row.number}）`, status: '已完成', note: `到账 ¥${cnyAmount}` },
        });
        await h().audit(
          {
            module: 'fx',
            action: 'settlement.complete',
            targetUid: UID.settlement,
            targetId: row.documentId,
            before: { status: 'processing' },
            after: { status: 'completed', actualRate, cnyAmount },
          },
          scope,
        );
      });
      h().afterCommit();
      return this.findOne(scope, documentId);
    },

    /** `input` is parsed by the route's contract (fx.rejectInput): the reason trimmed; none is NOTE_REQUIRED. */
    async reject(scope: ActorScope, documentId: string, input: fx.RejectInput): Promise<Row> {
      h().assertCan(scope, 'fx.settle');
      const reason = input.reason ?? '';
      if (!reason) throw fail('NOTE_REQUIRED', 400, { field: 'reason' });
      await h().transaction(async () => {
        const row = await load(scope, documentId);
        if (row.status !== 'processing') throw fail('SETTLEMENT_NOT_PROCESSING', 409, { status: row.status });
        const db = access(strapi, scope).within(row.merchant.id);
        const amountMinor = bigintOf(row.amountMinor);
        await ledger().post(db, {
          merchantId: row.merchant.id,
          type: 'unfreeze',
          balanceDelta: 0n,
          frozenDelta: -amountMinor,
          settlementId: row.id,
          actorName: scope.name || scope.phone,
          note: `结汇申请 ${row.number} 驳回，解冻 US$${fromMinor(amountMinor)}`,
        });
        await move(db, row, 'rejected', { rejectReason: reason });
        await recordEvent(db, row.id, 'rejected', reason, scope);
        await h().notifyMerchant({
          merchantId: row.merchant.id,
          eventKey: `fx-settlement:${row.documentId}:rejected`,
          category: 'todo',
          module: 'fx',
          title: '结汇申请未通过',
          body: `您的结汇申请 ${row.number}（US$${fromMinor(amountMinor)}）未通过：${reason}。冻结的金额已解冻，可修改后重新提交。`,
          link: `/fx/settlements/${row.documentId}`,
          mpPath: `packageFx/pages/settlement/index?id=${row.documentId}`,
          push: { subject: `结汇申请（${row.number}）`, status: '已驳回', note: reason },
        });
        await h().audit(
          {
            module: 'fx',
            action: 'settlement.reject',
            targetUid: UID.settlement,
            targetId: row.documentId,
            before: { status: 'processing' },
            after: { status: 'rejected', reason },
          },
          scope,
        );
      });
      h().afterCommit();
      return this.findOne(scope, documentId);
    },
  };
}

export type Settlements = ReturnType<typeof createSettlements>;
