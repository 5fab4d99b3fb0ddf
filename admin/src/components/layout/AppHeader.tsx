import { DownOutlined, GlobalOutlined, LogoutOutlined, SafetyCertificateOutlined } from "@ant-design/icons";
import { useGetIdentity, useLogout, useTranslation } from "@refinedev/core";
import { Avatar, Button, Dropdown, Layout, Space, Tag, Typography, theme, type MenuProps } from "antd";
import { LOCALES, isLocale } from "../../providers/i18n";
import type { StaffIdentity } from "../../providers/auth-provider";

/** Top bar: language switch and the signed-in staff member (name, phone, roles, sign-out). */
export const AppHeader = () => {
  const { token } = theme.useToken();
  const { translate: t, changeLocale, getLocale } = useTranslation();
  const { data: identity } = useGetIdentity<StaffIdentity>();
  const { mutate: logout } = useLogout();
  const locale = getLocale();

  const localeItems: MenuProps["items"] = Object.entries(LOCALES).map(([key, { label }]) => ({
    key,
    label,
    disabled: key === locale,
  }));

  const userItems: MenuProps["items"] = [
    {
      key: "profile",
      disabled: true,
      label: (
        <div className="app-header__profile">
          <Typography.Text strong>{identity?.name}</Typography.Text>
          <Typography.Text type="secondary">{identity?.phone}</Typography.Text>
          <Space size={[4, 4]} wrap style={{ marginTop: 6 }}>
            {(identity?.roles.length ? identity.roles : [{ code: "staff", name: t("header.staff") }]).map((role) => (
              <Tag key={role.code} color="purple" bordered={false}>
                {role.name}
              </Tag>
            ))}
          </Space>
        </div>
      ),
    },
    { type: "divider" },
    { key: "logout", icon: <LogoutOutlined />, label: t("header.logout"), danger: true },
  ];

  return (
    <Layout.Header className="app-header" style={{ background: token.colorBgContainer, borderBottom: `1px solid ${token.colorBorderSecondary}` }}>
      <Space size={4} className="app-header__env">
        <SafetyCertificateOutlined style={{ color: token.colorPrimary }} />
        <Typography.Text type="secondary">{t("header.staff")}</Typography.Text>
      </Space>
      <Space size={12}>
        <Dropdown menu={{ items: localeItems, onClick: ({ key }) => isLocale(key) && changeLocale(key) }} placement="bottomRight">
          <Button type="text" icon={<GlobalOutlined />} aria-label={t("header.language")}>
            <span className="hide-on-mobile">{LOCALES[isLocale(locale) ? locale : "zh-CN"].label}</span>
          </Button>
        </Dropdown>
        <Dropdown menu={{ items: userItems, onClick: ({ key }) => key === "logout" && logout() }} placement="bottomRight" trigger={["click"]}>
          <Button type="text" className="app-header__user" data-testid="header-user">
            <Avatar size={32} style={{ background: token.colorPrimary }}>
              {identity?.name?.slice(0, 1) ?? "晶"}
            </Avatar>
            <span className="app-header__user-text hide-on-mobile">
              <span className="app-header__user-name">{identity?.name}</span>
              {identity?.name !== identity?.phone && <span className="app-header__user-phone">{identity?.phone}</span>}
            </span>
            <DownOutlined style={{ fontSize: 11, color: token.colorTextTertiary }} />
          </Button>
        </Dropdown>
      </Space>
    </Layout.Header>
  );
};
