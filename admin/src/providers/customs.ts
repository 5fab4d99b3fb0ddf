/**
 * The customs endpoints of the cms as staff use them (API_CONTRACT.md → Customs, `plugins/customs`): the tracking
 * board, batches with their orders / inventories, record receipts, 点点通 configs and the crystal-industry hints.
 * Lists speak Strapi's list format (`filters[q][$containsi]`, `filters[merchant][$eq]`, `filters[status][$eq]`,
 * `pagination[…]` → `{ data, meta: { pagination } }`, the board's message counts beside them); the batch id of a
 * record table is part of the path, so they get a small typed client and a Refine data provider ("customs").
 */
import type {
  BatchDetail,
  CustomsBoard,
  CustomsCancellation,
  CustomsHint,
  CustomsInventory,
  CustomsList,
  CustomsOrder,
  CustomsRecordDetail,
  CustomsRecordKind,
  CustomsSummary,
  CustomsWaybill,
  DeclarationFields,
  StaffCustomsConfig,
  StaffCustomsConfigInput,
} from "@jmt/api-types";
import type { CrudFilter, DataProvider } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { API_URL } from "../config";
import { buildCustomsQuery, filterValue, type CustomsListParams } from "../lib/customs";
import { readList } from "@jmt/strapi-provider";

/** A record of any kind, as `GET /api/customs/records/:kind/:id` answers (its own fields are there too). */
export type AnyCustomsRecord = DeclarationFields &
  Partial<Omit<CustomsOrder, keyof DeclarationFields>> &
  Partial<Omit<CustomsInventory, keyof DeclarationFields>> &
  Partial<Omit<CustomsWaybill, keyof DeclarationFields>> &
  Partial<Omit<CustomsSummary, keyof DeclarationFields>> &
  Partial<Omit<CustomsCancellation, keyof DeclarationFields>>;

export interface CustomsApi {
  board(params: CustomsListParams): Promise<CustomsBoard>;
  /** 立即获取回执: how many receipts were applied. */
  pollReceipts(): Promise<number>;
  batch(id: string): Promise<BatchDetail>;
  orders(batchId: string, params: CustomsListParams): Promise<CustomsList<CustomsOrder>>;
  inventories(batchId: string, params: CustomsListParams): Promise<CustomsList<CustomsInventory>>;
  record(kind: CustomsRecordKind, id: string): Promise<CustomsRecordDetail<AnyCustomsRecord>>;
  configs(): Promise<StaffCustomsConfig[]>;
  config(merchantDocumentId: string): Promise<StaffCustomsConfig>;
  /** Saves and verifies at once; the answer carries `status` and `verifyErrors`. */
  saveConfig(merchantDocumentId: string, input: StaffCustomsConfigInput): Promise<StaffCustomsConfig>;
  verifyConfig(merchantDocumentId: string): Promise<StaffCustomsConfig>;
  hints(): Promise<CustomsHint[]>;
  saveHint(key: string, input: { title: string; body: string }): Promise<CustomsHint>;
}

const listOf = <T>(body: Partial<CustomsList<T>> | undefined): CustomsList<T> => readList<T>(body);

const id = (value: string) => encodeURIComponent(value);

