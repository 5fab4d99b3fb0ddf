import { LogoutOutlined, UserOutlined } from "@ant-design/icons";
import { useLogout } from "@refinedev/core";
import { Avatar, Dropdown } from "antd";
import type { MenuProps } from "antd";
import { useNavigate } from "react-router";
import { useMe } from "../hooks/useSession";
import { useT } from "../i18n/useT";
import { maskPhone } from "../lib/validation";

export function UserMenu() {
  const t = useT();
  const navigate = useNavigate();
  const { mutate: logout } = useLogout();
  const { me } = useMe();
  const name = me?.user.realName || maskPhone(me?.user.phone) || "";

  const items: MenuProps["items"] = [
    { key: "me", icon: <UserOutlined />, label: t("header.me") },
    { type: "divider" },
    { key: "logout", icon: <LogoutOutlined />, label: t("header.logout"), danger: true },
  ];

  const onClick: MenuProps["onClick"] = ({ key }) => {
    if (key === "me") navigate("/me");
    if (key === "logout") logout();
  };

  return (
    <Dropdown menu={{ items, onClick }} trigger={["click"]} placement="bottomRight">
      <button type="button" className="jmt-user" data-testid="user-menu" aria-label={t("header.me")}>
        <Avatar size={32} className="jmt-user-avatar">
          {(me?.user.realName || "晶").slice(0, 1)}
        </Avatar>
        <span className="jmt-user-name">{name}</span>
      </button>
    </Dropdown>
  );
}
