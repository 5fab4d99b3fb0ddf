/**
 * The downloadable e-order template (GET /api/customs/templates/orders.xlsx).
 *
 * Sheet 1 "电子订单": Chinese header row (frozen), column widths, text format for code columns (so leading
 * zeros and long numbers survive), drop-down lists for 币制 and 计量单位, and two grey example rows whose
 * 订单编号 starts with "示例" — the importer recognises and skips them, so a merchant can leave them in place
 * and type below. Sheet 2 "填写说明": column rules and crystal-industry hints (C9).
 */
import ExcelJS from 'exceljs';
import { DATA_SHEET_NAME, EXAMPLE_PREFIX, FieldKey, HINT_SHEET_NAME, TEMPLATE_COLUMNS } from './columns';
import { CURRENCIES, UNITS } from '../data/customs-codes';
import { HS_CODES } from '../data/hs-codes';
import { mul } from '../decimal';

/** Rows (after the header) that carry the drop-down lists and text formats. */
export const TEMPLATE_INPUT_ROWS = 5000;

export type ExampleRow = Record<FieldKey, string | number | undefined>;

/** The example rows shown in the template — valid data, skipped on import unless includeExamples is set. */
export const EXAMPLE_ROWS: readonly ExampleRow[] = Object.freeze([
  {
    orderNo: `${EXAMPLE_PREFIX}-DH20240501001`,
    itemNo: 'AM-BR-8MM',
    itemName: '紫水晶手串',
    itemDescribe: '天然紫水晶 8mm 圆珠手串,弹力绳',
    hsCode: '7116200000',
    barCode: '6901234567892',
    unit: '条',
    currency: 'USD',
    qty: 20,
    price: 12.5,
    totalPrice: 250,
    freight: 15,
    note: '',
    orderDate: undefined,
  },
  {
    orderNo: `${EXAMPLE_PREFIX}-DH20240501001`,
    itemNo: 'CQ-BALL-60',
    itemName: '白水晶球',
    itemDescribe: '天然白水晶球 直径 60mm,含木底座',
    hsCode: '7103992000',
    barCode: '',
    unit: '个',
    currency: 'USD',
    qty: 2,
    price: 38,
    totalPrice: 76,
    freight: 15,
    note: '同一订单多行:订单编号、币制、运费相同',
    orderDate: undefined,
  },
]);

interface DataValidationsLike {
  add(range: string, validation: ExcelJS.DataValidation): void;
}

/** ExcelJS supports worksheet.dataValidations at runtime but leaves it out of its typings. */
function dataValidations(ws: ExcelJS.Worksheet): DataValidationsLike {
  return (ws as unknown as { dataValidations: DataValidationsLike }).dataValidations;
}

