import { ReloadOutlined, ShopOutlined } from "@ant-design/icons";
import { Button, Result } from "antd";
import { useMemo } from "react";
import { InvitationInbox } from "../../components/InvitationInbox";
import { useHome, useMe } from "../../hooks/useSession";
import { useT } from "../../i18n/useT";
import { resolveModules } from "../../lib/modules";
import { FxSummaryCard } from "./FxSummaryCard";
import { HomeSkeleton } from "./HomeSkeleton";
import { MessagePanel } from "./MessagePanel";
import { ModuleGrid } from "./ModuleGrid";
import { ProgressPanel } from "./ProgressPanel";
import { TodoPanel } from "./TodoPanel";
import { WelcomeBanner } from "./WelcomeBanner";

/** Home (G8): everything from one call, GET /api/home. */
export function HomePage() {
  const t = useT();
  const { home, query } = useHome();
  const { me } = useMe();
  const entries = useMemo(() => resolveModules(home), [home]);

  if (query.isLoading) return <HomeSkeleton />;
  if (query.isError || !home) {
    return (
      <>
        <InvitationInbox />
        <Result
          status="warning"
          title={t("home.loadFailed")}
          subTitle={query.error?.message}
          extra={
            <Button type="primary" icon={<ReloadOutlined />} onClick={() => void query.refetch()}>
              {t("common.reload")}
            </Button>
          }
        />
      </>
    );
  }
  if (!home.merchant) {
    return (
      <>
        <InvitationInbox />
        <Result
          icon={<ShopOutlined style={{ color: "#6d4bd8" }} />}
          title={t("home.noMerchantTitle")}
          subTitle={t("home.noMerchantDesc")}
        />
      </>
    );
  }

  return (
    <div className="jmt-page" data-testid="home">
      <InvitationInbox />
      <WelcomeBanner home={home} me={me} />
      {home.fx && <FxSummaryCard fx={home.fx} />}
      <div className="jmt-section-head">
        <h2>{t("home.modules")}</h2>
        <span>{t("home.modulesHint")}</span>
      </div>
      <ModuleGrid entries={entries} />
      <div className="jmt-home-panels">
        <div className="jmt-home-column">
          <TodoPanel home={home} />
          <ProgressPanel />
        </div>
        <MessagePanel home={home} />
      </div>
    </div>
  );
}
