import type { BatchProgress } from "@jmt/api-types";
import { useTranslate } from "@refinedev/core";
import { Steps } from "antd";
import { stageSteps } from "../../lib/customs";

/**
 * Where a batch stands: 电子订单 → 出口清单 → 总分单 → 汇总 → 完成. `inline` is the compact bar of the board's table
 * (titles on hover), otherwise the full bar of the batch page. The 汇总 step of an A batch reads 无需汇总.
 */
export const StageSteps = ({ progress, inline = false }: { progress: BatchProgress | null | undefined; inline?: boolean }) => {
  const t = useTranslate();
  const steps = stageSteps(progress);
  const current = Math.max(
    0,
    steps.findIndex((step) => step.state === "process" || step.state === "error"),
  );
  return (
    <Steps
      className={inline ? "stage-steps stage-steps--inline" : "stage-steps"}
      size="small"
      type={inline ? "inline" : "default"}
      current={progress?.stage === "done" ? steps.length - 1 : current}
      data-testid="stage-steps"
      data-stage={progress?.stage ?? ""}
      items={steps.map((step) => ({
        title: t(`customs.stages.${step.key}`),
        status: step.state,
        description: step.skipped && !inline ? t("customs.common.notNeeded") : undefined,
        className: step.skipped ? "stage-steps__skipped" : undefined,
      }))}
    />
  );
};
