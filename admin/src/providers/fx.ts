/**
 * The 收结汇 endpoints of the cms as staff use them (API_CONTRACT.md → FX, `plugins/fx`): settlements (queue, detail,
 * 完成结汇 / 驳回), every merchant's USD sub-account, balance uploads (template, Excel upload, history) and rates
 * (latest, history, manual entry, fetch now). Lists speak Strapi's list format (`filters[status][$eq]`,
 * `filters[q][$containsi]`, `pagination[…]` → `{ data, meta: { pagination, counts? } }`); the 全部 tab is not a status,
 * so they get a small typed client and a Refine data provider ("fx") for tables.
 */
import type {
  BalanceUploadHistoryItem,
  BalanceUploadResult,
  FxAccountListItem,
  FxCurrency,
  FxFetchResult,
  FxRate,
  FxRateHistory,
  FxRatesMeta,
  ListResponse,
  SettlementCounts,
  SettlementDetail,
  SettlementListItem,
  SettlementStatus,
} from "@jmt/api-types";
import type { DataProvider } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { API_URL } from "../config";
import { buildFxQuery, type FxListParams } from "../lib/fx";
import { filterValue } from "../lib/customs";
import { readList } from "@jmt/strapi-provider";

/** A page of an FX list (the settlement list carries `meta.counts` beside the pagination). */
export type FxPage<T> = ListResponse<T, { counts?: SettlementCounts }>;

export interface FxRatesBoard {
  data: FxRate[];
  meta: FxRatesMeta;
}

export interface FxRateInput {
  currency: FxCurrency;
  /** YYYY-MM-DD */
  date: string;
  rate: string;
}

export interface FxApi {
  settlements(params: FxListParams): Promise<FxPage<SettlementListItem>>;
  /** How many settlements each status has: the list's `meta.counts` (which ignore the status filter), from one small request. */
  settlementCounts(): Promise<SettlementCounts>;
  settlement(id: string): Promise<SettlementDetail>;
  /** 完成结汇: `cnyAmount` must equal amount × actualRate (half-up to fen) within the cms's tolerance. */
  completeSettlement(id: string, input: { actualRate: string; cnyAmount: string }): Promise<void>;
  /** 驳回: unfreezes the amount and tells the merchant why. */
  rejectSettlement(id: string, reason: string): Promise<void>;
  accounts(params: FxListParams): Promise<FxPage<FxAccountListItem>>;
  balanceUploads(params: FxListParams): Promise<FxPage<BalanceUploadHistoryItem>>;
  /** The filled-in template; all or nothing (422 `BALANCE_UPLOAD_INVALID` lists every bad row). */
  uploadBalances(file: Blob, fileName: string): Promise<BalanceUploadResult>;
  /** Where the Excel template is downloaded from (needs the bearer token). */
  templateUrl(): string;
  rates(): Promise<FxRatesBoard>;
  history(currency: FxCurrency, days: number): Promise<FxRateHistory>;
  saveRate(input: FxRateInput): Promise<void>;
  fetchRates(): Promise<FxFetchResult[]>;
}

const pageOf = <T>(body: Partial<FxPage<T>> | undefined): FxPage<T> => readList<T, { counts?: SettlementCounts }>(body);

const id = (value: string) => encodeURIComponent(value);

