import { DownloadOutlined, EyeOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined } from "@ant-design/icons";
import type { KindFileSlot } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { Button, Card, Empty, List, Space, Tag, Tooltip, Typography } from "antd";
import { usePrivateFileViewer } from "../../components/common/usePrivateFileViewer";
import { fileSlotsFor, type DataRecord } from "../../lib/application-data";

/** Slots that take PDFs only (出口退税's three documents): the kinds list sends `accept` with the slot. */
const acceptsOnlyPdf = (slot: object): boolean => {
  const accept = (slot as { accept?: unknown }).accept;
  return Array.isArray(accept) && accept.length > 0 && accept.every((type) => type === "application/pdf");
};

/** 材料附件: every file slot of the kind that applies, with preview (images, PDF) and download through the bearer token. */
export const FileSlots = ({ slots, data }: { slots: KindFileSlot[] | undefined; data: DataRecord }) => {
  const t = useTranslate();
  const { busy, open, download, modal } = usePrivateFileViewer();
  const rows = fileSlotsFor(slots, data);

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
                    ) : slot.key.includes("form") || acceptsOnlyPdf(slot) ? (
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
      {modal}
    </Card>
  );
};
