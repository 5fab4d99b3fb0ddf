/**
 * The 出口退税 endpoints of the cms as staff use them (API_CONTRACT.md → Tax refund, `plugins/taxrefund`): refunds with
 * their estimate and refunded amount (queue, detail with return messages and linked batches, the application package),
 * the day's return-message upload and its history, the HS-code rate table and the estimate. Moving a refund is the
 * workflow engine's (`workflowApi.transition`). The lists speak Strapi's list format (`filters[status][$in]`,
 * `filters[owner][$eq]`, `filters[q][$containsi]`, `pagination[…]` → `{ data, meta: { pagination } }`); the queue's
 * tabs are not statuses, so they get a small typed client and a Refine data provider ("taxRefund") for the tables.
 */
import type {
  EnterpriseType,
  RefundEstimate,
  ListResponse,
  RefundRate,
  RefundRateInput,
  RefundRateList,
  ReturnUploadHistoryItem,
  ReturnUploadResult,
  TaxRefundDetail as SharedDetail,
  TaxRefundList as SharedList,
  TaxRefundListItem as SharedListItem,
} from "@jmt/api-types";
import type { DataProvider } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { API_URL } from "../config";
import { buildApplicationQuery, type ApplicationListParams } from "../lib/application-query";
import { filterValue } from "../lib/customs";
import { buildListQuery, contains, readList } from "@jmt/strapi-provider";
import { refundTabQuery } from "../lib/tax-refund";

/** Refunds as the queue reads them: `data` stays a plain record (read with refundData()). */
export type { RefundFigures } from "@jmt/api-types";
export type TaxRefundListItem = SharedListItem<Record<string, unknown>>;
export type TaxRefundDetail = SharedDetail<Record<string, unknown>>;
type TaxRefundList = SharedList<Record<string, unknown>>;

export interface EstimateQuery {
  hsCode: string;
  enterpriseType: EnterpriseType;
  /** 进项发票不含税金额 (trading) or 出口 FOB 金额 (producer), 元 */
  amount: string;
  /** YYYY-MM-DD; the cms takes today when left out */
  date?: string;
}

export interface Paged<T> {
  data: T[];
  total: number;
  pageCount?: number;
}

export interface TaxRefundApi {
  list(params: Omit<ApplicationListParams, "kind">): Promise<Paged<TaxRefundListItem>>;
  get(id: string): Promise<TaxRefundDetail>;
  /** Where the application package (three PDFs + summary workbook, zipped) is downloaded from (needs the bearer token). */
  packageUrl(id: string): string;
  estimate(query: EstimateQuery): Promise<RefundEstimate>;
  /** The day's return messages; all or nothing (422 `RETURN_UPLOAD_INVALID` lists every bad row), once a day. */
  uploadReturns(file: Blob, fileName: string): Promise<ReturnUploadResult>;
  /** Where the return-message Excel template is downloaded from (needs the bearer token). */
  returnsTemplateUrl(): string;
  returnUploads(params: { page?: number; pageSize?: number }): Promise<Paged<ReturnUploadHistoryItem>>;
  /** A page of the rate table (HS code order), searched by HS code or description. */
  rates(params: { q?: string; page?: number; pageSize?: number }): Promise<Paged<RefundRate>>;
  createRate(input: RefundRateInput): Promise<RefundRate>;
  updateRate(id: string, input: RefundRateInput): Promise<RefundRate>;
  deleteRate(id: string): Promise<void>;
}

const paged = <T>(body: Partial<ListResponse<T>> | undefined): Paged<T> => {
  const { data, meta } = readList<T>(body);
  return { data, total: meta.pagination.total, pageCount: meta.pagination.pageCount };
};

/** The most rows the rate table serves at once (a page of the whole table when nothing pages it). */
const RATE_PAGE_MAX = 500;
/** Safety stop when reading the whole rate table (100 000 rows). */
const RATE_PAGES_MAX = 200;

const id = (value: string) => encodeURIComponent(value);

