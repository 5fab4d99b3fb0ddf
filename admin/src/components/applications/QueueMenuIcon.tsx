import { Badge } from "antd";
import type { ReactNode } from "react";
import { useStaffTodos } from "../../pages/applications/hooks";

/**
 * A sider menu icon with the queue's count (`GET /api/applications/todos`) as a badge at the right end of the
 * menu item. antd's Menu passes `className` to the icon, so keep it.
 */
export const QueueMenuIcon = ({ icon, kind, kinds, className }: { icon: ReactNode; kind?: string; kinds?: readonly string[]; className?: string }) => {
  const { counts } = useStaffTodos();
  const wanted = kinds ?? (kind ? [kind] : []);
  const count = wanted.reduce((sum, key) => sum + (counts[key] ?? 0), 0);
  return (
    <span className={`${className ?? ""} menu-queue-icon`}>
      {icon}
      {count > 0 && <Badge count={count} overflowCount={99} size="small" className="menu-queue-count" data-testid={`queue-count-${kind ?? "group"}`} />}
    </span>
  );
};
