/** Progress boards (antd Steps): which step a status is on and how it looks. */
export type BoardProgress = { current: number; state: "wait" | "process" | "finish" | "error" };

/**
 * Where a status stands on a progress board of `steps` (antd Steps `current` and `status`): the last step is
 * "finish", earlier ones "process", a status in `failed` is an error at `failedStep`, anything else waits.
 */
export function boardProgress(status: string | null | undefined, steps: readonly string[], failed: readonly string[], failedStep: number): BoardProgress {
  if (status && failed.includes(status)) return { current: failedStep, state: "error" };
  const index = status ? steps.indexOf(status) : -1;
  if (index < 0) return { current: 0, state: "wait" };
  return { current: index, state: index === steps.length - 1 ? "finish" : "process" };
}
