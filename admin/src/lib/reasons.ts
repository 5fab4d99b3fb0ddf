/**
 * Quick-pick reasons (退回补正 / 驳回 / 结汇驳回): a picked reason is added to the note, picked again it is taken out;
 * free text typed around them stays. Pure; unit-tested.
 */

const SEPARATOR = /[；;\n]/;

/** The reasons of a note, one per `；`-separated part (trimmed, empty parts dropped). */
export const reasonParts = (note: string | null | undefined): string[] =>
  String(note ?? "")
    .split(SEPARATOR)
    .map((part) => part.trim())
    .filter(Boolean);

/** `toggleReason("材料不清晰", "重复申请")` → `"材料不清晰；重复申请"`; toggling a present reason removes it. */
export const toggleReason = (note: string | null | undefined, reason: string): string => {
  const parts = reasonParts(note);
  const next = parts.includes(reason) ? parts.filter((part) => part !== reason) : [...parts, reason];
  return next.join("；");
};
