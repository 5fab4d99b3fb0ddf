import {
  CheckOutlined,
  CloseOutlined,
  DownloadOutlined,
  FileExcelOutlined,
  InboxOutlined,
  LoadingOutlined,
  ReloadOutlined,
  SaveOutlined,
  WarningOutlined,
} from "@ant-design/icons";
import { Alert, App, Button, Card, Input, Popover, Space, Spin, Statistic, Table, Tag, Tooltip, Upload } from "antd";
import { useMemo, useState } from "react";
import type { BatchImportInfo, ImportCellError, ImportPreview, ImportWarning } from "@jmt/api-types";
import { CustomsHints } from "../../components/customs/CustomsHints";
import { refreshCustoms } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";
import { cellKey, fatalImportError, isFixable, overridesFrom } from "../../lib/customs";
import { formatDateTime } from "../../lib/format";
import { toApiError } from "../../providers/apiError";
import { saveBlob } from "../../providers/applicationsApi";
import { customsApi } from "../../providers/customsApi";

/** Download of the e-order template (with the bearer token, saved under the server's file name). */
export function TemplateButton({ block = false }: { block?: boolean }) {
  const t = useT();
  const { message } = App.useApp();
  const [busy, setBusy] = useState(false);
  return (
    <Button
      block={block}
      icon={busy ? <LoadingOutlined /> : <DownloadOutlined />}
      disabled={busy}
      data-testid="template-download"
      onClick={async () => {
        setBusy(true);
        try {
          const { blob, filename } = await customsApi.downloadTemplate();
          saveBlob(blob, filename ?? t("customs.import.templateName"));
          message.success(t("customs.import.templateDownloaded"));
        } catch (error) {
          message.error(toApiError(error).message);
        } finally {
          setBusy(false);
        }
      }}
    >
      {t("customs.import.template")}
    </Button>
  );
}

/** A file the cms could not read at all (422 IMPORT_FILE_REJECTED): what is wrong, in Chinese, and what to do. */
function FatalError({ error, onRetry }: { error: ImportCellError; onRetry: () => void }) {
  const t = useT();
  const list = (label: string, items: string[] | undefined, color: string, testId: string) =>
    items && items.length > 0 ? (
      <div className="jmt-header-problem">
        <span>{label}</span>
        {items.map((c) => (
          <Tag key={c} color={color} bordered={false} data-testid={testId}>
            {c}
          </Tag>
        ))}
      </div>
    ) : null;
  return (
    <Alert
      type="error"
      showIcon
      className="jmt-step-alert"
      data-testid="import-fatal"
      data-code={error.code}
      message={t(`customs.import.fatal.${error.code}`, undefined, t("customs.import.fatal.other"))}
      description={
        <div className="jmt-fatal">
          <p>{error.message}</p>
          {error.code === "HEADER_MISMATCH" && (
            <>
              {list(t("customs.import.missingColumns"), error.missing, "error", "missing-column")}
              {list(t("customs.import.unknownColumns"), error.unknown, "warning", "unknown-column")}
              {list(t("customs.import.duplicateColumns"), error.duplicate, "warning", "duplicate-column")}
            </>
          )}
          <Space wrap>
            <TemplateButton />
            <Button icon={<ReloadOutlined />} onClick={onRetry}>
              {t("customs.import.chooseAgain")}
            </Button>
          </Space>
        </div>
      }
    />
  );
}

function Summary({ preview }: { preview: ImportPreview }) {
  const t = useT();
  return (
    <div
      className="jmt-import-summary"
      data-testid="import-summary"
      data-total={preview.total}
      data-valid={preview.valid}
      data-errors={preview.errorCount}
    >
      <Statistic title={t("customs.import.total")} value={preview.total} />
      <Statistic title={t("customs.import.orderCount")} value={preview.orderCount} />
      <Statistic title={t("customs.import.valid")} value={preview.valid} valueStyle={{ color: "#22a06b" }} />
      <Statistic
        title={t("customs.import.errorCount")}
        value={preview.errorCount}
        valueStyle={{ color: preview.errorCount > 0 ? "#e5484d" : "#22a06b" }}
      />
      {(preview.warningCount ?? preview.warnings.length) > 0 && (
        <Statistic
          title={t("customs.import.warningCount")}
          value={preview.warningCount ?? preview.warnings.length}
          valueStyle={{ color: "#f59e0b" }}
        />
      )}
    </div>
  );
}

