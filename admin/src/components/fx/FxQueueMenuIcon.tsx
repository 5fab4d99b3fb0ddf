import { Badge } from "antd";
import type { ReactNode } from "react";
import { useFxPermissions, useSettlementCounts } from "../../pages/fx/hooks";

/** The 结汇审核 menu icon with the number of settlements waiting (结汇中) as a badge, like the review queues'. */
export const FxQueueMenuIcon = ({ icon, className }: { icon: ReactNode; className?: string }) => {
  const { settle } = useFxPermissions();
  const { counts } = useSettlementCounts(settle);
  const count = counts?.processing ?? 0;
  return (
    <span className={`${className ?? ""} menu-queue-icon`}>
      {icon}
      {count > 0 && <Badge count={count} overflowCount={99} size="small" className="menu-queue-count" data-testid="queue-count-fx" />}
    </span>
  );
};
