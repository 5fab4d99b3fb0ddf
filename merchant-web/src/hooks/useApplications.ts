import { useQuery } from "@tanstack/react-query";
import type { Application } from "@jmt/api-types";
import { applicationsApi } from "../providers/applicationsApi";
import { queryClient } from "../providers/queryClient";
import { filterOf, invalidateLists, useResourceList } from "./useResourceList";
import { useMe } from "./useSession";

/** Query keys of the applications screens (all under "applications" so one invalidation refreshes them). */
export const applicationKeys = {
  all: ["applications"] as const,
  kinds: ["applications", "kinds"] as const,
  detail: (id: string) => ["applications", "detail", id] as const,
  prefill: (kind: string) => ["applications", "prefill", kind] as const,
  guide: ["applications", "guide"] as const,
  progress: ["applications", "progress"] as const,
  todos: ["applications", "todos"] as const,
};

/** After any write: applications, the home payload (status, to-dos) and messages change together. */
export async function refreshAfterWrite(): Promise<void> {
  await Promise.all([
    queryClient.invalidateQueries({ queryKey: applicationKeys.all }),
    invalidateLists("applications"),
    queryClient.invalidateQueries({ queryKey: ["jmt"] }),
    invalidateLists("messages"),
  ]);
}

export function useKinds() {
  return useQuery({ queryKey: applicationKeys.kinds, queryFn: applicationsApi.kinds, staleTime: 5 * 60_000 });
}

export function useKind(kind: string | undefined) {
  const kinds = useKinds();
  return { ...kinds, kind: kinds.data?.find((k) => k.kind === kind) };
}

/** The merchant's newest application of a kind (one open application per kind and merchant). */
export function useLatestApplication(kind: string) {
  const list = useResourceList<Application>({
    resource: "applications",
    filters: filterOf("kind", "eq", kind),
    page: 1,
    pageSize: 20,
  });
  const rows = list.data?.data;
  const latest = rows
    ? ([...rows].sort((a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt))[0] ?? null)
    : undefined;
  return { ...list, data: latest };
}

export function useApplicationDetail<D = Record<string, unknown>>(id: string | null | undefined) {
  return useQuery({
    queryKey: applicationKeys.detail(id ?? ""),
    queryFn: () => applicationsApi.get<D>(id!),
    enabled: !!id,
  });
}

export function usePrefill<D = Record<string, unknown>>(kind: string, enabled = true) {
  return useQuery({
    queryKey: applicationKeys.prefill(kind),
    queryFn: () => applicationsApi.prefill<D>(kind),
    enabled,
    staleTime: 60_000,
  });
}

export function useGuide(enabled = true) {
  return useQuery({ queryKey: applicationKeys.guide, queryFn: applicationsApi.guide, enabled });
}

export function useProgress() {
  return useQuery({ queryKey: applicationKeys.progress, queryFn: applicationsApi.progress });
}

export function useApplicationTodos() {
  return useQuery({ queryKey: applicationKeys.todos, queryFn: applicationsApi.todos });
}

/** Members (read-only role) see everything but change nothing. */
export function useCanWrite(): { canWrite: boolean; loading: boolean } {
  const { me, query } = useMe();
  return { canWrite: me?.role === "admin", loading: query.isLoading };
}