export const createFxApi = (http: AxiosInstance, apiUrl: string = API_URL): FxApi => {
  const settlements: FxApi["settlements"] = async (params) => {
    const { data: body } = await http.get<FxPage<SettlementListItem>>(`${apiUrl}/fx/settlements?${buildFxQuery(params)}`);
    return pageOf(body);
  };
  return {
    settlements,
    async settlementCounts() {
      const { meta } = await settlements({ status: "processing", pageSize: 1 });
      const count = (status: SettlementStatus): number => Number(meta.counts?.[status]) || 0;
      return { processing: count("processing"), completed: count("completed"), rejected: count("rejected") };
    },
    async settlement(settlementId) {
      const { data: body } = await http.get<{ data: SettlementDetail }>(`${apiUrl}/fx/settlements/${id(settlementId)}`);
      const detail = body.data;
      return { ...detail, evidence: detail.evidence ?? [], timeline: detail.timeline ?? [] };
    },
    async completeSettlement(settlementId, input) {
      await http.post(`${apiUrl}/fx/settlements/${id(settlementId)}/complete`, input);
    },
    async rejectSettlement(settlementId, reason) {
      await http.post(`${apiUrl}/fx/settlements/${id(settlementId)}/reject`, { reason });
    },
    async accounts(params) {
      const { data: body } = await http.get<FxPage<FxAccountListItem>>(`${apiUrl}/fx/accounts?${buildFxQuery(params)}`);
      return pageOf(body);
    },
    async balanceUploads(params) {
      const { data: body } = await http.get<FxPage<BalanceUploadHistoryItem>>(`${apiUrl}/fx/balance-uploads?${buildFxQuery(params)}`);
      return pageOf(body);
    },
    async uploadBalances(file, fileName) {
      const form = new FormData();
      form.append("file", file, fileName);
      // Large sheets take a while to check; the default 30 s is for ordinary calls.
      const { data: body } = await http.post<{ data: BalanceUploadResult }>(`${apiUrl}/fx/balance-uploads`, form, { timeout: 120_000 });
      return { ...body.data, rows: body.data.rows ?? [] };
    },
    templateUrl: () => `${apiUrl}/fx/balance-uploads/template.xlsx`,
    async rates() {
      const { data: body } = await http.get<Partial<FxRatesBoard>>(`${apiUrl}/fx/rates`);
      return {
        data: Array.isArray(body?.data) ? body.data : [],
        meta: { stale: Boolean(body?.meta?.stale), lastFetch: body?.meta?.lastFetch ?? null },
      };
    },
    async history(currency, days) {
      const { data: body } = await http.get<{ data: FxRateHistory }>(`${apiUrl}/fx/rates/history?currency=${id(currency)}&days=${days}`);
      return { ...body.data, points: body.data.points ?? [] };
    },
    async saveRate(input) {
      await http.put(`${apiUrl}/fx/rates`, input);
    },
    async fetchRates() {
      const { data: body } = await http.post<{ data?: { results?: FxFetchResult[] } }>(`${apiUrl}/fx/rates/fetch`, {});
      return Array.isArray(body?.data?.results) ? body.data.results : [];
    },
  };
};

const unsupported = (what: string) => () => Promise.reject({ message: `不支持${what}`, statusCode: 405 });

/**
 * Refine data provider over the FX client, for the tables:
 * - `fx-settlements`: the settlement queue (`status` — `all` for every status — and `q`);
 * - `fx-accounts`: every merchant's sub-account (`q`);
 * - `fx-balance-uploads`: the upload history.
 */
export const createFxDataProvider = (api: FxApi, apiUrl: string = API_URL): DataProvider => ({
  getApiUrl: () => apiUrl,
  async getList({ resource, pagination, filters }) {
    const params: FxListParams = {
      status: filterValue(filters, "status"),
      q: filterValue(filters, "q"),
      page: pagination?.currentPage ?? 1,
      pageSize: pagination?.pageSize ?? 20,
    };
    const list =
      resource === "fx-settlements"
        ? await api.settlements(params)
        : resource === "fx-accounts"
          ? await api.accounts({ q: params.q, page: params.page, pageSize: params.pageSize })
          : resource === "fx-balance-uploads"
            ? await api.balanceUploads({ page: params.page, pageSize: params.pageSize })
            : undefined;
    if (!list) return Promise.reject({ message: `未知的资源 ${resource}`, statusCode: 404 });
    return { data: list.data as never[], total: list.meta.pagination.total };
  },
  async getOne({ resource, id: recordId }) {
    if (resource === "fx-settlements") return { data: (await api.settlement(String(recordId))) as never };
    return Promise.reject({ message: `未知的资源 ${resource}`, statusCode: 404 });
  },
  create: unsupported("新增"),
  update: unsupported("修改"),
  deleteOne: unsupported("删除"),
});
