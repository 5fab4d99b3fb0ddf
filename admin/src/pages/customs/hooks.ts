import type { ApiHttpError } from "@jmt/strapi-provider";
import { useInvalidate, useTranslate } from "@refinedev/core";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { App as AntdApp } from "antd";
import { customsApi } from "../../providers/data-provider";

export const CUSTOMS_KEYS = {
  all: ["customs"] as const,
  batch: (id: string) => ["customs", "batch", id] as const,
  record: (kind: string, id: string) => ["customs", "record", kind, id] as const,
  configs: ["customs", "configs"] as const,
  config: (merchant: string) => ["customs", "configs", merchant] as const,
  hints: ["customs", "hints"] as const,
};

/** Everything customs on screen: the react-query keys and the "customs" data provider's tables. */
export const useRefreshCustoms = () => {
  const client = useQueryClient();
  const invalidate = useInvalidate();
  return async () => {
    await Promise.all([
      client.invalidateQueries({ queryKey: CUSTOMS_KEYS.all }),
      invalidate({ dataProviderName: "customs", resource: "customs-board", invalidates: ["list"] }),
      invalidate({ dataProviderName: "customs", resource: "customs-orders", invalidates: ["list"] }),
      invalidate({ dataProviderName: "customs", resource: "customs-inventories", invalidates: ["list"] }),
    ]);
  };
};

/** 立即获取回执: polls 点点通 now, says how many receipts came in, then refreshes what is on screen. */
export const usePollReceipts = () => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const refresh = useRefreshCustoms();
  return useMutation<number, ApiHttpError>({
    mutationFn: () => customsApi.pollReceipts(),
    onSuccess: async (applied) => {
      if (applied > 0) message.success(t("customs.board.polled", { applied }));
      else message.info(t("customs.board.polledNone"));
      await refresh();
    },
    onError: (error) => notification.error({ message: t("customs.board.pollFailed"), description: error.message }),
  });
};
