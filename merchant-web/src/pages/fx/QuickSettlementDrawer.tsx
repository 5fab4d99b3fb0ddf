import { EditOutlined, InfoCircleOutlined, SendOutlined, UndoOutlined } from "@ant-design/icons";
import { Alert, App, Button, DatePicker, Descriptions, Drawer, Form, Input, Space, Tag } from "antd";
import dayjs, { type Dayjs } from "dayjs";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import {
  FX_EVIDENCE_CATEGORIES,
  decimalCompare,
  formatAmount,
  type FxAccount,
  type FxEvidenceCategory,
  type FxProfile,
  type FxRate,
  type SettlementInput,
  type SettlementListItem,
} from "@jmt/api-types";
import { fieldRule, firstProblem, fx as fxContract } from "@jmt/contracts";
import { FileSlotUpload } from "../../components/applications/FileSlotUpload";
import { refreshFx } from "../../hooks/useFx";
import { useT } from "../../i18n/useT";
import {
  FX_PROFILE_FIELDS,
  RATE_PLACES,
  evidenceList,
  multiplyDecimal,
  normalizeDecimal,
  settlementErrorView,
  type SettlementErrorView,
} from "../../lib/fx";
import { formatDateTime } from "../../lib/format";
import { toApiError } from "../../providers/apiError";
import { fxApi } from "../../providers/fxApi";
import { useMissingLabel } from "./AccountCard";

interface Values {
  amount: string;
  date: Dayjs;
  rate: string;
  note?: string;
  evidence: Partial<Record<FxEvidenceCategory, string>>;
}

/** The server's rules for a settlement request (@jmt/contracts); the wording of the form stays this app's. */
const { settlementInput } = fxContract;
const accepts = (schema: Parameters<typeof firstProblem>[0], value: unknown) => firstProblem(schema, value) === null;
/** Settlement dates reach the cms's window back (30 days) and, per the contract, not into the future. */
const earliestDate = () => dayjs().subtract(fxContract.SETTLEMENT_DATE_WINDOW_DAYS, "day").startOf("day");

/** The read-only 我的 fields a settlement quotes, with the way to change them. */
function ProfileBox({ profile, onLeave }: { profile: FxProfile; onLeave: () => void }) {
  const t = useT();
  return (
    <div className="jmt-hints-box jmt-fx-profile" data-testid="settle-profile">
      <div className="jmt-hints-head">{t("fx.quick.profileTitle")}</div>
      <Descriptions column={1} size="small" colon={false} className="jmt-fx-profile-list">
        {FX_PROFILE_FIELDS.map((f) => (
          <Descriptions.Item key={f} label={t(`fx.profile.${f}`)}>
            {profile[f] ? (
              <span className="jmt-mono" data-testid={`settle-profile-${f}`}>
                {profile[f]}
              </span>
            ) : (
              <Tag color="error" bordered={false}>
                {t("common.notFilled")}
              </Tag>
            )}
          </Descriptions.Item>
        ))}
      </Descriptions>
      <Link to="/me" onClick={onLeave} data-testid="settle-profile-edit">
        <EditOutlined /> {t("fx.quick.editProfile")}
      </Link>
    </div>
  );
}

/**
 * X3 快速结汇: USD amount (balance and 可用余额 alongside; never more than available), date, rate prefilled from the
 * latest USD rate and editable, the three evidence files, a note; the 我的 fields quoted read-only. The server
 * re-checks everything and freezes the amount (结汇中金额) when it accepts.
 */
