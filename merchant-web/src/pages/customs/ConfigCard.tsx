import {
  ApiOutlined,
  CheckCircleFilled,
  CloseCircleFilled,
  ExclamationCircleFilled,
  QuestionCircleFilled,
  ReloadOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Descriptions, Skeleton, Tag } from "antd";
import type { ReactNode } from "react";
import type { CustomsConfig, CustomsConfigStatus } from "@jmt/api-types";
import { useCustomsConfig } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";
import { formatDateTime } from "../../lib/format";

const LOOK: Record<
  CustomsConfigStatus,
  { color: string; icon: ReactNode; alert: "success" | "error" | "warning" | "info" }
> = {
  valid: { color: "success", icon: <CheckCircleFilled />, alert: "success" },
  invalid: { color: "error", icon: <CloseCircleFilled />, alert: "error" },
  unverified: { color: "warning", icon: <ExclamationCircleFilled />, alert: "warning" },
  missing: { color: "default", icon: <QuestionCircleFilled />, alert: "info" },
};

export function ConfigStatusTag({ status }: { status: CustomsConfigStatus }) {
  const t = useT();
  const look = LOOK[status] ?? LOOK.missing;
  return (
    <Tag bordered={false} color={look.color} icon={look.icon} data-testid="config-status" data-status={status}>
      {t(`customs.config.status.${status}`)}
    </Tag>
  );
}

const FIELDS: (keyof CustomsConfig)[] = [
  "dxpId",
  "ebcCode",
  "ebcName",
  "ebpCode",
  "ebpName",
  "agentCode",
  "agentName",
  "customsCode",
  "portCode",
  "appKey",
];

/** C1: the merchant's 点点通 interface config, read only — staff maintain it; the status says whether declarations can leave. */
export function ConfigCard() {
  const t = useT();
  const config = useCustomsConfig();
  const data = config.data;
  const status: CustomsConfigStatus = data?.status ?? "missing";
  const look = LOOK[status] ?? LOOK.missing;

  return (
    <Card
      id="interfaceConfig"
      className="jmt-panel"
      data-testid="config-card"
      title={
        <span className="jmt-panel-title">
          <ApiOutlined /> {t("customs.config.title")}
        </span>
      }
      extra={data && <ConfigStatusTag status={status} />}
    >
      {config.isLoading ? (
        <Skeleton active paragraph={{ rows: 5 }} />
      ) : config.isError || !data ? (
        <Alert
          type="warning"
          showIcon
          message={t("customs.config.loadFailed")}
          description={config.error?.message}
          action={
            <Button size="small" icon={<ReloadOutlined />} onClick={() => void config.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      ) : (
        <>
          <Alert
            type={look.alert}
            showIcon
            className="jmt-config-alert"
            message={t(`customs.config.message.${status}`)}
            description={
              status === "invalid" || status === "unverified"
                ? (data.verifyErrors ?? []).length > 0 && (
                    <ul className="jmt-config-errors" data-testid="config-errors">
                      {(data.verifyErrors ?? []).map((e, i) => (
                        <li key={`${e.field}-${i}`}>
                          {e.field ? (
                            <strong>{t(`customs.config.field.${e.field}`, undefined, e.field)}：</strong>
                          ) : null}
                          {e.message}
                        </li>
                      ))}
                    </ul>
                  )
                : undefined
            }
          />
          {status !== "missing" && (
            <Descriptions size="small" column={1} className="jmt-config-fields" colon={false}>
              {FIELDS.map((f) => {
                const value = data[f];
                return (
                  <Descriptions.Item key={f} label={t(`customs.config.field.${f}`)}>
                    {typeof value === "string" && value ? (
                      value
                    ) : (
                      <span className="jmt-muted">{t("customs.config.notSet")}</span>
                    )}
                  </Descriptions.Item>
                );
              })}
              <Descriptions.Item label={t("customs.config.field.appSecret")}>
                {data.hasSecret ? (
                  t("customs.config.secretSet")
                ) : (
                  <span className="jmt-muted">{t("customs.config.notSet")}</span>
                )}
              </Descriptions.Item>
              {data.verifiedAt && (
                <Descriptions.Item label={t("customs.config.verifiedAt")}>
                  {formatDateTime(data.verifiedAt)}
                </Descriptions.Item>
              )}
            </Descriptions>
          )}
          <p className="jmt-config-note">{t("customs.config.staffNote")}</p>
        </>
      )}
    </Card>
  );
}
