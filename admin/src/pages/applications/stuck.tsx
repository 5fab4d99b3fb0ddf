import { RefreshButton } from "../../components/common/RefreshButton";
import { FieldTimeOutlined } from "@ant-design/icons";
import type { Application } from "@jmt/api-types";
import { getDefaultFilter, List, useTable } from "@refinedev/antd";
import { useTranslate, type HttpError } from "@refinedev/core";
import { Alert, Card, Flex, Segmented, Select, Space, Typography } from "antd";
import { STAFF_KINDS } from "../../lib/application-kinds";
import { useKindLabel } from "./hooks";
import { ApplicationTable } from "./queue";

export const STUCK_DAY_OPTIONS = [1, 3, 7] as const;

/** 滞留件: applications waiting on the platform for more than N days (1 / 3 / 7), longest wait first. */
export const StuckApplications = () => {
  const t = useTranslate();
  const kindLabel = useKindLabel();
  const { tableProps, filters, setFilters, tableQuery } = useTable<Application, HttpError>({
    resource: "applications",
    dataProviderName: "workflow",
    pagination: { pageSize: 50 },
    sorters: { mode: "off" },
    // stuckDays already means "waiting on the platform for more than N days".
    filters: { initial: [{ field: "stuckDays", operator: "eq", value: 3 }] },
    syncWithLocation: true,
  });
  const days = Number(getDefaultFilter("stuckDays", filters, "eq") ?? 3);
  const kind = getDefaultFilter("kind", filters, "eq") as string | undefined;
  const total = tableQuery.data?.total ?? 0;

  const update = (next: { stuckDays?: number; kind?: string | null }) =>
    setFilters(
      [
        { field: "stuckDays", operator: "eq", value: next.stuckDays ?? days },
        { field: "kind", operator: "eq", value: next.kind === undefined ? kind : (next.kind ?? undefined) },
      ],
      "replace",
    );

  return (
    <List
      title={t("applications.titles.stuck")}
      headerProps={{ subTitle: <span className="hide-on-mobile">{t("applications.stuck.subtitle")}</span> }}
      headerButtons={() => <RefreshButton query={tableQuery} />}
    >
      <Card className="filter-card filter-card--inline" variant="borderless">
        <Flex wrap gap={24} align="center">
          <Space size={10}>
            <Typography.Text type="secondary">
              <FieldTimeOutlined /> {t("applications.stuck.threshold")}
            </Typography.Text>
            <Segmented<number>
              value={days}
              onChange={(value) => update({ stuckDays: value })}
              options={STUCK_DAY_OPTIONS.map((value) => ({ value, label: t("applications.stuck.days", { days: value }) }))}
              data-testid="stuck-days"
            />
          </Space>
          <Space size={10}>
            <Typography.Text type="secondary">{t("applications.fields.kind")}</Typography.Text>
            <Select
              allowClear
              style={{ width: 200 }}
              placeholder={t("applications.filters.allKinds")}
              value={kind}
              onChange={(value?: string) => update({ kind: value ?? null })}
              options={STAFF_KINDS.map((key) => ({ value: key, label: kindLabel(key) }))}
            />
          </Space>
        </Flex>
      </Card>
      {total > 0 && <Alert className="stuck-alert" type="warning" showIcon message={t("applications.stuck.summary", { total, days })} />}
      <ApplicationTable
        tableProps={tableProps}
        total={total}
        platformStates={() => true}
        showKind
        sortableWaiting
        showSubmitted={false}
        testId="stuck-table"
        emptyText={t("applications.stuck.empty", { days })}
      />
    </List>
  );
};
