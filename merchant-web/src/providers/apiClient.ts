import axios, { type AxiosInstance, type AxiosRequestConfig } from "axios";
import { toApiError } from "./apiError";
import type {
  HomePayload,
  LoginResult,
  MePayload,
  AcceptedInvitation,
  Membership,
  Merchant,
  MerchantEditable,
  MerchantRole,
  SentInvitation,
  SmsSendResult,
  SwitchMerchantResult,
} from "./types";

export interface ApiClientOptions {
  /** Origin of the cms; "" in the browser (same origin, `/api` proxied by Vite or nginx). */
  baseURL?: string;
  getToken?: () => string | null;
  /** Called on any 401 from an authenticated call (expired or revoked jwt). */
  onUnauthorized?: () => void;
  timeoutMs?: number;
}

export type HttpMethod = "get" | "post" | "put" | "delete";

/** A small typed client for the cms REST contract. Every failure rejects with an ApiError. */
export function createApiClient(options: ApiClientOptions = {}) {
  const http: AxiosInstance = axios.create({
    baseURL: options.baseURL ?? "",
    timeout: options.timeoutMs ?? 15000,
    headers: { Accept: "application/json" },
  });

  http.interceptors.request.use((config) => {
    const token = options.getToken?.();
    if (token) config.headers.set("Authorization", `Bearer ${token}`);
    return config;
  });

  async function request<T>(method: HttpMethod, url: string, body?: unknown, config?: AxiosRequestConfig): Promise<T> {
    try {
      const response = await http.request<T>({ method, url, data: body, ...config });
      return response.data;
    } catch (error) {
      const apiError = toApiError(error);
      if (apiError.status === 401 && options.getToken?.()) options.onUnauthorized?.();
      throw apiError;
    }
  }

  /** A file from the cms (templates, private files) with the bearer token: the blob and the server's file name. */
  async function download(url: string): Promise<{ blob: Blob; filename: string | null }> {
    try {
      const response = await http.request<Blob>({ method: "get", url, responseType: "blob" });
      return { blob: response.data, filename: filenameFrom(String(response.headers["content-disposition"] ?? "")) };
    } catch (error) {
      // Error bodies arrive as blobs too: read them back into the one error format.
      if (axios.isAxiosError(error) && error.response?.data instanceof Blob) {
        try {
          error.response.data = JSON.parse(await error.response.data.text());
        } catch {
          /* not JSON: mapped by status */
        }
      }
      const apiError = toApiError(error);
      if (apiError.status === 401 && options.getToken?.()) options.onUnauthorized?.();
      throw apiError;
    }
  }

  return {
    request,
    download,
    sendSmsCode: (phone: string) => request<SmsSendResult>("post", "/api/auth/sms/send", { phone }),
    loginWithSms: (phone: string, code: string, remember: boolean) =>
      request<LoginResult>("post", "/api/auth/sms/login", { phone, code, remember }),
    getMe: () => request<MePayload>("get", "/api/me"),
    switchMerchant: (merchantId: string) =>
      request<SwitchMerchantResult>("post", "/api/me/switch-merchant", { merchantId }),
    getHome: () => request<HomePayload>("get", "/api/home"),
    markAllMessagesRead: () => request<{ data: { marked: number } }>("post", "/api/messages/read-all"),
    markMessageRead: (documentId: string) =>
      request<{ data: { documentId: string; read: boolean } }>(
        "post",
        `/api/messages/${encodeURIComponent(documentId)}/read`,
      ),
    getMerchant: async (documentId: string) =>
      (await request<{ data: Merchant }>("get", `/api/merchants/${encodeURIComponent(documentId)}`)).data,
    updateMerchant: async (documentId: string, data: Partial<MerchantEditable>) =>
      (await request<{ data: Merchant }>("put", `/api/merchants/${encodeURIComponent(documentId)}`, { data })).data,
    listMemberships: async () => (await request<{ data: Membership[] }>("get", "/api/memberships")).data ?? [],
    /** Invitations this merchant sent (phones masked until accepted). */
    listInvitations: async () => (await request<{ data: SentInvitation[] }>("get", "/api/invitations")).data ?? [],
    /** Invite a phone: an SMS tells them; they become a member only when they accept. */
    invite: async (phone: string, role: MerchantRole) =>
      (await request<{ data: SentInvitation }>("post", "/api/invitations", { phone, role })).data,
    revokeInvitation: async (documentId: string) =>
      (await request<{ data: SentInvitation }>("delete", `/api/invitations/${encodeURIComponent(documentId)}`)).data,
    /** Accept: the answer carries a token for the merchant just joined. */
    acceptInvitation: (documentId: string) =>
      request<AcceptedInvitation>("post", `/api/invitations/${encodeURIComponent(documentId)}/accept`),
    declineInvitation: (documentId: string) =>
      request<unknown>("post", `/api/invitations/${encodeURIComponent(documentId)}/decline`),
    changeMembershipRole: async (documentId: string, role: MerchantRole) =>
      (
        await request<{ data: Membership }>("put", `/api/memberships/${encodeURIComponent(documentId)}`, {
          data: { role },
        })
      ).data,
    removeMembership: (documentId: string) =>
      request<unknown>("delete", `/api/memberships/${encodeURIComponent(documentId)}`),
  };
}

export type ApiClient = ReturnType<typeof createApiClient>;

/** `attachment; filename="a.docx"; filename*=UTF-8''%E6%A8%A1.docx` → the (decoded) file name. */
export function filenameFrom(disposition: string): string | null {
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)?''([^;]+)/.exec(disposition);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim().replace(/^"|"$/g, ""));
    } catch {
      /* fall through */
    }
  }
  const plain = /filename\s*=\s*("([^"]*)"|[^;]+)/.exec(disposition);
  const name = plain?.[2] ?? plain?.[1];
  return name ? name.trim() : null;
}
