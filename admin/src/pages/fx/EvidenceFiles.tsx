import { DownloadOutlined, EyeOutlined, FileImageOutlined, FileOutlined, FilePdfOutlined } from "@ant-design/icons";
import { FX_EVIDENCE_CATEGORIES, type SettlementEvidence } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { Button, Card, List, Space, Tag, Tooltip, Typography } from "antd";
import { usePrivateFileViewer } from "../../components/common/usePrivateFileViewer";

const sizeText = (bytes: number | null | undefined): string => {
  if (typeof bytes !== "number" || !Number.isFinite(bytes) || bytes <= 0) return "";
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
};

/**
 * 银行验证材料: the three evidence slots of a settlement (提现截图, 收款平台流水, 物流发货信息), each with preview
 * (images, PDF) and download through the bearer token; a missing one says so.
 */
export const EvidenceFiles = ({ evidence }: { evidence: readonly SettlementEvidence[] }) => {
  const t = useTranslate();
  const { busy, open, download, modal } = usePrivateFileViewer();
  const known = FX_EVIDENCE_CATEGORIES as readonly string[];
  // The three slots in their order, then anything else the cms sent.
  const slots = [
    ...FX_EVIDENCE_CATEGORIES.map((category) => ({ category, file: evidence.find((item) => item.category === category) })),
    ...evidence.filter((item) => !known.includes(item.category)).map((file) => ({ category: file.category, file })),
  ];

  return (
    <Card size="small" title={t("fx.detail.sections.evidence")} data-testid="settlement-evidence">
      <List
        itemLayout="horizontal"
        dataSource={slots}
        renderItem={({ category, file }) => {
          const label = file?.label || t(`fx.evidence.${category}`, category);
          const ref = { key: category, label, documentId: file?.id, name: file?.originalName };
          const isPdf = file?.mime?.includes("pdf");
          return (
            <List.Item
              data-testid={`evidence-${category}`}
              actions={
                file
                  ? [
                      <Tooltip title={t("applications.files.preview")} key="preview">
                        <Button
                          type="text"
                          icon={<EyeOutlined />}
                          loading={busy === `preview:${category}`}
                          onClick={() => void open(ref)}
                          aria-label={t("applications.files.preview")}
                          data-testid={`evidence-preview-${category}`}
                        />
                      </Tooltip>,
                      <Button
                        key="download"
                        type="link"
                        icon={<DownloadOutlined />}
                        loading={busy === `download:${category}`}
                        onClick={() => void download(ref)}
                        data-testid={`evidence-download-${category}`}
                      >
                        {t("applications.files.download")}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                avatar={
                  <span className={`file-slot-icon ${file ? "file-slot-icon--ok" : ""}`}>
                    {!file ? <FileOutlined /> : isPdf ? <FilePdfOutlined /> : <FileImageOutlined />}
                  </span>
                }
                title={
                  <Space size={6} wrap>
                    <span>{label}</span>
                    {!file && (
                      <Tag bordered={false} color="red">
                        {t("applications.files.missing")}
                      </Tag>
                    )}
                  </Space>
                }
                description={
                  file ? (
                    <Typography.Text type="secondary">{[file.originalName, sizeText(file.size)].filter(Boolean).join(" · ") || "—"}</Typography.Text>
                  ) : null
                }
              />
            </List.Item>
          );
        }}
      />
      {modal}
    </Card>
  );
};
