import type { Core } from '@strapi/strapi';
import { demoFile, seedApplication } from './applications';

/**
 * Demo data for 出口退税: two refunds of 晶华 — one with the tax authority (审核), one paid out (到账) with
 * the return message that said so — written as rows with their timelines, like the other demo applications,
 * so seeding pushes no WeChat messages.
 */
const WAITING = { declared: true, reviewing: true, treasury: true };
const DAY = 86_400_000;

export async function seedTaxRefunds(strapi: Core.Strapi, merchantIds: Record<string, number>): Promise<void> {
  if (!strapi.plugin('taxrefund')) return;
  const jinghua = { id: merchantIds.jinghua, actorName: '王建华' };
  const files = async (month: string) => ({
    tax_declaration: await demoFile(strapi, jinghua.id, 'tax_declaration', `出口报关单-${month}.pdf`, `Export declaration ${month} (demo)`),
    tax_purchase_invoice: await demoFile(strapi, jinghua.id, 'tax_purchase_invoice', `进项增值税专用发票-${month}.pdf`, `VAT special invoice ${month} (demo)`),
    tax_sales_invoice: await demoFile(strapi, jinghua.id, 'tax_sales_invoice', `出口销售发票-${month}.pdf`, `Export sales invoice ${month} (demo)`),
  });
  await seedApplication(strapi, jinghua, {
    kind: 'tax-refund',
    prefix: 'TR',
    waitingOn: WAITING,
    data: {
      enterpriseType: 'trading',
      orderAmount: '86500.00',
      purchaseAmount: '72000.00',
      hsCode: '7116200000',
      exportDate: '2026-11-10',
      invoiceNo: '32002541300087451',
      note: '11 月上旬 TikTok 美国站紫水晶手串、黄水晶摆件出口',
      files: await files('2026-11'),
    },
    steps: [
      { to: 'draft', daysAgo: 6, actor: 'merchant' },
      { to: 'declared', daysAgo: 5, actor: 'merchant' },
      { to: 'reviewing', daysAgo: 3, actor: 'platform', note: '已报送东海县税务局' },
    ],
  });
  const paid = await seedApplication(strapi, jinghua, {
    kind: 'tax-refund',
    prefix: 'TR',
    waitingOn: WAITING,
    data: {
      enterpriseType: 'trading',
      orderAmount: '42800.00',
      purchaseAmount: '36000.00',
      hsCode: '7103992000',
      exportDate: '2026-09-28',
      invoiceNo: '32002541300061208',
      note: '9 月 Amazon 欧洲站白水晶球出口',
      files: await files('2026-09'),
    },
    steps: [
      { to: 'draft', daysAgo: 45, actor: 'merchant' },
      { to: 'declared', daysAgo: 44, actor: 'merchant' },
      { to: 'reviewing', daysAgo: 42, actor: 'platform', note: '已报送东海县税务局' },
      { to: 'treasury', daysAgo: 33, actor: 'platform', note: '税务回执：审核通过' },
      { to: 'paid', daysAgo: 28, actor: 'platform', note: '退税金额 ¥4680.00' },
    ],
  });
  const date = new Date(Date.now() - 28 * DAY + 8 * 3600_000).toISOString().slice(0, 10);
  await strapi.db.query('plugin::taxrefund.return-record').create({
    data: { documentId: `jmttrdemo${'0'.repeat(14)}1`, merchantId: jinghua.id, applicationId: paid, date, status: 'paid', amount: '4680.00', message: '退税款已退至对公账户' },
  });
}
