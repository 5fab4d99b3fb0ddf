import { BellOutlined, DeleteOutlined, EditOutlined, PlusOutlined, ReloadOutlined } from "@ant-design/icons";
import {
  Alert,
  App,
  Button,
  Card,
  Empty,
  Form,
  Input,
  Modal,
  Popconfirm,
  Radio,
  Result,
  Select,
  Skeleton,
  Switch,
  Tag,
  Tooltip,
} from "antd";
import { useEffect, useState } from "react";
import {
  FX_CURRENCIES,
  formatAmount,
  type FxAlert,
  type FxAlertDirection,
  type FxCurrency,
  type FxRate,
} from "@jmt/api-types";
import { fxKeys, useFxAlerts, useFxRates } from "../../hooks/useFx";
import { formFieldRule, fx as fxContract } from "@jmt/contracts";
import { useT } from "../../i18n/useT";
import { fieldErrorsOf, formFieldErrors } from "../../lib/formErrors";
import { RATE_PLACES, isPositiveDecimal, normalizeDecimal, rateScale, rateSide } from "../../lib/fx";
import { formatDateTime } from "../../lib/format";
import { toApiError } from "../../providers/apiError";
import { fxApi } from "../../providers/fxApi";
import { queryClient } from "../../providers/queryClient";

/** The server keeps at most this many alerts per merchant. */
const MAX_ALERTS = 20;

interface AlertValues {
  currency: FxCurrency;
  direction: FxAlertDirection;
  threshold: string;
}

const refreshAlerts = () => queryClient.invalidateQueries({ queryKey: fxKeys.alerts });

/** "当前高于阈值" / "当前低于阈值" / "当前等于阈值" for the current rate against a threshold. */
const { alertInput } = fxContract;

function SideNote({ current, threshold }: { current: string | null | undefined; threshold: string }) {
  const t = useT();
  const side = isPositiveDecimal(threshold, rateScale(current)) ? rateSide(current, threshold) : null;
  if (!side) return null;
  return (
    <span className={`jmt-alert-side is-${side}`} data-testid="alert-side" data-side={side}>
      {t(`fx.alerts.side.${side}`)}
    </span>
  );
}

