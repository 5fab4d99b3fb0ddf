import {
  CheckCircleFilled,
  CloudUploadOutlined,
  EyeOutlined,
  FileImageOutlined,
  FilePdfOutlined,
  SwapOutlined,
} from "@ant-design/icons";
import { App, Button, Tag, Upload } from "antd";
import { useState } from "react";
import { useT } from "../../i18n/useT";
import { errorMessage } from "../../providers/apiError";
import { applicationsApi } from "../../providers/applicationsApi";
import type { KindFileSlot } from "@jmt/api-types";
import { slotAccept } from "../../lib/fileTypes";
import { useFilePreview } from "./FilePreview";

const MAX_BYTES = 10 * 1024 * 1024;

export interface FileSlotUploadProps {
  /**
   * The slot as the kind declares it (its `when` is the form's business), or a built-in fallback. `accept`
   * (MIME types, as the kind declares them) narrows what the picker takes, e.g. PDFs only.
   */
  slot: Pick<KindFileSlot, "key" | "label" | "required"> & {
    hint?: KindFileSlot["hint"];
    accept?: readonly string[] | null;
  };
  /** The private file's documentId (Form.Item value). */
  value?: string | null;
  onChange?: (documentId: string | undefined) => void;
  disabled?: boolean;
  /** Server or client said it is missing. */
  invalid?: boolean;
  /** G10: the file the server offered again (prefill); marked 「已自动带入」 while still chosen. */
  prefilledId?: string | null;
}

/** One file slot: upload to POST /api/private-files (category = slot key), then preview or replace. */
export function FileSlotUpload({ slot, value, onChange, disabled, invalid, prefilledId }: FileSlotUploadProps) {
  const t = useT();
  const { message } = App.useApp();
  const [uploading, setUploading] = useState(false);
  const [name, setName] = useState<string | null>(null);
  const [isPdf, setIsPdf] = useState<boolean | null>(null);
  const preview = useFilePreview();
  const accept = slotAccept(slot.accept);

  const upload = async (file: File) => {
    if (!accept.accepts(file)) {
      return void message.error(
        accept.restricted
          ? t("applications.upload.badTypeOnly", { types: accept.names })
          : t("applications.upload.badType"),
      );
    }
    if (file.size > MAX_BYTES) return void message.error(t("applications.upload.tooLarge"));
    setUploading(true);
    try {
      const saved = await applicationsApi.upload(file, slot.key);
      setName(saved.name ?? file.name);
      setIsPdf(/pdf/i.test(saved.mime ?? file.type) || /\.pdf$/i.test(file.name));
      onChange?.(saved.documentId);
      message.success(t("applications.upload.done", { label: slot.label }));
    } catch (error) {
      message.error(t("applications.upload.failed", { message: errorMessage(error) }));
    } finally {
      setUploading(false);
    }
  };

  const picker = (children: React.ReactNode) => (
    <Upload
      accept={accept.input}
      showUploadList={false}
      disabled={disabled || uploading}
      beforeUpload={(file) => {
        void upload(file as File);
        return false;
      }}
    >
      {children}
    </Upload>
  );

  return (
    <div
      className={`jmt-slot${value ? " is-done" : ""}${invalid ? " is-invalid" : ""}`}
      data-testid={`slot-${slot.key}`}
      data-uploaded={value ? "true" : "false"}
    >
      <div className="jmt-slot-icon">
        {value ? (isPdf ?? accept.pdfOnly) ? <FilePdfOutlined /> : <FileImageOutlined /> : <CloudUploadOutlined />}
      </div>
      <div className="jmt-slot-main">
        <div className="jmt-slot-title">
          {slot.label}
          {slot.required ? (
            <Tag bordered={false} color="purple">
              {t("applications.upload.required")}
            </Tag>
          ) : (
            <Tag bordered={false}>{t("applications.upload.optional")}</Tag>
          )}
          {accept.restricted && (
            <Tag bordered={false} color="red" data-testid={`slot-${slot.key}-only`}>
              {t("applications.upload.onlyTag", { types: accept.names })}
            </Tag>
          )}
        </div>
        <div className="jmt-slot-hint">
          {value ? (
            <span className="jmt-slot-ok">
              <CheckCircleFilled /> {name ?? t("applications.upload.uploaded")}
              {prefilledId && value === prefilledId && (
                <span className="jmt-prefilled" data-testid="prefilled" data-field={`files.${slot.key}`}>
                  {t("applications.prefilled")}
                </span>
              )}
            </span>
          ) : accept.restricted ? (
            [slot.hint, t("applications.upload.acceptOnly", { types: accept.names })].filter(Boolean).join("；")
          ) : (
            slot.hint || t("applications.upload.accept")
          )}
        </div>
      </div>
      <div className="jmt-slot-actions">
        {value ? (
          <>
            <Button
              icon={<EyeOutlined />}
              loading={preview.loading}
              onClick={() => void preview.open(value, slot.label)}
              data-testid={`slot-${slot.key}-preview`}
            >
              {t("applications.upload.preview")}
            </Button>
            {!disabled &&
              picker(
                <Button icon={<SwapOutlined />} loading={uploading}>
                  {t("applications.upload.replace")}
                </Button>,
              )}
          </>
        ) : (
          !disabled &&
          picker(
            <Button type="primary" ghost icon={<CloudUploadOutlined />} loading={uploading}>
              {uploading ? t("applications.upload.uploading") : t("applications.upload.choose")}
            </Button>,
          )
        )}
      </div>
      {preview.modal}
    </div>
  );
}
