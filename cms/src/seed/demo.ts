import type { Core, Modules, UID } from '@strapi/strapi';
import { isProduction } from '../core/secrets';
import { seedApplications } from './applications';
import { seedCustoms } from './customs';
import { seedFx } from './fx';
import { seedTaxRefunds } from './tax-refund';

/**
 * Demo data for `npm start` and the tests: two Donghai crystal merchants (one approved, one not),
 * their admins and members, a user in both merchants, platform staff, products, carriers, messages.
 * Runs only when SEED_DEMO=true, never in production, and only into an empty database.
 */
export const DEMO_PHONES = {
  superAdmin: '13800000000',
  operator: '13800000001',
  jinghuaAdmin: '13900000001',
  jinghuaMember: '13900000002',
  zijingAdmin: '13900000003',
  zijingMember: '13900000004',
  both: '13900000005',
  jingyingAdmin: '13900000006',
} as const;

const USER = 'plugin::users-permissions.user' satisfies UID.ContentType;

/** What the Document Service's create() takes for a content type (from cms/types/generated). */
type Input<T extends UID.ContentType> = Modules.Documents.Params.Data.Input<T>;

const MERCHANTS: ({ key: string } & Input<'api::merchant.merchant'>)[] = [
  {
    key: 'jinghua',
    nameCn: '东海县晶华水晶饰品有限公司',
    nameEn: 'Donghai Jinghua Crystal Jewelry Co., Ltd.',
    type: 'company',
    addressCn: '江苏省连云港市东海县牛山街道水晶城路 88 号',
    addressEn: 'No. 88 Crystal City Road, Niushan Subdistrict, Donghai County, Lianyungang, Jiangsu, China',
    legalPersonName: '王建华',
    contactName: '王建华',
    contactPhone: DEMO_PHONES.jinghuaAdmin,
    contactEmail: 'sales@jinghua-crystal.cn',
    salesChannels: ['TikTok Shop', 'Amazon'],
    registrationStatus: 'approved',
    creatorPhone: DEMO_PHONES.jinghuaAdmin,
  },
  {
    key: 'zijing',
    nameCn: '东海县紫晶坊水晶工艺品店',
    nameEn: 'Donghai Zijingfang Crystal Crafts',
    type: 'individual',
    addressCn: '江苏省连云港市东海县温泉镇中华水晶街 16 号',
    addressEn: 'No. 16 Zhonghua Crystal Street, Wenquan Town, Donghai County, Lianyungang, Jiangsu, China',
    legalPersonName: '李秀梅',
    contactName: '李秀梅',
    contactPhone: DEMO_PHONES.zijingAdmin,
    contactEmail: 'zijingfang@163.com',
    salesChannels: ['TikTok Shop', 'Facebook'],
    registrationStatus: 'not_started',
    creatorPhone: DEMO_PHONES.zijingAdmin,
  },
  {
    key: 'jingying',
    nameCn: '东海县晶莹水晶制品厂',
    nameEn: 'Donghai Jingying Crystal Products Factory',
    type: 'company',
    addressCn: '江苏省连云港市东海县经济开发区晶都大道 201 号',
    addressEn: 'No. 201 Jingdu Avenue, Economic Development Zone, Donghai County, Lianyungang, Jiangsu, China',
    legalPersonName: '王莹',
    contactName: '王莹',
    contactPhone: DEMO_PHONES.jingyingAdmin,
    contactEmail: 'jingying.crystal@qq.com',
    salesChannels: ['Amazon', 'AliExpress'],
    registrationStatus: 'not_started',
    creatorPhone: DEMO_PHONES.jingyingAdmin,
  },
];

const USERS = [
  { phone: DEMO_PHONES.superAdmin, realName: '周敏', staffRole: 'super_admin' },
  { phone: DEMO_PHONES.operator, realName: '陈晨', staffRole: 'operator' },
  { phone: DEMO_PHONES.jinghuaAdmin, realName: '王建华', memberships: [['jinghua', 'admin']] },
  { phone: DEMO_PHONES.jinghuaMember, realName: '刘洋', memberships: [['jinghua', 'member']] },
  { phone: DEMO_PHONES.zijingAdmin, realName: '李秀梅', memberships: [['zijing', 'admin']] },
  { phone: DEMO_PHONES.zijingMember, realName: '张磊', memberships: [['zijing', 'member']] },
  {
    phone: DEMO_PHONES.both,
    realName: '赵婷',
    memberships: [
      ['jinghua', 'member'],
      ['zijing', 'admin'],
    ],
  },
  { phone: DEMO_PHONES.jingyingAdmin, realName: '王莹', memberships: [['jingying', 'admin']] },
] as const;

