/**
 * Typed shapes of the export CEB messages (跨境电商统一版, DOMAIN.md §1).
 *
 * Field names are exactly the customs element names (camelCase as in the standard, `POD` included)
 * so that a node maps 1:1 onto XML. Codes are strings (leading zeros matter: unit "007"), amounts
 * and quantities are `DecimalInput` (strings preferred — see decimal.ts).
 */
import type { DecimalInput } from '../decimal';

export type { DecimalInput };

/** Request messages this module builds. */
export type MessageKind = 'CEB303' | 'CEB603' | 'CEB605' | 'CEB607' | 'CEB701';
export const MESSAGE_KINDS: readonly MessageKind[] = ['CEB303', 'CEB603', 'CEB605', 'CEB607', 'CEB701'];

/** 1 新增, 2 变更, 3 删除. */
export type AppType = '1' | '2' | '3';
/** 1 暂存 (draft), 2 申报 (declare). */
export type AppStatus = '1' | '2';

/**
 * Head fields common to every business node. All optional on input: guid is generated (or taken
 * from BuildOptions for single-node messages), appType defaults to 1, appTime to "now" in Beijing
 * time, appStatus to 2 (申报). Pass `guid` explicitly when re-sending so the outbox stays idempotent.
 */
export interface HeadMeta {
  guid?: string;
  appType?: AppType;
  /** A Date (formatted in Beijing time) or an already formatted yyyyMMddHHmmss string. */
  appTime?: string | Date;
  appStatus?: AppStatus;
}

/** 报文传输信息. */
export interface BaseTransfer {
  /** 传输企业代码 */
  copCode: string;
  /** 传输企业名称 (报文传输的企业名称) */
  copName: string;
  /** Always "DXP"; may be omitted on input. */
  dxpMode?: 'DXP';
  /** 报文传输编号 (the sender's DXP ID) */
  dxpId: string;
  note?: string;
}

// ---------------------------------------------------------------- CEB303 电子订单

export interface OrderHead extends HeadMeta {
  /** E = 出口 */
  orderType: 'E';
  orderNo: string;
  ebpCode: string;
  ebpName: string;
  ebcCode: string;
  ebcName: string;
  /** 商品价格 (FOB) = Σ OrderList.totalPrice */
  goodsValue: DecimalInput;
  /** 运杂费, "0" if none */
  freight: DecimalInput;
  /** customs currency code, e.g. 142 CNY, 502 USD */
  currency: string;
  note?: string;
}

export interface OrderListItem {
  /** 1..n in list order; filled in when omitted. */
  gnum?: number | string;
  itemNo?: string;
  itemName: string;
  itemDescribe?: string;
  barCode?: string;
  /** customs unit code, e.g. 011 件 */
  unit: string;
  currency: string;
  qty: DecimalInput;
  price: DecimalInput;
  totalPrice: DecimalInput;
  note?: string;
}

export interface OrderNode {
  head: OrderHead;
  list: OrderListItem[];
}

// ---------------------------------------------------------------- CEB603 出口清单

export interface InventoryHead extends HeadMeta {
  customsCode: string;
  ebpCode: string;
  ebpName: string;
  orderNo: string;
  logisticsCode: string;
  logisticsName: string;
  logisticsNo: string;
  copNo: string;
  preNo?: string;
  /** 4 customs area + 4 year + E + 9 serial; assigned by customs, so optional on first declaration */
  invtNo?: string;
  ieFlag: 'E';
  portCode: string;
  /** yyyyMMdd */
  ieDate: string;
  /** A 简化申报 (no licence, no duty, no tax refund); B 汇总申报 (needed for refundable goods) */
  statisticsFlag: 'A' | 'B';
  agentCode: string;
  agentName: string;
  ebcCode: string;
  ebcName: string;
  ownerCode: string;
  ownerName: string;
  /** 区内企业 (1210 special-zone exports) — not in DOMAIN.md's list; optional pass-through of the standard element. */
  iacCode?: string;
  iacName?: string;
  /** 账册编号 (1210) — optional pass-through of the standard element. */
  emsNo?: string;
  /** 9610, 1210, 9710, 9810 — treated as data (ValidationRules.tradeModes). */
  tradeMode: string;
  trafMode: string;
  trafName?: string;
  voyageNo?: string;
  billNo?: string;
  /** may stay empty until the 清单总分单 is declared */
  totalPackageNo?: string;
  /** 监管场所代码 — optional pass-through of the standard element. */
  loctNo?: string;
  licenseNo?: string;
  /** 运抵国 (customs 3-digit country code) */
  country: string;
  /** 指运港 */
  POD: string;
  freight: DecimalInput;
  fCurrency: string;
  /** 1 率, 2 单价, 3 总价 */
  fFlag: '1' | '2' | '3';
  insuredFee: DecimalInput;
  iCurrency: string;
  iFlag: '1' | '2' | '3';
  wrapType: string;
  /** 件数 (integer) */
  packNo?: number | string;
  grossWeight: DecimalInput;
  netWeight: DecimalInput;
  note?: string;
}

