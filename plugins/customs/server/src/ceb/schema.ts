/**
 * Element order, required sets and per-field rules of each export CEB message — one table drives
 * the validator, the writer and the message reader, so the three can never disagree.
 *
 * Order follows the customs standard (跨境电商统一版); required sets follow DOMAIN.md §1.
 * Lengths are the standard's C..n limits, counted in characters.
 */
import type {
  BaseTransfer,
  InventoryHead,
  InventoryListItem,
  InvtCancelHead,
  MessageKind,
  OrderHead,
  OrderListItem,
  SummaryApplyHead,
  SummaryApplyListItem,
  WayBillHead,
  WayBillListItem,
} from './types';

export type FieldRule =
  | { type: 'text'; max: number }
  | { type: 'code'; max: number; pattern: RegExp; hint: string }
  | { type: 'enum'; values: readonly string[] }
  | { type: 'decimal'; positive: boolean }
  | { type: 'int'; maxDigits: number; min: number }
  | { type: 'date' }
  | { type: 'appTime' }
  | { type: 'guid' }
  | { type: 'currency' }
  | { type: 'tradeMode' }
  | { type: 'invtNo' }
  | { type: 'hs' };

export interface FieldSpec<N extends string = string> {
  name: N;
  label: string;
  required: boolean;
  rule: FieldRule;
  /** Write the element even when empty (itemNameFlag: empty carries a meaning). */
  alwaysEmit?: boolean;
}

const text = (max: number): FieldRule => ({ type: 'text', max });
const code = (max: number, pattern: RegExp, hint: string): FieldRule => ({ type: 'code', max, pattern, hint });
const enumOf = (...values: string[]): FieldRule => ({ type: 'enum', values });
const amount: FieldRule = { type: 'decimal', positive: false };
const positive: FieldRule = { type: 'decimal', positive: true };

// Identifier shapes. Enterprise codes are 10-char customs registration codes or 18-char USCC.
const ENT = code(18, /^[0-9A-Z]+$/, '海关注册编码或统一社会信用代码（大写字母和数字，最长18位）');
const CUSTOMS = code(4, /^\d{4}$/, '4位数字关区代码，如 2305');
const PRINTABLE = /^[\x21-\x7E]+$/;
const DOC_NO = (max: number): FieldRule => code(max, PRINTABLE, `字母、数字或符号，不含空格和中文，最长${max}位`);
const UNIT = code(3, /^\d{3}$/, '3位数字海关计量单位代码，如 011（件）、035（千克）');
const COUNTRY = code(3, /^\d{3}$/, '3位数字海关国别代码，如 502（美国）');
const CODE_ALNUM = (max: number): FieldRule => code(max, /^[0-9A-Z]+$/, `大写字母或数字，最长${max}位`);

type Keys<T> = Exclude<keyof T, 'guid' | 'appType' | 'appTime' | 'appStatus'> & string;

/** Common head fields, written first in every business node. */
export const HEAD_META_FIELDS: readonly FieldSpec<'guid' | 'appType' | 'appTime' | 'appStatus'>[] = [
  { name: 'guid', label: '系统唯一序号', required: true, rule: { type: 'guid' } },
  { name: 'appType', label: '报送类型', required: true, rule: enumOf('1', '2', '3') },
  { name: 'appTime', label: '报送时间', required: true, rule: { type: 'appTime' } },
  { name: 'appStatus', label: '业务状态', required: true, rule: enumOf('1', '2') },
];

export const ORDER_HEAD_FIELDS = [
  { name: 'orderType', label: '订单类型', required: true, rule: enumOf('E') },
  { name: 'orderNo', label: '订单编号', required: true, rule: DOC_NO(60) },
  { name: 'ebpCode', label: '电商平台代码', required: true, rule: ENT },
  { name: 'ebpName', label: '电商平台名称', required: true, rule: text(100) },
  { name: 'ebcCode', label: '电商企业代码', required: true, rule: ENT },
  { name: 'ebcName', label: '电商企业名称', required: true, rule: text(100) },
  { name: 'goodsValue', label: '商品价格', required: true, rule: positive },
  { name: 'freight', label: '运杂费', required: true, rule: amount },
  { name: 'currency', label: '币制', required: true, rule: { type: 'currency' } },
  { name: 'note', label: '备注', required: false, rule: text(1000) },
] as const satisfies readonly FieldSpec<Keys<OrderHead>>[];

