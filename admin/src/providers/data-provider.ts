/**
 * Data providers of the console:
 * - `default`: Strapi 5 REST (merchants and every other content type) — @jmt/strapi-provider;
 * - `audit`: the operation log (read-only; its search form's actor / module / time range become `filters[…]`, and
 *   `meta.modules` names the modules);
 * - `workflow`: applications (with the queue's pseudo statuses resolved) and outbox jobs (with `meta.counts`);
 * - `customs`: the 出口报关 tracking board (its message counts beside the rows) and a batch's orders / inventories;
 * - `fx`: 收结汇 settlements (the 全部 tab), sub-accounts and balance uploads;
 * - `taxRefund`: 出口退税 refunds (the queue's tabs), return-upload history and the rate table.
 * The plugin lists speak Strapi's list format too (`@jmt/strapi-provider` → list-query); these providers keep what is the console's own.
 */
import { readList, strapiDataProvider } from "@jmt/strapi-provider";
import type { DataProvider, DataProviders } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { API_URL } from "../config";
import { buildAuditLogQuery, filtersToAuditParams } from "../lib/audit-log-query";
import { createCustomsApi, createCustomsDataProvider } from "./customs";
import { createFxApi, createFxDataProvider } from "./fx";
import { http } from "./http";
import { createTaxRefundApi, createTaxRefundDataProvider } from "./tax-refund";
import { createWorkflowApi, createWorkflowDataProvider } from "./workflow";

/** The workflow endpoints (applications, outbox jobs): typed client shared by pages and the "workflow" provider. */
export const workflowApi = createWorkflowApi(http);

/** The customs endpoints (board, batches, records, 点点通 configs, hints): typed client shared by pages and the "customs" provider. */
export const customsApi = createCustomsApi(http);

/** The 收结汇 endpoints (settlements, sub-accounts, balance uploads, rates): typed client shared by pages and the "fx" provider. */
export const fxApi = createFxApi(http);

/** The 出口退税 endpoints (refunds, package, return messages, rate table, estimate): typed client shared by pages and the "taxRefund" provider. */
export const taxRefundApi = createTaxRefundApi(http);

export interface AuditLogRecord {
  id: number | string;
  createdAt: string;
  actorPhone?: string | null;
  actorName?: string | null;
  module: string;
  moduleLabel?: string | null;
  action: string;
  /** Chinese label from the cms, e.g. 修改、短信验证码登录 */
  actionLabel?: string | null;
  targetUid?: string | null;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
  userAgent?: string | null;
  /** Set when a platform admin acted while switched to a merchant user (G6). Not in the contract: shown if present. */
  impersonatorId?: number | null;
  method?: string | null;
  path?: string | null;
}

export interface AuditModuleOption {
  key: string;
  label: string;
}

const readOnly = (what: string) => () => Promise.reject({ message: `操作日志只读，不支持${what}`, statusCode: 405 });

export const createAuditLogDataProvider = (httpClient: AxiosInstance, apiUrl: string = API_URL): DataProvider => ({
  getApiUrl: () => apiUrl,
  async getList({ pagination, filters }) {
    const page = pagination?.currentPage ?? 1;
    const pageSize = pagination?.pageSize ?? 20;
    const search = buildAuditLogQuery({ ...filtersToAuditParams(filters), page, pageSize });
    const { data: body } = await httpClient.get<unknown>(`${apiUrl}/audit-logs?${search}`);
    const list = readList<AuditLogRecord, { modules: AuditModuleOption[] }>(body);
    return {
      data: list.data as never[],
      total: list.meta.pagination.total,
      modules: list.meta.modules ?? [],
    };
  },
  getOne: readOnly("查看单条"),
  create: readOnly("新增"),
  update: readOnly("修改"),
  deleteOne: readOnly("删除"),
});

export const dataProviders: DataProviders = {
  default: strapiDataProvider({ apiUrl: API_URL, httpClient: http }),
  audit: createAuditLogDataProvider(http),
  workflow: createWorkflowDataProvider(workflowApi),
  customs: createCustomsDataProvider(customsApi),
  fx: createFxDataProvider(fxApi),
  taxRefund: createTaxRefundDataProvider(taxRefundApi),
};
