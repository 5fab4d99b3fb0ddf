/**
 * Settlement requests (X3) and their processing (X4). Submitting freezes the amount through the ledger's
 * guarded posting, inside the transaction that creates the request, so concurrent requests can never
 * together exceed the available balance. Completing and rejecting move the request with a conditional
 * UPDATE (processing → completed | rejected) and post the matching ledger row in the same transaction.
 */
import type { Core } from '@strapi/strapi';
import { addDays, beijingDate, isIsoDate } from '../currencies';
import { host, type ActorScope } from '../host';
import { AMOUNT_SCALE, bigintOf, convert, dec, fixed, fromMinor, parseDecimal, RATE_SCALE, toMinor, type DecimalProblem } from '../money';
import { query, UID, type Row } from './db';
import { PostingRefused, type Ledger } from './ledger';

export type SettlementStatus = 'processing' | 'completed' | 'rejected';
const STATUS_LABEL: Record<SettlementStatus, string> = { processing: '结汇中', completed: '已完成', rejected: '已驳回' };
const EVIDENCE: { category: string; label: string }[] = [
  { category: 'fx_withdrawal', label: '提现截图' },
  { category: 'fx_statement', label: '收款平台流水文档' },
  { category: 'fx_logistics', label: '物流发货信息文档' },
];
const PROFILE_LABEL: Record<string, string> = { fxSubAccount: '外汇子账户（美元）', settlementCardNo: '结汇银行卡号（人民币）', settlementBankName: '结汇银行卡开户行', legalPersonName: '法人姓名' };
const DATE_WINDOW_DAYS = 30;

function amountMessage(what: string, scale: number, problem: DecimalProblem): string {
  if (problem === 'TOO_MANY_DECIMALS') return `${what}最多 ${scale} 位小数`;
  if (problem === 'TOO_LARGE') return `${what}超出范围`;
  return `请输入大于 0 的${what}`;
}

function dateStamp(date: Date): string {
  return beijingDate(date).replace(/-/g, '');
}