const PRODUCTS: Record<string, Input<'api::product.product'>[]> = {
  jinghua: [
    {
      name: '紫水晶手串',
      nameEn: 'Amethyst Bead Bracelet 8mm',
      sku: 'JH-AM-0801',
      hsCode: '7116200000',
      category: '手串',
      material: '紫水晶',
      price: '12.80',
      currency: 'USD',
      unit: '串',
      netWeightKg: '0.025',
      tags: ['热销', '跨境直邮'],
      status: 'listed',
    },
    {
      name: '白水晶球',
      nameEn: 'Clear Quartz Sphere 60mm',
      sku: 'JH-CQ-S60',
      hsCode: '7116200000',
      category: '摆件',
      material: '白水晶',
      price: '36.50',
      currency: 'USD',
      unit: '个',
      netWeightKg: '0.300',
      tags: ['新品'],
      status: 'listed',
    },
    {
      name: '黄水晶摆件',
      nameEn: 'Citrine Cluster Ornament',
      sku: 'JH-CT-C01',
      hsCode: '7116200000',
      category: '摆件',
      material: '黄水晶',
      price: '58.00',
      currency: 'USD',
      unit: '件',
      netWeightKg: '0.850',
      tags: ['保税仓发货'],
      status: 'listed',
    },
    {
      name: '粉水晶手链',
      nameEn: 'Rose Quartz Bracelet 6mm',
      sku: 'JH-RQ-0601',
      hsCode: '7116200000',
      category: '手链',
      material: '粉水晶',
      price: '9.90',
      currency: 'USD',
      unit: '串',
      netWeightKg: '0.020',
      tags: ['热销'],
      status: 'listed',
    },
    {
      name: '紫水晶原石簇',
      nameEn: 'Raw Amethyst Cluster',
      sku: 'JH-AM-RAW',
      hsCode: '7103100000',
      category: '原石',
      material: '紫水晶',
      price: '45.00',
      currency: 'USD',
      unit: '千克',
      netWeightKg: '1.000',
      tags: [],
      status: 'draft',
    },
  ],
  zijing: [
    {
      name: '黑曜石貔貅手串',
      nameEn: 'Obsidian Pixiu Bracelet',
      sku: 'ZJ-OB-PX10',
      hsCode: '7116200000',
      category: '手串',
      material: '黑曜石',
      price: '15.60',
      currency: 'USD',
      unit: '串',
      netWeightKg: '0.030',
      tags: ['热销'],
      status: 'listed',
    },
    {
      name: '草莓晶手链',
      nameEn: 'Strawberry Quartz Bracelet',
      sku: 'ZJ-SQ-0701',
      hsCode: '7116200000',
      category: '手链',
      material: '草莓晶',
      price: '18.00',
      currency: 'USD',
      unit: '串',
      netWeightKg: '0.022',
      tags: ['新品'],
      status: 'listed',
    },
    {
      name: '白水晶柱',
      nameEn: 'Clear Quartz Point Tower',
      sku: 'ZJ-CQ-T12',
      hsCode: '7116200000',
      category: '摆件',
      material: '白水晶',
      price: '22.00',
      currency: 'USD',
      unit: '个',
      netWeightKg: '0.260',
      tags: [],
      status: 'draft',
    },
  ],
};

const CARRIERS: Input<'api::carrier.carrier'>[] = [
  { name: 'DHL 国际快递', code: 'DHL', customsCode: '3201980DHL', serviceType: 'express', regions: ['全球'], transitDays: '3-5', features: ['门到门', '全程追踪'], sort: 1 },
  { name: 'UPS 国际快递', code: 'UPS', customsCode: '3201980UPS', serviceType: 'express', regions: ['北美', '欧洲'], transitDays: '3-6', features: ['美国时效稳定'], sort: 2 },
  { name: 'FedEx 联邦快递', code: 'FEDEX', customsCode: '3201980FDX', serviceType: 'express', regions: ['全球'], transitDays: '3-6', features: ['大货优惠'], sort: 3 },
  {
    name: '日本专线',
    code: 'JP-LINE',
    customsCode: '3207980JPL',
    serviceType: 'dedicated_line',
    regions: ['日本'],
    transitDays: '4-7',
    features: ['包清关', '水晶饰品可走'],
    sort: 4,
  },
  { name: '澳洲专线', code: 'AU-LINE', customsCode: '3207980AUL', serviceType: 'dedicated_line', regions: ['澳大利亚'], transitDays: '6-10', features: ['包税'], sort: 5 },
  {
    name: '英国包税专线',
    code: 'UK-DDP',
    customsCode: '3207980UKD',
    serviceType: 'dedicated_line',
    regions: ['英国'],
    transitDays: '6-9',
    features: ['DDP 包税', 'VAT 代缴'],
    sort: 6,
  },
  {
    name: '顺丰国际标快',
    code: 'SF-INTL-EXP',
    customsCode: '3207980YT1',
    serviceType: 'express',
    regions: ['亚洲', '欧美'],
    transitDays: '3-5',
    features: ['易碎品包装'],
    sort: 7,
  },
  { name: '顺丰国际特惠', code: 'SF-INTL-ECO', customsCode: '3207980YT2', serviceType: 'express', regions: ['亚洲', '欧美'], transitDays: '5-8', features: ['性价比高'], sort: 8 },
  { name: '顺丰小包', code: 'SF-PACKET', customsCode: '3207980YT3', serviceType: 'postal', regions: ['全球'], transitDays: '7-15', features: ['2kg 以下小件'], sort: 9 },
];

