import { LockOutlined } from "@ant-design/icons";
import { Button, Card, Result } from "antd";
import { useNavigate } from "react-router";
import { useT } from "../i18n/useT";
import { modulePath } from "../lib/catalogue";
import type { ModuleKey } from "../providers/types";

/** The lock treatment of a module that opens only after business registration is approved (G8). */
export function ModuleLocked({ moduleKey, title }: { moduleKey: ModuleKey; title: string }) {
  const t = useT();
  const navigate = useNavigate();
  return (
    <Card className="jmt-panel jmt-locked" data-testid="module-locked" data-module={moduleKey}>
      <Result
        icon={
          <span className="jmt-locked-icon">
            <LockOutlined />
          </span>
        }
        title={t("moduleStatus.lockedTitle", { module: title })}
        subTitle={t("moduleStatus.lockedDesc")}
        extra={[
          <Button key="go" type="primary" onClick={() => navigate(modulePath("registration"))}>
            {t("home.goRegister")}
          </Button>,
          <Button key="home" onClick={() => navigate("/")}>
            {t("common.backHome")}
          </Button>,
        ]}
      />
    </Card>
  );
}
