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
import { access, isUniqueViolation, listResponse, parseListQuery, type DataAccess, type ListResponse, type ListSpec } from '@jmt/plugin-kit';
import { UID, type Row } from './db';

export type LedgerType = 'balance_update' | 'freeze' | 'unfreeze' | 'settlement';
export const LEDGER_LABEL: Record<LedgerType, string> = { balance_update: '余额更新', freeze: '结汇冻结', unfreeze: '结汇解冻', settlement: '结汇' };

export interface AccountState {
  balance: bigint;
  frozen: bigint;
}

/** GET /api/fx/ledger (a merchant's own; staff name the merchant) and GET /api/fx/accounts, GET /api/fx/balance-uploads. */
export const LEDGER_LIST: ListSpec = {
  filters: { type: { ops: ['$eq', '$in'], values: ['balance_update', 'freeze', 'unfreeze', 'settlement'] }, merchant: { ops: ['$eq'], custom: true } },
  sort: ['createdAt'],
  defaultSort: [{ id: 'desc' }],
};
export const ACCOUNT_LIST: ListSpec = { filters: { q: { ops: ['$containsi'], search: ['nameCn', 'fxSubAccount'] } }, sort: ['nameCn'], defaultSort: [{ id: 'asc' }] };
export const UPLOAD_LIST: ListSpec = { sort: ['createdAt'], defaultSort: [{ id: 'desc' }] };

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

  /** `db` is the caller's access narrowed to the account's merchant (`access(strapi, scope).within(merchantId)`). */
  async function accountRow(db: DataAccess, merchantId: number): Promise<Row | null> {
    return db.table(UID.account).findOne({ where: { merchantId } });
  }

  async function ensureAccount(db: DataAccess, merchantId: number): Promise<void> {
    if (await accountRow(db, merchantId)) return;
    try {
      await db.table(UID.account).bulkInsert([{ merchantId, currency: 'USD', balanceMinor: 0, frozenMinor: 0 }]);
    } catch (e) {
      // One account per merchant (a unique index): a concurrent first posting created it.
      if (!isUniqueViolation(e)) throw e;
    }
  }

  const stateOf = (row: Row | null): AccountState => ({ balance: bigintOf(row?.balanceMinor), frozen: bigintOf(row?.frozenMinor) });

  /**
   * Applies one posting inside the caller's transaction. The guard is part of the UPDATE's WHERE:
   * freezing needs balance − frozen ≥ amount, releasing needs frozen ≥ amount, and nothing may leave
   * the balance below the frozen amount or either below zero.
   */
  async function post(db: DataAccess, p: Posting): Promise<AccountState> {
    await ensureAccount(db, p.merchantId);
    const count = await db.table(UID.account).raw('write', (qb, col) => {
      const balance = col('balanceMinor');
      const frozen = col('frozenMinor');
      // Bound as integers (never strings: MySQL would add a string as a DOUBLE). Minor units stay far
      // below 2^53 (toMinor caps amounts at 13 integer digits), so Number() is exact here.
      const bd = Number(p.balanceDelta);
      const fd = Number(p.frozenDelta);
      return (
        qb
          .where(col('merchantId'), p.merchantId)
          // new balance ≥ 0, new frozen ≥ 0, new balance ≥ new frozen — all against the row as committed now
          .whereRaw(`?? + ? >= 0`, [balance, bd])
          .whereRaw(`?? + ? >= 0`, [frozen, fd])
          .whereRaw(`?? + ? >= ?? + ?`, [balance, bd, frozen, fd])
          .update({
            [balance]: qb.client.raw(`?? + ?`, [balance, bd]),
            [frozen]: qb.client.raw(`?? + ?`, [frozen, fd]),
            ...(p.balanceDelta !== 0n ? { [col('balanceAt')]: new Date() } : {}),
            [col('updatedAt')]: new Date(),
          })
      );
    });
    const after = stateOf(await accountRow(db, p.merchantId));
    if (Number(count) !== 1) throw new PostingRefused(after);
    await db.table(UID.ledger).bulkInsert([
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

  function merchantScope(scope: ActorScope): number {
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

  async function profileOf(db: DataAccess, merchantId: number) {
    const m = await db.table(UID.merchant).findOne({ where: { id: merchantId }, select: [...PROFILE_FIELDS, 'nameCn', 'registrationStatus'] });
    const profile = Object.fromEntries(PROFILE_FIELDS.map((f) => [f, (m?.[f] as string | null) || null])) as Record<(typeof PROFILE_FIELDS)[number], string | null>;
    const missing = PROFILE_FIELDS.filter((f) => !profile[f]);
    return { profile, missing, registrationStatus: m?.registrationStatus as string, nameCn: m?.nameCn as string };
  }

  return {
    post,
    profileOf,
    presentAccount,

    async account(scope: ActorScope): Promise<Row> {
      const merchantId = merchantScope(scope);
      const db = access(strapi, scope);
      const [row, info, settling] = await Promise.all([accountRow(db, merchantId), profileOf(db, merchantId), db.table(UID.settlement).count({ status: 'processing' })]);
      return { ...presentAccount(row), settling, profile: { ...info.profile, complete: info.missing.length === 0, missing: info.missing } };
    },

    /** The home page's balance card (the cms calls it for the signed-in merchant). */
    async homeSummary(scope: ActorScope): Promise<Row> {
      const merchantId = merchantScope(scope);
      return presentAccount(await accountRow(access(strapi, scope), merchantId));
    },

    async entries(scope: ActorScope, query: Row): Promise<ListResponse<Row>> {
      const list = parseListQuery(query, LEDGER_LIST);
      let db = access(strapi, scope);
      if (scope.kind === 'platform') {
        h().assertCan(scope, 'fx.view');
        // Staff read one merchant's ledger at a time: `filters[merchant][$eq]=<documentId>`.
        const merchant = await db.table(UID.merchant).get({ documentId: String(list.filters.merchant?.[0]?.value ?? '') }, { select: ['id'] });
        db = db.within(merchant.id);
      } else merchantScope(scope);
      const ledger = db.table(UID.ledger);
      const [rows, total] = await Promise.all([ledger.findMany({ where: list.where, orderBy: list.orderBy, offset: list.offset, limit: list.limit }), ledger.count(list.where)]);
      const settlements = await db
        .table(UID.settlement)
        .findMany({ where: { id: { $in: [...new Set(rows.map((r) => r.settlementId).filter(Boolean))] } }, select: ['id', 'documentId'] });
      const docOf = new Map(settlements.map((s) => [s.id, s.documentId]));
      return listResponse(
        rows.map((r) => {
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
        list,
        total,
      );
    },

    /** Staff: every merchant with its account (merchants without one show zeros). */
    async accounts(scope: ActorScope, query: Row): Promise<ListResponse<Row>> {
      h().assertCan(scope, 'fx.view');
      const list = parseListQuery(query, ACCOUNT_LIST);
      const db = access(strapi, scope);
      const [merchants, total] = await Promise.all([
        db
          .table(UID.merchant)
          .findMany({ where: list.where, select: ['id', 'documentId', 'nameCn', 'fxSubAccount'], orderBy: list.orderBy, offset: list.offset, limit: list.limit }),
        db.table(UID.merchant).count(list.where),
      ]);
      const ids = merchants.map((m) => m.id as number);
      const [accounts, processing] = await Promise.all([
        ids.length ? db.table(UID.account).findMany({ where: { merchantId: { $in: ids } } }) : Promise.resolve([] as Row[]),
        ids.length
          ? db.table(UID.settlement).findMany({ where: { status: 'processing', merchant: { id: { $in: ids } } }, select: ['id'], populate: { merchant: { select: ['id'] } } })
          : Promise.resolve([] as Row[]),
      ]);
      return listResponse(
        merchants.map((m) => ({
          merchant: { documentId: m.documentId, nameCn: m.nameCn },
          fxSubAccount: m.fxSubAccount ?? null,
          ...presentAccount(accounts.find((a) => a.merchantId === m.id) ?? null),
          settling: processing.filter((s) => s.merchant?.id === m.id).length,
        })),
        list,
        total,
      );
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
      const db = access(strapi, scope);
      const merchants = await db
        .table(UID.merchant)
        .findMany({ where: { fxSubAccount: { $in: sheet.rows.map((r) => r.subAccount) } }, select: ['id', 'documentId', 'nameCn', 'fxSubAccount'] });
      const bySubAccount = new Map(merchants.map((m) => [String(m.fxSubAccount), m]));
      for (const r of sheet.rows) {
        // Sub-accounts are unique per merchant (services/merchant-fields.ts); should two ever share one, refuse to guess.
        if (merchants.filter((m) => String(m.fxSubAccount) === r.subAccount).length > 1) {
          errors.push({ row: r.row, column: '外汇子账号', code: 'SUB_ACCOUNT_AMBIGUOUS', message: '有多个商户登记了这个外汇子账号，请先在商户资料中更正', value: r.subAccount });
          continue;
        }
        if (!bySubAccount.has(r.subAccount) && !errors.some((e) => e.row === r.row && e.column === '外汇子账号')) {
          errors.push({
            row: r.row,
            column: '外汇子账号',
            code: 'SUB_ACCOUNT_UNKNOWN',
            message: '没有商户登记这个外汇子账号（请核对，或先在商户资料中填写）',
            value: r.subAccount,
          });
        }
      }

      const actorName = scope.name || scope.phone || null;
      const rejectRows = (list: CellError[]) => fail('BALANCE_UPLOAD_INVALID', 422, { errors: list.sort((a, b) => a.row - b.row), badRows: new Set(list.map((e) => e.row)).size });
      const apply = async () => {
        const results: Row[] = [];
        const belowFrozen: CellError[] = [];
        const upload = await db.table(UID.balanceUpload).create({ fileName: file.name.slice(0, 255), total: sheet.rows.length, uploadedBy: actorName });
        for (const r of sheet.rows) {
          const merchant = bySubAccount.get(r.subAccount)!;
          const own = db.within(merchant.id);
          const current = stateOf(await accountRow(own, merchant.id));
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
            after = await post(own, {
              merchantId: merchant.id,
              type: 'balance_update',
              balanceDelta: delta,
              frozenDelta: 0n,
              uploadId: upload.id,
              actorName,
              note: `银行余额更新${r.date ? `（${r.date}）` : ''}：${fromMinor(current.balance)} → ${r.balance}`,
            });
          } catch (e) {
            if (!(e instanceof PostingRefused)) throw e;
            belowFrozen.push({
              row: r.row,
              column: '账户余额',
              code: 'BELOW_FROZEN',
              message: `新余额低于该商户结汇中金额 US$${fromMinor(e.account.frozen)}，请先处理其结汇申请`,
              value: r.balance,
            });
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
        await db.table(UID.balanceUpload).update({ id: upload.id }, { changed, unchanged: results.length - changed, rows: results });
        await h().audit(
          { module: 'fx', action: 'balances.upload', targetUid: UID.balanceUpload, targetId: upload.documentId, after: { fileName: file.name, total: results.length, changed } },
          scope,
        );
        return { id: upload.documentId, total: results.length, changed, unchanged: results.length - changed, rows: results };
      };
      if (errors.length) throw rejectRows(errors);
      const outcome = await h().transaction(apply);
      h().afterCommit();
      return outcome;
    },

    async uploads(scope: ActorScope, query: Row): Promise<ListResponse<Row>> {
      h().assertCan(scope, 'fx.view');
      const list = parseListQuery(query, UPLOAD_LIST);
      const uploads = access(strapi, scope).table(UID.balanceUpload);
      const [rows, total] = await Promise.all([
        uploads.findMany({
          where: list.where,
          orderBy: list.orderBy,
          offset: list.offset,
          limit: list.limit,
          select: ['documentId', 'fileName', 'total', 'changed', 'uploadedBy', 'createdAt'],
        }),
        uploads.count(list.where),
      ]);
      return listResponse(
        rows.map((r) => ({ id: r.documentId, fileName: r.fileName, total: r.total, changed: r.changed ?? 0, uploadedBy: r.uploadedBy ?? null, createdAt: r.createdAt })),
        list,
        total,
      );
    },
  };
}

export type Ledger = ReturnType<typeof createLedger>;