export interface InventoryListItem {
  gnum?: number | string;
  itemNo?: string;
  itemRecordNo?: string;
  itemName: string;
  /** 10-digit HS code */
  gcode: string;
  gname: string;
  gmodel: string;
  barCode?: string;
  /** 最终目的国 */
  country: string;
  currency: string;
  qty: DecimalInput;
  /** quantity in the first legal unit */
  qty1: DecimalInput;
  qty2?: DecimalInput;
  unit: string;
  unit1: string;
  unit2?: string;
  price: DecimalInput;
  totalPrice: DecimalInput;
  note?: string;
}

export interface InventoryNode {
  head: InventoryHead;
  list: InventoryListItem[];
}

// ---------------------------------------------------------------- CEB605 撤销申请单

export interface InvtCancelHead extends HeadMeta {
  customsCode: string;
  copNo: string;
  preNo?: string;
  invtNo: string;
  reason: string;
  agentCode: string;
  agentName: string;
  ebcCode: string;
  ebcName: string;
  note?: string;
}

/** CEB605 has no list: the fields sit directly inside <ceb:InvtCancel>. */
export interface InvtCancelNode {
  head: InvtCancelHead;
}

// ---------------------------------------------------------------- CEB607 清单总分单

export interface WayBillHead extends HeadMeta {
  customsCode: string;
  copNo: string;
  preNo?: string;
  agentCode: string;
  agentName: string;
  loctNo?: string;
  trafMode: string;
  trafName: string;
  voyageNo: string;
  /** 提运单号 (master waybill) */
  billNo: string;
  domesticTrafNo?: string;
  grossWeight: DecimalInput;
  logisticsCode: string;
  logisticsName: string;
  msgCount?: number | string;
  msgSeqNo?: number | string;
  note?: string;
}

export interface WayBillListItem {
  gnum?: number | string;
  totalPackageNo: string;
  logisticsNo: string;
  invtNo?: string;
  note?: string;
}

export interface WayBillNode {
  head: WayBillHead;
  list: WayBillListItem[];
}

// ---------------------------------------------------------------- CEB701 汇总申请单

export interface SummaryApplyHead extends HeadMeta {
  customsCode: string;
  copNo: string;
  agentCode: string;
  agentName: string;
  ebcCode: string;
  ebcName: string;
  declAgentCode: string;
  declAgentName: string;
  /** 1 按收发货人汇总; 2 按收发货人+生产销售单位汇总 */
  summaryFlag: '1' | '2';
  /** "1" = by original item name; "" / omitted = by category (element is always written). */
  itemNameFlag?: '1' | '';
  msgCount?: number | string;
  msgSeqNo?: number | string;
}

export interface SummaryApplyListItem {
  invtNo: string;
}

export interface SummaryApplyNode {
  head: SummaryApplyHead;
  list: SummaryApplyListItem[];
}

// ---------------------------------------------------------------- message input

export interface MessageNodes {
  CEB303: OrderNode;
  CEB603: InventoryNode;
  CEB605: InvtCancelNode;
  CEB607: WayBillNode;
  CEB701: SummaryApplyNode;
}

/** One message: one or more business nodes plus the transfer block. */
export interface CebMessageInput<K extends MessageKind = MessageKind> {
  nodes: MessageNodes[K][];
  baseTransfer: BaseTransfer;
}

export type ValidationCode = 'REQUIRED' | 'FORMAT' | 'ENUM' | 'LENGTH';

export interface ValidationIssue {
  /** e.g. `nodes[0].list[1].totalPrice` */
  path: string;
  code: ValidationCode;
  /** Chinese, shown to merchants */
  message: string;
}

/** Code tables that are data, not code (DOMAIN.md: treat tradeMode as data). */
export interface ValidationRules {
  tradeModes: readonly string[];
  /** customs currency codes (3 digits) accepted */
  currencyCodes: readonly string[];
}

/** Signature hook (云加签 is a separate service): receives the unsigned document, returns the signed one. */
export type SignFn = (xml: string) => Promise<string> | string;

export interface BuildOptions {
  /** Envelope guid. Defaults to the node's guid for single-node messages, otherwise a new one. */
  guid?: string;
  /** Clock for appTime defaults (tests, replays). */
  now?: Date | (() => Date);
  rules?: Partial<ValidationRules>;
  /** Omit the `<?xml ...?>` declaration (default false). */
  omitDeclaration?: boolean;
  sign?: SignFn;
}

export interface BuiltMessage {
  xml: string;
  /** envelope guid */
  guid: string;
  /** head guid of each business node, in order — receipts refer to these */
  nodeGuids: string[];
}
