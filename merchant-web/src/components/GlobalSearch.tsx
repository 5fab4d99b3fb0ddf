import { LockOutlined, SearchOutlined } from "@ant-design/icons";
import { AutoComplete, Input } from "antd";
import { useMemo, useState } from "react";
import { useNavigate } from "react-router";
import { buildCatalogue, modulePath } from "../lib/catalogue";
import { resolveModules } from "../lib/modules";
import { searchCatalogue } from "../lib/search";
import { useHome } from "../hooks/useSession";
import { useT } from "../i18n/useT";
import type { ModuleKey } from "../providers/types";
import { Highlight } from "./Highlight";
import { ModuleIcon } from "./ModuleIcon";

/**
 * G5 global search: live results over the eight modules and their sub-features. A module hit lists all its
 * sub-features; a sub-feature hit is shown under its module. Locked modules show, but cannot be opened.
 */
export function GlobalSearch() {
  const t = useT();
  const navigate = useNavigate();
  const { home } = useHome();
  const [keyword, setKeyword] = useState("");
  const catalogue = useMemo(() => buildCatalogue(t), [t]);
  const enabled = useMemo(() => new Map(resolveModules(home).map((m) => [m.key, m.enabled])), [home]);
  const groups = useMemo(() => searchCatalogue(catalogue, keyword), [catalogue, keyword]);

  const options = groups.flatMap((group) => {
    const key = group.module.key;
    const locked = enabled.get(key) === false;
    const lockNote = locked ? (
      <span className="jmt-search-lock">
        <LockOutlined /> {t("search.locked")}
      </span>
    ) : null;
    return [
      {
        value: `m:${key}`,
        disabled: locked,
        label: (
          <div className="jmt-search-row jmt-search-parent" data-search-parent={key}>
            <ModuleIcon moduleKey={key} size={28} muted={locked} />
            <span className="jmt-search-title">
              <Highlight text={group.module.title} keyword={keyword} />
            </span>
            <span className="jmt-search-kind">{t("search.module")}</span>
            {lockNote}
          </div>
        ),
      },
      ...group.children.map((child) => ({
        value: `f:${key}:${child.feature.key}`,
        disabled: locked,
        label: (
          <div className="jmt-search-row jmt-search-child" data-search-child={child.feature.key}>
            <span className="jmt-search-branch" aria-hidden="true" />
            <div className="jmt-search-text">
              <div className="jmt-search-title">
                <Highlight text={child.feature.title} keyword={keyword} />
                {!group.parentMatched && (
                  <span className="jmt-search-parent-note">{t("search.inModule", { module: group.module.title })}</span>
                )}
              </div>
              <div className="jmt-search-desc">
                <Highlight text={child.feature.desc} keyword={keyword} />
              </div>
            </div>
          </div>
        ),
      })),
    ];
  });

  const onSelect = (value: string) => {
    const [kind, key, feature] = value.split(":");
    setKeyword("");
    if (kind === "m") navigate(modulePath(key as ModuleKey));
    if (kind === "f") navigate(modulePath(key as ModuleKey, feature));
  };

  return (
    <AutoComplete
      className="jmt-search"
      value={keyword}
      options={options}
      onSearch={setKeyword}
      onChange={setKeyword}
      onSelect={onSelect}
      filterOption={false}
      popupMatchSelectWidth={480}
      listHeight={420}
      classNames={{ popup: { root: "jmt-search-popup" } }}
      notFoundContent={
        keyword.trim() ? <div className="jmt-search-empty">{t("search.empty", { keyword: keyword.trim() })}</div> : null
      }
    >
      <Input
        allowClear
        prefix={<SearchOutlined className="jmt-search-icon" />}
        placeholder={t("search.placeholder")}
        aria-label={t("search.placeholder")}
      />
    </AutoComplete>
  );
}