export function createSettlements(strapi: Core.Strapi, ledger: () => Ledger) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);
  const tolerance = () => process.env.FX_SETTLEMENT_TOLERANCE_CNY || '1.00';

  async function load(scope: ActorScope, documentId: string): Promise<Row> {
    const row = (await query(strapi, UID.settlement).findOne({ where: { documentId }, populate: { merchant: { select: ['id', 'documentId', 'nameCn'] } } })) as Row | null;
    // Another merchant's request does not exist, as far as the caller can tell.
    if (!row || !row.merchant || (scope.kind === 'merchant' && row.merchant.id !== scope.merchantId)) throw fail('NOT_FOUND', 404);
    return row;
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

  async function recordEvent(settlementId: number, status: SettlementStatus, note: string | null, scope: ActorScope): Promise<void> {
    await query(strapi, UID.settlementEvent).create({
      data: { documentId: h().newDocumentId(), settlementId, status, note, actorName: scope.name || scope.phone || null, actorKind: scope.kind },
    });
  }

  /** Processing → `to`, re-checked by the WHERE: a request already completed or rejected matches nothing. */
  async function move(row: Row, to: SettlementStatus, data: Row): Promise<void> {
    const { count } = (await query(strapi, UID.settlement).updateMany({ where: { id: row.id, status: 'processing' }, data: { status: to, completedAt: new Date(), ...data } })) as { count: number };
    if (count !== 1) throw fail('SETTLEMENT_NOT_PROCESSING', 409, { status: row.status });
  }

  return {
    async create(scope: ActorScope, input: Row): Promise<Row> {
      if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
      if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('FORBIDDEN', 403);
      h().assertCan(scope, 'data.write');
      const merchantId = scope.merchantId;
      const info = await ledger().profileOf(merchantId);
      if (info.registrationStatus !== 'approved') throw fail('MODULE_LOCKED', 403);

      const errors: { field: string; message: string }[] = [];
      const amount = parseDecimal(input.amount, AMOUNT_SCALE);
      if (!('value' in amount)) errors.push({ field: 'amount', message: amountMessage('结汇金额', AMOUNT_SCALE, amount.problem) });
      const rate = parseDecimal(input.rate, RATE_SCALE);
      if (!('value' in rate)) errors.push({ field: 'rate', message: amountMessage('结汇汇率', RATE_SCALE, rate.problem) });
      const today = beijingDate();
      if (!isIsoDate(input.date)) errors.push({ field: 'date', message: '请选择结汇日期' });
      else if (input.date < addDays(today, -DATE_WINDOW_DAYS) || input.date > addDays(today, DATE_WINDOW_DAYS)) errors.push({ field: 'date', message: `结汇日期须在今天前后 ${DATE_WINDOW_DAYS} 天内` });
      const note = typeof input.note === 'string' ? input.note.trim() : '';
      if (note.length > 500) errors.push({ field: 'note', message: '备注最多 500 字' });
      const evidenceIds = Array.isArray(input.evidence) ? input.evidence.filter((x: unknown): x is string => typeof x === 'string') : [];
      const files = evidenceIds.length
        ? ((await query(strapi, UID.file).findMany({ where: { documentId: { $in: evidenceIds }, merchant: { id: merchantId } }, select: ['id', 'documentId', 'category'] })) as Row[])
        : [];
      const evidence = EVIDENCE.map((slot) => files.find((f) => f.category === slot.category)?.documentId as string | undefined);
      const lacking = EVIDENCE.filter((_, i) => !evidence[i]).map((s) => s.label);
      if (lacking.length || files.length !== evidenceIds.length) errors.push({ field: 'evidence', message: lacking.length ? `请上传：${lacking.join('、')}` : '凭证文件无效，请重新上传' });
      if (errors.length || !('value' in amount) || !('value' in rate)) throw fail('VALIDATION_FAILED', 400, { errors });
      if (info.missing.length) throw fail('FX_PROFILE_INCOMPLETE', 409, { missing: info.missing, labels: info.missing.map((f) => PROFILE_LABEL[f]) });

      const amountMinor = toMinor(amount.value);
      const created = await h().transaction(async () => {
        const row = (await query(strapi, UID.settlement).create({
          data: {
            documentId: h().newDocumentId(),
            merchant: merchantId,
            number: `tmp-${h().newDocumentId()}`,
            status: 'processing',
            amountMinor: amountMinor.toString(),
            date: input.date,
            rate: fixed(rate.value, RATE_SCALE),
            note: note || null,
            evidence,
            profile: info.profile,
          },
        })) as Row;
        const number = `FX-${dateStamp(new Date())}-${String(row.id).padStart(5, '0')}`;
        await query(strapi, UID.settlement).update({ where: { id: row.id }, data: { number } });
        try {
          await ledger().post({ merchantId, type: 'freeze', balanceDelta: 0n, frozenDelta: amountMinor, settlementId: row.id, actorName: scope.name || scope.phone, note: `结汇申请 ${number} 冻结 US$${fromMinor(amountMinor)}` });
        } catch (e) {
          if (e instanceof PostingRefused) throw fail('INSUFFICIENT_AVAILABLE', 409, { available: fromMinor(e.account.balance - e.account.frozen), amount: fromMinor(amountMinor) });
          throw e;
        }
        await recordEvent(row.id, 'processing', null, scope);
        await h().audit({ module: 'fx', action: 'settlement.create', targetUid: UID.settlement, targetId: row.documentId, after: { number, amount: fromMinor(amountMinor), rate: fixed(rate.value, RATE_SCALE), date: input.date } }, scope);
        return { id: row.documentId as string, number, status: 'processing' as const };
      });
      h().afterCommit();
      return created;
    },

    async list(scope: ActorScope, q: Row): Promise<{ data: Row[]; meta: Row }> {
      assertReader(scope);
      const page = Math.max(1, Number(q.page) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
      const and: Row[] = [];
      if (scope.kind === 'merchant') and.push({ merchant: { id: scope.merchantId } });
      if (typeof q.status === 'string' && q.status) and.push({ status: { $in: q.status.split(',') } });
      if (scope.kind === 'platform' && typeof q.merchant === 'string' && q.merchant) and.push({ merchant: { documentId: q.merchant } });
      if (scope.kind === 'platform' && typeof q.q === 'string' && q.q.trim()) and.push({ $or: [{ number: { $containsi: q.q.trim() } }, { merchant: { nameCn: { $containsi: q.q.trim() } } }] });
      const where = and.length ? { $and: and } : {};
      // Staff work the oldest waiting request first; merchants see their newest first.
      const orderBy = scope.kind === 'platform' && q.status === 'processing' ? [{ createdAt: 'asc' }, { id: 'asc' }] : [{ createdAt: 'desc' }, { id: 'desc' }];
      const [rows, total, counts] = await Promise.all([
        query(strapi, UID.settlement).findMany({ where, orderBy, offset: (page - 1) * pageSize, limit: pageSize, populate: { merchant: { select: ['documentId', 'nameCn'] } } }) as Promise<Row[]>,
        query(strapi, UID.settlement).count({ where }),
        Promise.all((['processing', 'completed', 'rejected'] as const).map((s) => query(strapi, UID.settlement).count({ where: { $and: [...and.filter((c) => !('status' in c)), { status: s }] } }))),
      ]);
      return { data: rows.map(present), meta: { page, pageSize, total, counts: { processing: counts[0], completed: counts[1], rejected: counts[2] } } };
    },

    async findOne(scope: ActorScope, documentId: string): Promise<Row> {
      assertReader(scope);
      const row = await load(scope, documentId);
      const fileIds = ((row.evidence as string[] | null) ?? []).filter(Boolean);
      const files = fileIds.length ? ((await query(strapi, UID.file).findMany({ where: { documentId: { $in: fileIds } }, select: ['documentId', 'category', 'originalName', 'mime', 'size'] })) as Row[]) : [];
      const events = (await query(strapi, UID.settlementEvent).findMany({ where: { settlementId: row.id }, orderBy: [{ id: 'asc' }] })) as Row[];
      const canAct = scope.kind === 'platform' ? h().can(scope, 'fx.settle') && row.status === 'processing' : false;
      return {
        ...present(row),
        profile: row.profile ?? {},
        evidence: EVIDENCE.map((slot) => files.find((f) => f.category === slot.category))
          .filter((f): f is Row => Boolean(f))
          .map((f) => ({ id: f.documentId, category: f.category, label: EVIDENCE.find((s) => s.category === f.category)?.label ?? f.category, originalName: f.originalName ?? null, mime: f.mime, size: f.size })),
        actualRate: row.actualRate ?? null,
        cnyAmount: row.cnyMinor === null || row.cnyMinor === undefined ? null : fromMinor(row.cnyMinor),
        remainingUsd: row.remainingMinor === null || row.remainingMinor === undefined ? null : fromMinor(row.remainingMinor),
        rejectReason: row.rejectReason ?? null,
        timeline: events.map((e) => ({
          status: e.status,
          label: e.status === 'processing' ? '提交申请，金额已冻结' : STATUS_LABEL[e.status as SettlementStatus],
          note: e.note ?? null,
          // Merchants see "the platform", not which employee.
          actorName: e.actorKind === 'platform' && scope.kind !== 'platform' ? '晶贸通平台' : e.actorName ?? null,
          at: e.createdAt,
        })),
        canAct,
      };
    },

    /** X4: the bank has settled; `cnyAmount` must be amount × actualRate within the tolerance. */
    async complete(scope: ActorScope, documentId: string, input: Row): Promise<Row> {
      h().assertCan(scope, 'fx.settle');
      const errors: { field: string; message: string }[] = [];
      const rate = parseDecimal(input.actualRate, RATE_SCALE);
      if (!('value' in rate)) errors.push({ field: 'actualRate', message: amountMessage('实际结算汇率', RATE_SCALE, rate.problem) });
      const cny = parseDecimal(input.cnyAmount, AMOUNT_SCALE);
      if (!('value' in cny)) errors.push({ field: 'cnyAmount', message: amountMessage('人民币到账金额', AMOUNT_SCALE, cny.problem) });
      if (errors.length || !('value' in rate) || !('value' in cny)) throw fail('VALIDATION_FAILED', 400, { errors });
      await h().transaction(async () => {
        const row = await load(scope, documentId);
        if (row.status !== 'processing') throw fail('SETTLEMENT_NOT_PROCESSING', 409, { status: row.status });
        const amountMinor = bigintOf(row.amountMinor);
        const expected = convert(fromMinor(amountMinor), rate.value);
        if (dec(cny.value).minus(expected).abs().greaterThan(tolerance())) {
          throw fail('CNY_AMOUNT_MISMATCH', 400, { expected, tolerance: fixed(tolerance(), AMOUNT_SCALE), amount: fromMinor(amountMinor), actualRate: fixed(rate.value, RATE_SCALE) });
        }
        const after = await ledger().post({
          merchantId: row.merchant.id,
          type: 'settlement',
          balanceDelta: -amountMinor,
          frozenDelta: -amountMinor,
          settlementId: row.id,
          actorName: scope.name || scope.phone,
          note: `结汇 ${row.number}：US$${fromMinor(amountMinor)} × ${fixed(rate.value, RATE_SCALE)} = ¥${fixed(cny.value, AMOUNT_SCALE)}`,
        });
        await move(row, 'completed', { actualRate: fixed(rate.value, RATE_SCALE), cnyMinor: toMinor(cny.value).toString(), remainingMinor: after.balance.toString() });
        await recordEvent(row.id, 'completed', `实际汇率 ${fixed(rate.value, RATE_SCALE)}，到账 ¥${fixed(cny.value, AMOUNT_SCALE)}`, scope);
        const card = (row.profile?.settlementCardNo as string | undefined) ?? '';
        await h().notifyMerchant({
          merchantId: row.merchant.id,
          eventKey: `fx-settlement:${row.documentId}:completed`,
          category: 'business',
          module: 'fx',
          title: '人民币账户入账通知',
          body: `您的结汇申请 ${row.number} 已完成：US$${fromMinor(amountMinor)} 按实际汇率 ${fixed(rate.value, RATE_SCALE)} 结汇，人民币 ¥${fixed(cny.value, AMOUNT_SCALE)} 已汇入尾号 ${card.slice(-4)} 的银行卡。外汇子账户剩余 US$${fromMinor(after.balance)}。`,
          link: `/fx/settlements/${row.documentId}`,
          mpPath: `packageFx/pages/settlement/index?id=${row.documentId}`,
          push: { subject: `结汇申请（${row.number}）`, status: '已完成', note: `到账 ¥${fixed(cny.value, AMOUNT_SCALE)}` },
        });
        await h().audit({ module: 'fx', action: 'settlement.complete', targetUid: UID.settlement, targetId: row.documentId, before: { status: 'processing' }, after: { status: 'completed', actualRate: fixed(rate.value, RATE_SCALE), cnyAmount: fixed(cny.value, AMOUNT_SCALE) } }, scope);
      });
      h().afterCommit();
      return this.findOne(scope, documentId);
    },

    async reject(scope: ActorScope, documentId: string, input: Row): Promise<Row> {
      h().assertCan(scope, 'fx.settle');
      const reason = typeof input.reason === 'string' ? input.reason.trim().slice(0, 500) : '';
      if (!reason) throw fail('NOTE_REQUIRED', 400, { field: 'reason' });
      await h().transaction(async () => {
        const row = await load(scope, documentId);
        if (row.status !== 'processing') throw fail('SETTLEMENT_NOT_PROCESSING', 409, { status: row.status });
        const amountMinor = bigintOf(row.amountMinor);
        await ledger().post({ merchantId: row.merchant.id, type: 'unfreeze', balanceDelta: 0n, frozenDelta: -amountMinor, settlementId: row.id, actorName: scope.name || scope.phone, note: `结汇申请 ${row.number} 驳回，解冻 US$${fromMinor(amountMinor)}` });
        await move(row, 'rejected', { rejectReason: reason });
        await recordEvent(row.id, 'rejected', reason, scope);
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
        await h().audit({ module: 'fx', action: 'settlement.reject', targetUid: UID.settlement, targetId: row.documentId, before: { status: 'processing' }, after: { status: 'rejected', reason } }, scope);
      });
      h().afterCommit();
      return this.findOne(scope, documentId);
    },
  };
}

export type Settlements = ReturnType<typeof createSettlements>;
