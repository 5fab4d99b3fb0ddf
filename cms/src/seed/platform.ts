import type { Core } from '@strapi/strapi';

/** Built-in platform roles; admins add more as data (G2, A4). */
export const PLATFORM_ROLES = [
  { code: 'super_admin', name: '超级管理员', description: '拥有系统的全部管理权限', permissions: ['*'] },
  {
    code: 'operator',
    name: '运营专员',
    description: '查看商户与资料、处理业务单据、查看操作日志',
    permissions: [
      'platform.access',
      'merchants.read',
      'files.read',
      'audit.read',
      'message.write',
      'applications.review',
      'outbox.retry',
      'customs.view',
      'customs.config',
      'customs.hints',
      'fx.view',
      'fx.rates',
      'fx.balances',
      'fx.settle',
      'taxrefund.process',
      'taxrefund.rates',
    ],
  },
];

export async function ensurePlatformRoles(strapi: Core.Strapi): Promise<void> {
  const q = strapi.db.query('api::staff-role.staff-role');
  for (const role of PLATFORM_ROLES) {
    const existing = await q.findOne({ where: { code: role.code } });
    if (!existing) {
      await strapi.documents('api::staff-role.staff-role').create({ data: role });
    }
  }
}
