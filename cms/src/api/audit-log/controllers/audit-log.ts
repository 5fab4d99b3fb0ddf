import type { Context } from 'koa';
import { factories, type Data, type Modules } from '@strapi/strapi';
import { listResponse, ListQueryError, parseListQuery, type ListQuery, type ListSpec } from '@jmt/plugin-kit';
import { actionLabel, moduleLabels } from '../../../core/audit';

const UID = 'api::audit-log.audit-log';
const EXPORT_LIMIT = 50_000;

/**
 * Strapi's list format (plugin-kit's list helper), newest first:
 * - `filters[actor][$containsi]`: part of the account's phone, or (up to 9 digits) the user id;
 * - `filters[actorId][$eq]`, `filters[module][$eq|$in]`, `filters[action][$eq|$in]`;
 * - `filters[createdAt][$gte|$lte|$between]`: ISO 8601 instants;
 * - `sort=createdAt:asc|desc`, `pagination[page]`, `pagination[pageSize]` (at most 100).
 * The export takes the same filters (and sort) and no pagination.
 */
export const AUDIT_LIST: ListSpec = {
  filters: {
    actor: { ops: ['$containsi'], custom: true },
    actorId: { ops: ['$eq'], type: 'number' },
    module: { ops: ['$eq', '$in'] },
    action: { ops: ['$eq', '$in'] },
    createdAt: { ops: ['$gte', '$lte', '$between'], custom: true },
  },
  sort: ['createdAt'],
  defaultSort: [{ createdAt: 'desc' }],
  maxPageSize: 100,
};

const iso = (value: unknown): string => {
  const date = typeof value === 'string' && value ? new Date(value) : new Date(NaN);
  if (Number.isNaN(date.getTime())) throw new ListQueryError([{ field: 'filters.createdAt', message: '时间格式不正确，应为 ISO 8601（如 2025-03-01T00:00:00.000Z）' }]);
  return date.toISOString();
};

type AuditFilters = Modules.Documents.Params.Filters.Any<typeof UID>;

/** The list query → Document Service filters: the plain fields as parsed, plus the actor search and the time range. */
export function auditQuery(query: Record<string, unknown> | undefined): { list: ListQuery; filters: AuditFilters } {
  const list = parseListQuery(query, AUDIT_LIST);
  const and: Record<string, unknown>[] = Object.keys(list.where).length ? [list.where] : [];
  for (const { value } of list.filters.actor ?? []) {
    const actor = String(value).trim();
    if (!actor) continue;
    and.push(/^\d{1,9}$/.test(actor) ? { $or: [{ actorId: Number(actor) }, { actorPhone: { $contains: actor } }] } : { actorPhone: { $contains: actor } });
  }
  for (const { op, value } of list.filters.createdAt ?? []) {
    and.push({ createdAt: op === '$between' ? { $between: (value as unknown[]).map(iso) } : { [op]: iso(value) } });
  }
  // The list helper builds plain where clauses from the spec above, whose fields are the schema's.
  return { list, filters: (and.length ? { $and: and } : {}) as AuditFilters };
}

const csvCell = (value: unknown): string => {
  let text = value === null || value === undefined ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value);
  // Spreadsheet formula injection: a leading = + - @ must not be evaluated by Excel.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return `"${text.replace(/"/g, '""')}"`;
};

type AuditRow = Data.ContentType<typeof UID>;

// module and action are required attributes: a stored row has both.
const present = (row: AuditRow) => ({
  id: row.id,
  createdAt: row.createdAt,
  actorId: row.actorId,
  actorPhone: row.actorPhone,
  actorName: row.actorName,
  impersonatorId: row.impersonatorId,
  merchantId: row.merchantId,
  module: row.module,
  moduleLabel: moduleLabels[row.module as string] ?? row.module,
  action: row.action,
  actionLabel: actionLabel(row.action as string),
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
  async find(ctx: Context) {
    const { list, filters } = auditQuery(ctx.query);
    const [rows, total] = await Promise.all([
      strapi.documents(UID).findMany({ filters, sort: list.orderBy, start: list.offset, limit: list.limit }),
      strapi.documents(UID).count({ filters }),
    ]);
    // meta.modules: the module names for the screen's module filter (also when a filtered page is empty).
    ctx.body = listResponse(rows.map(present), list, total, { modules: Object.entries(moduleLabels).map(([key, label]) => ({ key, label })) });
  },

  async export(ctx: Context) {
    const { list, filters } = auditQuery(ctx.query);
    const rows = await strapi.documents(UID).findMany({ filters, sort: list.orderBy, limit: EXPORT_LIMIT });
    const header = ['时间', '账号', '姓名', '模块', '操作', '操作代码', '对象', '对象ID', '操作前', '操作后', 'IP', '浏览器/设备', '代操作管理员ID'];
    const lines = [header.map(csvCell).join(',')];
    for (const row of rows.map(present)) {
      lines.push(
        [
          row.createdAt,
          row.actorPhone,
          row.actorName,
          row.moduleLabel,
          row.actionLabel,
          row.action,
          row.targetUid,
          row.targetId,
          row.before,
          row.after,
          row.ip,
          row.userAgent,
          row.impersonatorId,
        ]
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
