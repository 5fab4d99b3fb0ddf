import {
  ClockCircleOutlined,
  LockOutlined,
  ReloadOutlined,
  SwapOutlined,
  UserOutlined,
  WalletOutlined,
} from "@ant-design/icons";
import { Alert, Button, Card, Result, Skeleton, Tag } from "antd";
import { Link } from "react-router";
import { formatAmount, type FxAccount } from "@jmt/api-types";
import { useFxAccount } from "../../hooks/useFx";
import { useT } from "../../i18n/useT";
import { formatDateTime } from "../../lib/format";

/** The 我的 fields still empty, in words: "外汇子账户（美元）、结汇银行卡号（人民币）". */
export function useMissingLabel() {
  const t = useT();
  return (missing: readonly string[]) => missing.map((f) => t(`fx.profile.${f}`, undefined, f)).join("、");
}

/**
 * X2 the USD sub-account: balance, 可用余额, 结汇中金额 and when it last changed; 快速结汇 for admins once the
 * 我的 fields a settlement quotes are filled in, else what is missing and where to fill it in.
 */
export function AccountCard({ canWrite, onQuickSettle }: { canWrite: boolean; onQuickSettle: () => void }) {
  const t = useT();
  const account = useFxAccount();
  const missingLabel = useMissingLabel();

  if (account.isLoading) {
    return (
      <Card className="jmt-panel jmt-fx-account" data-testid="fx-account-loading">
        <Skeleton active paragraph={{ rows: 3 }} />
      </Card>
    );
  }
  if (account.isError || !account.data) {
    return (
      <Card className="jmt-panel jmt-fx-account">
        <Result
          status="warning"
          title={t("fx.account.loadFailed")}
          subTitle={account.error?.message}
          extra={
            <Button icon={<ReloadOutlined />} onClick={() => void account.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      </Card>
    );
  }

  const a: FxAccount = account.data;
  const profile = a.profile;
  // 快速结汇 takes a column of its own; the "fill in 我的 first" notice a row of its own.
  const layout = !profile.complete ? " has-notice" : canWrite ? " has-action" : "";
  return (
    <Card className="jmt-panel jmt-fx-account" data-testid="fx-account" id="account">
      <div className={`jmt-fx-account-body${layout}`}>
        <div className="jmt-fx-balance">
          <div className="jmt-fx-label">
            <WalletOutlined /> {t("fx.account.balance")}
            <Tag bordered={false} color="green">
              {a.currency}
            </Tag>
          </div>
          <div className="jmt-fx-amount" data-testid="fx-balance" data-value={a.balance}>
            <span className="jmt-fx-currency">$</span>
            {formatAmount(a.balance)}
          </div>
          <div className="jmt-fx-meta">
            <span>
              {t("fx.profile.fxSubAccount")}：
              <span className="jmt-mono">{profile.fxSubAccount || t("common.notFilled")}</span>
            </span>
            <span data-testid="fx-updated-at">
              <ClockCircleOutlined />{" "}
              {a.updatedAt
                ? t("fx.account.updatedAt", { time: formatDateTime(a.updatedAt) })
                : t("fx.account.neverUpdated")}
            </span>
          </div>
        </div>
        <div className="jmt-fx-figures">
          <div className="jmt-fx-figure">
            <span className="jmt-fx-label">{t("fx.account.available")}</span>
            <strong data-testid="fx-available" data-value={a.available}>
              $ {formatAmount(a.available)}
            </strong>
            <span className="jmt-muted">{t("fx.account.availableHint")}</span>
          </div>
          <div className="jmt-fx-figure is-frozen">
            <span className="jmt-fx-label">
              <LockOutlined /> {t("fx.account.frozen")}
            </span>
            <strong data-testid="fx-frozen" data-value={a.frozen}>
              $ {formatAmount(a.frozen)}
            </strong>
            <span className="jmt-muted" data-testid="fx-settling">
              {a.settling > 0 ? t("fx.account.settling", { count: a.settling }) : t("fx.account.noneSettling")}
            </span>
          </div>
        </div>
        <div className="jmt-fx-account-action">
          {!profile.complete ? (
            <Alert
              type="warning"
              showIcon
              icon={<UserOutlined />}
              data-testid="fx-profile-missing"
              message={t("fx.account.profileMissing", { fields: missingLabel(profile.missing) })}
              description={
                canWrite ? (
                  <Link to="/me" data-testid="fx-profile-link">
                    {t("fx.account.goFillIn")}
                  </Link>
                ) : (
                  t("fx.account.askAdmin")
                )
              }
            />
          ) : (
            canWrite && (
              <>
                <Button
                  type="primary"
                  size="large"
                  icon={<SwapOutlined />}
                  onClick={onQuickSettle}
                  data-testid="quick-settle"
                  block
                >
                  {t("fx.quick.open")}
                </Button>
                <span className="jmt-muted">{t("fx.quick.openHint")}</span>
              </>
            )
          )}
        </div>
      </div>
    </Card>
  );
}
