import { DownloadOutlined } from "@ant-design/icons";
import { useTranslate, type HttpError } from "@refinedev/core";
import { App as AntdApp, Button, Modal } from "antd";
import { useEffect, useState, type ReactNode } from "react";
import { fetchFile, saveBlob } from "../../lib/download";
import { tokenStore } from "../../providers/http";
import { workflowApi } from "../../providers/data-provider";

/** A private file to show: `key` tells the buttons apart (their spinners), `label` names it. */
export interface PrivateFileRef {
  key: string;
  label: string;
  documentId?: string | null;
  /** the uploaded name, when known (the download keeps it) */
  name?: string | null;
}

interface Preview {
  title: string;
  url: string;
  type: "image" | "pdf";
  blob: Blob;
  filename: string;
}

const EXTENSIONS: Record<string, string> = {
  "image/jpeg": "jpg",
  "image/png": "png",
  "image/webp": "webp",
  "image/gif": "gif",
  "application/pdf": "pdf",
};

const fallbackName = (label: string, contentType: string): string => {
  const extension = EXTENSIONS[contentType.split(";")[0]?.trim() ?? ""];
  return extension ? `${label}.${extension}` : label;
};

/**
 * Preview (images, PDF) and download of private files (`/api/private-files/:id/download`): a plain link cannot send
 * the bearer token, so the file is fetched with it and shown from a blob. Returns the actions, which button is busy,
 * and the preview modal to render once.
 */
export const usePrivateFileViewer = (): {
  busy: string | null;
  open(file: PrivateFileRef): Promise<void>;
  download(file: PrivateFileRef): Promise<void>;
  modal: ReactNode;
} => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);

  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview.url);
    },
    [preview],
  );

  const load = (documentId: string) => fetchFile(workflowApi.fileUrl(documentId), tokenStore.getToken());

  const download = async (file: PrivateFileRef) => {
    if (!file.documentId) return;
    setBusy(`download:${file.key}`);
    try {
      const fetched = await load(file.documentId);
      const filename = fetched.filename ?? file.name ?? fallbackName(file.label, fetched.contentType);
      saveBlob(fetched.blob, filename);
      message.success(t("applications.files.downloaded", { filename }));
    } catch (error) {
      notification.error({ message: t("applications.files.downloadFailed"), description: (error as HttpError).message });
    } finally {
      setBusy(null);
    }
  };

  const open = async (file: PrivateFileRef) => {
    if (!file.documentId) return;
    setBusy(`preview:${file.key}`);
    try {
      const fetched = await load(file.documentId);
      const type = fetched.contentType.startsWith("image/") ? "image" : fetched.contentType.includes("pdf") ? "pdf" : undefined;
      const filename = fetched.filename ?? file.name ?? fallbackName(file.label, fetched.contentType);
      if (!type) {
        // Not previewable in the browser: hand it over as a download.
        saveBlob(fetched.blob, filename);
        message.info(t("applications.files.notPreviewable", { filename }));
        return;
      }
      setPreview({ title: file.label, url: URL.createObjectURL(fetched.blob), type, blob: fetched.blob, filename });
    } catch (error) {
      notification.error({ message: t("applications.files.previewFailed"), description: (error as HttpError).message });
    } finally {
      setBusy(null);
    }
  };

  const modal = (
    <Modal
      open={preview !== null}
      title={preview?.title}
      onCancel={() => setPreview(null)}
      width={preview?.type === "pdf" ? 960 : 760}
      destroyOnHidden
      footer={
        preview ? (
          <Button icon={<DownloadOutlined />} onClick={() => saveBlob(preview.blob, preview.filename)}>
            {t("applications.files.download")}
          </Button>
        ) : null
      }
    >
      <div data-testid="file-preview">
        {preview?.type === "image" && <img src={preview.url} alt={preview.title} className="file-preview-image" />}
        {preview?.type === "pdf" && <iframe src={preview.url} title={preview.title} className="file-preview-pdf" />}
      </div>
    </Modal>
  );

  return { busy, open, download, modal };
};
