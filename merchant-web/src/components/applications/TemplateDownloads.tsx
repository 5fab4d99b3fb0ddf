import {
  DownloadOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  LoadingOutlined,
} from "@ant-design/icons";
import { App } from "antd";
import { useState } from "react";
import { useT } from "../../i18n/useT";
import { errorMessage } from "../../providers/apiError";
import { applicationsApi, saveBlob } from "../../providers/applicationsApi";
import type { KindTemplate } from "@jmt/api-types";

const ICON: Record<string, React.ReactNode> = {
  docx: <FileWordOutlined style={{ color: "#2f6fed" }} />,
  doc: <FileWordOutlined style={{ color: "#2f6fed" }} />,
  xlsx: <FileExcelOutlined style={{ color: "#1f9d55" }} />,
  xls: <FileExcelOutlined style={{ color: "#1f9d55" }} />,
  pdf: <FilePdfOutlined style={{ color: "#e5484d" }} />,
};

/** Template downloads (GET /api/applications/templates/:kind/:key with the bearer token, saved as a file). */
export function TemplateDownloads({ kind, templates }: { kind: string; templates: KindTemplate[] }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  if (templates.length === 0) return null;

  const download = async (tpl: KindTemplate) => {
    setBusy(tpl.key);
    try {
      const { blob, filename } = await applicationsApi.downloadTemplate(kind, tpl.key);
      const format = (tpl.format || "").replace(/^\./, "");
      saveBlob(blob, filename ?? `${tpl.label}${format ? `.${format}` : ""}`);
      message.success(t("applications.templates.downloaded", { name: tpl.label }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setBusy(null);
    }
  };

  return (
    <div className="jmt-templates" data-testid="templates">
      <div className="jmt-templates-head">
        <span className="jmt-templates-title">{t("applications.templates.title")}</span>
        <span className="jmt-muted">{t("applications.templates.hint")}</span>
      </div>
      <div className="jmt-templates-list">
        {templates.map((tpl) => (
          <button
            type="button"
            key={tpl.key}
            className="jmt-template"
            disabled={busy === tpl.key}
            data-testid={`template-${tpl.key}`}
            onClick={() => void download(tpl)}
          >
            <span className="jmt-template-icon">
              {ICON[(tpl.format || "").replace(/^\./, "").toLowerCase()] ?? <FileWordOutlined />}
            </span>
            <span className="jmt-template-label">{tpl.label}</span>
            <span className="jmt-template-format">{(tpl.format || "").replace(/^\./, "").toUpperCase()}</span>
            <span className="jmt-template-go">
              {busy === tpl.key ? <LoadingOutlined /> : <DownloadOutlined />} {t("applications.templates.download")}
            </span>
          </button>
        ))}
      </div>
    </div>
  );
}