export function QuickSettlementDrawer({
  open,
  account,
  usdRate,
  onClose,
  onSubmitted,
}: {
  open: boolean;
  account: FxAccount | undefined;
  usdRate: FxRate | undefined;
  onClose: () => void;
  onSubmitted: (settlement: Pick<SettlementListItem, "id" | "number" | "status">) => void;
}) {
  const t = useT();
  const { message, modal } = App.useApp();
  const missingLabel = useMissingLabel();
  const [form] = Form.useForm<Values>();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<SettlementErrorView | null>(null);
  const amount = normalizeDecimal(Form.useWatch("amount", form));
  const rate = normalizeDecimal(Form.useWatch("rate", form));
  const estimate =
    accepts(settlementInput.shape.amount, amount) && accepts(settlementInput.shape.rate, rate)
      ? multiplyDecimal(amount, rate, 2)
      : null;
  const available = account?.available ?? "0";

  // The reference rate arrives after the drawer may have opened: prefill it unless the person typed one.
  useEffect(() => {
    if (open && usdRate && !form.isFieldTouched("rate") && !form.getFieldValue("rate"))
      form.setFieldsValue({ rate: usdRate.rate });
  }, [open, usdRate, form]);

  useEffect(() => {
    if (open) setProblem(null);
  }, [open]);

  const send = async (values: Values, evidence: string[]) => {
    setBusy(true);
    setProblem(null);
    try {
      const input: SettlementInput = {
        amount: normalizeDecimal(values.amount),
        date: values.date.format("YYYY-MM-DD"),
        rate: normalizeDecimal(values.rate),
        evidence,
        ...(values.note?.trim() ? { note: values.note.trim() } : {}),
      };
      const created = await fxApi.createSettlement(input);
      message.success(t("fx.quick.submitted", { number: created.number, amount: formatAmount(input.amount) }));
      await refreshFx();
      form.resetFields();
      onSubmitted(created);
    } catch (error) {
      const view = settlementErrorView(toApiError(error), {
        insufficient: (avail) => t("fx.quick.insufficient", { available: avail }),
        fixFields: t("fx.quick.fixFields"),
      });
      if (view.fields.length)
        form.setFields(view.fields.map((f) => ({ name: f.name as keyof Values, errors: f.errors })));
      setProblem(view);
      // The account moved under us (another settlement, a balance upload): show the current numbers.
      if (view.available !== null || view.missing.length) void refreshFx();
    } finally {
      setBusy(false);
    }
  };

  const submit = async () => {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    const evidence = evidenceList(values.evidence ?? {});
    if (!evidence) return;
    const amountText = formatAmount(normalizeDecimal(values.amount));
    const rateText = formatAmount(normalizeDecimal(values.rate), RATE_PLACES);
    modal.confirm({
      title: t("fx.quick.confirmTitle"),
      icon: <InfoCircleOutlined />,
      content: (
        <div className="jmt-fx-confirm" data-testid="settle-confirm">
          <p>{t("fx.quick.confirmAmount", { amount: amountText, rate: rateText })}</p>
          {estimate && <p>{t("fx.quick.confirmEstimate", { cny: formatAmount(estimate) })}</p>}
          <p className="jmt-muted">{t("fx.quick.confirmFreeze", { amount: amountText })}</p>
        </div>
      ),
      okText: t("fx.quick.confirmOk"),
      cancelText: t("common.cancel"),
      onOk: () => send(values, evidence),
    });
  };

  const rateChanged = usdRate && accepts(settlementInput.shape.rate, rate) && decimalCompare(rate, usdRate.rate) !== 0;

  return (
    <Drawer
      open={open}
      onClose={onClose}
      width="min(1000px, 100vw)"
      title={t("fx.quick.title")}
      rootClassName="jmt-batch-drawer"
      footer={
        <div className="jmt-drawer-footer">
          <span className="jmt-muted">{t("fx.quick.footerHint")}</span>
          <Space>
            <Button onClick={onClose}>{t("common.cancel")}</Button>
            <Button
              type="primary"
              icon={<SendOutlined />}
              loading={busy}
              onClick={() => void submit()}
              data-testid="settle-submit"
            >
              {t("fx.quick.submit")}
            </Button>
          </Space>
        </div>
      }
    >
      <div className="jmt-drawer-columns" data-testid="settle-form">
        <div className="jmt-drawer-main">
          {problem && (
            <Alert
              className="jmt-step-alert"
              type="error"
              showIcon
              data-testid="settle-error"
              message={problem.alert}
              description={
                problem.missing.length > 0 ? (
                  <span>
                    {t("fx.account.profileMissing", { fields: missingLabel(problem.missing) })}{" "}
                    <Link to="/me" onClick={onClose}>
                      {t("fx.account.goFillIn")}
                    </Link>
                  </span>
                ) : undefined
              }
            />
          )}
          <Form<Values>
            form={form}
            layout="vertical"
            requiredMark="optional"
            initialValues={{ date: dayjs(), rate: usdRate?.rate ?? "", evidence: {} }}
          >
            <div className="jmt-form-section">{t("fx.quick.sectionAmount")}</div>
            <Form.Item
              name="amount"
              label={t("fx.quick.amount")}
              normalize={(v: string) => normalizeDecimal(v)}
              validateFirst
              rules={[
                { required: true, message: t("fx.quick.amountRequired") },
                fieldRule(settlementInput.shape.amount, { message: t("fx.quick.amountInvalid") }),
                {
                  // Only the screen knows the balance it shows; the server checks it again.
                  validator: async (_: unknown, v: string) => {
                    if (!v) return;
                    if (decimalCompare(v, available) > 0)
                      throw new Error(t("fx.quick.amountTooLarge", { available: formatAmount(available) }));
                  },
                },
              ]}
              extra={
                <div className="jmt-fx-amount-extra" data-testid="settle-balances">
                  <span>
                    {t("fx.account.balance")} <strong>$ {formatAmount(account?.balance)}</strong>
                  </span>
                  <span>
                    {t("fx.account.available")}{" "}
                    <strong data-testid="settle-available">$ {formatAmount(available)}</strong>
                  </span>
                  <Button
                    type="link"
                    size="small"
                    disabled={decimalCompare(available, "0") <= 0}
                    onClick={() => form.setFields([{ name: "amount", value: available, errors: [] }])}
                    data-testid="settle-all"
                  >
                    {t("fx.quick.settleAll")}
                  </Button>
                  <div className="jmt-muted">{t("fx.quick.amountHint")}</div>
                </div>
              }
            >
              <Input
                size="large"
                inputMode="decimal"
                prefix="$"
                suffix="USD"
                maxLength={16}
                placeholder="0.00"
                data-testid="settle-amount"
              />
            </Form.Item>
            <div className="jmt-grid-2">
              <Form.Item
                name="date"
                label={t("fx.quick.date")}
                rules={[{ required: true, message: t("fx.quick.dateRequired") }]}
                extra={t("fx.quick.dateHint")}
              >
                <DatePicker
                  className="jmt-full-width"
                  allowClear={false}
                  disabledDate={(d) => d.isAfter(dayjs().endOf("day")) || d.isBefore(earliestDate())}
                  data-testid="settle-date"
                />
              </Form.Item>
              <Form.Item
                name="rate"
                label={t("fx.quick.rate")}
                normalize={(v: string) => normalizeDecimal(v)}
                validateFirst
                rules={[
                  { required: true, message: t("fx.quick.rateRequired") },
                  fieldRule(settlementInput.shape.rate, { message: t("fx.quick.rateInvalid") }),
                ]}
                extra={
                  usdRate ? (
                    <span data-testid="settle-rate-ref">
                      {t("fx.quick.rateRef", {
                        rate: formatAmount(usdRate.rate, RATE_PLACES),
                        date: usdRate.date,
                        source: usdRate.sourceLabel,
                      })}
                      {usdRate.stale && (
                        <Tag color="warning" bordered={false} className="jmt-inline-tag">
                          {t("fx.rates.stale")}
                        </Tag>
                      )}
                      {rateChanged && (
                        <Button
                          type="link"
                          size="small"
                          icon={<UndoOutlined />}
                          onClick={() => form.setFields([{ name: "rate", value: usdRate.rate, errors: [] }])}
                        >
                          {t("fx.quick.useRef")}
                        </Button>
                      )}
                    </span>
                  ) : (
                    t("fx.quick.rateNoRef")
                  )
                }
              >
                <Input inputMode="decimal" maxLength={12} suffix="CNY / USD" data-testid="settle-rate" />
              </Form.Item>
            </div>
            <div className="jmt-fx-estimate" data-testid="settle-estimate" data-value={estimate ?? ""}>
              <span>{t("fx.quick.estimate")}</span>
              <strong>{estimate ? `¥ ${formatAmount(estimate)}` : "—"}</strong>
              <span className="jmt-muted">{t("fx.quick.estimateHint")}</span>
            </div>

            <div className="jmt-form-section">{t("fx.quick.sectionEvidence")}</div>
            <p className="jmt-step-lead jmt-muted">{t("fx.quick.evidenceLead")}</p>
            {problem && problem.evidence.length > 0 && (
              <Alert className="jmt-step-alert" type="error" showIcon message={problem.evidence.join("；")} />
            )}
            <div className="jmt-fx-slots">
              {FX_EVIDENCE_CATEGORIES.map((category) => (
                <Form.Item
                  key={category}
                  name={["evidence", category]}
                  className="jmt-slot-item"
                  rules={[
                    {
                      required: true,
                      message: t("fx.quick.evidenceRequired", { label: t(`fx.evidence.${category}`) }),
                    },
                  ]}
                >
                  <FileSlotUpload
                    slot={{
                      key: category,
                      label: t(`fx.evidence.${category}`),
                      required: true,
                      hint: t(`fx.evidenceHint.${category}`),
                    }}
                  />
                </Form.Item>
              ))}
            </div>

            <div className="jmt-form-section">{t("fx.quick.sectionNote")}</div>
            <Form.Item name="note" rules={[fieldRule(settlementInput.shape.note)]}>
              <Input.TextArea
                autoSize={{ minRows: 2, maxRows: 5 }}
                maxLength={500}
                showCount
                placeholder={t("fx.quick.notePlaceholder")}
                data-testid="settle-note"
              />
            </Form.Item>
          </Form>
        </div>
        <aside className="jmt-drawer-aside">
          {account && <ProfileBox profile={account.profile} onLeave={onClose} />}
          <div className="jmt-hints-box">
            <div className="jmt-hints-head">{t("fx.quick.howTitle")}</div>
            <ol className="jmt-fx-how">
              <li>{t("fx.quick.how1")}</li>
              <li>{t("fx.quick.how2")}</li>
              <li>{t("fx.quick.how3")}</li>
            </ol>
            {account?.updatedAt && (
              <div className="jmt-muted">{t("fx.account.updatedAt", { time: formatDateTime(account.updatedAt) })}</div>
            )}
          </div>
        </aside>
      </div>
    </Drawer>
  );
}
