import { factories } from '@strapi/strapi';
import { AppError } from '../../../core/errors';
import { actionLabel, moduleLabels } from '../../../core/audit';

const UID = 'api::audit-log.audit-log';
const EXPORT_LIMIT = 50_000;

/** Query params → Document Service filters: actor (phone or user id), module, from/to (ISO). */
// Filters of the Document Service are typed per content type; this builder is shared, hence `any`.
export function auditFilters(query: Record<string, unknown>): any {
  const and: Record<string, unknown>[] = [];
  const actor = typeof query.actor === 'string' ? query.actor.trim() : '';
  if (actor) and.push(/^\d{1,9}$/.test(actor) ? { $or: [{ actorId: Number(actor) }, { actorPhone: { $contains: actor } }] } : { actorPhone: { $contains: actor } });
  if (typeof query.module === 'string' && query.module) and.push({ module: query.module });
  for (const [key, op] of [['from', '$gte'], ['to', '$lte']] as const) {
    const raw = query[key];
    if (typeof raw === 'string' && raw) {
      const date = new Date(raw);
      if (Number.isNaN(date.getTime())) throw new AppError('VALIDATION_FAILED', 400, { field: key });
      and.push({ createdAt: { [op]: date.toISOString() } });
    }
  }
  return and.length ? { $and: and } : {};
}

const csvCell = (value: unknown): string => {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Spreadsheet formula injection: a leading = + - @ must not be evaluated by Excel.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
};

type AuditRow = Record<string, any>;

const present = (row: AuditRow) => ({
  id: row.id,
  createdAt: row.createdAt,
  actorId: row.actorId,
  actorPhone: row.actorPhone,
  actorName: row.actorName,
  impersonatorId: row.impersonatorId,
  merchantId: row.merchantId,
  module: row.module,
  moduleLabel: moduleLabels[row.module] ?? row.module,
  action: row.action,
  actionLabel: actionLabel(row.action),
  targetUid: row.targetUid,
  targetId: row.targetId,
  before: row.before,
  after: row.after,
  ip: row.ip,
  userAgent: row.userAgent,
  method: row.method,
  path: row.path,
});

export default factories.createCoreController(UID, ({ strapi }) => ({
  async find(ctx: any) {
    const page = Math.max(1, Number(ctx.query.page) || 1);
    const pageSize = Math.min(200, Math.max(1, Number(ctx.query.pageSize) || 20));
    const filters = auditFilters(ctx.query);
    const [rows, total] = await Promise.all([
      strapi.documents(UID).findMany({ filters, sort: [{ createdAt: 'desc' }, { id: 'desc' }] as any, start: (page - 1) * pageSize, limit: pageSize }),
      strapi.documents(UID).count({ filters }),
    ]);
    ctx.body = {
      data: (rows as AuditRow[]).map(present),
      meta: { pagination: { page, pageSize, pageCount: Math.ceil(total / pageSize), total } },
      modules: Object.entries(moduleLabels).map(([key, label]) => ({ key, label })),
    };
  },

  async export(ctx: any) {
    const filters = auditFilters(ctx.query);
    const rows = (await strapi.documents(UID).findMany({ filters, sort: [{ createdAt: 'desc' }, { id: 'desc' }] as any, limit: EXPORT_LIMIT })) as AuditRow[];
    const header = ['时间', '账号', '姓名', '模块', '操作', '操作代码', '对象', '对象ID', '操作前', '操作后', 'IP', '浏览器/设备', '代操作管理员ID'];
    const lines = [header.map(csvCell).join(',')];
    for (const row of rows.map(present)) {
      lines.push(
        [row.createdAt, row.actorPhone, row.actorName, row.moduleLabel, row.actionLabel, row.action, row.targetUid, row.targetId, row.before, row.after, row.ip, row.userAgent, row.impersonatorId]
          .map(csvCell)
          .join(','),
      );
    }
    const stamp = new Date().toISOString().slice(0, 10);
    ctx.set('Content-Type', 'text/csv; charset=utf-8');
    ctx.set('Content-Disposition', `attachment; filename="audit-log-${stamp}.csv"; filename*=UTF-8''${encodeURIComponent(`操作日志-${stamp}.csv`)}`);
    // The BOM makes Excel open UTF-8 Chinese text correctly; CRLF is what Excel writes itself.
    ctx.body = `\uFEFF${lines.join('\r\n')}\r\n`;
  },
}));
