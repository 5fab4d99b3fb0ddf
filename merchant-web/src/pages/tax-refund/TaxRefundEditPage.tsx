import { ArrowLeftOutlined } from "@ant-design/icons";
import { Button, Card, Result, Skeleton } from "antd";
import { useState } from "react";
import { useNavigate, useParams } from "react-router";
import { TAX_REFUND_KIND } from "@jmt/api-types";
import { DetailLoadError } from "../../components/DetailStates";
import { ModuleGate, ModuleHero, PageCrumbs } from "../../components/ModuleShell";
import { useCanWrite, useKind } from "../../hooks/useApplications";
import { taxRefundKeys, useTaxRefund } from "../../hooks/useTaxRefund";
import { useT } from "../../i18n/useT";
import { toApiError } from "../../providers/apiError";
import { queryClient } from "../../providers/queryClient";
import type { TaxRefundDetail } from "../../providers/taxRefundApi";
import { RefundWizard } from "./RefundWizard";

/**
 * `/tax-refund/new` and `/tax-refund/:id/edit`: the wizard for a new refund, a draft, or one returned for
 * correction. A new refund is created on its first save; the address then becomes the refund's own (the
 * wizard stays where it is). Members and refunds already submitted get an explanation instead.
 */
export function TaxRefundEditPage() {
  const t = useT();
  const navigate = useNavigate();
  const { id } = useParams();
  const { canWrite, loading: meLoading } = useCanWrite();
  const { kind } = useKind(TAX_REFUND_KIND);
  // The refund this page created itself: it keeps its wizard when the address changes to the refund's.
  const [createdId, setCreatedId] = useState<string | null>(null);
  const ownNew = !id || id === createdId;
  const refund = useTaxRefund(ownNew ? undefined : id);
  const r = refund.data;
  const failure = refund.error ? toApiError(refund.error) : null;

  const title = ownNew
    ? t("taxRefund.wizard.newTitle")
    : t("taxRefund.wizard.editPageTitle", { number: r?.number ?? "" });
  const crumbs = [
    { label: t("modules.tax-refund.title"), to: "/tax-refund" },
    ...(!ownNew && r ? [{ label: r.number ?? "", to: `/tax-refund/${r.documentId}` }] : []),
    { label: ownNew ? t("taxRefund.wizard.newTitle") : t("taxRefund.wizard.editCrumb") },
  ];
  const back = () => navigate(id ? `/tax-refund/${id}` : "/tax-refund");

  const body = () => {
    if (meLoading || (!ownNew && refund.isLoading)) {
      return (
        <Card className="jmt-panel" data-testid="refund-edit-loading">
          <Skeleton active paragraph={{ rows: 10 }} />
        </Card>
      );
    }
    if (!canWrite) {
      return (
        <Card className="jmt-panel" data-testid="refund-edit-forbidden">
          <Result
            status="403"
            title={t("taxRefund.wizard.memberTitle")}
            subTitle={t("taxRefund.wizard.memberDesc")}
            extra={
              <Button type="primary" onClick={back}>
                {t("taxRefund.detail.back")}
              </Button>
            }
          />
        </Card>
      );
    }
    if (!ownNew && (refund.isError || !r)) {
      return (
        <DetailLoadError
          failure={failure}
          notFoundKey="taxRefund.detail.notFound"
          loadFailedKey="taxRefund.detail.loadFailed"
          backLabel={t("taxRefund.detail.back")}
          onBack={() => navigate("/tax-refund")}
          onReload={() => void refund.refetch()}
        />
      );
    }
    if (r && !r.editable) {
      return (
        <Card className="jmt-panel" data-testid="refund-edit-locked">
          <Result
            status="info"
            title={t("taxRefund.wizard.lockedTitle", { status: r.statusLabel })}
            subTitle={t("taxRefund.wizard.lockedDesc")}
            extra={
              <Button type="primary" onClick={() => navigate(`/tax-refund/${r.documentId}`)}>
                {t("taxRefund.wizard.viewDetail")}
              </Button>
            }
          />
        </Card>
      );
    }
    return (
      <RefundWizard
        key={ownNew ? "new" : r?.documentId}
        application={ownNew ? null : (r ?? null)}
        kind={kind}
        onCreated={(created) => {
          setCreatedId(created.documentId);
          // What the detail screen needs until it loads its own (the estimate and returns come with it).
          queryClient.setQueryData<TaxRefundDetail>(taxRefundKeys.detail(created.documentId), {
            ...created,
            timeline: [],
            allowedTransitions: [],
            estimate: null,
            refundedAmount: null,
            documents: [],
            returns: [],
            batches: [],
          });
          navigate(`/tax-refund/${created.documentId}/edit`, { replace: true });
        }}
        onSubmitted={(submitted) => navigate(`/tax-refund/${submitted}`, { replace: true })}
      />
    );
  };

  return (
    <ModuleGate moduleKey="tax-refund" crumbs={crumbs}>
      <div className="jmt-page" data-testid="refund-edit-page">
        <PageCrumbs items={crumbs} />
        <ModuleHero
          moduleKey="tax-refund"
          title={title}
          lead={t("taxRefund.wizard.heroLead")}
          extra={
            <Button size="large" icon={<ArrowLeftOutlined />} onClick={back}>
              {t(id ? "taxRefund.wizard.backToDetail" : "taxRefund.detail.back")}
            </Button>
          }
        />
        {body()}
      </div>
    </ModuleGate>
  );
}
