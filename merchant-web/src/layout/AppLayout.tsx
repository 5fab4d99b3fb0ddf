import { BellOutlined } from "@ant-design/icons";
import { Badge, Layout, Tooltip } from "antd";
import { Link, Outlet, useNavigate } from "react-router";
import { CrystalMark } from "../components/CrystalMark";
import { GlobalSearch } from "../components/GlobalSearch";
import { useHome } from "../hooks/useSession";
import { useT } from "../i18n/useT";
import { MerchantSwitcher } from "./MerchantSwitcher";
import { UserMenu } from "./UserMenu";

/** Shell of every signed-in page: brand, global search, account switcher, messages, user menu. */
export function AppLayout() {
  const t = useT();
  const navigate = useNavigate();
  const { home } = useHome();
  const unread = home?.messages?.unread ?? 0;

  return (
    <Layout className="jmt-shell">
      <Layout.Header className="jmt-header">
        <Link to="/" className="jmt-brand" aria-label={t("app.name")}>
          <CrystalMark size={34} />
          <span className="jmt-brand-text">
            <span className="jmt-brand-name">{t("app.name")}</span>
            <span className="jmt-brand-sub">{t("app.console")}</span>
          </span>
        </Link>
        <div className="jmt-header-search">
          <GlobalSearch />
        </div>
        <div className="jmt-header-actions">
          <MerchantSwitcher />
          <Tooltip title={t("home.messages")}>
            <button
              type="button"
              className="jmt-icon-button"
              aria-label={t("home.messages")}
              data-testid="header-messages"
              onClick={() => navigate("/messages")}
            >
              <Badge count={unread} size="small" offset={[2, -2]}>
                <BellOutlined style={{ fontSize: 18 }} />
              </Badge>
            </button>
          </Tooltip>
          <UserMenu />
        </div>
      </Layout.Header>
      <Layout.Content className="jmt-content">
        <Outlet />
      </Layout.Content>
      <Layout.Footer className="jmt-footer">{t("app.copyright", { year: new Date().getFullYear() })}</Layout.Footer>
    </Layout>
  );
}