export const createCustomsApi = (http: AxiosInstance, apiUrl: string = API_URL): CustomsApi => ({
  async board(params) {
    const { data: body } = await http.get<Partial<CustomsBoard>>(`${apiUrl}/customs/board?${buildCustomsQuery(params)}`);
    return { ...listOf(body), failedMessages: Number(body?.failedMessages ?? 0), stuckMessages: Number(body?.stuckMessages ?? 0) };
  },
  async pollReceipts() {
    const { data: body } = await http.post<{ data?: { applied?: number } }>(`${apiUrl}/customs/receipts/poll`, {});
    return Number(body?.data?.applied ?? 0);
  },
  async batch(batchId) {
    const { data: body } = await http.get<{ data: BatchDetail }>(`${apiUrl}/customs/batches/${id(batchId)}`);
    return { ...body.data, imports: body.data.imports ?? [], timeline: body.data.timeline ?? [] };
  },
  async orders(batchId, params) {
    const { data: body } = await http.get<CustomsList<CustomsOrder>>(`${apiUrl}/customs/batches/${id(batchId)}/orders?${buildCustomsQuery(params)}`);
    return listOf(body);
  },
  async inventories(batchId, params) {
    const { data: body } = await http.get<CustomsList<CustomsInventory>>(`${apiUrl}/customs/batches/${id(batchId)}/inventories?${buildCustomsQuery(params)}`);
    return listOf(body);
  },
  async record(kind, recordId) {
    const { data: body } = await http.get<{ data: CustomsRecordDetail<AnyCustomsRecord> }>(`${apiUrl}/customs/records/${kind}/${id(recordId)}`);
    return { ...body.data, messages: body.data.messages ?? [], timeline: body.data.timeline ?? [] };
  },
  async configs() {
    const { data: body } = await http.get<{ data?: StaffCustomsConfig[] }>(`${apiUrl}/customs/configs`);
    return Array.isArray(body?.data) ? body.data : [];
  },
  async config(merchantDocumentId) {
    const { data: body } = await http.get<{ data: StaffCustomsConfig }>(`${apiUrl}/customs/configs/${id(merchantDocumentId)}`);
    return body.data;
  },
  async saveConfig(merchantDocumentId, input) {
    const { data: body } = await http.put<{ data: StaffCustomsConfig }>(`${apiUrl}/customs/configs/${id(merchantDocumentId)}`, input);
    return body.data;
  },
  async verifyConfig(merchantDocumentId) {
    const { data: body } = await http.post<{ data: StaffCustomsConfig }>(`${apiUrl}/customs/configs/${id(merchantDocumentId)}/verify`, {});
    return body.data;
  },
  async hints() {
    const { data: body } = await http.get<{ data?: CustomsHint[] }>(`${apiUrl}/customs/hints`);
    return Array.isArray(body?.data) ? body.data : [];
  },
  async saveHint(key, input) {
    const { data: body } = await http.put<{ data: CustomsHint }>(`${apiUrl}/customs/hints/${id(key)}`, input);
    return body.data;
  },
});

const unsupported = (what: string) => () => Promise.reject({ message: `不支持${what}`, statusCode: 405 });

/** The plain list parameters of a table's filters (`q`, `merchant`, `status`). */
const paramsOf = (filters: CrudFilter[] | undefined): CustomsListParams => ({
  q: filterValue(filters, "q"),
  merchant: filterValue(filters, "merchant"),
  status: filterValue(filters, "status"),
});

/**
 * Refine data provider over the customs client, for the tables:
 * - `customs-board`: the tracking board (also returns `failedMessages` and `stuckMessages` next to `data`/`total`);
 * - `customs-orders` / `customs-inventories`: a batch's records (`meta.batchId`);
 * - getOne `customs-batches`: a batch's detail.
 */
export const createCustomsDataProvider = (api: CustomsApi, apiUrl: string = API_URL): DataProvider => ({
  getApiUrl: () => apiUrl,
  async getList({ resource, pagination, filters, meta }) {
    const page = pagination?.currentPage ?? 1;
    const pageSize = pagination?.pageSize ?? 20;
    const params = { ...paramsOf(filters), page, pageSize };
    if (resource === "customs-board") {
      const board = await api.board(params);
      return { data: board.data as never[], total: board.meta.pagination.total, failedMessages: board.failedMessages, stuckMessages: board.stuckMessages };
    }
    if (resource === "customs-orders" || resource === "customs-inventories") {
      const batchId = typeof meta?.batchId === "string" ? meta.batchId : "";
      if (!batchId) return { data: [], total: 0 };
      const list = resource === "customs-orders" ? await api.orders(batchId, params) : await api.inventories(batchId, params);
      return { data: list.data as never[], total: list.meta.pagination.total };
    }
    return Promise.reject({ message: `未知的资源 ${resource}`, statusCode: 404 });
  },
  async getOne({ resource, id: recordId }) {
    if (resource === "customs-batches") return { data: (await api.batch(String(recordId))) as never };
    return Promise.reject({ message: `未知的资源 ${resource}`, statusCode: 404 });
  },
  create: unsupported("新增"),
  update: unsupported("修改"),
  deleteOne: unsupported("删除"),
});
