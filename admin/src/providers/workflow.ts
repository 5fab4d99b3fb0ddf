/**
 * The workflow endpoints of the cms (API_CONTRACT.md → Applications, Notifications). The application list speaks
 * Strapi's list format (`filters[kind][$eq]`, `filters[status][$in]`, `filters[owner][$eq]`, `filters[stuckDays][$gte]`,
 * `pagination[…]`); the queue's pseudo statuses (待平台处理, 全部) and the outbox jobs' plain `status/channel/page/pageSize`
 * are not Strapi's, so they get their own small typed client and a Refine data provider ("workflow") for the list pages.
 */
import type { Application, ApplicationDetail, KindInfo, OutboxJob, StaffTodo } from "@jmt/api-types";
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
  meta?: { pagination?: { page?: number; pageSize?: number; pageCount?: number; total?: number }; failed?: number };
}

export interface ListResult<T> {
  data: T[];
  total: number;
  /** outbox-jobs: how many jobs are failed overall (`meta.failed`). */
  failed?: number;
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
  return { data, total: body?.meta?.pagination?.total ?? data.length, failed: body?.meta?.failed };
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
    const search = new URLSearchParams();
    if (status) search.set("status", status);
    if (channel) search.set("channel", channel);
    search.set("page", String(page));
    search.set("pageSize", String(pageSize));
    const { data: body } = await http.get<ListBody<OutboxJob>>(`${apiUrl}/outbox-jobs?${search.toString()}`);
    return toList(body);
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
 * and `outbox-jobs` (list by status and channel).
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
        return { data: result.data as never[], total: result.total, failed: result.failed };
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
