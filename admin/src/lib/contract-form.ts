/**
 * The admin's forms judge what they send with the API's contracts (@jmt/contracts), the schemas the cms parses the
 * same bodies with: a field's rule is its body field's schema (`fieldRule` from the package), a rule that needs other
 * fields runs the whole body (`bodyRule`), and a submit checks the body it is about to send (`checkBody`), so a form
 * says what the cms would answer, in the cms's words. Rules with no server counterpart stay in the forms.
 */
import { checkForm, errorsOf, toFormFields, type z } from "@jmt/contracts";
import type { FormInstance } from "antd";
import dayjs from "dayjs";

/** A date picker's value as the API takes it ("YYYY-MM-DD"); anything else as it is (the schema says what is wrong). */
export const dayText = (value: unknown): unknown => (dayjs.isDayjs(value) ? value.format("YYYY-MM-DD") : value);

/**
 * An antd rule for a field that the body's schema judges together with other fields (a rate's decimals by its
 * currency, the end of a period by its start): the whole body is built from the form's current values and checked,
 * and the field's first message is the rule's. Give the Form.Item the other fields as `dependencies`.
 */
export function bodyRule<V>(schema: z.ZodMiniType, field: string, bodyOf: (values: V) => unknown) {
  return (form: Pick<FormInstance<V>, "getFieldsValue">) => ({
    validator: (): Promise<void> => {
      const checked = checkForm(schema, bodyOf(form.getFieldsValue(true) as V));
      const message = checked.ok ? undefined : errorsOf(checked.errors, field)[0];
      return message === undefined ? Promise.resolve() : Promise.reject(new Error(message));
    },
  });
}

/**
 * The body a submit is about to send, checked by its route's schema: the body as the cms will parse it, or null with
 * every problem shown under its field (`form.setFields`), before anything is sent.
 */
export function checkBody<S extends z.ZodMiniType, V>(form: Pick<FormInstance<V>, "setFields">, schema: S, body: unknown): z.output<S> | null {
  const checked = checkForm(schema, body);
  if (checked.ok) return checked.value;
  form.setFields(toFormFields(checked.errors) as Parameters<FormInstance<V>["setFields"]>[0]);
  return null;
}