export const ORDER_LIST_FIELDS = [
  { name: 'gnum', label: '商品序号', required: true, rule: { type: 'int', maxDigits: 4, min: 1 } },
  { name: 'itemNo', label: '企业商品货号', required: false, rule: text(30) },
  { name: 'itemName', label: '企业商品名称', required: true, rule: text(250) },
  { name: 'itemDescribe', label: '企业商品描述', required: false, rule: text(1000) },
  { name: 'barCode', label: '条形码', required: false, rule: text(50) },
  { name: 'unit', label: '计量单位', required: true, rule: UNIT },
  { name: 'currency', label: '币制', required: true, rule: { type: 'currency' } },
  { name: 'qty', label: '数量', required: true, rule: positive },
  { name: 'price', label: '单价', required: true, rule: positive },
  { name: 'totalPrice', label: '总价', required: true, rule: positive },
  { name: 'note', label: '备注', required: false, rule: text(1000) },
] as const satisfies readonly FieldSpec<keyof OrderListItem & string>[];

export const INVENTORY_HEAD_FIELDS = [
  { name: 'customsCode', label: '申报海关代码', required: true, rule: CUSTOMS },
  { name: 'ebpCode', label: '电商平台代码', required: true, rule: ENT },
  { name: 'ebpName', label: '电商平台名称', required: true, rule: text(100) },
  { name: 'orderNo', label: '订单编号', required: true, rule: DOC_NO(60) },
  { name: 'logisticsCode', label: '物流企业代码', required: true, rule: ENT },
  { name: 'logisticsName', label: '物流企业名称', required: true, rule: text(100) },
  { name: 'logisticsNo', label: '物流运单编号', required: true, rule: DOC_NO(60) },
  { name: 'copNo', label: '企业内部编号', required: true, rule: DOC_NO(20) },
  { name: 'preNo', label: '预录入编号', required: false, rule: CODE_ALNUM(18) },
  { name: 'invtNo', label: '清单编号', required: false, rule: { type: 'invtNo' } },
  { name: 'ieFlag', label: '进出口标记', required: true, rule: enumOf('E') },
  { name: 'portCode', label: '出口口岸代码', required: true, rule: CUSTOMS },
  { name: 'ieDate', label: '出口日期', required: true, rule: { type: 'date' } },
  { name: 'statisticsFlag', label: '申报业务类型', required: true, rule: enumOf('A', 'B') },
  { name: 'agentCode', label: '申报企业代码', required: true, rule: ENT },
  { name: 'agentName', label: '申报企业名称', required: true, rule: text(100) },
  { name: 'ebcCode', label: '电商企业代码', required: true, rule: ENT },
  { name: 'ebcName', label: '电商企业名称', required: true, rule: text(100) },
  { name: 'ownerCode', label: '生产销售单位代码', required: true, rule: ENT },
  { name: 'ownerName', label: '生产销售单位名称', required: true, rule: text(100) },
  { name: 'iacCode', label: '区内企业代码', required: false, rule: ENT },
  { name: 'iacName', label: '区内企业名称', required: false, rule: text(100) },
  { name: 'emsNo', label: '账册编号', required: false, rule: CODE_ALNUM(12) },
  { name: 'tradeMode', label: '贸易方式', required: true, rule: { type: 'tradeMode' } },
  { name: 'trafMode', label: '运输方式', required: true, rule: code(1, /^[0-9A-Z]$/, '1位海关运输方式代码，如 2（水路运输）、5（航空运输）') },
  { name: 'trafName', label: '运输工具名称', required: false, rule: text(100) },
  { name: 'voyageNo', label: '航班航次号', required: false, rule: DOC_NO(32) },
  { name: 'billNo', label: '提运单号', required: false, rule: DOC_NO(37) },
  { name: 'totalPackageNo', label: '总包号', required: false, rule: DOC_NO(50) },
  { name: 'loctNo', label: '监管场所代码', required: false, rule: CODE_ALNUM(10) },
  { name: 'licenseNo', label: '许可证号', required: false, rule: DOC_NO(19) },
  { name: 'country', label: '运抵国', required: true, rule: COUNTRY },
  { name: 'POD', label: '指运港代码', required: true, rule: CODE_ALNUM(10) },
  { name: 'freight', label: '运费', required: true, rule: amount },
  { name: 'fCurrency', label: '运费币制', required: true, rule: { type: 'currency' } },
  { name: 'fFlag', label: '运费标志', required: true, rule: enumOf('1', '2', '3') },
  { name: 'insuredFee', label: '保费', required: true, rule: amount },
  { name: 'iCurrency', label: '保费币制', required: true, rule: { type: 'currency' } },
  { name: 'iFlag', label: '保费标记', required: true, rule: enumOf('1', '2', '3') },
  { name: 'wrapType', label: '包装种类代码', required: true, rule: code(2, /^[0-9A-Z]{1,2}$/, '1-2位海关包装种类代码，如 22（纸制或纤维板制盒/箱）') },
  { name: 'packNo', label: '件数', required: false, rule: { type: 'int', maxDigits: 9, min: 1 } },
  { name: 'grossWeight', label: '毛重（千克）', required: true, rule: positive },
  { name: 'netWeight', label: '净重（千克）', required: true, rule: positive },
  { name: 'note', label: '备注', required: false, rule: text(1000) },
] as const satisfies readonly FieldSpec<Keys<InventoryHead>>[];

