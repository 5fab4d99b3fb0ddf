import { DownloadOutlined, EyeOutlined, FileImageOutlined, FilePdfOutlined } from "@ant-design/icons";
import { App, Button, Empty } from "antd";
import { useState } from "react";
import { useT } from "../../i18n/useT";
import { formatFileSize } from "../../lib/format";
import { errorMessage } from "../../providers/apiError";
import { applicationsApi, saveBlob } from "../../providers/applicationsApi";
import { useFilePreview } from "./FilePreview";

/** A private file as a screen lists it: what it is (the slot's label) and what the server knows of it. */
export interface ListedFile {
  /** The private file's documentId. */
  id: string;
  /** The slot / evidence category it was uploaded under. */
  category: string;
  label: string;
  name?: string | null;
  size?: number | null;
  mime?: string | null;
}

/**
 * Submitted files, each to preview (images inline, PDFs in a frame) or download with the bearer token
 * (收结汇 evidence, 出口退税 PDFs).
 */
export function PrivateFileList({ files, empty }: { files: ListedFile[]; empty: string }) {
  const t = useT();
  const { message } = App.useApp();
  const preview = useFilePreview();
  const [downloading, setDownloading] = useState<string | null>(null);

  const download = async (f: ListedFile) => {
    setDownloading(f.id);
    try {
      const { blob, filename } = await applicationsApi.downloadFile(f.id);
      saveBlob(blob, filename ?? f.name ?? f.label);
    } catch (error) {
      message.error(t("fx.detail.downloadFailed", { message: errorMessage(error) }));
    } finally {
      setDownloading(null);
    }
  };

  if (files.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={empty} />;
  return (
    <ul className="jmt-evidence-list">
      {files.map((f) => {
        const pdf = /pdf/i.test(f.mime ?? "") || /\.pdf$/i.test(f.name ?? "");
        const details = [f.name, f.size ? formatFileSize(f.size) : ""].filter(Boolean).join(" · ");
        return (
          <li
            key={`${f.category}-${f.id}`}
            className="jmt-evidence"
            data-testid="evidence-item"
            data-category={f.category}
          >
            <span className="jmt-slot-icon">{pdf ? <FilePdfOutlined /> : <FileImageOutlined />}</span>
            <span className="jmt-evidence-text">
              <strong>{f.label}</strong>
              <span className="jmt-muted">{details || (pdf ? "PDF" : "—")}</span>
            </span>
            <span className="jmt-evidence-actions">
              <Button
                size="small"
                icon={<EyeOutlined />}
                loading={preview.loading}
                onClick={() => void preview.open(f.id, f.label)}
                data-testid="evidence-preview"
              >
                {t("applications.upload.preview")}
              </Button>
              <Button
                size="small"
                icon={<DownloadOutlined />}
                loading={downloading === f.id}
                onClick={() => void download(f)}
                data-testid="evidence-download"
              >
                {t("fx.detail.download")}
              </Button>
            </span>
          </li>
        );
      })}
      {preview.modal}
    </ul>
  );
}
