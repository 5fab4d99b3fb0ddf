import type {
  BatchDetail,
  BatchInput,
  CancellationInput,
  CustomsBatch,
  CustomsCancellation,
  CustomsConfig,
  CustomsHint,
  CustomsInventory,
  CustomsOrder,
  CustomsRecordDetail,
  CustomsRecordKind,
  CustomsTodos,
  CustomsWaybill,
  CustomsSummary,
  DeclareResult,
  ImportCommitResult,
  ImportOverrides,
  ImportPreview,
  WaybillInput,
} from "@jmt/api-types";
import { params, unwrap } from "./envelope";
import { api } from "./index";

/** Calls of the customs section of the cms contract (出口报关, `/api/customs/*`). Ids are documentIds. */
const enc = encodeURIComponent;

export interface RecordQuery {
  status?: string;
  q?: string;
  page?: number;
  pageSize?: number;
}

export const customsApi = {
  config: async () => unwrap<CustomsConfig>(await api.request<unknown>("get", "/api/customs/config")),

  createBatch: async (input: BatchInput) =>
    unwrap<CustomsBatch>(await api.request<unknown>("post", "/api/customs/batches", input)),

  batch: async (id: string) =>
    unwrap<BatchDetail>(await api.request<unknown>("get", `/api/customs/batches/${enc(id)}`)),

  templateUrl: "/api/customs/templates/orders.xlsx",

  downloadTemplate: () => api.download(customsApi.templateUrl),

  /** Multipart `file`; 422 IMPORT_FILE_REJECTED (ApiError.details.errors[0]) when it cannot be read at all. */
  importOrders: async (batchId: string, file: File | Blob, filename?: string) => {
    const form = new FormData();
    form.append("file", file, filename ?? (file instanceof File ? file.name : "orders.xlsx"));
    return unwrap<ImportPreview>(
      await api.request<unknown>("post", `/api/customs/batches/${enc(batchId)}/orders/import`, form, {
        timeout: 300_000,
      }),
    );
  },

  getImport: async (importId: string) =>
    unwrap<ImportPreview>(
      await api.request<unknown>("get", `/api/customs/imports/${enc(importId)}`, undefined, { timeout: 300_000 }),
    ),

  fixImport: async (importId: string, overrides: ImportOverrides) =>
    unwrap<ImportPreview>(
      await api.request<unknown>(
        "post",
        `/api/customs/imports/${enc(importId)}/fix`,
        { overrides },
        { timeout: 300_000 },
      ),
    ),

  commitImport: async (importId: string) =>
    unwrap<ImportCommitResult>(
      await api.request<unknown>("post", `/api/customs/imports/${enc(importId)}/commit`, undefined, {
        timeout: 300_000,
      }),
    ),

  declareOrders: async (batchId: string) =>
    unwrap<DeclareResult>(
      await api.request<unknown>("post", `/api/customs/batches/${enc(batchId)}/orders/declare`, undefined, {
        timeout: 120_000,
      }),
    ),

  declareInventories: async (batchId: string) =>
    unwrap<DeclareResult>(
      await api.request<unknown>("post", `/api/customs/batches/${enc(batchId)}/inventories`, undefined, {
        timeout: 120_000,
      }),
    ),

  declareWaybill: async (batchId: string, input: WaybillInput) =>
    unwrap<CustomsRecordDetail<CustomsWaybill>>(
      await api.request<unknown>("post", `/api/customs/batches/${enc(batchId)}/waybill`, input),
    ),

  declareSummary: async (batchId: string) =>
    unwrap<CustomsRecordDetail<CustomsSummary>>(
      await api.request<unknown>("post", `/api/customs/batches/${enc(batchId)}/summary`),
    ),

  record: async <R extends CustomsOrder | CustomsInventory | CustomsWaybill | CustomsSummary | CustomsCancellation>(
    kind: CustomsRecordKind,
    id: string,
  ) =>
    unwrap<CustomsRecordDetail<R>>(await api.request<unknown>("get", `/api/customs/records/${enc(kind)}/${enc(id)}`)),

  cancellable: async (invtNo?: string) => {
    const body = unwrap<CustomsInventory[]>(
      await api.request<unknown>("get", "/api/customs/cancellable", undefined, { params: params({ invtNo }) }),
    );
    return Array.isArray(body) ? body : [];
  },

  createCancellation: async (input: CancellationInput) =>
    unwrap<CustomsRecordDetail<CustomsCancellation>>(
      await api.request<unknown>("post", "/api/customs/cancellations", input),
    ),

  declareCancellation: async (id: string) =>
    unwrap<CustomsRecordDetail<CustomsCancellation>>(
      await api.request<unknown>("post", `/api/customs/cancellations/${enc(id)}/declare`),
    ),

  withdrawCancellation: async (id: string) =>
    unwrap<CustomsRecordDetail<CustomsCancellation>>(
      await api.request<unknown>("post", `/api/customs/cancellations/${enc(id)}/withdraw`),
    ),

  todos: async (): Promise<CustomsTodos> => {
    const body = unwrap<Partial<CustomsTodos>>(await api.request<unknown>("get", "/api/customs/todos"));
    return {
      items: Array.isArray(body?.items) ? body.items : [],
      counts: {
        orders: body?.counts?.orders ?? 0,
        lists: body?.counts?.lists ?? 0,
        summaries: body?.counts?.summaries ?? 0,
      },
    };
  },

  hints: async () => {
    const body = unwrap<CustomsHint[]>(await api.request<unknown>("get", "/api/customs/hints"));
    return Array.isArray(body) ? body : [];
  },

  /** Shared-read carriers (Strapi list) for the batch form's 物流企业 suggestions. */
  carriers: async () => {
    const body = await api.request<{
      data?: { name?: string; code?: string; customsCode?: string | null; status?: string; sort?: number }[];
    }>("get", "/api/carriers", undefined, { params: { "pagination[pageSize]": 100, sort: "sort:asc" } });
    return (body?.data ?? []).filter(
      (c): c is { name: string; code?: string; customsCode?: string | null; status?: string } =>
        typeof c?.name === "string" && c.status !== "terminated",
    );
  },
};