export const INVENTORY_LIST_FIELDS = [
  { name: 'gnum', label: '商品序号', required: true, rule: { type: 'int', maxDigits: 4, min: 1 } },
  { name: 'itemNo', label: '企业商品货号', required: false, rule: text(30) },
  { name: 'itemRecordNo', label: '账册备案料号', required: false, rule: text(30) },
  { name: 'itemName', label: '企业商品名称', required: true, rule: text(250) },
  { name: 'gcode', label: '商品编码', required: true, rule: { type: 'hs' } },
  { name: 'gname', label: '商品名称', required: true, rule: text(250) },
  { name: 'gmodel', label: '商品规格型号', required: true, rule: text(250) },
  { name: 'barCode', label: '条形码', required: false, rule: text(50) },
  { name: 'country', label: '最终目的国', required: true, rule: COUNTRY },
  { name: 'currency', label: '币制', required: true, rule: { type: 'currency' } },
  { name: 'qty', label: '数量', required: true, rule: positive },
  { name: 'qty1', label: '法定数量', required: true, rule: positive },
  { name: 'qty2', label: '第二数量', required: false, rule: positive },
  { name: 'unit', label: '计量单位', required: true, rule: UNIT },
  { name: 'unit1', label: '法定计量单位', required: true, rule: UNIT },
  { name: 'unit2', label: '第二计量单位', required: false, rule: UNIT },
  { name: 'price', label: '单价', required: true, rule: positive },
  { name: 'totalPrice', label: '总价', required: true, rule: positive },
  { name: 'note', label: '备注', required: false, rule: text(1000) },
] as const satisfies readonly FieldSpec<keyof InventoryListItem & string>[];

export const INVT_CANCEL_FIELDS = [
  { name: 'customsCode', label: '申报海关代码', required: true, rule: CUSTOMS },
  { name: 'copNo', label: '企业内部编号', required: true, rule: DOC_NO(20) },
  { name: 'preNo', label: '预录入编号', required: false, rule: CODE_ALNUM(18) },
  { name: 'invtNo', label: '清单编号', required: true, rule: { type: 'invtNo' } },
  { name: 'reason', label: '撤单原因', required: true, rule: text(1000) },
  { name: 'agentCode', label: '申报企业代码', required: true, rule: ENT },
  { name: 'agentName', label: '申报企业名称', required: true, rule: text(100) },
  { name: 'ebcCode', label: '电商企业代码', required: true, rule: ENT },
  { name: 'ebcName', label: '电商企业名称', required: true, rule: text(100) },
  { name: 'note', label: '备注', required: false, rule: text(1000) },
] as const satisfies readonly FieldSpec<Keys<InvtCancelHead>>[];

