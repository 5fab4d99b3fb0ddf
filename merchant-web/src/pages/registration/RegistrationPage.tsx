import {
  ArrowRightOutlined,
  EditOutlined,
  FileAddOutlined,
  FileProtectOutlined,
  InfoCircleOutlined,
  ReloadOutlined,
  SafetyCertificateOutlined,
} from "@ant-design/icons";
import { Alert, App, Breadcrumb, Button, Card, Empty, Result, Skeleton } from "antd";
import { useState } from "react";
import { Link } from "react-router";
import { ModuleIcon } from "../../components/ModuleIcon";
import { ApplicationTimeline } from "../../components/applications/ApplicationTimeline";
import { ProgressBoard } from "../../components/applications/ProgressBoard";
import {
  applicationKeys,
  refreshAfterWrite,
  useApplicationDetail,
  useCanWrite,
  useKind,
  useLatestApplication,
  usePrefill,
} from "../../hooks/useApplications";
import { useHome } from "../../hooks/useSession";
import { useT } from "../../i18n/useT";
import { mergeData } from "../../lib/applications";
import { ApiError, toApiError } from "../../providers/apiError";
import { applicationsApi } from "../../providers/applicationsApi";
import { REGISTRATION_KIND, type BusinessRegistrationData, type RegistrationPath } from "@jmt/api-types";
import { queryClient } from "../../providers/queryClient";
import { REGISTRATION_STEPS } from "../../lib/modules";
import { RegistrationReview } from "./RegistrationReview";
import { RegistrationWizard } from "./RegistrationWizard";

function PageSkeleton() {
  return (
    <Card className="jmt-panel" data-testid="registration-loading">
      <Skeleton active paragraph={{ rows: 2 }} />
      <Skeleton.Input active block style={{ marginTop: 16 }} />
      <Skeleton active paragraph={{ rows: 6 }} style={{ marginTop: 24 }} />
    </Card>
  );
}

/** R1: no application yet — 在线办理注册 (no licence yet) or 补充认证资料 (already licensed). */
function PathChoice({ onChoose, busy }: { onChoose: (path: RegistrationPath) => void; busy: RegistrationPath | null }) {
  const t = useT();
  const options: { path: RegistrationPath; icon: React.ReactNode }[] = [
    { path: "new", icon: <FileAddOutlined /> },
    { path: "existing", icon: <SafetyCertificateOutlined /> },
  ];
  return (
    <Card className="jmt-panel" data-testid="registration-choice">
      <div className="jmt-choice-head">
        <h2>{t("registration.choice.title")}</h2>
        <p className="jmt-muted">{t("registration.choice.lead")}</p>
      </div>
      <div className="jmt-path-grid">
        {options.map(({ path, icon }) => (
          <button
            key={path}
            type="button"
            className="jmt-path-card"
            data-testid={`choose-${path}`}
            disabled={busy !== null}
            onClick={() => onChoose(path)}
          >
            <span className="jmt-path-icon">{icon}</span>
            <span className="jmt-path-question">{t(`registration.choice.${path}.question`)}</span>
            <span className="jmt-path-title">
              {t(`registration.choice.${path}.title`)} <ArrowRightOutlined />
            </span>
            <span className="jmt-path-desc">{t(`registration.choice.${path}.desc`)}</span>
            <ul className="jmt-path-points">
              {[1, 2, 3].map((i) => (
                <li key={i}>{t(`registration.choice.${path}.point${i}`)}</li>
              ))}
            </ul>
            {busy === path && <span className="jmt-path-busy">{t("registration.choice.creating")}</span>}
          </button>
        ))}
      </div>
    </Card>
  );
}

