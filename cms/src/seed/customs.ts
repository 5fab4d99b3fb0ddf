import type { Core } from '@strapi/strapi';

/**
 * Demo data for 出口报关: 晶华's 点点通 interface config (verified) and a batch of TikTok orders imported
 * and waiting to be declared — one click on 申报 and the local 点点通 simulator moves them along.
 * 晶莹 has no config yet, so staff can show how one is created and checked.
 */
const CONFIG = {
  dxpId: 'DXPENT0000458712',
  ebcCode: '3207960A2B',
  ebcName: '东海县晶华水晶饰品有限公司',
  ebpCode: '3207960TKT',
  ebpName: 'TikTok Shop 跨境电商平台',
  agentCode: '3207980AGT',
  agentName: '连云港晶贸通供应链管理有限公司',
  customsCode: '2305',
  portCode: '2305',
  appKey: 'jh-demo-appkey',
};

const line = (itemNo: string, itemName: string, itemDescribe: string, hsCode: string, unit: string, qty: string, price: string, totalPrice: string) => ({
  itemNo,
  itemName,
  itemDescribe,
  hsCode,
  barCode: '',
  unit,
  currency: '502',
  qty,
  price,
  totalPrice,
  note: '',
});

const ORDERS = [
  { orderNo: 'TT20261120001', lines: [line('AM-BR-8MM', '紫水晶手串', '天然紫水晶 8mm 圆珠手串', '7116200000', '011', '2', '12.50', '25.00')] },
  {
    orderNo: 'TT20261120002',
    lines: [
      line('CQ-BALL-60', '白水晶球', '天然白水晶球 直径 60mm（易碎）', '7103992000', '011', '1', '38.00', '38.00'),
      line('RQ-PD-20', '粉晶吊坠', '天然粉水晶心形吊坠 20mm', '7116200000', '011', '3', '6.80', '20.40'),
    ],
  },
  { orderNo: 'TT20261120003', lines: [line('CT-NK-6MM', '黄水晶项链', '天然黄水晶 6mm 项链 45cm', '7116200000', '011', '1', '21.90', '21.90')] },
  { orderNo: 'TT20261120004', lines: [line('CT-ORN-L', '黄水晶摆件', '天然黄水晶聚宝盆摆件 约 1.2kg（易碎）', '7116200000', '011', '1', '56.00', '56.00')] },
  { orderNo: 'TT20261120005', lines: [line('AM-BR-10MM', '紫水晶手串', '天然紫水晶 10mm 圆珠手串', '7116200000', '011', '4', '15.00', '60.00')] },
];

function sumTotals(lines: { totalPrice: string }[]): string {
  const cents = lines.reduce((acc, l) => acc + BigInt(l.totalPrice.replace('.', '')), 0n);
  return `${cents / 100n}.${String(cents % 100n).padStart(2, '0')}`;
}

export async function seedCustoms(strapi: Core.Strapi, merchantIds: Record<string, number>): Promise<void> {
  if (!strapi.plugin('customs')) return;
  await strapi.documents('plugin::customs.ddt-config').create({
    data: { ...CONFIG, merchant: merchantIds.jinghua, status: 'valid', verifiedAt: new Date(), verifyErrors: [], editedBy: '平台运营 陈静' },
  });
  const batch = (await strapi.documents('plugin::customs.batch').create({
    data: {
      merchant: merchantIds.jinghua,
      number: 'PC20261120000001',
      name: '11月 TikTok 美国站 第3批',
      tradeMode: '9610',
      statisticsFlag: 'B',
      logisticsCode: '3207980YT1',
      logisticsName: '顺丰国际标快',
      country: '502',
      trafMode: '5',
      wrapType: '22',
      parcelWeight: '0.6',
      status: 'open',
      note: '水晶球、摆件为易碎品，已加厚包装',
    },
  })) as { id: number };
  for (const o of ORDERS) {
    await strapi.documents('plugin::customs.order').create({
      data: {
        merchantId: merchantIds.jinghua,
        batchId: batch.id,
        orderNo: o.orderNo,
        currency: '502',
        goodsValue: sumTotals(o.lines),
        freight: '0',
        orderDate: '2026-11-20',
        lines: o.lines,
        status: 'draft',
      },
    });
  }
}