const MSG_INT: FieldRule = { type: 'int', maxDigits: 9, min: 1 };

export const WAYBILL_HEAD_FIELDS = [
  { name: 'customsCode', label: '申报海关代码', required: true, rule: CUSTOMS },
  { name: 'copNo', label: '企业内部编号', required: true, rule: DOC_NO(20) },
  { name: 'preNo', label: '预录入编号', required: false, rule: CODE_ALNUM(18) },
  { name: 'agentCode', label: '申报企业代码', required: true, rule: ENT },
  { name: 'agentName', label: '申报企业名称', required: true, rule: text(100) },
  { name: 'loctNo', label: '监管场所代码', required: false, rule: CODE_ALNUM(10) },
  { name: 'trafMode', label: '运输方式', required: true, rule: code(1, /^[0-9A-Z]$/, '1位海关运输方式代码，如 2（水路运输）、5（航空运输）') },
  { name: 'trafName', label: '运输工具名称', required: true, rule: text(100) },
  { name: 'voyageNo', label: '航班航次号', required: true, rule: DOC_NO(32) },
  { name: 'billNo', label: '提运单号', required: true, rule: DOC_NO(37) },
  { name: 'domesticTrafNo', label: '境内运输工具编号', required: false, rule: text(100) },
  { name: 'grossWeight', label: '毛重（千克）', required: true, rule: positive },
  { name: 'logisticsCode', label: '物流企业代码', required: true, rule: ENT },
  { name: 'logisticsName', label: '物流企业名称', required: true, rule: text(100) },
  { name: 'msgCount', label: '报文总数', required: false, rule: MSG_INT },
  { name: 'msgSeqNo', label: '报文序号', required: false, rule: MSG_INT },
  { name: 'note', label: '备注', required: false, rule: text(1000) },
] as const satisfies readonly FieldSpec<Keys<WayBillHead>>[];

export const WAYBILL_LIST_FIELDS = [
  { name: 'gnum', label: '序号', required: true, rule: { type: 'int', maxDigits: 4, min: 1 } },
  { name: 'totalPackageNo', label: '总包号', required: true, rule: DOC_NO(50) },
  { name: 'logisticsNo', label: '物流运单编号', required: true, rule: DOC_NO(60) },
  { name: 'invtNo', label: '清单编号', required: false, rule: { type: 'invtNo' } },
  { name: 'note', label: '备注', required: false, rule: text(1000) },
] as const satisfies readonly FieldSpec<keyof WayBillListItem & string>[];

export const SUMMARY_APPLY_HEAD_FIELDS = [
  { name: 'customsCode', label: '申报海关代码', required: true, rule: CUSTOMS },
  { name: 'copNo', label: '企业内部编号', required: true, rule: DOC_NO(20) },
  { name: 'agentCode', label: '申报企业代码', required: true, rule: ENT },
  { name: 'agentName', label: '申报企业名称', required: true, rule: text(100) },
  { name: 'ebcCode', label: '电商企业代码', required: true, rule: ENT },
  { name: 'ebcName', label: '电商企业名称', required: true, rule: text(100) },
  { name: 'declAgentCode', label: '申报单位代码', required: true, rule: ENT },
  { name: 'declAgentName', label: '申报单位名称', required: true, rule: text(100) },
  { name: 'summaryFlag', label: '汇总方式', required: true, rule: enumOf('1', '2') },
  { name: 'itemNameFlag', label: '商品名称汇总标志', required: false, rule: enumOf('1'), alwaysEmit: true },
  { name: 'msgCount', label: '报文总数', required: false, rule: MSG_INT },
  { name: 'msgSeqNo', label: '报文序号', required: false, rule: MSG_INT },
] as const satisfies readonly FieldSpec<Keys<SummaryApplyHead>>[];

