import { ReloadOutlined } from "@ant-design/icons";
import { useTranslate } from "@refinedev/core";
import { Button } from "antd";

/** The 刷新 button of list pages: spins while a refetch runs, not during the first load (the table shows its own skeleton). */
export function RefreshButton({ query, onRefresh }: { query: { isFetching: boolean; isLoading: boolean; refetch: () => unknown }; onRefresh?: () => void }) {
  const t = useTranslate();
  return (
    <Button icon={<ReloadOutlined />} onClick={onRefresh ?? (() => void query.refetch())} loading={query.isFetching && !query.isLoading}>
      {t("buttons.refresh")}
    </Button>
  );
}
