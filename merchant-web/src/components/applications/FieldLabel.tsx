import { ThunderboltOutlined } from "@ant-design/icons";
import { Form, Tooltip } from "antd";
import { createContext, useContext } from "react";
import { useT } from "../../i18n/useT";
import { getIn, namePath } from "../../lib/applications";

/** G10: which fields the server filled in (`meta.sources` of GET /api/applications/prefill), and with what. */
export const PrefillContext = createContext<{ sources: Record<string, string>; prefill: unknown }>({
  sources: {},
  prefill: {},
});

/** A form label with a subtle 「已自动带入」 while the field still holds the prefilled value. */
export function FieldLabel({ text, field }: { text: string; field: string }) {
  const t = useT();
  const { sources, prefill } = useContext(PrefillContext);
  const form = Form.useFormInstance();
  const value = Form.useWatch(namePath(field), form) as unknown;
  const known = Object.keys(sources).some((k) => namePath(k).join(".") === namePath(field).join("."));
  const before = getIn(prefill, field);
  const show =
    known &&
    (typeof before === "string" || typeof before === "number") &&
    String(before).trim() !== "" &&
    (typeof value === "string" || typeof value === "number") &&
    String(value).trim() === String(before).trim();
  return (
    <span className="jmt-field-label">
      {text}
      {show && (
        <Tooltip title={t("applications.prefilledTip")}>
          <span className="jmt-prefilled" data-testid="prefilled" data-field={field}>
            <ThunderboltOutlined /> {t("applications.prefilled")}
          </span>
        </Tooltip>
      )}
    </span>
  );
}
