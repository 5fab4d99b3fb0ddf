/**
 * A template is described once as a format-neutral form (title, field table, notes, signature lines)
 * and drawn by one of three writers (docx.ts, xlsx.ts, pdf.ts). Keeping the content apart from the
 * writers lets every form look alike whatever the format and keeps the Chinese wording in one place.
 */

/** What the platform already knows about the merchant; anything missing is left blank on the form. */
export interface MerchantFill {
  nameCn?: string | null;
  nameEn?: string | null;
  creditCode?: string | null;
  type?: 'individual' | 'company' | null;
  addressCn?: string | null;
  addressEn?: string | null;
  legalPersonName?: string | null;
  legalPersonPhone?: string | null;
  contactName?: string | null;
  contactPhone?: string | null;
  contactEmail?: string | null;
  customsCode?: string | null;
}

export type TemplateFormat = 'docx' | 'xlsx' | 'pdf';

export interface TemplateInfo {
  key: string;
  label: string;
  format: TemplateFormat;
  kind: string;
}

/** A piece of running text: plain, or underlined (a filled-in or empty blank, as on paper forms). */
export type Inline = string | { u: string };

/** One row of the two-column field table: label on the left, the value (or an empty cell) on the right. */
export interface FieldRow {
  kind: 'field';
  label: string;
  value?: string | null;
  /** Tick-box options (☐/☑), e.g. 法人卡 / 操作员卡; `selected` is ticked. */
  choices?: readonly string[];
  selected?: string | null;
  /** Unit written after the (possibly blank) value, e.g. 万元. */
  suffix?: string;
  /** Height in text lines, for fields the merchant writes a lot into (经营范围). */
  lines?: number;
}

/** A full-width shaded heading inside the table (一、基本信息). */
export interface SectionRow {
  kind: 'section';
  title: string;
}

/** The last, full-width row of a form: the applicant's declaration and the signature/seal lines. */
export interface DeclarationRow {
  kind: 'declaration';
  text: string;
  signatures: Inline[][];
}

export type TableRow = FieldRow | SectionRow | DeclarationRow;

export type Block =
  | { t: 'title'; text: string }
  | { t: 'para'; parts: Inline[]; align?: 'left' | 'center' | 'right'; indent?: boolean; small?: boolean; bold?: boolean }
  | { t: 'table'; rows: TableRow[] }
  /** A list to fill in by hand: a header row and empty bordered rows (报关人员情况登记表). */
  | { t: 'grid'; headers: string[]; widths: number[]; rows: number; textColumns?: number[]; choices?: Record<number, readonly string[]> }
  | { t: 'notes'; heading: string; items: string[] }
  | { t: 'signatures'; lines: Inline[][] };

export interface FormDoc {
  title: string;
  blocks: Block[];
}
