import type { ApplicationDetail, KindInfo, StaffTodo } from "@jmt/api-types";
import { useInvalidate, useTranslate } from "@refinedev/core";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useCallback } from "react";
import { countsByKind } from "../../lib/application-query";
import { workflowApi } from "../../providers/data-provider";

export const WORKFLOW_KEYS = {
  kinds: ["workflow", "kinds"] as const,
  todos: ["workflow", "todos"] as const,
  application: (id: string) => ["workflow", "application", id] as const,
};

/** `GET /api/applications/kinds` (labels, states, steps, file slots), cached for the session. */
export const useApplicationKinds = () => {
  const query = useQuery<KindInfo[]>({
    queryKey: WORKFLOW_KEYS.kinds,
    queryFn: () => workflowApi.kinds(),
    staleTime: 10 * 60_000,
  });
  return { kinds: query.data, query };
};

/** The staff review queues (`GET /api/applications/todos`), refreshed every minute. */
export const useStaffTodos = () => {
  const query = useQuery<StaffTodo[]>({
    queryKey: WORKFLOW_KEYS.todos,
    queryFn: () => workflowApi.todos(),
    staleTime: 30_000,
    refetchInterval: 60_000,
  });
  return { todos: query.data, counts: countsByKind(query.data), query };
};

export const useApplicationDetail = (id: string | undefined) =>
  useQuery<ApplicationDetail>({
    queryKey: WORKFLOW_KEYS.application(id ?? ""),
    queryFn: () => workflowApi.get(id as string),
    enabled: Boolean(id),
  });

/** After a transition or an edit: the detail, the queue counts and every application list. */
export const useRefreshWorkflow = () => {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return useCallback(
    async (id?: string) => {
      await Promise.all([
        id ? client.invalidateQueries({ queryKey: WORKFLOW_KEYS.application(id) }) : Promise.resolve(),
        client.invalidateQueries({ queryKey: WORKFLOW_KEYS.todos }),
        invalidate({ resource: "applications", dataProviderName: "workflow", invalidates: ["list"] }),
      ]);
    },
    [client, invalidate],
  );
};

/** Kind label: kinds metadata, else the locale. */
export const useKindLabel = () => {
  const t = useTranslate();
  const { kinds } = useApplicationKinds();
  return useCallback(
    (kind: string | undefined, fromRecord?: string) =>
      kinds?.find((entry) => entry.kind === kind)?.label || fromRecord || (kind ? t(`applications.kinds.${kind}`, kind) : "—"),
    [kinds, t],
  );
};
