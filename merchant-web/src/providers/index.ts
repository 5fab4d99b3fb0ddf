import type { AuthProvider, BaseRecord, DataProvider } from "@refinedev/core";
import { createApiClient, type ApiClient, type HttpMethod } from "./apiClient";
import { ApiError, toApiError } from "./apiError";
import { queryClient } from "./queryClient";
import { clearToken, getToken, setToken } from "./session";

/** The app's one client for the cms: relative `/api/...`, proxied to the cms by Vite (dev/preview) or nginx. */
export const api = createApiClient({ getToken });

export interface SmsLoginParams {
  phone: string;
  code: string;
  remember: boolean;
}

export const authProvider: AuthProvider = {
  login: async ({ phone, code, remember }: SmsLoginParams) => {
    try {
      const result = await api.loginWithSms(phone, code, remember);
      setToken(result.jwt, remember);
      // Nothing cached for a previous account may show for this one.
      queryClient.clear();
      return { success: true, redirectTo: "/" };
    } catch (error) {
      return { success: false, error: toApiError(error) };
    }
  },
  logout: async () => {
    clearToken();
    return { success: true, redirectTo: "/login" };
  },
  check: async () =>
    getToken() ? { authenticated: true } : { authenticated: false, logout: true, redirectTo: "/login" },
  onError: async (error: unknown) => {
    const status = error instanceof ApiError ? error.status : (error as { statusCode?: number })?.statusCode;
    if (status === 401) {
      clearToken();
      return { logout: true, redirectTo: "/login", error: error as Error };
    }
    return {};
  },
};

function unwrapList(body: unknown): { data: BaseRecord[]; total: number } {
  const b = body as { data?: BaseRecord[]; meta?: { pagination?: { total?: number } } };
  const data = Array.isArray(b?.data) ? b.data : [];
  return { data, total: b?.meta?.pagination?.total ?? data.length };
}

/**
 * Minimal Refine data provider for the merchant contract: `{data}` envelopes, documentId as the record id,
 * writes wrapped as `{data: {...}}`. Platform-wide lists (filters, paging) live in the admin console.
 */
export function createDataProvider(client: ApiClient): DataProvider {
  return {
    getApiUrl: () => "/api",
    getList: async ({ resource }) => {
      const { data, total } = unwrapList(await client.request("get", `/api/${resource}`));
      return { data: data as never[], total };
    },
    getOne: async ({ resource, id }) => {
      const body = await client.request<{ data: BaseRecord }>(
        "get",
        `/api/${resource}/${encodeURIComponent(String(id))}`,
      );
      return { data: body.data as never };
    },
    create: async ({ resource, variables }) => {
      const body = await client.request<{ data: BaseRecord }>("post", `/api/${resource}`, { data: variables });
      return { data: body.data as never };
    },
    update: async ({ resource, id, variables }) => {
      const body = await client.request<{ data: BaseRecord }>(
        "put",
        `/api/${resource}/${encodeURIComponent(String(id))}`,
        {
          data: variables,
        },
      );
      return { data: body.data as never };
    },
    deleteOne: async ({ resource, id }) => {
      const body = await client.request<{ data?: BaseRecord } | null>(
        "delete",
        `/api/${resource}/${encodeURIComponent(String(id))}`,
      );
      return { data: (body?.data ?? { id }) as never };
    },
    custom: async ({ url, method, payload }) => {
      const verb = method.toLowerCase() as HttpMethod;
      const body = await client.request<BaseRecord>(verb, url, payload);
      return { data: body as never };
    },
  };
}

export const dataProvider = createDataProvider(api);
