import type { Core, UID } from '@strapi/strapi';
import { system } from '@jmt/plugin-kit';
import type { Ledger } from '@jmt/plugin-fx';
import { demoFile } from './applications';

/**
 * Demo data for 收结汇: 晶华's USD sub-account, filled by a bank balance upload, with one settlement done
 * (US$2,700.00 at 7.0921) and one still being processed (US$3,000.00 frozen), so the account shows a
 * balance, an available amount and 结汇中金额 at once. Written through the ledger's posting (so the ledger
 * identity holds) but without notifications: seeding must not push WeChat messages to anybody.
 */
const DAY = 86_400_000;
const SETTLEMENT = 'plugin::fx.settlement' satisfies UID.ContentType;
const EVENT = 'plugin::fx.settlement-event' satisfies UID.ContentType;
const LEDGER = 'plugin::fx.ledger-entry' satisfies UID.ContentType;
const STAFF = '财务 周敏';

export const FX_PROFILES: Record<string, Record<string, string>> = {
  jinghua: { fxSubAccount: '32050161623600004587', settlementCardNo: '6217001180023456789', settlementBankName: '中国建设银行东海县支行' },
  jingying: { fxSubAccount: '32050161623600007316', settlementCardNo: '6217001180098765432', settlementBankName: '中国建设银行东海县牛山支行' },
};

export async function seedFx(strapi: Core.Strapi, merchantIds: Record<string, number>): Promise<void> {
  if (!strapi.plugin('fx')) return;
  for (const [key, profile] of Object.entries(FX_PROFILES)) {
    await strapi.db.query('api::merchant.merchant').update({ where: { id: merchantIds[key] }, data: profile });
  }
  const ledger = strapi.plugin('fx').service('ledger') as Ledger;
  const merchantId = merchantIds.jinghua;
  const days = (n: number) => new Date(Date.now() - n * DAY);
  const evidence = [
    await demoFile(strapi, merchantId, 'fx_withdrawal', 'TikTok提现截图-1115.pdf', 'TikTok Shop payout 2026-11-15'),
    await demoFile(strapi, merchantId, 'fx_statement', 'PingPong收款流水-11月.pdf', 'Payment platform statement 2026-11'),
    await demoFile(strapi, merchantId, 'fx_logistics', '顺丰国际发货清单-11月.pdf', 'SF International shipping list 2026-11'),
  ];
  const profile = { ...FX_PROFILES.jinghua, legalPersonName: '王建华' };
  const db = system(strapi);

  await strapi.db.transaction(async () => {
    await ledger.post(db, { merchantId, type: 'balance_update', balanceDelta: 1_528_000n, frozenDelta: 0n, actorName: STAFF, note: '银行余额更新（2026-11-16）：0.00 → 15280.00' });
    const done = (await strapi.db.query(SETTLEMENT).create({
      data: {
        documentId: `jmtfxdemo${'0'.repeat(14)}1`,
        merchant: merchantId,
        number: 'FX-20261117-00001',
        status: 'completed',
        amountMinor: '270000',
        date: '2026-11-17',
        rate: '7.0950',
        note: '10 月 TikTok 美国站回款',
        evidence,
        profile,
        actualRate: '7.0921',
        cnyMinor: '1914867',
        remainingMinor: '1258000',
        completedAt: days(4),
      },
    })) as { id: number };
    await ledger.post(db, {
      merchantId,
      type: 'freeze',
      balanceDelta: 0n,
      frozenDelta: 270_000n,
      settlementId: done.id,
      actorName: '王建华',
      note: '结汇申请 FX-20261117-00001 冻结 US$2700.00',
    });
    await ledger.post(db, {
      merchantId,
      type: 'settlement',
      balanceDelta: -270_000n,
      frozenDelta: -270_000n,
      settlementId: done.id,
      actorName: STAFF,
      note: '结汇 FX-20261117-00001：US$2700.00 × 7.0921 = ¥19148.67',
    });
    const open = (await strapi.db.query(SETTLEMENT).create({
      data: {
        documentId: `jmtfxdemo${'0'.repeat(14)}2`,
        merchant: merchantId,
        number: 'FX-20261121-00002',
        status: 'processing',
        amountMinor: '300000',
        date: '2026-11-21',
        rate: '7.0258',
        note: '11 月上旬 Amazon 回款',
        evidence,
        profile,
      },
    })) as { id: number };
    await ledger.post(db, {
      merchantId,
      type: 'freeze',
      balanceDelta: 0n,
      frozenDelta: 300_000n,
      settlementId: open.id,
      actorName: '王建华',
      note: '结汇申请 FX-20261121-00002 冻结 US$3000.00',
    });
    const events = [
      { merchantId, settlementId: done.id, status: 'processing', actorName: '王建华', actorKind: 'merchant', createdAt: days(5) },
      { merchantId, settlementId: done.id, status: 'completed', note: '实际汇率 7.0921，到账 ¥19148.67', actorName: STAFF, actorKind: 'platform', createdAt: days(4) },
      { merchantId, settlementId: open.id, status: 'processing', actorName: '王建华', actorKind: 'merchant', createdAt: days(1) },
    ];
    for (const [i, e] of events.entries()) {
      const row = (await strapi.db.query(EVENT).create({ data: { documentId: `jmtfxdemoev${'0'.repeat(12)}${i}`, ...e } })) as { id: number };
      await strapi.db.query(EVENT).update({ where: { id: row.id }, data: { createdAt: e.createdAt } });
    }
    // Back-date the requests and the ledger to when these things happened (the rows were written just now).
    await strapi.db.query(SETTLEMENT).update({ where: { id: done.id }, data: { createdAt: days(5) } });
    await strapi.db.query(SETTLEMENT).update({ where: { id: open.id }, data: { createdAt: days(1) } });
    const ledgerRows = (await strapi.db.query(LEDGER).findMany({ where: { merchantId }, orderBy: [{ id: 'asc' }], select: ['id'] })) as { id: number }[];
    const when = [days(6), days(5), days(4), days(1)];
    for (const [i, row] of ledgerRows.entries()) await strapi.db.query(LEDGER).update({ where: { id: row.id }, data: { createdAt: when[i] ?? new Date() } });
    await strapi.db.query('plugin::fx.account').updateMany({ where: { merchantId }, data: { balanceAt: days(4) } });
  });
}
