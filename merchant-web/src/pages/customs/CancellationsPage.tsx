import {
  ExclamationCircleFilled,
  EyeOutlined,
  PlusOutlined,
  ReloadOutlined,
  SendOutlined,
  StopOutlined,
  SyncOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Card, Empty, Input, Result, Select, Skeleton, Space, Table, Tooltip } from "antd";
import type { ColumnsType } from "antd/es/table";
import { useEffect, useState } from "react";
import { useNavigate, useSearchParams } from "react-router";
import { isWaiting, type CustomsCancellation } from "@jmt/api-types";
import { CustomsStatusTag } from "../../components/customs/CustomsStatusTag";
import { RecordDrawer } from "../../components/customs/RecordDrawer";
import { useCanWrite } from "../../hooks/useApplications";
import { refreshCustoms, useCancellations } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";
import { CANCELLATION_FILTER_STATUSES, statusKey } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { toApiError } from "../../providers/apiError";
import { customsApi } from "../../providers/customsApi";
import { CreateCancellationModal } from "./CreateCancellationModal";
import { CustomsCrumbs, CustomsGate, CustomsHero } from "./CustomsShell";

const actionable = (status: string) => status === "draft" || status === "rejected";

/** C6 撤销申请单: search by 清单编号 (also `?invtNo=` from messages), status, receipts; 申报 and 不再撤销. */
export function CancellationsPage() {
  const t = useT();
  const navigate = useNavigate();
  const { modal, message } = App.useApp();
  const [params, setParams] = useSearchParams();
  const invtNo = params.get("invtNo") ?? "";
  const status = params.get("status") ?? "";
  const page = Math.max(1, Number(params.get("page")) || 1);
  const { canWrite } = useCanWrite();
  const list = useCancellations(invtNo, status, page);
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<string | null>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const [searchText, setSearchText] = useState(invtNo);
  // A link to another 清单编号 (a message, a to-do) while the page is open: the search box follows the address.
  useEffect(() => setSearchText(invtNo), [invtNo]);

  const update = (next: { invtNo?: string; status?: string; page?: number }) => {
    const merged = {
      invtNo,
      status,
      page: String(page),
      ...Object.fromEntries(Object.entries(next).map(([k, v]) => [k, String(v ?? "")])),
    };
    if (next.invtNo !== undefined || next.status !== undefined) merged.page = "1";
    const clean = Object.fromEntries(Object.entries(merged).filter(([k, v]) => v && !(k === "page" && v === "1")));
    setParams(clean, { replace: true });
  };

  const act = async (c: CustomsCancellation, kind: "declare" | "withdraw") => {
    setBusy(`${kind}:${c.id}`);
    try {
      if (kind === "declare") await customsApi.declareCancellation(c.id);
      else await customsApi.withdrawCancellation(c.id);
      message.success(
        t(kind === "declare" ? "customs.cancellations.declared" : "customs.cancellations.withdrawn", {
          invtNo: c.invtNo,
        }),
      );
    } catch (error) {
      message.error(toApiError(error).message);
    } finally {
      setBusy(null);
      await refreshCustoms();
    }
  };

  const confirmWithdraw = (c: CustomsCancellation) =>
    modal.confirm({
      title: t("customs.cancellations.withdrawTitle", { invtNo: c.invtNo }),
      icon: <ExclamationCircleFilled />,
      content: t("customs.cancellations.withdrawDesc"),
      okText: t("customs.cancellations.withdraw"),
      okButtonProps: { danger: true },
      onOk: () => act(c, "withdraw"),
    });

  const columns: ColumnsType<CustomsCancellation> = [
    {
      title: t("customs.field.invtNo"),
      dataIndex: "invtNo",
      render: (v: string) => <span className="jmt-mono">{v}</span>,
    },
    {
      title: t("customs.field.guid"),
      dataIndex: "guid",
      responsive: ["xl"],
      render: (v: string | null) =>
        v ? <span className="jmt-mono jmt-guid">{v}</span> : <span className="jmt-muted">—</span>,
    },
    {
      title: t("customs.field.ebcCode"),
      dataIndex: "ebcCode",
      responsive: ["lg"],
      render: (v: string) => <span className="jmt-mono">{v}</span>,
    },
    { title: t("customs.field.copName"), dataIndex: "copName", responsive: ["lg"] },
    {
      title: t("customs.field.status"),
      key: "status",
      render: (_, c) => <CustomsStatusTag status={c.status} subject="cancellation" label={c.statusLabel} />,
    },
    {
      title: t("customs.field.receipt"),
      key: "receipt",
      responsive: ["md"],
      render: (_, c) =>
        c.returnStatusLabel ? (
          <div className="jmt-return-block">
            <span>{c.returnStatusLabel}</span>
            {c.returnInfo && (
              <span className={`jmt-return-info${c.status === "rejected" ? " is-rejected" : ""}`}>{c.returnInfo}</span>
            )}
          </div>
        ) : isWaiting("cancellation", c.status) ? (
          <span className="jmt-muted">
            <SyncOutlined spin /> {t("customs.cancellations.waiting")}
          </span>
        ) : (
          <span className="jmt-muted">—</span>
        ),
    },
    {
      title: t("customs.field.time"),
      key: "time",
      responsive: ["md"],
      render: (_, c) => <span className="jmt-muted">{formatDateTime(c.returnAt ?? c.declaredAt ?? c.createdAt)}</span>,
    },
    {
      title: t("customs.cancellations.actions"),
      key: "actions",
      fixed: "right",
      render: (_, c) => (
        <Space size={4} wrap onClick={(e) => e.stopPropagation()}>
          <Button
            size="small"
            type="link"
            icon={<EyeOutlined />}
            onClick={() => setOpen(c.id)}
            data-testid="cancel-view"
          >
            {t("customs.cancellations.view")}
          </Button>
          {canWrite && actionable(c.status) && (
            <>
              <Button
                size="small"
                type="primary"
                ghost
                icon={<SendOutlined />}
                loading={busy === `declare:${c.id}`}
                onClick={() => void act(c, "declare")}
                data-testid="cancel-row-declare"
              >
                {t(c.status === "rejected" ? "customs.cancellations.redeclare" : "customs.cancellations.declare")}
              </Button>
              <Button
                size="small"
                danger
                icon={<StopOutlined />}
                loading={busy === `withdraw:${c.id}`}
                onClick={() => confirmWithdraw(c)}
                data-testid="cancel-row-withdraw"
              >
                {t("customs.cancellations.withdraw")}
              </Button>
            </>
          )}
        </Space>
      ),
    },
  ];

  const rows = list.data?.data ?? [];
  const crumbs = [{ label: t("modules.customs.title"), to: "/customs" }, { label: t("customs.cancellations.title") }];
  const live = rows.some((c) => isWaiting("cancellation", c.status));

  return (
    <CustomsGate crumbs={crumbs}>
      <div className="jmt-page" data-testid="customs-cancellations">
        <CustomsCrumbs items={crumbs} />
        <CustomsHero
          title={t("customs.cancellations.title")}
          lead={t("customs.cancellations.lead")}
          tags={
            live && (
              <span className="jmt-live" data-testid="cancellations-live">
                <SyncOutlined spin /> {t("customs.live")}
              </span>
            )
          }
          extra={
            canWrite && (
              <Button
                type="primary"
                size="large"
                icon={<PlusOutlined />}
                onClick={() => setCreating(true)}
                data-testid="create-cancellation"
              >
                {t("customs.cancellations.create")}
              </Button>
            )
          }
        />
        {!canWrite && <Alert type="info" showIcon message={t("customs.readOnly")} data-testid="read-only-note" />}
        <Card className="jmt-panel" data-testid="cancellation-list">
          <div className="jmt-table-toolbar">
            <Input.Search
              allowClear
              value={searchText}
              onChange={(e) => setSearchText(e.target.value)}
              placeholder={t("customs.cancellations.search")}
              onSearch={(v) => update({ invtNo: v.trim() })}
              className="jmt-list-search"
              data-testid="cancel-search"
            />
            <Select
              className="jmt-status-filter"
              value={status}
              onChange={(s: string) => update({ status: s })}
              data-testid="cancel-status"
              options={[
                { value: "", label: t("customs.filter.allStatuses") },
                ...CANCELLATION_FILTER_STATUSES.map((s) => ({ value: s, label: t(statusKey(s, "cancellation")) })),
              ]}
            />
            <span className="jmt-wizard-spacer" />
            <Tooltip title={t("common.reload")}>
              <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()} aria-label={t("common.reload")} />
            </Tooltip>
          </div>
          {list.isLoading ? (
            <Skeleton active paragraph={{ rows: 6 }} />
          ) : list.isError ? (
            <Result
              status="warning"
              title={t("customs.loadFailed")}
              subTitle={list.error?.message}
              extra={
                <Button icon={<ReloadOutlined />} onClick={() => void list.refetch()}>
                  {t("common.reload")}
                </Button>
              }
            />
          ) : (
            <Table<CustomsCancellation>
              rowKey="id"
              size="middle"
              columns={columns}
              dataSource={rows}
              onRow={(c) =>
                ({
                  onClick: () => setOpen(c.id),
                  className: "jmt-clickable-row",
                  "data-testid": "cancellation-row",
                  "data-invt-no": c.invtNo,
                  "data-status": c.status,
                }) as React.HTMLAttributes<HTMLTableRowElement>
              }
              locale={{
                emptyText: (
                  <Empty
                    image={Empty.PRESENTED_IMAGE_SIMPLE}
                    description={
                      invtNo || status ? t("customs.cancellations.noMatch") : t("customs.cancellations.empty")
                    }
                    data-testid="cancellations-empty"
                  >
                    {!invtNo && !status && (
                      <Button onClick={() => navigate("/customs")}>{t("customs.cancellations.backToBatches")}</Button>
                    )}
                  </Empty>
                ),
              }}
              pagination={{
                current: page,
                pageSize: list.data?.meta.pagination.pageSize ?? 10,
                total: list.data?.meta.pagination.total ?? 0,
                onChange: (p) => update({ page: p }),
                showSizeChanger: false,
                hideOnSinglePage: true,
                showTotal: (total) => t("customs.total", { total }),
              }}
              scroll={{ x: "max-content" }}
            />
          )}
        </Card>
        <CreateCancellationModal
          open={creating}
          initialInvtNo={invtNo}
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            setSearchText(c.invtNo);
            update({ invtNo: c.invtNo, status: "" });
          }}
        />
        <RecordDrawer kind={open ? "cancellations" : null} id={open} onClose={() => setOpen(null)} />
      </div>
    </CustomsGate>
  );
}
