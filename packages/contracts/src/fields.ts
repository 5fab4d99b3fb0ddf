/**
 * Form fields as people fill them, with the Chinese messages the platform answers: the same rules on the server
 * (the controller parses every body with them) and in the web apps and the mini-program (forms validate with
 * them before sending). zod/mini keeps what the mini-program bundles small.
 */
import * as z from 'zod/mini';

const isBlank = (v: unknown) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');

export interface TextOptions {
  required?: boolean;
  /** A pattern the trimmed text must match, and what to say when it does not. */
  pattern?: RegExp;
  patternMessage?: string;
  /** Upper-case what was typed (customs codes). */
  upper?: boolean;
}

/** What the OpenAPI document says about a field whose parsing is a transform (JSON Schema keywords). */
function documented<T extends z.ZodMiniType>(schema: T, meta: Record<string, unknown>): T {
  z.globalRegistry.add(schema, meta);
  return schema;
}

/**
 * Runs for absent keys too (a pipe from `z.any()`), so a required field reports `请填写…`; optional fields are
 * wrapped in `z.optional`, so absent stays absent.
 */
function field<T>(run: (input: unknown, issue: (message: string) => void) => T | undefined, required: boolean, meta: Record<string, unknown>) {
  const parsed = documented(
    z.pipe(
      z.any(),
      z.transform((input: unknown, ctx) => run(input, (message) => ctx.issues.push({ code: 'custom', input, message }))),
    ),
    meta,
  );
  return required ? parsed : z.optional(parsed);
}

/**
 * A text field: a string (or a number typed into it), trimmed; blank means absent. `请填写{label}` when required
 * and blank, `{label}不能超过{max}个字符`, `{label}格式不正确` for anything that is not text, and the pattern's
 * own message. Every problem of the field is reported, as the server always did.
 */
export function text(label: string, max: number, options: TextOptions & { required: true }): z.ZodMiniType<string, unknown>;
export function text(label: string, max: number, options?: TextOptions): z.ZodMiniType<string | undefined, unknown>;
export function text(label: string, max: number, options: TextOptions = {}): z.ZodMiniType<string | undefined, unknown> {
  const meta = { type: 'string', description: label, maxLength: max, ...(options.pattern ? { pattern: options.pattern.source } : {}) };
  return field<string>(
    (input, issue) => {
      if (isBlank(input)) {
        if (options.required) issue(`请填写${label}`);
        return undefined;
      }
      if (typeof input !== 'string' && typeof input !== 'number') {
        issue(`${label}格式不正确`);
        return undefined;
      }
      const s = options.upper ? String(input).trim().toUpperCase() : String(input).trim();
      if (s.length > max) issue(`${label}不能超过${max}个字符`);
      if (options.pattern && !options.pattern.test(s)) issue(options.patternMessage ?? `${label}格式不正确`);
      return s;
    },
    Boolean(options.required),
    meta,
  ) as z.ZodMiniType<string | undefined, unknown>;
}

/** One of the listed codes (a select), with the message saying what is allowed; absent allowed unless required. */
export function oneOf<const T extends readonly string[]>(
  label: string,
  values: T,
  message: string,
  options: { required?: boolean } = {},
): z.ZodMiniType<T[number] | undefined, unknown> {
  return field<T[number]>(
    (input, issue) => {
      if (isBlank(input)) {
        if (options.required) issue(`请选择${label}`);
        return undefined;
      }
      const s = String(input).trim();
      if (!(values as readonly string[]).includes(s)) issue(message);
      return s as T[number];
    },
    Boolean(options.required),
    { type: 'string', description: label, enum: [...values] },
  ) as z.ZodMiniType<T[number] | undefined, unknown>;
}

/** A value the caller's own rule checks (a decimal with its scale, a date window …), documented as a string. */
export function checked<T>(label: string, required: boolean, run: (input: unknown, issue: (message: string) => void) => T | undefined, meta: Record<string, unknown> = {}) {
  return field<T>(run, required, { type: 'string', description: label, ...meta });
}

/** A documentId (Strapi 5: 24 lower-case letters and digits; seeds may use longer stable ones). */
export const documentId = (label = '记录编号') => z.string({ error: `${label}格式不正确` }).check(z.regex(/^[a-z0-9]{10,64}$/, { error: `${label}格式不正确` }));

/** `:id` path parameters are documentIds. */
export const idParams = z.object({ id: documentId() });
