import { ReloadOutlined } from "@ant-design/icons";
import { Button, Card, Result, Skeleton } from "antd";
import { useT } from "../i18n/useT";
import type { ApiError } from "../providers/apiError";

/** A detail page while its record loads: the hero's and the body's skeletons. */
export function DetailSkeleton() {
  return (
    <>
      <Card className="jmt-panel">
        <Skeleton active avatar paragraph={{ rows: 2 }} />
      </Card>
      <Card className="jmt-panel">
        <Skeleton active paragraph={{ rows: 8 }} />
      </Card>
    </>
  );
}

interface DetailLoadErrorProps {
  failure: ApiError | null;
  /** Locale keys of the titles: 404 (not yours or gone) and anything else. */
  notFoundKey: string;
  loadFailedKey: string;
  backLabel: string;
  onBack(): void;
  onReload(): void;
}

/** A detail page whose record could not be loaded: 404 offers the way back, anything else also a retry. */
export function DetailLoadError({
  failure,
  notFoundKey,
  loadFailedKey,
  backLabel,
  onBack,
  onReload,
}: DetailLoadErrorProps) {
  const t = useT();
  const notFound = failure?.status === 404;
  return (
    <Card className="jmt-panel">
      <Result
        status={notFound ? "404" : "warning"}
        title={t(notFound ? notFoundKey : loadFailedKey)}
        subTitle={failure?.message}
        extra={[
          <Button key="back" type="primary" onClick={onBack}>
            {backLabel}
          </Button>,
          !notFound && (
            <Button key="reload" icon={<ReloadOutlined />} onClick={onReload}>
              {t("common.reload")}
            </Button>
          ),
        ]}
      />
    </Card>
  );
}
