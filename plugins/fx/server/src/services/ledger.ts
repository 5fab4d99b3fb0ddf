/**
 * The USD sub-account and its ledger (X2). The ledger is append-only; the account row is its running
 * total, changed only by `post()` in the same transaction as the ledger row, with one conditional UPDATE
 * that re-checks the guard (enough available to freeze, enough frozen to release) against the committed
 * row — so concurrent requests can never together overdraw it, on SQLite or MySQL. Every ledger row keeps
 * the balances after it, so the identity (balance = Σ balance deltas, frozen = Σ frozen deltas) is
 * checkable at any row.
 */
import type { Core } from '@strapi/strapi';
import { readBalanceSheet, SheetRejected, type CellError } from '../balance-sheet';
import { host, type ActorScope } from '../host';
import { bigintOf, fromMinor, toMinor } from '../money';
import { insertRows, onTable, query, UID, type Row } from './db';

export type LedgerType = 'balance_update' | 'freeze' | 'unfreeze' | 'settlement';
export const LEDGER_LABEL: Record<LedgerType, string> = { balance_update: '余额更新', freeze: '结汇冻结', unfreeze: '结汇解冻', settlement: '结汇' };

export interface AccountState {
  balance: bigint;
  frozen: bigint;
}

export interface Posting {
  merchantId: number;
  type: LedgerType;
  balanceDelta: bigint;
  frozenDelta: bigint;
  note?: string | null;
  settlementId?: number | null;
  uploadId?: number | null;
  actorName?: string | null;
}

/** Why a posting was refused: the guard of its type did not hold against the committed account. */
export class PostingRefused extends Error {
  constructor(readonly account: AccountState) {
    super('posting refused');
  }
}

const mask = (account: string | null | undefined): string => (account ? `尾号${account.slice(-4)}` : '');