const MESSAGES: Record<string, Input<'api::message.message'>[]> = {
  jinghua: [
    { category: 'business', module: 'registration', title: '工商注册已核准', body: '恭喜！贵司工商注册材料已核准通过，全部业务模块已开通。', link: '/registration' },
    { category: 'announcement', module: 'system', title: '晶贸通 2.0 上线啦', body: '全新首页、全局搜索、账号切换，一次填写处处复用。', link: '/' },
    { category: 'todo', module: 'customs', title: '请完善点点通接口配置', body: '完成配置后即可批量申报电子订单。', link: '/customs' },
  ],
  zijing: [
    { category: 'announcement', module: 'system', title: '欢迎使用晶贸通', body: '完成工商注册后即可开通跨境物流、出口报关、收结汇等全部服务。', link: '/' },
    { category: 'todo', module: 'registration', title: '请完成工商注册', body: '按向导填写个体工商户信息，约 10 分钟即可提交。', link: '/registration' },
  ],
};

export async function seedDemo(strapi: Core.Strapi): Promise<void> {
  if (isProduction()) throw new Error('[jmt] demo data is never seeded in production');
  const existing = await strapi.db.query('api::merchant.merchant').count({});
  if (existing > 0) return;
  strapi.log.info('[seed] seeding demo data');

  const role = (await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } })) as { id: number };
  const staffRoles = (await strapi.db.query('api::staff-role.staff-role').findMany({ select: ['id', 'code'] })) as { id: number; code: string }[];

  const merchantIds: Record<string, number> = {};
  for (const m of MERCHANTS) {
    const { key, ...data } = m;
    const created = (await strapi.documents('api::merchant.merchant').create({ data })) as { id: number };
    merchantIds[key] = created.id;
  }

  for (const u of USERS) {
    const staffRole = 'staffRole' in u ? staffRoles.find((r) => r.code === u.staffRole) : undefined;
    const user = (await strapi.documents(USER).create({
      data: {
        username: u.phone,
        phone: u.phone,
        realName: u.realName,
        provider: 'phone',
        confirmed: true,
        blocked: false,
        role: role.id,
        ...(staffRole ? { staffRoles: [staffRole.id] } : {}),
      },
    })) as { id: number };
    for (const [merchantKey, memberRole] of 'memberships' in u ? u.memberships : []) {
      await strapi.documents('api::membership.membership').create({ data: { role: memberRole, merchant: merchantIds[merchantKey], user: user.id } });
    }
  }

  for (const [key, products] of Object.entries(PRODUCTS)) {
    for (const product of products) {
      await strapi.documents('api::product.product').create({ data: { ...product, merchant: merchantIds[key] } });
    }
  }
  for (const carrier of CARRIERS) await strapi.documents('api::carrier.carrier').create({ data: { ...carrier, status: 'normal' } });
  for (const [key, messages] of Object.entries(MESSAGES)) {
    for (const message of messages) await strapi.documents('api::message.message').create({ data: { ...message, merchant: merchantIds[key] } });
  }

  await seedApplications(strapi, merchantIds);
  await seedCustoms(strapi, merchantIds);
  await seedFx(strapi, merchantIds);
  await seedTaxRefunds(strapi, merchantIds);
  await seedStrapiAdmin(strapi);
}

/** A Strapi admin-panel account for content editors (courses, products, carriers). */
async function seedStrapiAdmin(strapi: Core.Strapi): Promise<void> {
  const email = process.env.STRAPI_ADMIN_EMAIL || 'admin@jingmaotong.local';
  const password = process.env.STRAPI_ADMIN_PASSWORD || 'Jmt-dev-2026';
  const admins = await strapi.db.query('admin::user').count({});
  if (admins > 0) return;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  if (!superAdmin) return;
  await strapi.service('admin::user').create({ email, firstname: '内容', lastname: '编辑', password, isActive: true, roles: [superAdmin.id], registrationToken: null });
}
