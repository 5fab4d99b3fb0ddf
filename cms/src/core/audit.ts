import type { Core } from '@strapi/strapi';
import { currentScope, type Scope } from './scope';
import { isOwnUid } from './tenancy';

/**
 * The operation log (G7, principle 9): every write by a user, append-only.
 * Document writes are logged by a Document Service middleware with before/after; any other
 * mutating API request that wrote no row this way gets a request-level row from the
 * api-envelope middleware, so no route escapes.
 */
const AUDIT_UID = 'api::audit-log.audit-log';
const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
/** Internal bookkeeping that the login request itself is logged for. */
const NOT_AUDITED = new Set<string>([AUDIT_UID, 'api::sms-code.sms-code', 'api::phone-guard.phone-guard']);
const SECRET_KEYS = new Set(['password', 'resetPasswordToken', 'confirmationToken', 'storageKey', 'codeHash', 'openid']);

export const moduleLabels: Record<string, string> = {
  auth: '登录认证',
  me: '账号',
  merchant: '商户信息',
  membership: '商户成员',
  product: '商品',
  carrier: '物流服务商',
  message: '消息中心',
  'private-file': '资料文件',
  'staff-role': '平台角色',
  user: '用户账号',
  system: '系统',
  application: '业务申请',
  'application-event': '申请时间线',
  'outbox-job': '推送任务',
  customs: '出口报关',
  fx: '收结汇',
  'tax-refund': '出口退税',
};

const actionLabels: Record<string, string> = {
  create: '新增',
  update: '修改',
  delete: '删除',
  publish: '发布',
  unpublish: '取消发布',
  login_sms: '短信验证码登录',
  login_wechat: '微信授权登录',
  register_sms: '短信验证码注册',
  register_wechat: '微信授权注册',
  switch_merchant: '切换商户',
  sms_send: '发送验证码',
  transition: '状态流转',
  save_draft: '保存草稿',
  correct_data: '修正资料',
  'config.save': '保存点点通接口配置',
  'batch.create': '新建出口批次',
  'orders.import': '导入电子订单',
  'orders.declare': '申报电子订单',
  'inventories.declare': '申报出口清单',
  'waybill.declare': '申报清单总分单',
  'summary.declare': '申报汇总申请单',
  'cancellation.create': '新建撤销申请单',
  'cancellation.declare': '申报撤销申请单',
  'cancellation.withdraw': '不再撤销',
  'hint.save': '修改行业提示',
  'rate.manual': '录入汇率',
  'rates.fetch': '抓取汇率',
  'alert.create': '新建汇率预警',
  'alert.update': '修改汇率预警',
  'alert.delete': '删除汇率预警',
  'balances.upload': '上传子账户余额',
  'settlement.create': '提交结汇申请',
  'settlement.complete': '完成结汇',
  'settlement.reject': '驳回结汇申请',
  'rate.create': '新增退税率',
  'rate.update': '修改退税率',
  'rate.delete': '删除退税率',
  'package.download': '下载退税申请包',
  'returns.upload': '上传退税回执',
};

/** A Chinese label for an action; request-level rows ("POST /api/…") fall back to the HTTP verb. */
export function actionLabel(action: string): string {
  if (actionLabels[action]) return actionLabels[action];
  const verb = action.split(' ')[0];
  return { POST: '提交', PUT: '修改', PATCH: '修改', DELETE: '删除' }[verb] ?? action;
}

/** What the log reads and counts in ctx.state (api-envelope sets auditRows to 0 for each /api request). */
interface AuditState {
  impersonatorId?: number | null;
  auditRows?: number;
}

interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
  method: string | null;
  path: string | null;
  state: AuditState;
}

function requestInfo(strapi: Core.Strapi): RequestInfo | null {
  const ctx = strapi.requestContext.get();
  if (!ctx) return null;
  return {
    ip: ctx.request?.ip ?? null,
    userAgent: (ctx.request?.header?.['user-agent'] as string) ?? null,
    method: ctx.request?.method ?? null,
    path: ctx.request?.path ?? null,
    state: ctx.state,
  };
}

function redact(value: unknown): unknown {
  if (value === null || value === undefined) return null;
  if (Array.isArray(value)) return value.map(redact);
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (!SECRET_KEYS.has(key)) out[key] = redact(v);
    }
    return out;
  }
  return value;
}

export interface AuditEntry {
  module: string;
  action: string;
  targetUid?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  actor?: { id: number | null; phone: string | null; name: string | null; merchantId?: number | null } | null;
  status?: number | null;
}

/** Append one row; request details (IP, user agent, route, actor) come from the current request. */
export async function writeAudit(strapi: Core.Strapi, entry: AuditEntry, scope?: Scope | null): Promise<void> {
  const req = requestInfo(strapi);
  const actor = entry.actor ?? (scope ? { id: scope.userId, phone: scope.phone, name: scope.name, merchantId: scope.merchantId } : null);
  await strapi.db.query(AUDIT_UID).create({
    data: {
      actorId: actor?.id ?? null,
      actorPhone: actor?.phone ?? null,
      actorName: actor?.name ?? null,
      merchantId: actor?.merchantId ?? null,
      impersonatorId: req?.state?.impersonatorId ?? null,
      module: entry.module,
      action: entry.action,
      targetUid: entry.targetUid ?? null,
      targetId: entry.targetId ?? null,
      before: redact(entry.before),
      after: redact(entry.after),
      ip: req?.ip ?? null,
      userAgent: req?.userAgent ? req.userAgent.slice(0, 1000) : null,
      method: req?.method ?? null,
      path: req?.path ?? null,
      status: entry.status ?? null,
    },
  });
  if (req) req.state.auditRows = (req.state.auditRows ?? 0) + 1;
}

export const moduleOfUid = (uid: string): string => uid.split('.').pop() as string;

export function registerAudit(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const { uid, action } = context;
    const params = context.params as { documentId?: string };
    if (!WRITE_ACTIONS.has(action) || NOT_AUDITED.has(uid) || !isOwnUid(strapi, uid)) return next();
    const scope = await currentScope(strapi);
    // Writes outside a user's request (seeding, workers) are not a user's operation.
    if (!scope || scope.kind === 'anonymous') return next();
    const before = params.documentId ? await strapi.db.query(uid).findOne({ where: { documentId: params.documentId } }) : null;
    const result = await next();
    // The written document, or (publish, unpublish, …) `{ entries: [document, …] }`.
    const written = result as { documentId?: string; entries?: { documentId?: string }[] } | null | undefined;
    const after = action === 'delete' ? null : (written?.entries?.[0] ?? written ?? null);
    await writeAudit(
      strapi,
      {
        module: moduleOfUid(uid),
        action,
        targetUid: uid,
        targetId: params.documentId ?? after?.documentId ?? null,
        before,
        after,
      },
      scope,
    );
    return result;
  });
}
