import { createStrapiAxios, strapiDataProvider } from "@jmt/strapi-provider";
import type { AuthProvider, DataProvider } from "@refinedev/core";
import { createApiClient } from "./apiClient";
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

/**
 * Refine data provider: the shared Strapi 5 provider (`id = documentId`, `{data}` envelopes, Strapi
 * filters/sort/pagination) over an axios instance carrying this app's session token.
 */
export function createDataProvider(options: { baseURL?: string; getToken?: () => string | null } = {}): DataProvider {
  return strapiDataProvider({
    apiUrl: `${options.baseURL ?? ""}/api`,
    httpClient: createStrapiAxios({ tokenStore: { getToken: options.getToken ?? (() => null) } }),
  });
}

export const dataProvider = createDataProvider({ getToken });
