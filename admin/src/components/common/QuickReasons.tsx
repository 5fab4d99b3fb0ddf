import { Space, Tag } from "antd";
import { reasonParts } from "../../lib/reasons";

/** Common reasons as checkable tags: checked when the note holds them; clicking one toggles it in the note. */
export const QuickReasons = ({ reasons, note, onToggle }: { reasons: readonly string[]; note: string; onToggle(reason: string): void }) => {
  const picked = reasonParts(note);
  return (
    <Space size={[6, 8]} wrap data-testid="quick-reasons">
      {reasons.map((reason) => (
        <Tag.CheckableTag key={reason} checked={picked.includes(reason)} onChange={() => onToggle(reason)} className="reason-tag">
          {reason}
        </Tag.CheckableTag>
      ))}
    </Space>
  );
};
