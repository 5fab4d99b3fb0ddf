import type { Actor, FieldSpec, FileSlot, KindDefinition, MissingItem, TransitionSpec } from '../kinds/types';
import { isCreditCode, isCustomsCode, isDecimal, isEmail, isIdNumber, isMobile } from './validators';

/** Pure rules of a kind: which transitions exist, who may take them, what a submission lacks. */

export function getPath(data: unknown, path: string): unknown {
  let value: unknown = data;
  for (const key of path.split('.')) {
    if (value === null || value === undefined || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export function setPath(data: Record<string, unknown>, path: string, value: unknown): void {
  const keys = path.split('.');
  let target: Record<string, unknown> | unknown[] = data;
  keys.forEach((key, i) => {
    const last = i === keys.length - 1;
    const container = target as Record<string, unknown>;
    if (last) {
      container[key] = value;
      return;
    }
    if (container[key] === null || typeof container[key] !== 'object') container[key] = /^\d+$/.test(keys[i + 1]) ? [] : {};
    target = container[key] as Record<string, unknown>;
  });
}

export const applies = (when: FieldSpec['when'] | FileSlot['when'], data: Record<string, unknown>): boolean =>
  !when || (Array.isArray(when) ? when : [when]).every((c) => c.in.includes(String(getPath(data, c.path) ?? '')));

const FORMAT_CHECKS: Partial<Record<FieldSpec['type'], (v: string) => boolean>> = {
  phone: isMobile,
  idNumber: isIdNumber,
  creditCode: isCreditCode,
  customsCode: isCustomsCode,
  decimal: isDecimal,
  email: isEmail,
};

/** Everything a submission lacks or gets wrong; `fileOk` says whether a file id is the merchant's own upload. */
export function missingItems(kind: KindDefinition, data: Record<string, unknown>, fileOk: (slot: string, id: string) => boolean): MissingItem[] {
  const missing: MissingItem[] = [];
  for (const field of kind.fields) {
    if (!applies(field.when, data)) continue;
    const raw = getPath(data, field.path);
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === null || value === '') {
      if (field.required) missing.push({ field: field.path, label: field.label, reason: 'required' });
      continue;
    }
    const text = String(value);
    const check = FORMAT_CHECKS[field.type];
    const optionOk = field.type !== 'select' || !field.options || field.options.some((o) => o.value === text);
    if ((check && !check(text)) || !optionOk) missing.push({ field: field.path, label: field.label, reason: 'invalid' });
  }
  const files = (data.files ?? {}) as Record<string, unknown>;
  for (const slot of kind.fileSlots) {
    if (!applies(slot.when, data)) continue;
    const id = files[slot.key];
    if (typeof id !== 'string' || !id) {
      if (slot.required) missing.push({ field: `files.${slot.key}`, label: slot.label, reason: 'required' });
    } else if (!fileOk(slot.key, id)) {
      missing.push({ field: `files.${slot.key}`, label: slot.label, reason: 'invalid' });
    }
  }
  return [...missing, ...(kind.validate?.(data) ?? [])];
}

export const transitionsFrom = (kind: KindDefinition, status: string): TransitionSpec[] => kind.transitions.filter((t) => t.from.includes(status));

export function findTransition(kind: KindDefinition, status: string, to: string): TransitionSpec | undefined {
  return transitionsFrom(kind, status).find((t) => t.to === to);
}

export const transitionsFor = (kind: KindDefinition, status: string, actor: Actor): TransitionSpec[] => transitionsFrom(kind, status).filter((t) => t.by === actor);

/** File ids referenced by the data, by slot. */
export function referencedFiles(data: Record<string, unknown>): Record<string, string> {
  const files = (data.files ?? {}) as Record<string, unknown>;
  const out: Record<string, string> = {};
  for (const [slot, id] of Object.entries(files)) if (typeof id === 'string' && id) out[slot] = id;
  return out;
}
