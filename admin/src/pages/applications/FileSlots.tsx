import { DownloadOutlined, EyeOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined } from "@ant-design/icons";
import type { KindFileSlot } from "@jmt/api-types";
import { useTranslate, type HttpError } from "@refinedev/core";
import { App as AntdApp, Button, Card, Empty, List, Modal, Space, Tag, Tooltip, Typography } from "antd";
import { useEffect, useState } from "react";
import { fileSlotsFor, type DataRecord } from "../../lib/application-data";
import { fetchFile, saveBlob } from "../../lib/download";
import { workflowApi } from "../../providers/data-provider";
import { tokenStore } from "../../providers/http";

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

/** 材料附件: every file slot of the kind that applies, with preview (images, PDF) and download through the bearer token. */
export const FileSlots = ({ slots, data }: { slots: KindFileSlot[] | undefined; data: DataRecord }) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [busy, setBusy] = useState<string | null>(null);
  const [preview, setPreview] = useState<Preview | null>(null);
  const rows = fileSlotsFor(slots, data);

  useEffect(
    () => () => {
      if (preview) URL.revokeObjectURL(preview.url);
    },
    [preview],
  );

  const load = async (documentId: string) => fetchFile(workflowApi.fileUrl(documentId), tokenStore.getToken());

  const download = async (slot: { key: string; label: string; documentId?: string }) => {
    if (!slot.documentId) return;
    setBusy(`download:${slot.key}`);
    try {
      const file = await load(slot.documentId);
      const filename = file.filename ?? fallbackName(slot.label, file.contentType);
      saveBlob(file.blob, filename);
      message.success(t("applications.files.downloaded", { filename }));
    } catch (error) {
      notification.error({ message: t("applications.files.downloadFailed"), description: (error as HttpError).message });
    } finally {
      setBusy(null);
    }
  };

  const open = async (slot: { key: string; label: string; documentId?: string }) => {
    if (!slot.documentId) return;
    setBusy(`preview:${slot.key}`);
    try {
      const file = await load(slot.documentId);
      const type = file.contentType.startsWith("image/") ? "image" : file.contentType.includes("pdf") ? "pdf" : undefined;
      const filename = file.filename ?? fallbackName(slot.label, file.contentType);
      if (!type) {
        // Not previewable in the browser: hand it over as a download.
        saveBlob(file.blob, filename);
        message.info(t("applications.files.notPreviewable", { filename }));
        return;
      }
      setPreview({ title: slot.label, url: URL.createObjectURL(file.blob), type, blob: file.blob, filename });
    } catch (error) {
      notification.error({ message: t("applications.files.previewFailed"), description: (error as HttpError).message });
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card size="small" title={t("applications.sections.files")} data-testid="application-files">
      {rows.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t("applications.files.none")} />
      ) : (
        <List
          itemLayout="horizontal"
          dataSource={rows}
          renderItem={(slot) => (
            <List.Item
              data-testid={`file-slot-${slot.key}`}
              actions={
                slot.documentId
                  ? [
                      <Tooltip title={t("applications.files.preview")} key="preview">
                        <Button
                          type="text"
                          icon={<EyeOutlined />}
                          loading={busy === `preview:${slot.key}`}
                          onClick={() => void open(slot)}
                          aria-label={t("applications.files.preview")}
                          data-testid={`file-preview-${slot.key}`}
                        />
                      </Tooltip>,
                      <Button
                        key="download"
                        type="link"
                        icon={<DownloadOutlined />}
                        loading={busy === `download:${slot.key}`}
                        onClick={() => void download(slot)}
                        data-testid={`file-download-${slot.key}`}
                      >
                        {t("applications.files.download")}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                avatar={
                  <span className={`file-slot-icon ${slot.documentId ? "file-slot-icon--ok" : ""}`}>
                    {/licen|permit|id_|card/.test(slot.key) ? (
                      <FileImageOutlined />
                    ) : slot.key.includes("form") ? (
                      <FilePdfOutlined />
                    ) : (
                      <FileOutlined />
                    )}
                  </span>
                }
                title={
                  <Space size={6} wrap>
                    <span>{slot.label}</span>
                    {slot.required ? (
                      <Tag bordered={false} color="red">
                        {t("applications.files.required")}
                      </Tag>
                    ) : (
                      <Tag bordered={false}>{t("applications.files.optional")}</Tag>
                    )}
                    {!slot.documentId && (
                      <Tag bordered={false} color="default">
                        {t("applications.files.missing")}
                      </Tag>
                    )}
                  </Space>
                }
                description={slot.hint ? <Typography.Text type="secondary">{slot.hint}</Typography.Text> : null}
              />
            </List.Item>
          )}
        />
      )}
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
        {preview?.type === "image" && <img src={preview.url} alt={preview.title} className="file-preview-image" />}
        {preview?.type === "pdf" && <iframe src={preview.url} title={preview.title} className="file-preview-pdf" />}
      </Modal>
    </Card>
  );
};
