import { App, Modal, Spin } from "antd";
import { useCallback, useEffect, useState, type ReactNode } from "react";
import { useT } from "../../i18n/useT";
import { errorMessage } from "../../providers/apiError";
import { applicationsApi } from "../../providers/applicationsApi";

interface Preview {
  url: string;
  type: string;
  title: string;
}

/** Preview a private file (images inline, PDFs in a frame): fetched with the bearer token as a blob. */
export function useFilePreview(): {
  open: (documentId: string, title: string) => Promise<void>;
  loading: boolean;
  modal: ReactNode;
} {
  const t = useT();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => () => (preview ? URL.revokeObjectURL(preview.url) : undefined), [preview]);

  const open = useCallback(
    async (documentId: string, title: string) => {
      setLoading(true);
      try {
        const { blob } = await applicationsApi.downloadFile(documentId);
        setPreview({ url: URL.createObjectURL(blob), type: blob.type, title });
      } catch (error) {
        message.error(t("applications.upload.previewFailed", { message: errorMessage(error) }));
      } finally {
        setLoading(false);
      }
    },
    [message, t],
  );

  const modal = (
    <Modal
      open={!!preview}
      title={preview?.title}
      footer={null}
      width={preview?.type.startsWith("image/") ? 720 : 900}
      onCancel={() => setPreview(null)}
      destroyOnHidden
      centered
    >
      {preview ? (
        preview.type.startsWith("image/") ? (
          <img src={preview.url} alt={preview.title} className="jmt-file-preview-img" data-testid="file-preview" />
        ) : (
          <iframe
            src={preview.url}
            title={preview.title}
            className="jmt-file-preview-frame"
            data-testid="file-preview"
          />
        )
      ) : (
        <Spin />
      )}
    </Modal>
  );
  return { open, loading, modal };
}
