import type { TitleProps } from "@refinedev/core";
import { useTranslate } from "@refinedev/core";
import { Link } from "react-router";
import { CrystalLogo } from "../common/CrystalLogo";

/** Sider title: the mark, and the product name when the sider is open. */
export const AppTitle = ({ collapsed }: TitleProps) => {
  const t = useTranslate();
  return (
    <Link to="/" className="app-title" aria-label={t("app.name")}>
      <CrystalLogo size={collapsed ? 30 : 32} />
      {!collapsed && (
        <span className="app-title__text">
          <span className="app-title__name">
            {t("app.name")} <em>{t("app.version")}</em>
          </span>
          <span className="app-title__sub">{t("app.console")}</span>
        </span>
      )}
    </Link>
  );
};
