import { ArrowRightOutlined, BellOutlined, CarryOutOutlined, TeamOutlined } from "@ant-design/icons";
import { Button, ConfigProvider, Steps, Tag } from "antd";
import { useNavigate } from "react-router";
import { CrystalFacets } from "../../components/CrystalMark";
import { RegistrationStatusTag } from "../../components/StatusTag";
import { useT } from "../../i18n/useT";
import { modulePath } from "../../lib/catalogue";
import { greetingOf } from "../../lib/format";
import { REGISTRATION_STEPS, isApproved, registrationProgress } from "../../lib/modules";
import type { HomePayload, MePayload } from "../../providers/types";

export function WelcomeBanner({ home, me }: { home: HomePayload; me?: MePayload }) {
  const t = useT();
  const navigate = useNavigate();
  const merchant = home.merchant;
  const status = merchant?.registrationStatus;
  const approved = isApproved(status);
  const progress = registrationProgress(status);
  const name = me?.user.realName || merchant?.nameCn || "";
  const lead = approved
    ? t("home.approvedLead")
    : status === "returned" || status === "rejected"
      ? t("home.returnedLead")
      : t("home.pendingLead");

  return (
    <section className="jmt-banner" data-testid="welcome-banner">
      <CrystalFacets className="jmt-banner-facets" />
      <div className="jmt-banner-main">
        <div className="jmt-banner-greeting">
          {t("home.welcome", { greeting: t(`home.greeting.${greetingOf()}`), name })}
        </div>
        <h1 className="jmt-banner-title" data-testid="merchant-name">
          {merchant?.nameCn}
        </h1>
        {merchant?.nameEn && <div className="jmt-banner-en">{merchant.nameEn}</div>}
        <div className="jmt-banner-tags">
          <RegistrationStatusTag status={status} />
          {merchant?.type && (
            <Tag bordered={false} className="jmt-banner-tag">
              {t(`merchantType.${merchant.type}`)}
            </Tag>
          )}
          {me?.role && (
            <Tag bordered={false} className="jmt-banner-tag">
              {t(`roles.${me.role}`)}
            </Tag>
          )}
          {typeof merchant?.memberCount === "number" && (
            <Tag bordered={false} className="jmt-banner-tag" icon={<TeamOutlined />}>
              {t("home.members", { count: merchant.memberCount })}
            </Tag>
          )}
        </div>
        <p className="jmt-banner-lead">{lead}</p>
      </div>

      {approved ? (
        <div className="jmt-banner-stats">
          <div className="jmt-banner-stat">
            <CarryOutOutlined />
            <strong>{home.todos?.total ?? 0}</strong>
            <span>{t("home.todos")}</span>
          </div>
          <div className="jmt-banner-stat">
            <BellOutlined />
            <strong>{home.messages?.unread ?? 0}</strong>
            <span>{t("home.unreadDot")}</span>
          </div>
          <div className="jmt-banner-stat">
            <TeamOutlined />
            <strong>{merchant?.memberCount ?? 1}</strong>
            <span>{t("me.members.title")}</span>
          </div>
        </div>
      ) : (
        <div className="jmt-banner-guide" data-testid="registration-guide">
          <div className="jmt-banner-guide-title">{t("home.registration")}</div>
          <ConfigProvider theme={{ components: { Steps: { descriptionMaxWidth: 96 } } }}>
            <Steps
              size="small"
              progressDot
              current={progress.current}
              status={progress.state}
              items={REGISTRATION_STEPS.map((s) => ({ title: t(`registrationSteps.${s}`) }))}
              responsive={false}
            />
          </ConfigProvider>
          <Button
            type="primary"
            size="large"
            block
            className="jmt-banner-cta"
            onClick={() => navigate(modulePath("registration"))}
          >
            {t("home.goRegister")} <ArrowRightOutlined />
          </Button>
        </div>
      )}
    </section>
  );
}
