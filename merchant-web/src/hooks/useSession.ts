import { useCustom } from "@refinedev/core";
import type { ApiError } from "../providers/apiError";
import type { HomePayload, MePayload } from "../providers/types";

/** GET /api/me — the signed-in user, the current merchant, the role there and the merchants to switch to. */
export function useMe() {
  const { query, result } = useCustom<MePayload & Record<string, unknown>, ApiError>({
    url: "/api/me",
    method: "get",
    queryOptions: { queryKey: ["jmt", "me"], staleTime: 60_000, retry: false },
  });
  return { me: query.data ? (result.data as MePayload) : undefined, query };
}

/** GET /api/home — everything the home page shows, in one call. */
export function useHome() {
  const { query, result } = useCustom<HomePayload & Record<string, unknown>, ApiError>({
    url: "/api/home",
    method: "get",
    queryOptions: { queryKey: ["jmt", "home"], staleTime: 30_000, retry: false },
  });
  return { home: query.data ? (result.data as HomePayload) : undefined, query };
}