/**
 * C3 import inside the batch page: template, upload, then a preview — per-cell errors fixable in place
 * (POST /imports/:id/fix), FORMULA_TEXT warnings — and 确认导入 once nothing is wrong.
 */
export function ImportPanel({
  batchId,
  lastImports,
  onClose,
  onCommitted,
}: {
  batchId: string;
  lastImports: BatchImportInfo[];
  onClose?: () => void;
  onCommitted: (orders: number) => void;
}) {
  const t = useT();
  const { message } = App.useApp();
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [fatal, setFatal] = useState<ImportCellError | null>(null);
  const [uploading, setUploading] = useState(false);
  const [edits, setEdits] = useState<Record<string, string>>({});
  const [saving, setSaving] = useState<string | null>(null);
  const [committing, setCommitting] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);

  const resumable = lastImports.find((i) => i.status === "preview");
  const reset = () => {
    setPreview(null);
    setFatal(null);
    setEdits({});
    setProblem(null);
  };

  const upload = async (file: File) => {
    reset();
    setUploading(true);
    try {
      setPreview(await customsApi.importOrders(batchId, file));
    } catch (error) {
      const e = toApiError(error);
      const fileError = e.code === "IMPORT_FILE_REJECTED" ? fatalImportError(e.details) : null;
      if (fileError) setFatal(fileError);
      else setProblem(e.message);
    } finally {
      setUploading(false);
    }
  };

  const resume = async (importId: string) => {
    reset();
    setUploading(true);
    try {
      setPreview(await customsApi.getImport(importId));
    } catch (error) {
      setProblem(toApiError(error).message);
    } finally {
      setUploading(false);
    }
  };

  /** Saves the given edited cells (one, or all); the preview is checked again and re-rendered. */
  const save = async (keys: string[]) => {
    if (!preview || keys.length === 0) return;
    const chosen = Object.fromEntries(keys.filter((k) => k in edits).map((k) => [k, edits[k] ?? ""]));
    if (Object.keys(chosen).length === 0) return;
    setSaving(keys.length === 1 ? keys[0]! : "*");
    setProblem(null);
    try {
      const next = await customsApi.fixImport(preview.importId, overridesFrom(chosen));
      setPreview(next);
      setEdits((current) => Object.fromEntries(Object.entries(current).filter(([k]) => !(k in chosen))));
      const left = next.errorCount;
      if (left === 0) message.success(t("customs.import.allFixed"));
      else message.info(t("customs.import.fixSaved", { count: left }));
    } catch (error) {
      setProblem(toApiError(error).message);
    } finally {
      setSaving(null);
    }
  };

  const commit = async () => {
    if (!preview) return;
    setCommitting(true);
    setProblem(null);
    try {
      const done = await customsApi.commitImport(preview.importId);
      message.success(t("customs.import.committed", { count: done.orders }));
      await refreshCustoms();
      reset();
      onCommitted(done.orders);
    } catch (error) {
      const e = toApiError(error);
      setProblem(e.message);
      if (e.code === "IMPORT_HAS_ERRORS") {
        // Someone else imported the same orders meanwhile: show the fresh state.
        void customsApi.getImport(preview.importId).then(setPreview, () => undefined);
      }
    } finally {
      setCommitting(false);
    }
  };

  const errors = preview?.errors ?? [];
  const pending = Object.keys(edits).length;
  const errorColumns = useMemo(
    () => [
      {
        title: t("customs.import.row"),
        key: "row",
        width: 76,
        render: (_: unknown, e: ImportCellError) => (e.row > 0 ? t("customs.import.rowN", { row: e.row }) : "—"),
      },
      {
        title: t("customs.import.column"),
        key: "column",
        width: 92,
        render: (_: unknown, e: ImportCellError) => e.column ?? "—",
      },
      {
        title: t("customs.import.value"),
        key: "value",
        width: 130,
        render: (_: unknown, e: ImportCellError) =>
          e.value ? (
            <span className="jmt-mono jmt-bad-value">{e.value}</span>
          ) : (
            <span className="jmt-muted">{t("customs.import.emptyCell")}</span>
          ),
      },
      {
        title: t("customs.import.message"),
        key: "message",
        render: (_: unknown, e: ImportCellError) => (
          <span className="jmt-error-message">
            <Tag bordered={false} color="error">
              {t(`customs.import.code.${e.code}`, undefined, e.code)}
            </Tag>
            {e.message}
          </span>
        ),
      },
      {
        title: t("customs.import.fix"),
        key: "fix",
        width: 240,
        render: (_: unknown, e: ImportCellError) => {
          if (!isFixable(e)) return <span className="jmt-muted">{t("customs.import.notFixable")}</span>;
          const key = cellKey(e.row, e.field);
          const value = key in edits ? edits[key] : (e.value ?? "");
          const busy = saving === key || saving === "*";
          return (
            <Space.Compact className="jmt-fix" block>
              <Input
                size="small"
                value={value}
                status={key in edits ? undefined : "error"}
                aria-label={t("customs.import.fixLabel", { row: e.row, column: e.column ?? "" })}
                data-testid="fix-input"
                onChange={(ev) => setEdits((current) => ({ ...current, [key]: ev.target.value }))}
                onPressEnter={() => void save([key])}
                disabled={busy}
              />
              <Tooltip title={t("customs.import.saveCell")}>
                <Button
                  size="small"
                  type={key in edits ? "primary" : "default"}
                  icon={busy ? <LoadingOutlined /> : <SaveOutlined />}
                  disabled={!(key in edits) || busy}
                  onClick={() => void save([key])}
                  data-testid="fix-save"
                  aria-label={t("customs.import.saveCell")}
                />
              </Tooltip>
            </Space.Compact>
          );
        },
      },
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `save` is a new function each render; a cell can only be saved after an edit, which rebuilds the columns
    [edits, saving, t],
  );

  return (
    <Card
      className="jmt-panel jmt-import"
      id="import"
      data-testid="import-panel"
      title={
        <span className="jmt-panel-title">
          <FileExcelOutlined /> {t("customs.import.title")}
        </span>
      }
      extra={
        onClose && (
          <Button
            type="text"
            icon={<CloseOutlined />}
            onClick={onClose}
            aria-label={t("common.cancel")}
            data-testid="import-close"
          >
            {t("customs.import.close")}
          </Button>
        )
      }
    >
      <div className="jmt-import-layout">
        <div className="jmt-import-main">
          {!preview && (
            <>
              <ol className="jmt-import-steps">
                <li>
                  <strong>{t("customs.import.step1")}</strong>
                  <span className="jmt-muted">{t("customs.import.step1Desc")}</span>
                  <TemplateButton />
                </li>
                <li>
                  <strong>{t("customs.import.step2")}</strong>
                  <span className="jmt-muted">{t("customs.import.step2Desc")}</span>
                </li>
              </ol>
              {resumable && !fatal && (
                <Alert
                  className="jmt-step-alert"
                  type="info"
                  showIcon
                  message={t("customs.import.resume", {
                    name: resumable.fileName ?? "",
                    time: formatDateTime(resumable.createdAt),
                    errors: resumable.errorCount ?? 0,
                  })}
                  action={
                    <Button size="small" onClick={() => void resume(resumable.importId)} data-testid="import-resume">
                      {t("customs.import.resumeAction")}
                    </Button>
                  }
                />
              )}
              {fatal && <FatalError error={fatal} onRetry={reset} />}
              <Spin spinning={uploading} tip={t("customs.import.checking")}>
                <div data-testid="import-upload">
                  <Upload.Dragger
                    accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
                    multiple={false}
                    showUploadList={false}
                    disabled={uploading}
                    beforeUpload={(file) => {
                      void upload(file);
                      return Upload.LIST_IGNORE;
                    }}
                    className="jmt-import-drop"
                  >
                    <p className="ant-upload-drag-icon">
                      <InboxOutlined />
                    </p>
                    <p className="ant-upload-text">{t("customs.import.drop")}</p>
                    <p className="ant-upload-hint">{t("customs.import.dropHint")}</p>
                  </Upload.Dragger>
                </div>
              </Spin>
            </>
          )}

          {problem && (
            <Alert
              className="jmt-step-alert"
              type="error"
              showIcon
              message={problem}
              data-testid="import-problem"
              closable
              onClose={() => setProblem(null)}
            />
          )}

          {preview && (
            <div className="jmt-import-preview" data-testid="import-preview" data-import-id={preview.importId}>
              <div className="jmt-import-file">
                <FileExcelOutlined /> <span>{preview.fileName}</span>
                {(preview.skippedExamples ?? 0) > 0 && (
                  <span className="jmt-muted">
                    {t("customs.import.skippedExamples", { count: preview.skippedExamples ?? 0 })}
                  </span>
                )}
              </div>
              <Summary preview={preview} />
              {preview.errorCount > 0 ? (
                <Alert
                  className="jmt-step-alert"
                  type="warning"
                  showIcon
                  message={t("customs.import.hasErrors", { count: preview.errorCount })}
                  description={
                    preview.errorsTruncated
                      ? t("customs.import.truncated", { shown: errors.length })
                      : t("customs.import.fixHint")
                  }
                />
              ) : (
                <Alert
                  className="jmt-step-alert"
                  type="success"
                  showIcon
                  message={t("customs.import.ready", { count: preview.orderCount })}
                  data-testid="import-ready"
                />
              )}
              {errors.length > 0 && (
                <>
                  <div className="jmt-import-toolbar">
                    <span className="jmt-muted">{t("customs.import.errorsTitle")}</span>
                    <Button
                      size="small"
                      icon={<SaveOutlined />}
                      disabled={pending === 0 || saving !== null}
                      loading={saving === "*"}
                      onClick={() => void save(Object.keys(edits))}
                      data-testid="fix-save-all"
                    >
                      {t("customs.import.saveAll", { count: pending })}
                    </Button>
                  </div>
                  <Table<ImportCellError>
                    size="small"
                    rowKey={(e) => `${e.row}:${e.field ?? e.column ?? ""}:${e.code}`}
                    dataSource={errors}
                    columns={errorColumns}
                    pagination={errors.length > 10 ? { pageSize: 10, size: "small", showSizeChanger: false } : false}
                    scroll={{ x: 760 }}
                    onRow={(e) =>
                      ({
                        "data-testid": "import-error",
                        "data-row": e.row,
                        "data-field": e.field ?? "",
                        "data-code": e.code,
                      }) as React.HTMLAttributes<HTMLTableRowElement>
                    }
                  />
                </>
              )}
              {preview.warnings.length > 0 && <Warnings warnings={preview.warnings} />}
              <div className="jmt-wizard-actions">
                <Button icon={<ReloadOutlined />} onClick={reset} data-testid="import-again">
                  {t("customs.import.chooseAgain")}
                </Button>
                <span className="jmt-wizard-spacer" />
                {preview.errorCount > 0 && <span className="jmt-muted">{t("customs.import.commitBlocked")}</span>}
                <Button
                  type="primary"
                  icon={<CheckOutlined />}
                  disabled={preview.errorCount > 0 || preview.fatal || pending > 0}
                  loading={committing}
                  onClick={() => void commit()}
                  data-testid="import-commit"
                >
                  {t("customs.import.commit", { count: preview.orderCount })}
                </Button>
              </div>
            </div>
          )}
        </div>
        <aside className="jmt-import-aside">
          <CustomsHints placement="orders.import" compact />
        </aside>
      </div>
    </Card>
  );
}

function Warnings({ warnings }: { warnings: ImportWarning[] }) {
  const t = useT();
  return (
    <Alert
      className="jmt-step-alert"
      type="warning"
      icon={<WarningOutlined />}
      showIcon
      data-testid="import-warnings"
      message={t("customs.import.warningsTitle", { count: warnings.length })}
      description={
        <ul className="jmt-warning-list">
          {warnings.slice(0, 20).map((w) => (
            <li key={`${w.row}:${w.field}`} data-testid="import-warning" data-code={w.code}>
              <strong>
                {t("customs.import.rowN", { row: w.row })} · {w.column}
              </strong>
              <Popover content={<span className="jmt-mono">{w.value}</span>}>
                <span className="jmt-mono jmt-warning-value">{w.value}</span>
              </Popover>
              <span>{w.message}</span>
            </li>
          ))}
          {warnings.length > 20 && (
            <li className="jmt-muted">{t("customs.import.moreWarnings", { count: warnings.length - 20 })}</li>
          )}
        </ul>
      }
    />
  );
}
