/**
 * The workflow endpoints of the cms (deploy/openapi.json → 业务申请, 账号与商户). Both lists speak Strapi's list format:
 * applications (`filters[kind][$eq]`, `filters[status][$in]`, `filters[owner][$eq]`, `filters[stuckDays][$gte]`,
 * `pagination[…]`) and outbox jobs (`filters[status][$eq]`, `filters[channel][$eq]`, `pagination[…]` →
 * `meta.counts` per status). The queue's pseudo statuses (待平台处理, 全部) are not statuses, so they get their own
 * small typed client and a Refine data provider ("workflow") for the list pages.
 */
import type { Application, ApplicationDetail, KindInfo, OutboxJob, OutboxJobStatus, StaffTodo } from "@jmt/api-types";
import { buildListQuery, eq, readList } from "@jmt/strapi-provider";
import type { DataProvider } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { API_URL } from "../config";
import {
  ALL_STATUSES,
  buildApplicationQuery,
  filtersToApplicationParams,
  PLATFORM_PENDING,
  platformStatesOf,
  type ApplicationListParams,
} from "../lib/application-query";

interface ListBody<T> {
  data?: T[];
  meta?: { pagination?: { page?: number; pageSize?: number; pageCount?: number; total?: number } };
}

/** outbox-jobs `meta.counts`: jobs per status under the other filters (the channel), whatever status is listed. */
export type OutboxCounts = Record<OutboxJobStatus, number>;

export interface ListResult<T> {
  data: T[];
  total: number;
  /** outbox-jobs: how many jobs are failed (in the channel asked for, or all): `meta.counts.failed`. */
  failed?: number;
  /** outbox-jobs: `meta.counts`. */
  counts?: Partial<OutboxCounts>;
}

export interface OutboxListParams {
  status?: string;
  /** `wechat.template` (微信推送) or `ddt.ceb` (点点通报文); all channels when left out. */
  channel?: string;
  page?: number;
  pageSize?: number;
}

export interface WorkflowApi {
  kinds(): Promise<KindInfo[]>;
  todos(): Promise<StaffTodo[]>;
  list(params: ApplicationListParams): Promise<ListResult<Application>>;
  get(id: string): Promise<ApplicationDetail>;
  update(id: string, data: Record<string, unknown>): Promise<Application>;
  transition(id: string, to: string, note?: string): Promise<Application>;
  outboxJobs(params: OutboxListParams): Promise<ListResult<OutboxJob>>;
  retryOutboxJob(id: string | number): Promise<OutboxJob | undefined>;
  /** Where a private file is downloaded from (needs the bearer token). */
  fileUrl(documentId: string): string;
}

const toList = <T>(body: ListBody<T> | T[] | undefined): ListResult<T> => {
  if (Array.isArray(body)) return { data: body, total: body.length };
  const data = Array.isArray(body?.data) ? body.data : [];
  return { data, total: body?.meta?.pagination?.total ?? data.length };
};

export const createWorkflowApi = (http: AxiosInstance, apiUrl: string = API_URL): WorkflowApi => ({
  async kinds() {
    const { data: body } = await http.get<{ data?: KindInfo[] }>(`${apiUrl}/applications/kinds`);
    const kinds = Array.isArray(body?.data) ? body.data : [];
    return [...kinds].sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
  },
  async todos() {
    const { data: body } = await http.get<{ data?: StaffTodo[] }>(`${apiUrl}/applications/todos`);
    return Array.isArray(body?.data) ? body.data.filter((row) => typeof row?.count === "number") : [];
  },
  async list(params) {
    const { data: body } = await http.get<ListBody<Application>>(`${apiUrl}/applications?${buildApplicationQuery(params)}`);
    return toList(body);
  },
  async get(id) {
    const { data: body } = await http.get<{ data: ApplicationDetail }>(`${apiUrl}/applications/${encodeURIComponent(id)}`);
    const detail = body.data;
    return { ...detail, timeline: detail.timeline ?? [], allowedTransitions: detail.allowedTransitions ?? [] };
  },
  async update(id, data) {
    const { data: body } = await http.put<{ data: Application }>(`${apiUrl}/applications/${encodeURIComponent(id)}`, { data });
    return body.data;
  },
  async transition(id, to, note) {
    const payload: { to: string; note?: string } = { to };
    if (note?.trim()) payload.note = note.trim();
    const { data: body } = await http.post<{ data: Application }>(`${apiUrl}/applications/${encodeURIComponent(id)}/transitions`, payload);
    return body.data;
  },
  async outboxJobs({ status, channel, page = 1, pageSize = 20 }) {
    const query = buildListQuery({ filters: { status: eq(status), channel: eq(channel) }, page, pageSize });
    const { data: body } = await http.get<unknown>(`${apiUrl}/outbox-jobs?${query}`);
    const list = readList<OutboxJob, { counts: Partial<OutboxCounts> }>(body);
    return { data: list.data, total: list.meta.pagination.total, failed: list.meta.counts?.failed, counts: list.meta.counts };
  },
  async retryOutboxJob(id) {
    const { data: body } = await http.post<{ data?: OutboxJob }>(`${apiUrl}/outbox-jobs/${encodeURIComponent(String(id))}/retry`, {});
    return body?.data;
  },
  fileUrl: (documentId) => `${apiUrl}/private-files/${encodeURIComponent(documentId)}/download`,
});

const unsupported = (what: string) => () => Promise.reject({ message: `不支持${what}`, statusCode: 405 });

/**
 * Refine data provider over the workflow client: `applications` (list with the plain filters, getOne, update)
 * and `outbox-jobs` (list by status and channel, with the failed count beside the rows).
 */
export const createWorkflowDataProvider = (api: WorkflowApi, apiUrl: string = API_URL): DataProvider => {
  let kinds: Promise<KindInfo[] | undefined> | undefined;
  const kindsOnce = () =>
    (kinds ??= api.kinds().catch(() => {
      kinds = undefined;
      return undefined;
    }));
  return {
    getApiUrl: () => apiUrl,
    async getList({ resource, pagination, filters }) {
      const page = pagination?.currentPage ?? 1;
      const pageSize = pagination?.pageSize ?? 20;
      if (resource === "outbox-jobs") {
        const valueOf = (field: string) => filters?.find((filter) => "field" in filter && filter.field === field)?.value as string | undefined;
        const result = await api.outboxJobs({ status: valueOf("status"), channel: valueOf("channel") || undefined, page, pageSize });
        return { data: result.data as never[], total: result.total, failed: result.failed, counts: result.counts };
      }
      const params = filtersToApplicationParams(filters);
      // Pseudo statuses of the queue filter: 待平台处理 = the kind's platform-owned states; 全部 = no filter.
      if (params.status === ALL_STATUSES) params.status = undefined;
      else if (params.status === PLATFORM_PENDING) {
        params.status = platformStatesOf(params.kind, await kindsOnce());
        params.owner = "platform";
      }
      const result = await api.list({ ...params, page, pageSize });
      return { data: result.data as never[], total: result.total };
    },
    async getOne({ id }) {
      return { data: (await api.get(String(id))) as never };
    },
    async update({ id, variables }) {
      const data = (variables as { data?: Record<string, unknown> }).data ?? (variables as Record<string, unknown>);
      return { data: (await api.update(String(id), data)) as never };
    },
    create: unsupported("新增"),
    deleteOne: unsupported("删除"),
  };
};
