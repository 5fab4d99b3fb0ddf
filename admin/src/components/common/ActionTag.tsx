import { useTranslate } from "@refinedev/core";
import { Tag } from "antd";

const ACTION_COLOR: Record<string, string> = {
  create: "green",
  update: "blue",
  delete: "red",
  login: "purple",
  logout: "default",
  approve: "green",
  reject: "red",
  submit: "geekblue",
  export: "cyan",
  import: "cyan",
  upload: "cyan",
  download: "cyan",
  switch: "magenta",
  switch_merchant: "magenta",
  publish: "green",
  unpublish: "orange",
  discardDraft: "default",
  clone: "geekblue",
  send: "geekblue",
};

/** `merchant.update` / `update` → `update` */
export const verbOf = (action: string): string => action.split(/[.:/]/).pop() ?? action;

/** `label` is the cms's own Chinese label (audit rows carry `actionLabel`); the locale file is the fallback. */
export const ActionTag = ({ action, label }: { action: string; label?: string | null }) => {
  const t = useTranslate();
  const verb = verbOf(action);
  return (
    <Tag color={ACTION_COLOR[verb] ?? "default"} bordered={false}>
      {label || t(`auditLogs.actions.${verb}`, undefined, action)}
    </Tag>
  );
};