export function createLedger(strapi: Core.Strapi) {
  const h = () => host(strapi);
  const fail = (code: string, status: number, details?: Record<string, unknown>) => h().error(code, status, details);

  async function accountRow(merchantId: number): Promise<Row | null> {
    return (await query(strapi, UID.account).findOne({ where: { merchantId } })) as Row | null;
  }

  async function ensureAccount(merchantId: number): Promise<void> {
    if (await accountRow(merchantId)) return;
    await insertRows(strapi, UID.account, [{ merchantId, currency: 'USD', balanceMinor: 0, frozenMinor: 0 }]);
  }

  const stateOf = (row: Row | null): AccountState => ({ balance: bigintOf(row?.balanceMinor), frozen: bigintOf(row?.frozenMinor) });

  /**
   * Applies one posting inside the caller's transaction. The guard is part of the UPDATE's WHERE:
   * freezing needs balance − frozen ≥ amount, releasing needs frozen ≥ amount, and nothing may leave
   * the balance below the frozen amount or either below zero.
   */
  async function post(p: Posting): Promise<AccountState> {
    await ensureAccount(p.merchantId);
    const count = await onTable(strapi, UID.account, (qb, col) => {
      const balance = col('balanceMinor');
      const frozen = col('frozenMinor');
      // Bound as integers (never strings: MySQL would add a string as a DOUBLE). Minor units stay far
      // below 2^53 (toMinor caps amounts at 13 integer digits), so Number() is exact here.
      const bd = Number(p.balanceDelta);
      const fd = Number(p.frozenDelta);
      return qb
        .where(col('merchantId'), p.merchantId)
        // new balance ≥ 0, new frozen ≥ 0, new balance ≥ new frozen — all against the row as committed now
        .whereRaw(`?? + ? >= 0`, [balance, bd])
        .whereRaw(`?? + ? >= 0`, [frozen, fd])
        .whereRaw(`?? + ? >= ?? + ?`, [balance, bd, frozen, fd])
        .update({
          [balance]: strapi.db.connection.raw(`?? + ?`, [balance, bd]),
          [frozen]: strapi.db.connection.raw(`?? + ?`, [frozen, fd]),
          ...(p.balanceDelta !== 0n ? { [col('balanceAt')]: new Date() } : {}),
          [col('updatedAt')]: new Date(),
        });
    });
    const after = stateOf(await accountRow(p.merchantId));
    if (Number(count) !== 1) throw new PostingRefused(after);
    await insertRows(strapi, UID.ledger, [
      {
        merchantId: p.merchantId,
        type: p.type,
        balanceDeltaMinor: p.balanceDelta.toString(),
        frozenDeltaMinor: p.frozenDelta.toString(),
        balanceAfterMinor: after.balance.toString(),
        frozenAfterMinor: after.frozen.toString(),
        note: p.note ?? null,
        settlementId: p.settlementId ?? null,
        uploadId: p.uploadId ?? null,
        actorName: p.actorName ?? null,
      },
    ]);
    return after;
  }

  async function merchantScope(scope: ActorScope): Promise<number> {
    if (scope.kind === 'anonymous') throw fail('UNAUTHORIZED', 401);
    if (scope.kind !== 'merchant' || !scope.merchantId) throw fail('FORBIDDEN', 403);
    h().assertCan(scope, 'data.read');
    return scope.merchantId;
  }

  function presentAccount(row: Row | null) {
    const s = stateOf(row);
    return {
      currency: 'USD' as const,
      balance: fromMinor(s.balance),
      frozen: fromMinor(s.frozen),
      available: fromMinor(s.balance - s.frozen),
      updatedAt: (row?.balanceAt as string | null) ?? null,
    };
  }

  const PROFILE_FIELDS = ['fxSubAccount', 'settlementCardNo', 'settlementBankName', 'legalPersonName'] as const;

  async function profileOf(merchantId: number) {
    const m = (await query(strapi, UID.merchant).findOne({ where: { id: merchantId }, select: [...PROFILE_FIELDS, 'nameCn', 'registrationStatus'] })) as Row;
    const profile = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, (m?.[f] as string | null) || null])) as Record<(typeof PROFILE_FIELDS)[number], string | null>;
    const missing = PROFILE_FIELDS.filter((f) => !profile[f]);
    return { profile, missing, registrationStatus: m?.registrationStatus as string, nameCn: m?.nameCn as string };
  }

  return {
    post,
    profileOf,
    presentAccount,

    async account(scope: ActorScope): Promise<Row> {
      const merchantId = await merchantScope(scope);
      const [row, info, settling] = await Promise.all([
        accountRow(merchantId),
        profileOf(merchantId),
        query(strapi, UID.settlement).count({ where: { merchant: { id: merchantId }, status: 'processing' } }),
      ]);
      return { ...presentAccount(row), settling, profile: { ...info.profile, complete: info.missing.length === 0, missing: info.missing } };
    },

    async homeSummary(merchantId: number): Promise<Row> {
      return presentAccount(await accountRow(merchantId));
    },

    async entries(scope: ActorScope, q: Row): Promise<{ data: Row[]; meta: Row }> {
      let merchantId: number;
      if (scope.kind === 'platform') {
        h().assertCan(scope, 'fx.view');
        const m = (await query(strapi, UID.merchant).findOne({ where: { documentId: String(q.merchant ?? '') }, select: ['id'] })) as Row | null;
        if (!m) throw fail('NOT_FOUND', 404);
        merchantId = m.id;
      } else merchantId = await merchantScope(scope);
      const page = Math.max(1, Number(q.page) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
      const where: Row = { merchantId, ...(typeof q.type === 'string' && q.type in LEDGER_LABEL ? { type: q.type } : {}) };
      const [rows, total] = await Promise.all([
        query(strapi, UID.ledger).findMany({ where, orderBy: [{ id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize }) as Promise<Row[]>,
        query(strapi, UID.ledger).count({ where }),
      ]);
      const settlementIds = [...new Set(rows.map((r) => r.settlementId).filter(Boolean))];
      const settlements = settlementIds.length ? ((await query(strapi, UID.settlement).findMany({ where: { id: { $in: settlementIds } }, select: ['id', 'documentId'] })) as Row[]) : [];
      const docOf = new Map(settlements.map((s) => [s.id, s.documentId]));
      return {
        data: rows.map((r) => {
          const balanceAfter = bigintOf(r.balanceAfterMinor);
          const frozenAfter = bigintOf(r.frozenAfterMinor);
          return {
            id: r.documentId,
            type: r.type,
            typeLabel: LEDGER_LABEL[r.type as LedgerType] ?? r.type,
            balanceDelta: fromMinor(r.balanceDeltaMinor),
            frozenDelta: fromMinor(r.frozenDeltaMinor),
            balanceAfter: fromMinor(balanceAfter),
            frozenAfter: fromMinor(frozenAfter),
            availableAfter: fromMinor(balanceAfter - frozenAfter),
            note: r.note ?? null,
            settlementId: docOf.get(r.settlementId) ?? null,
            createdAt: r.createdAt,
          };
        }),
        meta: { page, pageSize, total },
      };
    },

    /** Staff: every merchant with its account (merchants without one show zeros). */
    async accounts(scope: ActorScope, q: Row): Promise<{ data: Row[]; meta: Row }> {
      h().assertCan(scope, 'fx.view');
      const page = Math.max(1, Number(q.page) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
      const where: Row = q.q ? { $or: [{ nameCn: { $containsi: String(q.q) } }, { fxSubAccount: { $containsi: String(q.q) } }] } : {};
      const [merchants, total] = await Promise.all([
        query(strapi, UID.merchant).findMany({ where, select: ['id', 'documentId', 'nameCn', 'fxSubAccount'], orderBy: [{ id: 'asc' }], offset: (page - 1) * pageSize, limit: pageSize }) as Promise<Row[]>,
        query(strapi, UID.merchant).count({ where }),
      ]);
      const ids = merchants.map((m) => m.id);
      const [accounts, processing] = await Promise.all([
        ids.length ? (query(strapi, UID.account).findMany({ where: { merchantId: { $in: ids } } }) as Promise<Row[]>) : Promise.resolve([] as Row[]),
        ids.length ? (query(strapi, UID.settlement).findMany({ where: { status: 'processing', merchant: { id: { $in: ids } } }, select: ['id'], populate: { merchant: { select: ['id'] } } }) as Promise<Row[]>) : Promise.resolve([] as Row[]),
      ]);
      return {
        data: merchants.map((m) => ({
          merchant: { documentId: m.documentId, nameCn: m.nameCn },
          fxSubAccount: m.fxSubAccount ?? null,
          ...presentAccount(accounts.find((a) => a.merchantId === m.id) ?? null),
          settling: processing.filter((s) => s.merchant?.id === m.id).length,
        })),
        meta: { page, pageSize, total },
      };
    },

    /**
     * X2: staff upload the bank's balances. Every row is checked first (and the whole file refused with every
     * bad row listed); then, in one transaction, each changed balance is posted as 余额更新 and its merchant
     * notified. A balance below the merchant's 结汇中金额 is refused (settle or reject those first).
     */
    async upload(scope: ActorScope, file: { buffer: Buffer; name: string }): Promise<Row> {
      h().assertCan(scope, 'fx.balances');
      let sheet: Awaited<ReturnType<typeof readBalanceSheet>>;
      try {
        sheet = await readBalanceSheet(file.buffer);
      } catch (e) {
        if (e instanceof SheetRejected) throw fail('IMPORT_FILE_REJECTED', 422, { errors: [{ row: 0, column: '', code: e.code, message: e.message, value: null, ...e.details }] });
        throw e;
      }
      const errors: CellError[] = [...sheet.errors];
      const merchants = (await query(strapi, UID.merchant).findMany({
        where: { fxSubAccount: { $in: sheet.rows.map((r) => r.subAccount) } },
        select: ['id', 'documentId', 'nameCn', 'fxSubAccount'],
      })) as Row[];
      const bySubAccount = new Map(merchants.map((m) => [String(m.fxSubAccount), m]));
      for (const r of sheet.rows) {
        // Sub-accounts are unique per merchant (services/merchant-fields.ts); should two ever share one, refuse to guess.
        if (merchants.filter((m) => String(m.fxSubAccount) === r.subAccount).length > 1) {
          errors.push({ row: r.row, column: '外汇子账号', code: 'SUB_ACCOUNT_AMBIGUOUS', message: '有多个商户登记了这个外汇子账号，请先在商户资料中更正', value: r.subAccount });
          continue;
        }
        if (!bySubAccount.has(r.subAccount) && !errors.some((e) => e.row === r.row && e.column === '外汇子账号')) {
          errors.push({ row: r.row, column: '外汇子账号', code: 'SUB_ACCOUNT_UNKNOWN', message: '没有商户登记这个外汇子账号（请核对，或先在商户资料中填写）', value: r.subAccount });
        }
      }

      const actorName = scope.name || scope.phone || null;
      const rejectRows = (list: CellError[]) => fail('BALANCE_UPLOAD_INVALID', 422, { errors: list.sort((a, b) => a.row - b.row), badRows: new Set(list.map((e) => e.row)).size });
      const apply = async () => {
        const results: Row[] = [];
        const belowFrozen: CellError[] = [];
        const upload = (await query(strapi, UID.balanceUpload).create({ data: { documentId: h().newDocumentId(), fileName: file.name.slice(0, 255), total: sheet.rows.length, uploadedBy: actorName } })) as Row;
        for (const r of sheet.rows) {
          const merchant = bySubAccount.get(r.subAccount)!;
          const current = stateOf(await accountRow(merchant.id));
          const target = toMinor(r.balance);
          const delta = target - current.balance;
          const result = {
            row: r.row,
            subAccount: r.subAccount,
            merchant: { documentId: merchant.documentId, nameCn: merchant.nameCn },
            previousBalance: fromMinor(current.balance),
            balance: r.balance,
            delta: fromMinor(delta),
            status: delta === 0n ? 'unchanged' : 'changed',
          };
          results.push(result);
          if (delta === 0n) continue;
          let after: AccountState;
          try {
            after = await post({ merchantId: merchant.id, type: 'balance_update', balanceDelta: delta, frozenDelta: 0n, uploadId: upload.id, actorName, note: `银行余额更新${r.date ? `（${r.date}）` : ''}：${fromMinor(current.balance)} → ${r.balance}` });
          } catch (e) {
            if (!(e instanceof PostingRefused)) throw e;
            belowFrozen.push({ row: r.row, column: '账户余额', code: 'BELOW_FROZEN', message: `新余额低于该商户结汇中金额 US$${fromMinor(e.account.frozen)}，请先处理其结汇申请`, value: r.balance });
            continue;
          }
          const up = delta > 0n;
          await h().notifyMerchant({
            merchantId: merchant.id,
            eventKey: `fx-balance:${upload.documentId}:${merchant.id}`,
            category: 'business',
            module: 'fx',
            title: '银行账户入账通知',
            body: `您的外汇子账户（${mask(r.subAccount)}）余额已更新为 US$${r.balance}，较上次${up ? '增加' : '减少'} US$${fromMinor(up ? delta : -delta)}，当前可用余额 US$${fromMinor(after.balance - after.frozen)}。`,
            link: '/fx',
            mpPath: 'packageFx/pages/index/index',
            push: { subject: '外汇子账户余额更新', status: '已入账', note: `余额 US$${r.balance}` },
          });
        }
        // Nothing is half-written: one refused row rolls the whole upload back.
        if (belowFrozen.length) throw rejectRows(belowFrozen);
        const changed = results.filter((x) => x.status === 'changed').length;
        await query(strapi, UID.balanceUpload).update({ where: { id: upload.id }, data: { changed, unchanged: results.length - changed, rows: results } });
        await h().audit({ module: 'fx', action: 'balances.upload', targetUid: UID.balanceUpload, targetId: upload.documentId, after: { fileName: file.name, total: results.length, changed } }, scope);
        return { id: upload.documentId, total: results.length, changed, unchanged: results.length - changed, rows: results };
      };
      if (errors.length) throw rejectRows(errors);
      const outcome = await h().transaction(apply);
      h().afterCommit();
      return outcome;
    },

    async uploads(scope: ActorScope, q: Row): Promise<{ data: Row[]; meta: Row }> {
      h().assertCan(scope, 'fx.view');
      const page = Math.max(1, Number(q.page) || 1);
      const pageSize = Math.min(100, Math.max(1, Number(q.pageSize) || 20));
      const [rows, total] = await Promise.all([
        query(strapi, UID.balanceUpload).findMany({ orderBy: [{ id: 'desc' }], offset: (page - 1) * pageSize, limit: pageSize, select: ['documentId', 'fileName', 'total', 'changed', 'uploadedBy', 'createdAt'] }) as Promise<Row[]>,
        query(strapi, UID.balanceUpload).count({}),
      ]);
      return { data: rows.map((r) => ({ id: r.documentId, fileName: r.fileName, total: r.total, changed: r.changed ?? 0, uploadedBy: r.uploadedBy ?? null, createdAt: r.createdAt })), meta: { page, pageSize, total } };
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
