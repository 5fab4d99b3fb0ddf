import { DownloadOutlined } from "@ant-design/icons";
import { useTranslate, type HttpError } from "@refinedev/core";
import { App as AntdApp, Button, type ButtonProps } from "antd";
import { useState } from "react";
import { downloadWithToken } from "../../lib/download";
import { fxApi } from "../../providers/data-provider";
import { tokenStore } from "../../providers/http";

/** 下载模板: the balance-upload Excel template, fetched with the bearer token (a plain link cannot send it). */
export const TemplateButton = (props: Omit<ButtonProps, "onClick" | "loading" | "icon">) => {
  const t = useTranslate();
  const { message, notification } = AntdApp.useApp();
  const [loading, setLoading] = useState(false);
  const download = async () => {
    setLoading(true);
    try {
      const filename = await downloadWithToken(fxApi.templateUrl(), tokenStore.getToken(), t("fx.upload.templateName"));
      message.success(t("applications.files.downloaded", { filename }));
    } catch (error) {
      notification.error({ message: t("fx.upload.templateFailed"), description: (error as HttpError).message });
    } finally {
      setLoading(false);
    }
  };
  return (
    <Button icon={<DownloadOutlined />} loading={loading} onClick={() => void download()} data-testid="balance-template" {...props}>
      {props.children ?? t("fx.upload.template")}
    </Button>
  );
};
