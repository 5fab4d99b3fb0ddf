import { IdcardOutlined, ShopOutlined, TeamOutlined } from "@ant-design/icons";
import { Alert, Avatar, Card, Descriptions, Empty, Skeleton, Tabs, Tag } from "antd";
import { useSearchParams } from "react-router";
import { RegistrationStatusTag } from "../../components/StatusTag";
import { useMe } from "../../hooks/useSession";
import { useT } from "../../i18n/useT";
import { DESCRIPTION_COLUMNS } from "../../theme";
import { maskPhone } from "../../lib/validation";
import { MerchantInfo } from "./MerchantInfo";
import { Members } from "./Members";

/** 我的 (M1–M3): merchant info, members, personal info. */
export function MePage() {
  const t = useT();
  const { me, query } = useMe();
  const [params, setParams] = useSearchParams();
  const tab = params.get("tab") ?? "merchant";

  if (query.isLoading) {
    return (
      <div className="jmt-page">
        <Card className="jmt-panel">
          <Skeleton active avatar paragraph={{ rows: 8 }} />
        </Card>
      </div>
    );
  }
  if (!me) {
    return (
      <div className="jmt-page">
        <Card className="jmt-panel">
          <Empty description={query.error?.message ?? t("common.loadFailed")} />
        </Card>
      </div>
    );
  }

  const merchant = me.merchant;
  const profile = (
    <Card className="jmt-panel" data-testid="profile">
      <Descriptions bordered column={DESCRIPTION_COLUMNS} className="jmt-descriptions">
        <Descriptions.Item label={t("me.profile.realName")}>
          {me.user.realName || <span className="jmt-muted">{t("common.notFilled")}</span>}
        </Descriptions.Item>
        <Descriptions.Item label={t("me.profile.phone")}>{me.user.phone}</Descriptions.Item>
        <Descriptions.Item label={t("me.profile.email")}>
          {me.user.email || <span className="jmt-muted">{t("common.notFilled")}</span>}
        </Descriptions.Item>
        <Descriptions.Item label={t("me.profile.role")}>{me.role ? t(`roles.${me.role}`) : "—"}</Descriptions.Item>
        <Descriptions.Item label={t("me.profile.merchants")} span={2}>
          <div className="jmt-merchant-chips">
            {me.merchants.map((m) => (
              <Tag key={m.documentId} color={m.current ? "purple" : "default"} bordered={false}>
                {m.nameCn} · {t(`roles.${m.role}`)}
              </Tag>
            ))}
          </div>
        </Descriptions.Item>
      </Descriptions>
      <Alert type="info" showIcon className="jmt-me-note jmt-me-note-bottom" message={t("me.profile.rebind")} />
    </Card>
  );

  return (
    <div className="jmt-page" data-testid="me-page">
      <section className="jmt-me-hero">
        <Avatar size={64} className="jmt-user-avatar jmt-me-avatar">
          {(me.user.realName || "晶").slice(0, 1)}
        </Avatar>
        <div className="jmt-me-hero-text">
          <h1>{me.user.realName || maskPhone(me.user.phone)}</h1>
          <div className="jmt-me-hero-meta">
            <span>{maskPhone(me.user.phone)}</span>
            {merchant && (
              <>
                <span className="jmt-dot" />
                <span data-testid="me-merchant-name">{merchant.nameCn}</span>
                {me.role && (
                  <Tag color={me.role === "admin" ? "purple" : "default"} bordered={false}>
                    {t(`roles.${me.role}`)}
                  </Tag>
                )}
                <RegistrationStatusTag status={merchant.registrationStatus} />
              </>
            )}
          </div>
        </div>
      </section>

      <Tabs
        className="jmt-me-tabs"
        activeKey={tab}
        onChange={(key) => setParams({ tab: key }, { replace: true })}
        items={[
          {
            key: "merchant",
            label: (
              <span>
                <ShopOutlined /> {t("me.tabs.merchant")}
              </span>
            ),
            children: merchant ? (
              <MerchantInfo documentId={merchant.documentId} role={me.role} />
            ) : (
              <Card className="jmt-panel">
                <Empty description={t("home.noMerchantTitle")} />
              </Card>
            ),
          },
          {
            key: "members",
            label: (
              <span>
                <TeamOutlined /> {t("me.tabs.members")}
              </span>
            ),
            children: merchant ? <Members role={me.role} currentUserId={me.user.id} /> : null,
          },
          {
            key: "profile",
            label: (
              <span>
                <IdcardOutlined /> {t("me.tabs.profile")}
              </span>
            ),
            children: profile,
          },
        ]}
      />
    </div>
  );
}
