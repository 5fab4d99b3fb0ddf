import { useTranslate } from "@refinedev/core";
import { Empty, Switch, Table, Tag, Typography } from "antd";
import { useMemo, useState } from "react";
import { diffJson, formatValue, type DiffKind, type DiffRow } from "../../lib/json-diff";

const KIND_COLOR: Record<Exclude<DiffKind, "unchanged">, string> = {
  added: "green",
  removed: "red",
  changed: "gold",
};

const Value = ({ value, kind, side }: { value: unknown; kind: DiffKind; side: "before" | "after" }) => {
  const t = useTranslate();
  if (value === undefined || value === null || value === "") {
    return <Typography.Text type="secondary">{t("auditLogs.diff.empty")}</Typography.Text>;
  }
  const className = kind === "unchanged" ? undefined : `diff-value diff-value--${side}`;
  return (
    <Typography.Text className={className} style={{ wordBreak: "break-all" }}>
      {formatValue(value)}
    </Typography.Text>
  );
};

/** Before/after of an audit record, field by field, changed fields highlighted. */
export const JsonDiff = ({ before, after }: { before: unknown; after: unknown }) => {
  const t = useTranslate();
  const rows = useMemo(() => diffJson(before, after), [before, after]);
  const [onlyChanged, setOnlyChanged] = useState(true);

  if (rows.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("auditLogs.diff.noData")} />;
  }
  const visible = onlyChanged ? rows.filter((row) => row.kind !== "unchanged") : rows;

  return (
    <div className="json-diff" data-testid="json-diff">
      <div className="json-diff__bar">
        <Typography.Text strong>{t("auditLogs.diff.title")}</Typography.Text>
        <label className="json-diff__toggle">
          <Switch size="small" checked={onlyChanged} onChange={setOnlyChanged} />
          <span>{t("auditLogs.diff.onlyChanged")}</span>
        </label>
      </div>
      <Table<DiffRow>
        size="small"
        rowKey="path"
        dataSource={visible}
        pagination={false}
        scroll={{ x: 560 }}
        locale={{ emptyText: t("auditLogs.diff.noChanges") }}
        rowClassName={(row) => `diff-row diff-row--${row.kind}`}
        columns={[
          {
            title: t("auditLogs.diff.field"),
            dataIndex: "path",
            width: 200,
            render: (path: string, row) => (
              <span className="diff-path">
                <Typography.Text code>{path}</Typography.Text>
                {row.kind !== "unchanged" && (
                  <Tag color={KIND_COLOR[row.kind]} bordered={false}>
                    {t(`auditLogs.diff.${row.kind}`)}
                  </Tag>
                )}
              </span>
            ),
          },
          {
            title: t("auditLogs.diff.before"),
            dataIndex: "before",
            render: (value: unknown, row) => <Value value={value} kind={row.kind} side="before" />,
          },
          {
            title: t("auditLogs.diff.after"),
            dataIndex: "after",
            render: (value: unknown, row) => <Value value={value} kind={row.kind} side="after" />,
          },
        ]}
      />
    </div>
  );
};
