import type { FieldRow, Inline, MerchantFill } from './types';

export const CHECKED = '☑';
export const UNCHECKED = '☐';

/**
 * Drops what no XML document may contain (C0 controls other than tab/newline, lone surrogates,
 * U+FFFE/U+FFFF): merchant data comes from forms and imports and one stray control character
 * would make Word refuse the whole file.
 */
export function sanitize(input: string): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = input.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        out += input[i] + input[i + 1];
        i++;
      }
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) continue;
    if (c < 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) continue;
    if (c === 0xfffe || c === 0xffff) continue;
    out += input[i];
  }
  return out;
}

/** Escapes text for element content and double- or single-quoted attributes. */
export function escapeXml(input: string): string {
  let out = '';
  for (const ch of sanitize(input)) {
    switch (ch) {
      case '&':
        out += '&amp;';
        break;
      case '<':
        out += '&lt;';
        break;
      case '>':
        out += '&gt;';
        break;
      case '"':
        out += '&quot;';
        break;
      case "'":
        out += '&apos;';
        break;
      default:
        out += ch;
    }
  }
  return out;
}

/** Trimmed value or null, so "  " and "" count as unknown. */
function clean(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const v = sanitize(value).replace(/\s+/g, ' ').trim();
  return v === '' ? null : v;
}

/** MerchantFill with every value trimmed (unknowns as null) and the type as its Chinese label. */
export interface Merchant {
  nameCn: string | null;
  nameEn: string | null;
  creditCode: string | null;
  type: 'individual' | 'company' | null;
  typeLabel: string | null;
  addressCn: string | null;
  addressEn: string | null;
  legalPersonName: string | null;
  legalPersonPhone: string | null;
  contactName: string | null;
  contactPhone: string | null;
  contactEmail: string | null;
  customsCode: string | null;
}

export const ENTERPRISE_TYPES = ['公司', '个体工商户', '其他'] as const;

export function normalizeFill(fill: MerchantFill | null | undefined): Merchant {
  const f = fill ?? {};
  const type = f.type === 'company' || f.type === 'individual' ? f.type : null;
  return {
    nameCn: clean(f.nameCn),
    nameEn: clean(f.nameEn),
    creditCode: clean(f.creditCode)?.toUpperCase() ?? null,
    type,
    typeLabel: type === 'company' ? '公司' : type === 'individual' ? '个体工商户' : null,
    addressCn: clean(f.addressCn),
    addressEn: clean(f.addressEn),
    legalPersonName: clean(f.legalPersonName),
    legalPersonPhone: clean(f.legalPersonPhone),
    contactName: clean(f.contactName),
    contactPhone: clean(f.contactPhone),
    contactEmail: clean(f.contactEmail),
    customsCode: clean(f.customsCode),
  };
}

/** The text of a field's value cell: the value, the tick boxes, or nothing (an empty cell to write in). */
export function fieldText(field: FieldRow): string {
  if (field.choices && field.choices.length > 0) {
    const boxes = field.choices.map((c) => (c === field.selected ? CHECKED : UNCHECKED) + c).join('　');
    return field.suffix ? `${boxes}　${field.suffix}` : boxes;
  }
  const value = field.value ?? '';
  if (!field.suffix) return value;
  // A blank amount keeps room to write in front of its unit: "　　　　　　万元".
  return value ? `${value} ${field.suffix}` : `${'　'.repeat(6)}${field.suffix}`;
}

/** Plain text of running text, underlines dropped. */
export function inlineText(parts: readonly Inline[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.u)).join('');
}

/** A value written into a blank of running text: underlined, or an underlined gap when unknown. */
export function blank(value: string | null | undefined, width = 8): Inline {
  return { u: value ? ` ${value} ` : '　'.repeat(width) };
}
