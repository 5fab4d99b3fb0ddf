import type { FieldError } from "@jmt/api-types";

/** `error.details.errors` of a 400 VALIDATION_FAILED, when present. */
export function fieldErrorsOf(details: Record<string, unknown> | null | undefined): FieldError[] {
  const errors = details?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.filter(
    (e): e is FieldError =>
      !!e &&
      typeof e === "object" &&
      typeof (e as FieldError).field === "string" &&
      typeof (e as FieldError).message === "string",
  );
}

/** Server field errors grouped for antd `form.setFields` (several messages per field are kept). */
export function formFieldErrors(
  errors: FieldError[],
  known: readonly string[],
): { fields: { name: string; errors: string[] }[]; other: string[] } {
  const byField = new Map<string, string[]>();
  const other: string[] = [];
  for (const e of errors) {
    if (known.includes(e.field)) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
    else other.push(e.message);
  }
  return { fields: [...byField.entries()].map(([name, messages]) => ({ name, errors: messages })), other };
}
