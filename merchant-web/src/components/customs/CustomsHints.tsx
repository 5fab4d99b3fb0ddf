import { BulbOutlined } from "@ant-design/icons";
import { Card, Skeleton } from "antd";
import { useCustomsHints } from "../../hooks/useCustoms";
import { useT } from "../../i18n/useT";

/** C9 crystal-industry hints for one placement (`batch.create`, `orders.import`, `batch.summary`); nothing when there are none. */
export function CustomsHints({ placement, compact = false }: { placement: string; compact?: boolean }) {
  const t = useT();
  const hints = useCustomsHints();
  const items = (hints.data ?? []).filter((h) => h.placement === placement);
  if (hints.isError || (!hints.isLoading && items.length === 0)) return null;
  const body = hints.isLoading ? (
    <Skeleton active title={false} paragraph={{ rows: 3 }} />
  ) : (
    <ul className="jmt-hints">
      {items.map((h) => (
        <li key={h.key} data-testid="customs-hint" data-key={h.key}>
          <div className="jmt-hint-title">{h.title}</div>
          <p className="jmt-hint-body">{h.body}</p>
        </li>
      ))}
    </ul>
  );
  if (compact) {
    return (
      <div className="jmt-hints-box" data-testid="customs-hints" data-placement={placement}>
        <div className="jmt-hints-head">
          <BulbOutlined /> {t("customs.hints.title")}
        </div>
        {body}
      </div>
    );
  }
  return (
    <Card
      className="jmt-panel jmt-hints-card"
      size="small"
      data-testid="customs-hints"
      data-placement={placement}
      title={
        <span className="jmt-panel-title">
          <BulbOutlined /> {t("customs.hints.title")}
        </span>
      }
    >
      {body}
    </Card>
  );
}
