import { LockOutlined, RightOutlined } from "@ant-design/icons";
import { Badge, Tooltip } from "antd";
import { useMemo } from "react";
import { useNavigate } from "react-router";
import { ModuleIcon } from "../../components/ModuleIcon";
import { useT } from "../../i18n/useT";
import { buildCatalogue, modulePath } from "../../lib/catalogue";
import type { ModuleEntry } from "../../lib/modules";
import { MODULE_ACCENT } from "../../theme";

/** G8: the eight module entries; locked ones greyed with a lock and the hint "完成工商注册后开通". */
export function ModuleGrid({ entries }: { entries: ModuleEntry[] }) {
  const t = useT();
  const navigate = useNavigate();
  const catalogue = useMemo(() => new Map(buildCatalogue(t).map((m) => [m.key, m])), [t]);

  return (
    <div className="jmt-module-grid" data-testid="module-grid">
      {entries.map((entry) => {
        const info = catalogue.get(entry.key);
        const accent = MODULE_ACCENT[entry.key];
        const open = () => entry.enabled && navigate(modulePath(entry.key));
        const card = (
          <div
            key={entry.key}
            className={`jmt-module-card${entry.enabled ? "" : " is-locked"}`}
            data-module={entry.key}
            data-enabled={String(entry.enabled)}
            role="link"
            tabIndex={entry.enabled ? 0 : -1}
            aria-disabled={!entry.enabled}
            aria-label={info?.title}
            style={{ ["--accent" as string]: accent.color, ["--accent-soft" as string]: accent.soft }}
            onClick={open}
            onKeyDown={(e) => (e.key === "Enter" || e.key === " ") && open()}
          >
            <div className="jmt-module-top">
              <ModuleIcon moduleKey={entry.key} size={52} muted={!entry.enabled} />
              {entry.enabled ? (
                entry.todo > 0 && (
                  <Badge
                    className="jmt-module-badge"
                    count={t("home.todoBadge", { count: entry.todo })}
                    color={accent.color}
                    data-testid={`todo-${entry.key}`}
                  />
                )
              ) : (
                <span className="jmt-module-lock">
                  <LockOutlined />
                </span>
              )}
            </div>
            <div className="jmt-module-title">{info?.title}</div>
            <div className="jmt-module-summary">{info?.summary}</div>
            <div className="jmt-module-foot">
              {entry.enabled ? (
                <span className="jmt-module-go">
                  <span className="jmt-module-features">
                    {info?.features
                      .slice(0, 3)
                      .map((f) => f.title)
                      .join(" · ")}
                  </span>
                  <RightOutlined />
                </span>
              ) : (
                <span className="jmt-module-locked-text">
                  <LockOutlined /> {t("home.locked")}
                </span>
              )}
            </div>
          </div>
        );
        return entry.enabled ? (
          card
        ) : (
          <Tooltip key={entry.key} title={t("home.locked")}>
            {card}
          </Tooltip>
        );
      })}
    </div>
  );
}