function colLetter(index1: number): string {
  let n = index1;
  let s = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

const TEXT_COLUMNS: ReadonlySet<FieldKey> = new Set<FieldKey>(['orderNo', 'itemNo', 'hsCode', 'barCode']);

const COLUMN_RULES: Readonly<Record<string, string>> = {
  订单编号: '必填。同一订单的多行商品填相同的订单编号;不能与以前导入过的订单重复。以“示例”开头的行会被忽略',
  商品货号: '必填。企业自己的商品编号;同一订单内不能重复',
  商品名称: '必填。如 紫水晶手串、白水晶球',
  商品描述: '选填。材质、规格,如 天然紫水晶 8mm 圆珠',
  HS编码: '必填。10 位海关商品编码,必须在平台的商品编码表中(见下方常用编码)',
  条码: '选填。商品条形码',
  计量单位: '必填。从下拉列表选择,如 个、件、条、千克、克拉(也可填海关代码 007 等)',
  币制: '必填。从下拉列表选择,如 USD(美元,海关代码 502)、CNY(人民币,142);同一订单币制必须一致',
  数量: '必填。大于 0,最多 4 位小数',
  单价: '必填。大于 0,最多 4 位小数',
  总价: '选填。数量×单价,最多 2 位小数;填写时与 数量×单价 相差不能超过 0.01,不填则自动计算',
  运费: '选填。按订单填写(同一订单只填一次或每行相同),不填为 0',
  备注: '选填',
};

export async function orderTemplate(): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = '晶贸通';
  wb.created = new Date(Date.UTC(2024, 0, 1));

  // ---- sheet 1: data
  const ws = wb.addWorksheet(DATA_SHEET_NAME, { views: [{ state: 'frozen', ySplit: 1, xSplit: 0 }] });
  ws.columns = TEMPLATE_COLUMNS.map((c) => ({
    header: c.header,
    key: c.key,
    width: c.width,
    style: TEXT_COLUMNS.has(c.key) ? { numFmt: '@' } : {},
  }));
  const header = ws.getRow(1);
  header.height = 22;
  header.eachCell((cell, col) => {
    const def = TEMPLATE_COLUMNS[col - 1];
    cell.font = { bold: true, color: { argb: def.required ? 'FFC00000' : 'FF000000' } };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
    cell.alignment = { vertical: 'middle', horizontal: 'center' };
    cell.note = `${def.required ? '【必填】' : '【选填】'}${COLUMN_RULES[def.header] ?? ''}`;
  });

  for (const ex of EXAMPLE_ROWS) {
    const row = ws.addRow(TEMPLATE_COLUMNS.map((c) => ex[c.key] ?? null));
    row.eachCell({ includeEmpty: true }, (cell) => {
      cell.font = { italic: true, color: { argb: 'FF808080' } };
    });
  }

  const last = TEMPLATE_INPUT_ROWS + 1;
  const letterOf = (key: FieldKey): string => colLetter(TEMPLATE_COLUMNS.findIndex((c) => c.key === key) + 1);
  dataValidations(ws).add(`${letterOf('currency')}2:${letterOf('currency')}${last}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${CURRENCIES.map((c) => c.iso).join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: '币制',
    error: '请从下拉列表选择币制(如 USD、CNY)',
  });
  dataValidations(ws).add(`${letterOf('unit')}2:${letterOf('unit')}${last}`, {
    type: 'list',
    allowBlank: true,
    formulae: [`"${UNITS.map((u) => u.name).join(',')}"`],
    showErrorMessage: true,
    errorStyle: 'warning',
    errorTitle: '计量单位',
    error: '请从下拉列表选择计量单位',
  });
  for (const key of ['qty', 'price', 'totalPrice', 'freight'] as const) {
    dataValidations(ws).add(`${letterOf(key)}2:${letterOf(key)}${last}`, {
      type: 'decimal',
      operator: 'greaterThanOrEqual',
      allowBlank: true,
      formulae: [0],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: '数字',
      error: '请填写数字',
    });
  }

  // ---- sheet 2: hints
  const hs = wb.addWorksheet(HINT_SHEET_NAME);
  hs.columns = [{ width: 16 }, { width: 36 }, { width: 70 }];
  const title = hs.addRow(['电子订单填写说明']);
  title.font = { bold: true, size: 14 };
  hs.addRow(['一行一个商品;同一订单的多个商品写多行,订单编号相同。第一行表头不要修改。灰色的“示例”行导入时会被忽略,可以保留或删除。']);
  hs.addRow(['同一文件有任何错误时整批都不会导入,请在预览中按行列提示修改。']);
  hs.addRow([]);
  const rulesHead = hs.addRow(['列', '是否必填', '说明']);
  rulesHead.font = { bold: true };
  for (const c of TEMPLATE_COLUMNS) hs.addRow([c.header, c.required ? '必填' : '选填', COLUMN_RULES[c.header] ?? '']);
  hs.addRow([]);
  const hsHead = hs.addRow(['常用HS编码', '商品名称', '适用商品(东海水晶行业提示)']);
  hsHead.font = { bold: true };
  for (const e of HS_CODES) {
    const rate = e.refundRate === null ? '退税率未知' : `退税率 ${mul(e.refundRate, '100')}%`;
    hs.addRow([e.code, e.name, `${e.hint ?? ''}(${rate}${e.source === 'demo' ? ',演示数据,申报前核实' : ''})`]);
  }
  hs.addRow([]);
  const tips = hs.addRow(['行业提示']);
  tips.font = { bold: true };
  for (const t of [
    '紫水晶手串、粉晶吊坠、水晶项链等天然水晶饰品 填 7116200000',
    '水晶原石、毛料 填 7103100000;水晶球、水晶柱等加工水晶 填 7103992000',
    '玻璃珠、仿水晶(玻璃)不是天然水晶,填 7018100000,退税率 9% 与天然水晶不同',
    '合成钻石(培育钻)退税率为 0,不要与天然水晶混在同一商品行',
    '手串按“条”、吊坠按“个”、原石按“千克”申报较常见;计量单位需与商品实际一致',
    '币制按实际收汇币种填写,出口到美国一般为 USD(502)',
  ]) {
    hs.addRow(['', t]);
  }

  const out = await wb.xlsx.writeBuffer();
  return Buffer.from(out as ArrayBuffer);
}