/** 工商注册 (R1–R3, G10): choose a path, fill the wizard, then follow the progress board. */
export function RegistrationPage() {
  const t = useT();
  const { message } = App.useApp();
  const { canWrite, loading: meLoading } = useCanWrite();
  const { home } = useHome();
  const latest = useLatestApplication(REGISTRATION_KIND);
  const detail = useApplicationDetail<BusinessRegistrationData>(latest.data?.documentId);
  const { kind } = useKind(REGISTRATION_KIND);
  const prefill = usePrefill<BusinessRegistrationData>(REGISTRATION_KIND, canWrite);
  const [creating, setCreating] = useState<RegistrationPath | null>(null);
  const [fresh, setFresh] = useState(false);
  const [editing, setEditing] = useState(false);
  const [restart, setRestart] = useState(false);

  const choose = async (path: RegistrationPath) => {
    setCreating(path);
    try {
      const known =
        prefill.data ?? (await applicationsApi.prefill<BusinessRegistrationData>(REGISTRATION_KIND).catch(() => null));
      const data = mergeData((known?.data ?? {}) as BusinessRegistrationData, { path });
      try {
        await applicationsApi.create(REGISTRATION_KIND, data);
      } catch (error) {
        const e = toApiError(error);
        // Someone (another tab, another admin) already started one: continue with it.
        if (!(e instanceof ApiError && e.code === "APPLICATION_EXISTS")) throw e;
      }
      setFresh(true);
      setRestart(false);
      await queryClient.invalidateQueries({ queryKey: applicationKeys.all });
      await refreshAfterWrite();
    } catch (error) {
      message.error(toApiError(error).message);
    } finally {
      setCreating(null);
    }
  };

  const header = (
    <>
      <Breadcrumb
        className="jmt-breadcrumb"
        items={[{ title: <Link to="/">{t("app.console")}</Link> }, { title: t("modules.registration.title") }]}
      />
      <section
        className="jmt-module-hero jmt-app-hero"
        style={{ ["--accent" as string]: "#6d4bd8", ["--accent-soft" as string]: "#efeafe" }}
      >
        <ModuleIcon moduleKey="registration" size={64} />
        <div className="jmt-module-hero-text">
          <div className="jmt-module-hero-title">
            <h1>{t("modules.registration.title")}</h1>
          </div>
          <p>{t("registration.heroLead")}</p>
        </div>
      </section>
    </>
  );

  const body = () => {
    if (latest.isLoading || meLoading || (latest.data && detail.isLoading)) return <PageSkeleton />;
    if (latest.isError || detail.isError) {
      return (
        <Result
          status="warning"
          title={t("applications.loadFailed")}
          subTitle={(latest.error ?? detail.error)?.message}
          extra={
            <Button type="primary" icon={<ReloadOutlined />} onClick={() => void refreshAfterWrite()}>
              {t("common.reload")}
            </Button>
          }
        />
      );
    }
    const app = detail.data;
    if (!app && home?.merchant?.registrationStatus === "approved") {
      // Approved before applications were tracked online: nothing to fill, nothing to show but the result.
      return (
        <Card className="jmt-panel">
          <Result status="success" title={t("registration.approvedTitle")} subTitle={t("registration.approvedNote")} />
        </Card>
      );
    }
    if (!app || restart) {
      if (!canWrite) {
        return (
          <Card className="jmt-panel">
            <Empty description={t("registration.memberNotStarted")} />
          </Card>
        );
      }
      return <PathChoice onChoose={(p) => void choose(p)} busy={creating} />;
    }

    const readOnlyNote = !canWrite && (
      <Alert
        type="info"
        showIcon
        icon={<InfoCircleOutlined />}
        message={t("applications.readOnly")}
        data-testid="read-only-note"
      />
    );
    const prefillProp = prefill.data
      ? { data: prefill.data.data, sources: prefill.data.meta?.sources ?? {} }
      : undefined;

    if (canWrite && (app.status === "filling" || (app.status === "returned" && editing))) {
      return (
        <RegistrationWizard
          key={`${app.documentId}-${app.status}`}
          application={app}
          kind={kind}
          prefill={prefillProp}
          fresh={fresh && app.status === "filling"}
          resubmit={app.status === "returned"}
          onCancel={app.status === "returned" ? () => setEditing(false) : undefined}
          onSubmitted={() => {
            setEditing(false);
            setFresh(false);
          }}
        />
      );
    }

    if (app.status === "filling") {
      return (
        <>
          {readOnlyNote}
          <Card className="jmt-panel" title={t("registration.draftTitle")}>
            <RegistrationReview data={app.data ?? {}} kind={kind} />
          </Card>
        </>
      );
    }

    return (
      <>
        {readOnlyNote}
        <ProgressBoard
          application={app}
          kind={kind}
          fallbackSteps={REGISTRATION_STEPS}
          extra={
            canWrite && app.status === "returned" ? (
              <Button
                type="primary"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                data-testid="fix-and-resubmit"
              >
                {t("registration.fixAndResubmit")}
              </Button>
            ) : canWrite && app.status === "rejected" ? (
              <Button
                type="primary"
                icon={<FileProtectOutlined />}
                onClick={() => setRestart(true)}
                data-testid="apply-again"
              >
                {t("registration.applyAgain")}
              </Button>
            ) : undefined
          }
        >
          {app.status === "approved" && (
            <Alert
              className="jmt-board-alert"
              type="success"
              showIcon
              data-testid="approved-note"
              message={t("registration.approvedTitle")}
              description={t("registration.approvedNote")}
            />
          )}
          {(app.status === "initial_review" || app.status === "onsite_check") && (
            <Alert className="jmt-board-alert" type="info" showIcon message={t(`registration.waiting.${app.status}`)} />
          )}
        </ProgressBoard>
        <div className="jmt-app-columns">
          <Card className="jmt-panel" title={<span className="jmt-panel-title">{t("registration.reviewTitle")}</span>}>
            <RegistrationReview data={app.data ?? {}} kind={kind} />
          </Card>
          <ApplicationTimeline timeline={app.timeline ?? []} />
        </div>
      </>
    );
  };

  return (
    <div className="jmt-page" data-testid="registration-page">
      {header}
      {body()}
    </div>
  );
}
