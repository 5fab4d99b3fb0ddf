import { ArrowRightOutlined, ClockCircleOutlined } from "@ant-design/icons";
import { Button } from "antd";
import { useNavigate } from "react-router";
import { formatAmount, type HomeFx } from "@jmt/api-types";
import { ModuleIcon } from "../../components/ModuleIcon";
import { useT } from "../../i18n/useT";
import { formatDateTime } from "../../lib/format";
import { MODULE_ACCENT } from "../../theme";

/** X2 on the home page: the USD sub-account at a glance (GET /api/home → fx), one click from 收结汇. */
export function FxSummaryCard({ fx }: { fx: HomeFx }) {
  const t = useT();
  const navigate = useNavigate();
  const accent = MODULE_ACCENT.fx;
  return (
    <section
      className="jmt-home-fx"
      data-testid="home-fx"
      style={{ ["--accent" as string]: accent.color, ["--accent-soft" as string]: accent.soft }}
    >
      <div className="jmt-home-fx-title">
        <ModuleIcon moduleKey="fx" size={44} />
        <div>
          <strong>{t("fx.homeCard.title")}</strong>
          <span className="jmt-muted">
            <ClockCircleOutlined />{" "}
            {fx.updatedAt
              ? t("fx.account.updatedAt", { time: formatDateTime(fx.updatedAt) })
              : t("fx.account.neverUpdated")}
          </span>
        </div>
      </div>
      <div className="jmt-home-fx-figures">
        <div>
          <span>{t("fx.account.balance")}</span>
          <strong data-testid="home-fx-balance">$ {formatAmount(fx.balance)}</strong>
        </div>
        <div>
          <span>{t("fx.account.available")}</span>
          <strong data-testid="home-fx-available">$ {formatAmount(fx.available)}</strong>
        </div>
        <div>
          <span>{t("fx.account.frozen")}</span>
          <strong data-testid="home-fx-frozen">$ {formatAmount(fx.frozen)}</strong>
        </div>
      </div>
      <Button type="primary" ghost onClick={() => navigate("/fx")} data-testid="home-fx-go">
        {t("fx.homeCard.go")} <ArrowRightOutlined />
      </Button>
    </section>
  );
}
