import { useTranslate } from "@refinedev/core";
import { Alert, Card, Flex, Space, Table, Tag, Typography } from "antd";
import type { ReactNode } from "react";
import { badRowCount, type UploadFailure, type UploadProblem } from "../../lib/upload-problems";

/**
 * Why an all-or-nothing Excel upload was refused (余额上传, 回执上传): a headline, the guarantee that nothing was
 * written, and every bad cell (row, column, problem, value) — or the reason the file could not be read, or any other
 * failure. The page passes its own wording; the table is the same everywhere.
 */
export const UploadProblems = ({
  failure,
  titles,
  nothingWritten,
  codeLabel,
}: {
  failure: UploadFailure;
  /** Headlines per kind of failure (`invalid` gets the number of problems and of rows). */
  titles: { invalid(count: number, rows: number): string; rejected: string; failed: string };
  /** "Nothing was written / applied …" under the headline of a refused file. */
  nothingWritten: ReactNode;
  /** A label for a problem code when the cms sent no message. */
  codeLabel?: (code: string) => string;
}) => {
  const t = useTranslate();

  if (failure.kind === "failed") {
    return <Alert type="error" showIcon data-testid="upload-failed" message={titles.failed} description={failure.message} />;
  }

  const invalid = failure.kind === "invalid";
  return (
    <Card variant="borderless" className="section-card upload-problems" data-testid="upload-invalid" data-kind={failure.kind}>
      <Flex vertical gap={16}>
        <Alert
          type="error"
          showIcon
          data-testid="upload-nothing-written"
          message={invalid ? titles.invalid(failure.errors.length, badRowCount(failure.errors)) : titles.rejected}
          description={
            <Space direction="vertical" size={2}>
              {!invalid && failure.message && <span>{failure.message}</span>}
              <Typography.Text strong>{nothingWritten}</Typography.Text>
            </Space>
          }
        />
        {failure.errors.length > 0 && (
          <Table<UploadProblem & { key: number }>
            dataSource={failure.errors.map((error, index) => ({ ...error, key: index }))}
            size="small"
            data-testid="upload-errors"
            pagination={failure.errors.length > 50 ? { pageSize: 50, showSizeChanger: false } : false}
            scroll={{ x: 720 }}
            onRow={(error) => ({ "data-row": error.row ?? "", "data-code": error.code }) as React.HTMLAttributes<HTMLElement>}
            columns={[
              {
                dataIndex: "row",
                title: t("common.upload.row"),
                width: 90,
                render: (row: number | null) => (row ? t("common.upload.rowN", { row }) : "—"),
              },
              { dataIndex: "column", title: t("common.upload.column"), width: 120, render: (column: string) => column || "—" },
              {
                dataIndex: "message",
                title: t("common.upload.message"),
                render: (message: string, error) => (
                  <Space size={6} wrap>
                    <Typography.Text type="danger">{message || codeLabel?.(error.code) || error.code}</Typography.Text>
                    {error.code && (
                      <Tag bordered={false} className="mono">
                        {error.code}
                      </Tag>
                    )}
                  </Space>
                ),
              },
              {
                dataIndex: "value",
                title: t("common.upload.value"),
                width: 200,
                render: (value: string | null) =>
                  value === null || value === "" ? (
                    <Typography.Text type="secondary">{t("common.upload.emptyValue")}</Typography.Text>
                  ) : (
                    <span className="mono">{value}</span>
                  ),
              },
            ]}
          />
        )}
      </Flex>
    </Card>
  );
};
