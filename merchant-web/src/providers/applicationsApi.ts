import { api } from "./index";
import type {
  Application,
  ApplicationDetail,
  Guide,
  KindInfo,
  MerchantTodo,
  PrefillResult,
  ProgressModule,
} from "@jmt/api-types";

/** Calls of the applications section of the cms contract (workflow engine). Ids are documentIds. */
const enc = encodeURIComponent;

export interface PrivateFile {
  documentId: string;
  name?: string | null;
  mime?: string | null;
  size?: number | null;
  category?: string | null;
}

export const applicationsApi = {
  kinds: async () => (await api.request<{ data: KindInfo[] }>("get", "/api/applications/kinds")).data ?? [],

  get: async <D = Record<string, unknown>>(id: string) =>
    (await api.request<{ data: ApplicationDetail<D> }>("get", `/api/applications/${enc(id)}`)).data,

  create: async <D = Record<string, unknown>>(kind: string, data: D) =>
    (await api.request<{ data: Application<D> }>("post", "/api/applications", { kind, data })).data,

  saveDraft: async <D = Record<string, unknown>>(id: string, data: D) =>
    (await api.request<{ data: Application<D> }>("put", `/api/applications/${enc(id)}`, { data })).data,

  transition: async (id: string, to: string, note?: string) =>
    (
      await api.request<{ data: Application }>("post", `/api/applications/${enc(id)}/transitions`, {
        to,
        ...(note ? { note } : {}),
      })
    ).data,

  prefill: async <D = Record<string, unknown>>(kind: string): Promise<PrefillResult<D>> => {
    const body = await api.request<PrefillResult<D>>("get", "/api/applications/prefill", undefined, {
      params: { kind },
    });
    return { data: body.data ?? {}, meta: { sources: body.meta?.sources ?? {} } };
  },

  guide: async () => (await api.request<{ data: Guide }>("get", "/api/applications/guide")).data,

  progress: async () => (await api.request<{ data: ProgressModule[] }>("get", "/api/applications/progress")).data ?? [],

  todos: async () => (await api.request<{ data: MerchantTodo[] }>("get", "/api/applications/todos")).data ?? [],

  templateUrl: (kind: string, key: string) => `/api/applications/templates/${enc(kind)}/${enc(key)}`,

  downloadTemplate: (kind: string, key: string) => api.download(applicationsApi.templateUrl(kind, key)),

  /** POST /api/private-files: multipart `file` + `category` (the slot key). */
  upload: async (file: File | Blob, category: string, filename?: string): Promise<PrivateFile> => {
    const form = new FormData();
    form.append("category", category);
    form.append("file", file, filename ?? (file instanceof File ? file.name : `${category}`));
    const body = await api.request<{ data?: PrivateFile } & Partial<PrivateFile>>("post", "/api/private-files", form, {
      timeout: 120_000,
    });
    const saved = (body.data ?? body) as PrivateFile;
    if (!saved?.documentId) throw new Error("upload answered without a documentId");
    return saved;
  },

  downloadFile: (documentId: string) => api.download(`/api/private-files/${enc(documentId)}/download`),
};

/** Save a blob under a name (template downloads). */
export function saveBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}
