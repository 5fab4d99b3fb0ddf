/**
 * The permission catalogue. Every authorisation decision goes through `can(scope, action)`;
 * roles only decide which actions a scope holds. Platform staff roles are data (api::staff-role)
 * whose `permissions` add up; the seeded super admin role holds '*'.
 */
export type MerchantRole = 'admin' | 'member';

/** What a merchant administrator may do inside their own merchant (全部操作权限). */
export const merchantAdminPermissions = [
  'merchant.read',
  'merchant.write',
  'members.read',
  'members.write',
  'files.read',
  'files.write',
  'messages.read',
  'messages.mark',
  'data.read',
  'data.write',
] as const;

/** A merchant member only looks (仅查看); marking their own messages read is not a business edit. */
export const merchantMemberPermissions = ['merchant.read', 'members.read', 'files.read', 'messages.read', 'messages.mark', 'data.read'] as const;

/** Actions platform staff roles can be granted (shown when admins build roles later). */
export const platformPermissionCatalogue: Record<string, string> = {
  'platform.access': '登录管理后台',
  'merchants.read': '查看商户',
  'merchants.write': '编辑商户',
  'files.read': '下载商户资料',
  'audit.read': '查看操作日志',
  'audit.export': '导出操作日志',
  'carrier.write': '维护物流服务商',
  'product.write': '维护商品',
  'message.write': '发送消息',
  'staff-role.write': '维护平台角色',
  'applications.review': '审核业务申请（通过、退回补正、驳回）',
  'applications.edit': '修正申请资料（含已核准的工商信息）',
  'outbox.retry': '重试失败的推送',
  'customs.view': '查看报关看板',
  'customs.config': '维护点点通接口配置',
  'customs.hints': '维护水晶行业提示',
  'fx.view': '查看收结汇（子账户、结汇申请）',
  'fx.rates': '录入与抓取汇率',
  'fx.balances': '上传子账户余额',
  'fx.settle': '办理结汇（完成、驳回）',
  'taxrefund.process': '办理出口退税（下载申请包、上传回执）',
  'taxrefund.rates': '维护出口退税率表',
};

export function permissionsForMerchantRole(role: MerchantRole | null): string[] {
  if (role === 'admin') return [...merchantAdminPermissions];
  if (role === 'member') return [...merchantMemberPermissions];
  return [];
}