export const SUMMARY_APPLY_LIST_FIELDS = [{ name: 'invtNo', label: '清单编号', required: true, rule: { type: 'invtNo' } }] as const satisfies readonly FieldSpec<
  keyof SummaryApplyListItem & string
>[];

export const BASE_TRANSFER_FIELDS = [
  { name: 'copCode', label: '传输企业代码', required: true, rule: ENT },
  { name: 'copName', label: '传输企业名称', required: true, rule: text(100) },
  { name: 'dxpMode', label: '报文传输模式', required: true, rule: enumOf('DXP') },
  { name: 'dxpId', label: '报文传输编号', required: true, rule: CODE_ALNUM(30) },
  { name: 'note', label: '备注', required: false, rule: text(1000) },
] as const satisfies readonly FieldSpec<keyof BaseTransfer & string>[];

export interface NodeSpec {
  /** Business node element, e.g. `Order`. */
  element: string;
  /** Head element inside it; undefined when the head fields sit directly in the node (CEB605). */
  headElement: string | undefined;
  head: readonly FieldSpec[];
  list: { element: string; fields: readonly FieldSpec[] } | undefined;
}

export const MESSAGE_SPECS: Readonly<Record<MessageKind, NodeSpec>> = {
  CEB303: { element: 'Order', headElement: 'OrderHead', head: ORDER_HEAD_FIELDS, list: { element: 'OrderList', fields: ORDER_LIST_FIELDS } },
  CEB603: { element: 'Inventory', headElement: 'InventoryHead', head: INVENTORY_HEAD_FIELDS, list: { element: 'InventoryList', fields: INVENTORY_LIST_FIELDS } },
  CEB605: { element: 'InvtCancel', headElement: undefined, head: INVT_CANCEL_FIELDS, list: undefined },
  CEB607: { element: 'WayBill', headElement: 'WayBillHead', head: WAYBILL_HEAD_FIELDS, list: { element: 'WayBillList', fields: WAYBILL_LIST_FIELDS } },
  CEB701: { element: 'SummaryApply', headElement: 'SummaryApplyHead', head: SUMMARY_APPLY_HEAD_FIELDS, list: { element: 'SummaryApplyList', fields: SUMMARY_APPLY_LIST_FIELDS } },
};

/** Full element order of a node's head, common fields included. */
export function headOrder(kind: MessageKind): string[] {
  return [...HEAD_META_FIELDS.map((f) => f.name), ...MESSAGE_SPECS[kind].head.map((f) => f.name)];
}

// Compile-time guard: every key of the input types appears in its field table, so a field added to
// a type but forgotten in the table (and thus never written) fails `tsc`.
type Covered<T, S extends readonly FieldSpec[]> = Exclude<Keys<T>, S[number]['name']>;
type AssertNever<T extends never> = T;
export type _SchemaCoverage = [
  AssertNever<Covered<OrderHead, typeof ORDER_HEAD_FIELDS>>,
  AssertNever<Covered<OrderListItem, typeof ORDER_LIST_FIELDS>>,
  AssertNever<Covered<InventoryHead, typeof INVENTORY_HEAD_FIELDS>>,
  AssertNever<Covered<InventoryListItem, typeof INVENTORY_LIST_FIELDS>>,
  AssertNever<Covered<InvtCancelHead, typeof INVT_CANCEL_FIELDS>>,
  AssertNever<Covered<WayBillHead, typeof WAYBILL_HEAD_FIELDS>>,
  AssertNever<Covered<WayBillListItem, typeof WAYBILL_LIST_FIELDS>>,
  AssertNever<Covered<SummaryApplyHead, typeof SUMMARY_APPLY_HEAD_FIELDS>>,
  AssertNever<Covered<SummaryApplyListItem, typeof SUMMARY_APPLY_LIST_FIELDS>>,
  AssertNever<Covered<BaseTransfer, typeof BASE_TRANSFER_FIELDS>>,
];
