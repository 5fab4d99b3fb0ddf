/**
 * Platform-staff authentication: phone + SMS code against the cms (API_CONTRACT.md → Identity).
 *
 * login → POST /api/auth/sms/login → store the JWT (localStorage when "remember me", else sessionStorage)
 *       → GET /api/me → refuse and forget the token unless `isPlatformStaff`.
 */
import { toHttpError, type ApiHttpError, type WebTokenStore } from "@jmt/strapi-provider";
import type { AuthActionResponse, AuthProvider, CheckResponse, OnErrorResponse } from "@refinedev/core";
import type { AxiosInstance } from "axios";
import { SMS_COOLDOWN_SECONDS } from "../config";

export interface MeResponse {
  user: { id: number; phone: string; realName?: string | null; email?: string | null };
  isPlatformStaff: boolean;
  platformRoles?: Array<{ code: string; name: string }>;
  merchant?: { documentId: string; id: number; nameCn: string } | null;
  role?: "admin" | "member" | null;
  permissions?: string[];
}

/** What `useGetIdentity()` returns in the console. */
export interface StaffIdentity {
  id: number;
  phone: string;
  /** Real name, or the phone when the account has none. */
  name: string;
  realName?: string;
  email?: string;
  roles: Array<{ code: string; name: string }>;
  permissions: string[];
}

export interface LoginParams {
  phone: string;
  code: string;
  remember?: boolean;
}

export interface SmsSendResult {
  sent: boolean;
  cooldownSeconds: number;
  expiresInSeconds?: number;
}

export interface AuthProviderOptions {
  http: AxiosInstance;
  tokenStore: WebTokenStore;
  /** Translate function for the provider's own messages (the app passes i18n.t). */
  t: (key: string, defaultMessage?: string) => string;
  /** Path prefix of the cms REST API. */
  apiUrl?: string;
}

export type StaffAuthProvider = AuthProvider & {
  sendSmsCode(phone: string): Promise<SmsSendResult>;
};

export const toIdentity = (me: MeResponse): StaffIdentity => ({
  id: me.user.id,
  phone: me.user.phone,
  name: me.user.realName?.trim() || me.user.phone,
  realName: me.user.realName ?? undefined,
  email: me.user.email ?? undefined,
  roles: me.platformRoles ?? [],
  permissions: me.permissions ?? [],
});

export const createAuthProvider = ({ http, tokenStore, t, apiUrl = "/api" }: AuthProviderOptions): StaffAuthProvider => {
  // One /api/me request per token, shared by login, getIdentity and getPermissions.
  let cached: { token: string; me: Promise<MeResponse> } | undefined;

  const fetchMe = (): Promise<MeResponse> => {
    const token = tokenStore.getToken();
    if (!token) return Promise.reject({ message: "未登录", statusCode: 401 } satisfies ApiHttpError);
    if (cached?.token !== token) {
      const me = http.get<MeResponse>(`${apiUrl}/me`).then((response) => response.data);
      cached = { token, me };
      me.catch(() => {
        if (cached?.me === me) cached = undefined;
      });
    }
    return cached.me;
  };

  const forget = (): void => {
    cached = undefined;
    tokenStore.clear();
  };

  const notStaff = (): AuthActionResponse => {
    forget();
    const message = t("login.errors.notStaff", "该账号不是平台工作人员");
    return { success: false, error: { name: message, message, statusCode: 403 } as ApiHttpError };
  };

  return {
    async sendSmsCode(phone) {
      const { data } = await http.post<SmsSendResult>(`${apiUrl}/auth/sms/send`, { phone });
      return { ...data, cooldownSeconds: data.cooldownSeconds || SMS_COOLDOWN_SECONDS };
    },

    async login({ phone, code, remember = false }: LoginParams): Promise<AuthActionResponse> {
      try {
        const { data } = await http.post<{ jwt: string; user: { isPlatformStaff?: boolean } }>(`${apiUrl}/auth/sms/login`, { phone, code, remember });
        cached = undefined;
        tokenStore.setToken(data.jwt, remember);
        const me = await fetchMe();
        if (!me.isPlatformStaff) return notStaff();
        return { success: true, redirectTo: "/" };
      } catch (error) {
        forget();
        const httpError = toHttpError(error);
        return {
          success: false,
          error: { ...httpError, name: t("login.errors.generic", "登录失败") },
        };
      }
    },

    async logout(): Promise<AuthActionResponse> {
      forget();
      return { success: true, redirectTo: "/login" };
    },

    async check(): Promise<CheckResponse> {
      if (tokenStore.getToken()) return { authenticated: true };
      return { authenticated: false, logout: true, redirectTo: "/login" };
    },

    async onError(error: unknown): Promise<OnErrorResponse> {
      const status = (error as { statusCode?: number; status?: number } | null)?.statusCode;
      if (status === 401) {
        forget();
        return { logout: true, redirectTo: "/login", error: error as ApiHttpError };
      }
      return {};
    },

    async getIdentity(): Promise<StaffIdentity | null> {
      if (!tokenStore.getToken()) return null;
      try {
        const me = await fetchMe();
        if (!me.isPlatformStaff) {
          forget();
          return null;
        }
        return toIdentity(me);
      } catch {
        return null;
      }
    },

    async getPermissions(): Promise<string[] | null> {
      if (!tokenStore.getToken()) return null;
      try {
        return (await fetchMe()).permissions ?? [];
      } catch {
        return null;
      }
    },
  };
};