export const createTaxRefundApi = (http: AxiosInstance, apiUrl: string = API_URL): TaxRefundApi => ({
  async list(params) {
    const { data: body } = await http.get<TaxRefundList>(`${apiUrl}/tax-refund/applications?${buildApplicationQuery(params)}`);
    return paged(body);
  },
  async get(refundId) {
    const { data: body } = await http.get<{ data: TaxRefundDetail }>(`${apiUrl}/tax-refund/applications/${id(refundId)}`);
    const detail = body.data;
    return {
      ...detail,
      timeline: detail.timeline ?? [],
      allowedTransitions: detail.allowedTransitions ?? [],
      estimate: detail.estimate ?? null,
      refundedAmount: detail.refundedAmount ?? null,
      returns: detail.returns ?? [],
      batches: detail.batches ?? [],
    };
  },
  packageUrl: (refundId) => `${apiUrl}/tax-refund/applications/${id(refundId)}/package.zip`,
  async estimate({ hsCode, enterpriseType, amount, date }) {
    const search = new URLSearchParams({ hsCode, enterpriseType });
    search.set(enterpriseType === "producer" ? "orderAmount" : "purchaseAmount", amount);
    if (date) search.set("date", date);
    const { data: body } = await http.get<{ data: RefundEstimate }>(`${apiUrl}/tax-refund/estimate?${search.toString()}`);
    return body.data;
  },
  async uploadReturns(file, fileName) {
    const form = new FormData();
    form.append("file", file, fileName);
    // Every row is checked and each refund moved through the engine: longer than an ordinary call.
    const { data: body } = await http.post<{ data: ReturnUploadResult }>(`${apiUrl}/tax-refund/returns`, form, { timeout: 120_000 });
    return { ...body.data, applied: body.data.applied ?? [], unchanged: body.data.unchanged ?? 0 };
  },
  returnsTemplateUrl: () => `${apiUrl}/tax-refund/returns/template.xlsx`,
  async returnUploads({ page = 1, pageSize = 10 }) {
    const { data: body } = await http.get<ListResponse<ReturnUploadHistoryItem>>(`${apiUrl}/tax-refund/returns?${buildListQuery({ page, pageSize })}`);
    return paged(body);
  },
  async rates({ q, page, pageSize }) {
    const { data: body } = await http.get<RefundRateList>(`${apiUrl}/tax-refund/rates?${buildListQuery({ filters: { q: contains(q) }, page, pageSize })}`);
    return paged(body);
  },
  async createRate(input) {
    const { data: body } = await http.post<{ data: RefundRate }>(`${apiUrl}/tax-refund/rates`, input);
    return body.data;
  },
  async updateRate(rateId, input) {
    const { data: body } = await http.put<{ data: RefundRate }>(`${apiUrl}/tax-refund/rates/${id(rateId)}`, input);
    return body.data;
  },
  async deleteRate(rateId) {
    await http.delete(`${apiUrl}/tax-refund/rates/${id(rateId)}`);
  },
});

const unsupported = (what: string) => () => Promise.reject({ message: `不支持${what}`, statusCode: 405 });

/**
 * Refine data provider over the refund client, for the tables:
 * - `tax-refunds`: the queue (`status` = a tab of REFUND_TABS, `q` = number or merchant);
 * - `tax-refund-returns`: the return-upload history;
 * - `tax-refund-rates`: the rate table (`q`; the cms answers the whole table, paged here).
 */
export const createTaxRefundDataProvider = (api: TaxRefundApi, apiUrl: string = API_URL): DataProvider => ({
  getApiUrl: () => apiUrl,
  async getList({ resource, pagination, filters }) {
    const page = pagination?.currentPage ?? 1;
    const pageSize = pagination?.pageSize ?? 20;
    if (resource === "tax-refunds") {
      const result = await api.list({ ...refundTabQuery(filterValue(filters, "status")), q: filterValue(filters, "q"), page, pageSize });
      return { data: result.data as never[], total: result.total };
    }
    if (resource === "tax-refund-returns") {
      const result = await api.returnUploads({ page, pageSize });
      return { data: result.data as never[], total: result.total };
    }
    if (resource === "tax-refund-rates") {
      const q = filterValue(filters, "q");
      if (pagination?.mode !== "off") {
        const result = await api.rates({ q, page, pageSize });
        return { data: result.data as never[], total: result.total };
      }
      // `pagination.mode: "off"`: the whole table, page after page.
      const rows: RefundRate[] = [];
      for (let current = 1; current <= RATE_PAGES_MAX; current += 1) {
        const result = await api.rates({ q, page: current, pageSize: RATE_PAGE_MAX });
        rows.push(...result.data);
        if (result.data.length === 0 || current >= (result.pageCount ?? 1)) break;
      }
      return { data: rows as never[], total: rows.length };
    }
    return Promise.reject({ message: `未知的资源 ${resource}`, statusCode: 404 });
  },
  async getOne({ resource, id: recordId }) {
    if (resource === "tax-refunds") return { data: (await api.get(String(recordId))) as never };
    return Promise.reject({ message: `未知的资源 ${resource}`, statusCode: 404 });
  },
  create: unsupported("新增"),
  update: unsupported("修改"),
  deleteOne: unsupported("删除"),
});
