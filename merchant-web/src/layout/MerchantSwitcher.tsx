import { CheckOutlined, DownOutlined, ShopOutlined, SwapOutlined } from "@ant-design/icons";
import { App, Dropdown, Skeleton, Tag } from "antd";
import type { MenuProps } from "antd";
import { useState } from "react";
import { useNavigate } from "react-router";
import { useMe } from "../hooks/useSession";
import { useT } from "../i18n/useT";
import { api } from "../providers";
import { errorMessage } from "../providers/apiError";
import { queryClient } from "../providers/queryClient";
import { replaceToken } from "../providers/session";

/** G11: switch between the merchants this user belongs to (POST /api/me/switch-merchant, new jwt). */
export function MerchantSwitcher() {
  const t = useT();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const { me, query } = useMe();
  const [switching, setSwitching] = useState(false);

  if (query.isLoading) return <Skeleton.Button active size="small" style={{ width: 180 }} />;
  const current = me?.merchant;
  const merchants = me?.merchants ?? [];

  const switchTo = async (documentId: string) => {
    const target = merchants.find((m) => m.documentId === documentId);
    if (!target || target.current || documentId === current?.documentId) return;
    setSwitching(true);
    try {
      const result = await api.switchMerchant(documentId);
      replaceToken(result.jwt);
      await queryClient.resetQueries();
      navigate("/");
      message.success(t("header.switched", { name: result.merchant?.nameCn ?? target.nameCn }));
    } catch (error) {
      message.error(errorMessage(error));
    } finally {
      setSwitching(false);
    }
  };

  const items: MenuProps["items"] = [
    { key: "title", type: "group", label: t("header.switchMerchant") },
    ...merchants.map((m) => ({
      key: m.documentId,
      label: (
        <div className="jmt-switch-item" data-merchant={m.documentId}>
          <span className="jmt-switch-name">{m.nameCn}</span>
          <Tag bordered={false} color={m.role === "admin" ? "purple" : "default"}>
            {t(`roles.${m.role}`)}
          </Tag>
          {(m.current || m.documentId === current?.documentId) && <CheckOutlined className="jmt-switch-check" />}
        </div>
      ),
    })),
  ];

  return (
    <Dropdown
      menu={{ items, onClick: ({ key }) => void switchTo(key), selectable: false }}
      trigger={["click"]}
      placement="bottomRight"
      disabled={switching}
    >
      <button
        type="button"
        className="jmt-switcher"
        aria-label={t("header.switchMerchant")}
        data-testid="merchant-switcher"
      >
        <ShopOutlined className="jmt-switcher-icon" />
        <span className="jmt-switcher-name">{current?.nameCn ?? t("header.noMerchant")}</span>
        {merchants.length > 1 ? (
          <SwapOutlined className="jmt-switcher-caret" spin={switching} />
        ) : (
          <DownOutlined className="jmt-switcher-caret" />
        )}
      </button>
    </Dropdown>
  );
}
