/**
 * The e-order sheet layout shared by the template, the importer and the benchmark generator.
 * One row per order line (CEB303 OrderList); rows are grouped into orders by 订单编号.
 */

export type FieldKey =
  | 'orderNo'
  | 'itemNo'
  | 'itemName'
  | 'itemDescribe'
  | 'hsCode'
  | 'barCode'
  | 'unit'
  | 'currency'
  | 'qty'
  | 'price'
  | 'totalPrice'
  | 'freight'
  | 'note'
  | 'orderDate';

export type FieldKind = 'text' | 'number' | 'date';

export interface ColumnDef {
  key: FieldKey;
  /** Header text in the template (and what errors name in `column`). */
  header: string;
  kind: FieldKind;
  /** The cell must be filled on every line. */
  required: boolean;
  /** Column must be present in the header row (false = optional column the importer also understands). */
  inTemplate: boolean;
  /** Max length for text (CEB field sizes, rounded to what the merchants need). */
  maxLength?: number;
  /** Max significant fraction digits for numbers. */
  maxDecimals?: number;
  /** Template column width. */
  width: number;
  /** Alternative header spellings accepted on import (CEB field names, common variants). */
  aliases: string[];
}

export const COLUMNS: readonly ColumnDef[] = Object.freeze([
  { key: 'orderNo', header: '订单编号', kind: 'text', required: true, inTemplate: true, maxLength: 60, width: 20, aliases: ['orderNo', '订单号'] },
  { key: 'itemNo', header: '商品货号', kind: 'text', required: true, inTemplate: true, maxLength: 30, width: 16, aliases: ['itemNo', '货号'] },
  { key: 'itemName', header: '商品名称', kind: 'text', required: true, inTemplate: true, maxLength: 250, width: 22, aliases: ['itemName', '品名'] },
  { key: 'itemDescribe', header: '商品描述', kind: 'text', required: false, inTemplate: true, maxLength: 1000, width: 28, aliases: ['itemDescribe', '描述'] },
  { key: 'hsCode', header: 'HS编码', kind: 'text', required: true, inTemplate: true, width: 14, aliases: ['gcode', 'hsCode', '商品编码', '海关编码', 'HS码'] },
  { key: 'barCode', header: '条码', kind: 'text', required: false, inTemplate: true, maxLength: 50, width: 16, aliases: ['barCode', '商品条码'] },
  { key: 'unit', header: '计量单位', kind: 'text', required: true, inTemplate: true, width: 10, aliases: ['unit', '单位'] },
  { key: 'currency', header: '币制', kind: 'text', required: true, inTemplate: true, width: 8, aliases: ['currency', '币种'] },
  { key: 'qty', header: '数量', kind: 'number', required: true, inTemplate: true, maxDecimals: 4, width: 10, aliases: ['qty'] },
  { key: 'price', header: '单价', kind: 'number', required: true, inTemplate: true, maxDecimals: 4, width: 12, aliases: ['price'] },
  { key: 'totalPrice', header: '总价', kind: 'number', required: false, inTemplate: true, maxDecimals: 2, width: 12, aliases: ['totalPrice', '金额'] },
  { key: 'freight', header: '运费', kind: 'number', required: false, inTemplate: true, maxDecimals: 2, width: 10, aliases: ['freight'] },
  { key: 'note', header: '备注', kind: 'text', required: false, inTemplate: true, maxLength: 1000, width: 24, aliases: ['note'] },
  // Optional: not in the template, understood when present (Excel turns typed dates into serial numbers).
  { key: 'orderDate', header: '下单日期', kind: 'date', required: false, inTemplate: false, width: 12, aliases: ['orderDate', '订单日期'] },
]);

export const TEMPLATE_COLUMNS: readonly ColumnDef[] = COLUMNS.filter((c) => c.inTemplate);

export const COLUMN_BY_KEY: Readonly<Record<FieldKey, ColumnDef>> = Object.freeze(Object.fromEntries(COLUMNS.map((c) => [c.key, c])) as Record<FieldKey, ColumnDef>);

/** Order numbers starting with this prefix mark the template's example rows; the importer skips them. */
export const EXAMPLE_PREFIX = '示例';

export const DATA_SHEET_NAME = '电子订单';
export const HINT_SHEET_NAME = '填写说明';