/** 新增 / 编辑预警: currency, 高于 / 低于, threshold (4 decimals), with the current rate to aim from. */
function AlertFormModal({
  open,
  editing,
  rates,
  defaultCurrency,
  onClose,
}: {
  open: boolean;
  editing: FxAlert | null;
  rates: FxRate[];
  defaultCurrency: FxCurrency;
  onClose: () => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [form] = Form.useForm<AlertValues>();
  const [busy, setBusy] = useState(false);
  const [serverError, setServerError] = useState<string | null>(null);
  const currency = Form.useWatch("currency", form) ?? editing?.currency ?? defaultCurrency;
  const threshold = Form.useWatch("threshold", form) ?? "";
  const rate = rates.find((r) => r.currency === currency);
  const scale = rateScale(rate?.rate);

  useEffect(() => {
    if (!open) return;
    setServerError(null);
    form.resetFields();
    const start = editing?.currency ?? defaultCurrency;
    form.setFieldsValue(
      editing
        ? { currency: editing.currency, direction: editing.direction, threshold: editing.threshold }
        : { currency: start, direction: "above", threshold: rates.find((r) => r.currency === start)?.rate ?? "" },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only when the dialog opens: later rate refreshes must not overwrite what the person typed
  }, [open, editing]);

  const submit = async () => {
    let values: AlertValues;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setBusy(true);
    setServerError(null);
    try {
      const thresholdValue = normalizeDecimal(values.threshold);
      if (editing) {
        await fxApi.updateAlert(editing.id, { direction: values.direction, threshold: thresholdValue });
        message.success(t("fx.alerts.updated"));
      } else {
        await fxApi.createAlert({ currency: values.currency, direction: values.direction, threshold: thresholdValue });
        message.success(t("fx.alerts.created"));
      }
      await refreshAlerts();
      onClose();
    } catch (error) {
      const e = toApiError(error);
      const { fields, other } = formFieldErrors(fieldErrorsOf(e.details), ["currency", "direction", "threshold"]);
      if (fields.length) form.setFields(fields.map((f) => ({ name: f.name as keyof AlertValues, errors: f.errors })));
      setServerError(other.length ? other.join("；") : fields.length ? null : e.message);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      open={open}
      title={editing ? t("fx.alerts.editTitle") : t("fx.alerts.createTitle")}
      okText={editing ? t("common.save") : t("fx.alerts.createOk")}
      cancelText={t("common.cancel")}
      confirmLoading={busy}
      onOk={() => void submit()}
      onCancel={onClose}
      okButtonProps={{ "data-testid": "alert-submit" } as Record<string, string>}
      forceRender
    >
      {serverError && <Alert type="error" showIcon message={serverError} className="jmt-step-alert" />}
      <Form<AlertValues> form={form} layout="vertical" requiredMark={false} data-testid="alert-form">
        <Form.Item name="currency" label={t("fx.alerts.currency")} rules={[{ required: true }]}>
          <Select
            disabled={!!editing}
            data-testid="alert-currency"
            onChange={(c: FxCurrency) => {
              const r = rates.find((x) => x.currency === c);
              if (r) form.setFieldsValue({ threshold: r.rate });
            }}
            options={FX_CURRENCIES.map((c) => {
              const r = rates.find((x) => x.currency === c);
              return { value: c, label: `${r?.name ?? t(`fx.currency.${c}`)} ${r?.pair ?? `${c}/CNY`}` };
            })}
          />
        </Form.Item>
        <Form.Item name="direction" label={t("fx.alerts.direction")} rules={[{ required: true }]}>
          <Radio.Group optionType="button" buttonStyle="solid" data-testid="alert-direction">
            <Radio.Button value="above">{t("fx.alerts.direction_above")}</Radio.Button>
            <Radio.Button value="below">{t("fx.alerts.direction_below")}</Radio.Button>
          </Radio.Group>
        </Form.Item>
        <Form.Item
          name="threshold"
          label={t("fx.alerts.threshold")}
          normalize={(v: string) => normalizeDecimal(v)}
          validateFirst
          rules={[
            { required: true, message: t("fx.alerts.thresholdRequired") },
            // The server's rule (the scale of the chosen currency), in this screen's words.
            formFieldRule(alertInput, "threshold", () => ({ ...form.getFieldsValue(), currency }), {
              message: t("fx.alerts.thresholdInvalid", { scale: fxContract.RATE_SCALES[currency] ?? scale }),
            }),
          ]}
          extra={
            rate ? (
              <span data-testid="alert-current">
                {t("fx.alerts.currentRate", {
                  rate: formatAmount(rate.rate, RATE_PLACES),
                  date: rate.date,
                })}{" "}
                <SideNote current={rate.rate} threshold={threshold} />
              </span>
            ) : undefined
          }
        >
          <Input inputMode="decimal" maxLength={16} suffix={rate?.pair} data-testid="alert-threshold" />
        </Form.Item>
        <div className="jmt-muted jmt-alert-explain">{t("fx.alerts.explain")}</div>
      </Form>
    </Modal>
  );
}

/** X1 汇率预警: the merchant's thresholds; one message + WeChat push each time a rate crosses one. */
export function RateAlerts({ canWrite, currency }: { canWrite: boolean; currency: FxCurrency }) {
  const t = useT();
  const { message } = App.useApp();
  const alerts = useFxAlerts();
  const rates = useFxRates();
  const [editing, setEditing] = useState<FxAlert | null>(null);
  const [creating, setCreating] = useState(false);
  const [busy, setBusy] = useState<string | null>(null);
  const list = alerts.data ?? [];
  const rateList = rates.data?.data ?? [];
  const full = list.length >= MAX_ALERTS;

  const act = async (key: string, run: () => Promise<unknown>, done: string) => {
    setBusy(key);
    try {
      await run();
      message.success(done);
      await refreshAlerts();
    } catch (error) {
      message.error(toApiError(error).message);
    } finally {
      setBusy(null);
    }
  };

  const createButton = canWrite && (
    <Tooltip title={full ? t("fx.alerts.full", { max: MAX_ALERTS }) : undefined}>
      <Button
        size="small"
        type="primary"
        ghost
        icon={<PlusOutlined />}
        disabled={full}
        onClick={() => setCreating(true)}
        data-testid="alert-create"
      >
        {t("fx.alerts.create")}
      </Button>
    </Tooltip>
  );

  return (
    <Card
      id="alerts"
      className="jmt-panel jmt-scroll-target"
      data-testid="rate-alerts"
      title={
        <span className="jmt-panel-title">
          <BellOutlined /> {t("fx.alerts.title")}
        </span>
      }
      extra={list.length > 0 ? createButton : undefined}
    >
      {alerts.isLoading ? (
        <Skeleton active paragraph={{ rows: 4 }} />
      ) : alerts.isError ? (
        <Result
          status="warning"
          title={t("fx.alerts.loadFailed")}
          subTitle={alerts.error?.message}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void alerts.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      ) : list.length === 0 ? (
        <Empty
          image={Empty.PRESENTED_IMAGE_SIMPLE}
          data-testid="alerts-empty"
          description={
            <div>
              <div className="jmt-empty-title">{t("fx.alerts.emptyTitle")}</div>
              <div className="jmt-muted">{t("fx.alerts.emptyDesc")}</div>
            </div>
          }
        >
          {createButton}
        </Empty>
      ) : (
        <ul className="jmt-alert-list">
          {list.map((a) => {
            const r = rateList.find((x) => x.currency === a.currency);
            return (
              <li
                key={a.id}
                className={`jmt-alert-item${a.active ? "" : " is-paused"}`}
                data-testid="alert-item"
                data-id={a.id}
                data-currency={a.currency}
                data-direction={a.direction}
                data-threshold={a.threshold}
                data-active={String(a.active)}
              >
                <div className="jmt-alert-main">
                  <div className="jmt-alert-title">
                    <strong>{r?.name ?? t(`fx.currency.${a.currency}`)}</strong>
                    <Tag bordered={false} color={a.direction === "above" ? "red" : "green"}>
                      {t(`fx.alerts.direction_${a.direction}`)} {formatAmount(a.threshold, RATE_PLACES)}
                    </Tag>
                  </div>
                  <div className="jmt-alert-sub">
                    <span>
                      {t("fx.alerts.current")} {a.currentRate ? formatAmount(a.currentRate, RATE_PLACES) : "—"}
                    </span>
                    <SideNote current={a.currentRate} threshold={a.threshold} />
                  </div>
                  {a.triggeredAt && (
                    <div className="jmt-alert-sub jmt-muted">
                      {t("fx.alerts.triggeredAt", { time: formatDateTime(a.triggeredAt) })}
                    </div>
                  )}
                </div>
                <div className="jmt-alert-actions">
                  {canWrite ? (
                    <>
                      <Tooltip title={a.active ? t("fx.alerts.pause") : t("fx.alerts.resume")}>
                        <Switch
                          size="small"
                          checked={a.active}
                          loading={busy === `active:${a.id}`}
                          onChange={(active) =>
                            void act(
                              `active:${a.id}`,
                              () => fxApi.updateAlert(a.id, { active }),
                              active ? t("fx.alerts.resumed") : t("fx.alerts.paused"),
                            )
                          }
                          data-testid="alert-active"
                        />
                      </Tooltip>
                      <Tooltip title={t("common.edit")}>
                        <Button
                          type="text"
                          size="small"
                          icon={<EditOutlined />}
                          aria-label={t("common.edit")}
                          onClick={() => setEditing(a)}
                          data-testid="alert-edit"
                        />
                      </Tooltip>
                      <Popconfirm
                        title={t("fx.alerts.deleteConfirm")}
                        okText={t("common.delete")}
                        cancelText={t("common.cancel")}
                        okButtonProps={{ danger: true }}
                        onConfirm={() => act(`delete:${a.id}`, () => fxApi.deleteAlert(a.id), t("fx.alerts.deleted"))}
                      >
                        <Button
                          type="text"
                          size="small"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t("common.delete")}
                          loading={busy === `delete:${a.id}`}
                          data-testid="alert-delete"
                        />
                      </Popconfirm>
                    </>
                  ) : (
                    <Tag bordered={false} color={a.active ? "purple" : "default"}>
                      {a.active ? t("fx.alerts.on") : t("fx.alerts.off")}
                    </Tag>
                  )}
                </div>
              </li>
            );
          })}
        </ul>
      )}
      {canWrite && (
        <AlertFormModal
          open={creating || !!editing}
          editing={editing}
          rates={rateList}
          defaultCurrency={currency}
          onClose={() => {
            setCreating(false);
            setEditing(null);
          }}
        />
      )}
    </Card>
  );
}
