/** Every route of the API, for the OpenAPI document and the route-matrix tests. */
import { applicationRoutes } from './applications';
import { cmsRoutes } from './cms';
import { customsRoutes } from './customs';
import { fxRoutes } from './fx';
import { invitationRoutes } from './invitations';
import type { RouteContract } from './route';
import { systemRoutes } from './system';
import { taxRefundRoutes } from './taxrefund';

export const allRoutes: RouteContract[] = [...systemRoutes, ...cmsRoutes, ...invitationRoutes, ...applicationRoutes, ...customsRoutes, ...fxRoutes, ...taxRefundRoutes];

/** One line per tag, for the document's tag list. */
export const TAG_DESCRIPTIONS: Record<string, string> = {
  系统: 'API 文档与路由清单',
  账号与商户: '短信 / 微信登录、当前用户、商户与成员、消息中心、资料文件、物流服务商、商品、平台角色、操作日志、推送任务',
  业务申请: '工商注册与跨境申报的各类申请：草稿、提交、审核流转、时间线、待办、模板下载',
  出口报关: '点点通接口配置、出口批次、电子订单导入、清单、总分单、汇总申请、撤销、回执',
  收结汇: '汇率、汇率预警、外汇子账户与明细、余额上传、结汇申请与办理',
  出口退税: '退税申请、退税率与测算、申请包下载、税务回执上传',
};
