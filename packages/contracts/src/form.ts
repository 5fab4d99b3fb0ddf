/**
 * The contracts as form checks, for the web apps (antd `Form` rules) and the mini-program (a page's own `check`):
 * a form says the same thing the server would answer for the same input, from the same schema.
 * Framework-free: the rule is antd's `{ validator }` shape, nothing here imports antd or React.
 */
import type * as z from 'zod/mini';
import type { FieldError } from './fx';

/** A form's field, as antd's `Form` and the mini-program's pages address it (`evidence.0.fileId` → a path). */
export type FieldPath = (string | number)[];

export type FormCheck<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const pathOf = (path: ReadonlyArray<PropertyKey>): string => path.map(String).join('.');

/** Every problem of `values` against `schema`, field by field in the schema's order, or the parsed value. */
export function checkForm<S extends z.ZodMiniType>(schema: S, values: unknown): FormCheck<z.output<S>> {
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, value: parsed.data };
  return { ok: false, errors: parsed.error.issues.map((issue) => ({ field: pathOf(issue.path), message: issue.message })) };
}

/** The first message the schema has for one value (a field's own schema), or null when it passes. */
export function firstProblem(schema: z.ZodMiniType, value: unknown): string | null {
  const parsed = schema.safeParse(value);
  return parsed.success ? null : (parsed.error.issues[0]?.message ?? null);
}

/** The messages of one field of a form check, e.g. to place under that field. */
export function errorsOf(errors: readonly FieldError[], field: string): string[] {
  return errors.filter((e) => e.field === field).map((e) => e.message);
}

/** `checkForm`'s errors in antd's `form.setFields` shape (a field may carry several messages). */
export function toFormFields(errors: readonly FieldError[]): { name: FieldPath; errors: string[] }[] {
  const byField = new Map<string, string[]>();
  for (const e of errors) byField.set(e.field, [...(byField.get(e.field) ?? []), e.message]);
  return [...byField].map(([field, messages]) => ({ name: field.split('.').map((part) => (/^\d+$/.test(part) ? Number(part) : part)), errors: messages }));
}

export interface FieldRuleOptions {
  /** Cleans what the form holds before the check (spaces in a pasted card number). */
  transform?: (value: unknown) => unknown;
  /**
   * The surface's own wording (from its locale file) for whatever the schema rejects; the rule itself stays the
   * server's. Without it the schema's message is shown, which is what the server would answer.
   */
  message?: string;
}

const asOptions = (options?: FieldRuleOptions | ((value: unknown) => unknown)): FieldRuleOptions => (typeof options === 'function' ? { transform: options } : (options ?? {}));

/**
 * An antd `Form.Item` rule that runs one field's schema: `rules={[fieldRule(fx.settlementInput.shape.amount)]}`.
 * The second argument is a transform, or `{ transform, message }`.
 */
export function fieldRule(schema: z.ZodMiniType, options?: FieldRuleOptions | ((value: unknown) => unknown)) {
  const { transform, message } = asOptions(options);
  return {
    validator: (_rule: unknown, value: unknown): Promise<void> => {
      const problem = firstProblem(schema, transform ? transform(value) : value);
      return problem === null ? Promise.resolve() : Promise.reject(new Error(message ?? problem));
    },
  };
}

/**
 * A rule for one field whose check depends on others (a threshold at its currency's scale): the whole form is
 * checked against the object schema, and the problems of `field` are this field's.
 */
export function formFieldRule(schema: z.ZodMiniType, field: string, values: () => unknown, options: { message?: string } = {}) {
  return {
    validator: (): Promise<void> => {
      const checked = checkForm(schema, values());
      const problems = checked.ok ? [] : errorsOf(checked.errors, field);
      return problems.length === 0 ? Promise.resolve() : Promise.reject(new Error(options.message ?? problems[0]));
    },
  };
}
