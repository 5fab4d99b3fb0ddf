import { DownloadOutlined } from "@ant-design/icons";
import { useTranslate, type HttpError } from "@refinedev/core";
import { App as AntdApp, Button, type ButtonProps } from "antd";
import { useState } from "react";
import { downloadWithToken } from "../../lib/download";
import { tokenStore } from "../../providers/http";

interface TemplateButtonProps extends Omit<ButtonProps, "onClick" | "loading" | "icon"> {
  /** The template's cms address. */
  url: string;
  /** The file name used when the answer names none. */
  fileName: string;
  testId: string;
}

/** 下载模板: an Excel template from the cms, fetched with the bearer token (a plain link cannot send it). */
export const TemplateButton = ({ url, fileName, testId, children, ...props }: TemplateButtonProps) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [loading, setLoading] = useState(false);
  const download = async () => {
    setLoading(true);
    try {
      const filename = await downloadWithToken(url, tokenStore.getToken(), fileName);
      message.success(t("applications.files.downloaded", { filename }));
    } catch (error) {
      notification.error({ message: t("common.templateFailed"), description: (error as HttpError).message });
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={loading} onClick={() => void download()} data-testid={testId} {...props}>
      {children ?? t("common.template")}
    </Button>
  );
};
