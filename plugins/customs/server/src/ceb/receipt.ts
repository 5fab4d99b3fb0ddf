/**
 * Customs receipts (回执) for the export messages: parsing what 点点通 / customs send back, and
 * building the same documents for the local 点点通 simulator, so parse(build(x)) round-trips.
 *
 *   CEB304 OrderReturn · CEB604 InventoryReturn · CEB606 InvtCancelReturn · CEB608 WayBillReturn
 *   CEB702 SummaryReturn · CEB792 SummaryResult/SummaryResultHead · CEB900 MessageReturn
 *
 * Parsing is strict about structure (namespace, one value per element, status and time formats) but
 * accepts receipt fields in any order and keeps unknown leaf fields in `fields`: receipts come from
 * outside systems whose minor versions differ, and a status update must not be lost over that.
 */
import { formatReturnTime, newGuid, parseCustomsTime } from './time';
import type { MessageKind } from './types';
import { CEB_NAMESPACE, CebXmlWriter, hasInvalidXmlChar, parseXml, XmlElement } from './xml';

export type ReceiptKind = 'CEB304' | 'CEB604' | 'CEB606' | 'CEB608' | 'CEB702' | 'CEB792' | 'CEB900';
export const RECEIPT_KINDS: readonly ReceiptKind[] = ['CEB304', 'CEB604', 'CEB606', 'CEB608', 'CEB702', 'CEB792', 'CEB900'];

/** Which receipt answers which request (CEB701 also gets a CEB792 summary result later). */
export const RECEIPT_FOR: Readonly<Record<MessageKind, ReceiptKind>> = {
  CEB303: 'CEB304',
  CEB603: 'CEB604',
  CEB605: 'CEB606',
  CEB607: 'CEB608',
  CEB701: 'CEB702',
};

/** returnStatus labels (DOMAIN.md §1). Negative values are processing errors. */
export const RETURN_STATUS: Readonly<Record<number, string>> = {
  1: '电子口岸已暂存',
  2: '电子口岸申报中',
  3: '发送海关成功',
  4: '发送海关失败',
  100: '海关退单',
  120: '海关入库',
  300: '人工审核',
  399: '海关审结',
  500: '查验',
  800: '放行',
  899: '结关',
};

/**
 * The same, as a WeChat template "phrase" (at most 5 Chinese characters, no punctuation): the push says where the
 * record stands in a word, where the full label would be cut to "电子口岸…" for both 暂存 and 申报中.
 */
export const RETURN_STATUS_PHRASE: Readonly<Record<number, string>> = {
  1: '已暂存',
  2: '申报中',
  3: '已发海关',
  4: '发送失败',
  100: '海关退单',
  120: '海关入库',
  300: '人工审核',
  399: '海关审结',
  500: '查验',
  800: '放行',
  899: '结关',
};

export function returnStatusPhrase(status: number): string {
  if (status < 0) return '处理错误';
  return RETURN_STATUS_PHRASE[status] ?? '状态更新';
}

export type ReceiptOutcome = 'pending' | 'accepted' | 'rejected' | 'released' | 'error';

export function returnStatusLabel(status: number): string {
  if (status < 0) return '处理错误';
  return RETURN_STATUS[status] ?? `未知状态（${status}）`;
}

/**
 * pending: still moving (暂存, 申报中, 发送海关成功, 人工审核, 查验);
 * accepted: customs holds it (入库, 审结); released: 放行/结关; rejected: 退单;
 * error: 发送海关失败 or any negative status. Unknown positive codes count as pending so the
 * poller keeps watching instead of closing the record on a code it does not know.
 */
export function classifyReturnStatus(status: number): ReceiptOutcome {
  if (status < 0 || status === 4) return 'error';
  switch (status) {
    case 100:
      return 'rejected';
    case 120:
    case 399:
      return 'accepted';
    case 800:
    case 899:
      return 'released';
    default:
      return 'pending';
  }
}

/** Like classifyReturnStatus, but a CEB900 (message-format error receipt) is always an error. */
export function classifyReceipt(receipt: { messageType: ReceiptKind; returnStatus: number }): ReceiptOutcome {
  return receipt.messageType === 'CEB900' ? 'error' : classifyReturnStatus(receipt.returnStatus);
}

/** Optional identifying fields a receipt may carry (which ones depends on the kind). */
export interface ReceiptFields {
  customsCode?: string;
  agentCode?: string;
  ebpCode?: string;
  ebcCode?: string;
  declAgentCode?: string;
  logisticsCode?: string;
  orderNo?: string;
  copNo?: string;
  preNo?: string;
  invtNo?: string;
  billNo?: string;
  sumNo?: string;
  statisticsFlag?: string;
  msgSeqNo?: string;
  /** CEB900 only: the rejected message's id and type */
  oriCopMsgId?: string;
  oriMessageType?: string;
}

const OPTIONAL_FIELDS: readonly (keyof ReceiptFields)[] = [
  'customsCode',
  'agentCode',
  'ebpCode',
  'ebcCode',
  'declAgentCode',
  'logisticsCode',
  'orderNo',
  'copNo',
  'preNo',
  'invtNo',
  'billNo',
  'sumNo',
  'statisticsFlag',
  'msgSeqNo',
  'oriCopMsgId',
  'oriMessageType',
];

interface ReceiptSpec {
  /** element holding the fields (for CEB792 the wrapper, see headElement) */
  element: string;
  headElement?: string;
  /** write order used by buildReceipt */
  order: readonly string[];
}

const STATUS_TAIL = ['returnStatus', 'returnTime', 'returnInfo'] as const;

export const RECEIPT_SPECS: Readonly<Record<ReceiptKind, ReceiptSpec>> = {
  CEB304: { element: 'OrderReturn', order: ['guid', 'ebpCode', 'ebcCode', 'orderNo', ...STATUS_TAIL] },
  CEB604: {
    element: 'InventoryReturn',
    order: ['guid', 'customsCode', 'agentCode', 'copNo', 'preNo', 'invtNo', 'ebpCode', 'ebcCode', 'orderNo', 'statisticsFlag', ...STATUS_TAIL],
  },
  CEB606: { element: 'InvtCancelReturn', order: ['guid', 'customsCode', 'agentCode', 'ebcCode', 'copNo', 'preNo', 'invtNo', 'msgSeqNo', ...STATUS_TAIL] },
  CEB608: { element: 'WayBillReturn', order: ['guid', 'customsCode', 'agentCode', 'logisticsCode', 'copNo', 'preNo', 'billNo', 'msgSeqNo', ...STATUS_TAIL] },
  CEB702: { element: 'SummaryReturn', order: ['guid', 'customsCode', 'agentCode', 'ebcCode', 'declAgentCode', 'copNo', 'preNo', 'sumNo', 'msgSeqNo', ...STATUS_TAIL] },
  CEB792: {
    element: 'SummaryResult',
    headElement: 'SummaryResultHead',
    order: ['guid', 'customsCode', 'agentCode', 'ebcCode', 'declAgentCode', 'copNo', 'preNo', 'sumNo', ...STATUS_TAIL],
  },
  CEB900: { element: 'MessageReturn', order: ['guid', 'oriCopMsgId', 'oriMessageType', ...STATUS_TAIL] },
};

export class CebReceiptError extends Error {
  readonly code = 'CEB_RECEIPT_INVALID';
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(line ? `${message}（第 ${line} 行）` : message);
    this.name = 'CebReceiptError';
  }
}

export interface ReceiptInput extends ReceiptFields {
  /** guid of the business node this receipt answers */
  guid: string;
  returnStatus: number;
  /** Date (formatted yyyyMMddHHmmssSSS in Beijing time) or an already formatted string; default now */
  returnTime?: string | Date;
  returnInfo: string;
}

export interface ParsedReceipt extends ReceiptFields {
  messageType: ReceiptKind;
  /** envelope guid attribute */
  messageGuid: string;
  guid: string;
  returnStatus: number;
  /** yyyyMMddHHmmssSSS (or yyyyMMddHHmmss) as received */
  returnTime: string;
  /** returnTime as an instant (read as Beijing time) */
  returnDate: Date;
  returnInfo: string;
  outcome: ReceiptOutcome;
  statusLabel: string;
  /** every leaf field as received, unknown ones included */
  fields: Record<string, string>;
}

const GUID_LOOSE = /^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$/;
const RETURN_TIME = /^\d{14}(\d{3})?$/;

/** Parses every return node in a receipt document (customs may batch several). */
export function parseReceipts(xml: string): ParsedReceipt[] {
  const root = parseXml(xml);
  const m = /^(CEB\d{3})Message$/.exec(root.localName);
  const kind = m?.[1] as ReceiptKind | undefined;
  if (!kind || !RECEIPT_KINDS.includes(kind)) throw new CebReceiptError(`不是支持的回执报文：根元素 <${root.name}>`, root.line);
  if (root.namespace !== CEB_NAMESPACE) {
    throw new CebReceiptError(`回执根元素命名空间应为 ${CEB_NAMESPACE}，实际为 ${root.namespace ?? '无'}`, root.line);
  }
  const messageGuid = root.attributes.get('guid') ?? '';
  if (!messageGuid) throw new CebReceiptError('回执根元素缺少 guid 属性', root.line);
  const spec = RECEIPT_SPECS[kind];
  const out: ParsedReceipt[] = [];
  for (const child of root.children) {
    if (child.namespace !== CEB_NAMESPACE) continue; // e.g. a ds:Signature on a signed receipt
    if (child.localName === 'BaseTransfer') continue;
    if (child.localName !== spec.element) throw new CebReceiptError(`${kind} 回执中出现未预期的元素 <${child.name}>`, child.line);
    let holder = child;
    if (spec.headElement) {
      const heads = child.children.filter((c) => c.namespace === CEB_NAMESPACE && c.localName === spec.headElement);
      if (heads.length !== 1) throw new CebReceiptError(`<${child.name}> 中应有且只有一个 <ceb:${spec.headElement}>`, child.line);
      holder = heads[0];
    }
    out.push(readReturn(kind, messageGuid, holder));
  }
  if (out.length === 0) throw new CebReceiptError(`${kind} 回执中没有 <ceb:${spec.element}>`, root.line);
  return out;
}

/** Parses a receipt carrying exactly one return node. */
export function parseReceipt(xml: string): ParsedReceipt {
  const all = parseReceipts(xml);
  if (all.length !== 1) throw new CebReceiptError(`回执中含有 ${all.length} 条结果，请使用 parseReceipts`);
  return all[0];
}

function readReturn(kind: ReceiptKind, messageGuid: string, el: XmlElement): ParsedReceipt {
  const fields: Record<string, string> = {};
  for (const c of el.children) {
    if (c.children.length > 0) continue; // nested blocks (e.g. a summary result list) are not status data
    if (c.namespace !== CEB_NAMESPACE) throw new CebReceiptError(`<${el.name}> 中出现非 CEB 命名空间的元素 <${c.name}>`, c.line);
    if (Object.prototype.hasOwnProperty.call(fields, c.localName)) throw new CebReceiptError(`<${el.name}> 中元素 <${c.name}> 重复`, c.line);
    fields[c.localName] = c.text.trim();
  }
  const need = (name: string): string => {
    const v = fields[name];
    if (v === undefined || v === '') throw new CebReceiptError(`${kind} 回执缺少 ${name}`, el.line);
    return v;
  };
  const guid = need('guid');
  if (!GUID_LOOSE.test(guid)) throw new CebReceiptError(`${kind} 回执 guid “${guid}” 格式不正确`, el.line);
  // CEB792 from customs carries decState/opDate rather than returnStatus/returnTime; accept both.
  const statusText = kind === 'CEB792' && fields.returnStatus === undefined ? need('decState') : need('returnStatus');
  if (!/^-?\d{1,9}$/.test(statusText)) throw new CebReceiptError(`${kind} 回执 returnStatus “${statusText}” 不是整数`, el.line);
  const returnStatus = Number(statusText);
  const returnTime = kind === 'CEB792' && fields.returnTime === undefined ? need('opDate') : need('returnTime');
  const returnDate = RETURN_TIME.test(returnTime) || (kind === 'CEB792' && /^\d{8}$/.test(returnTime)) ? parseCustomsTime(returnTime) : undefined;
  if (!returnDate) throw new CebReceiptError(`${kind} 回执 returnTime “${returnTime}” 应为 yyyyMMddHHmmssSSS`, el.line);
  if (kind !== 'CEB792' && fields.returnInfo === undefined) throw new CebReceiptError(`${kind} 回执缺少 returnInfo`, el.line);
  const returnInfo = fields.returnInfo ?? '';

  const receipt: ParsedReceipt = {
    messageType: kind,
    messageGuid,
    guid,
    returnStatus,
    returnTime,
    returnDate,
    returnInfo,
    outcome: kind === 'CEB900' ? 'error' : classifyReturnStatus(returnStatus),
    statusLabel: returnStatusLabel(returnStatus),
    fields,
  };
  for (const f of OPTIONAL_FIELDS) {
    const v = fields[f];
    if (v !== undefined && v !== '') receipt[f] = v;
  }
  return receipt;
}

export interface BuildReceiptOptions {
  /** envelope guid (default: new) */
  messageGuid?: string;
  now?: Date | (() => Date);
  omitDeclaration?: boolean;
}

/** Builds a receipt document (used by the 点点通 simulator). One input or several of the same kind. */
export function buildReceipt(kind: ReceiptKind, input: ReceiptInput | ReceiptInput[], options: BuildReceiptOptions = {}): { xml: string; guid: string } {
  if (!RECEIPT_KINDS.includes(kind)) throw new CebReceiptError(`不支持的回执类型 ${String(kind)}`);
  const items = Array.isArray(input) ? input : [input];
  if (items.length === 0) throw new CebReceiptError('回执至少需要一条结果');
  const spec = RECEIPT_SPECS[kind];
  const now = options.now === undefined ? new Date() : typeof options.now === 'function' ? options.now() : options.now;
  const guid = options.messageGuid ?? newGuid();
  const w = new CebXmlWriter();
  if (!options.omitDeclaration) w.declaration();
  w.open(`${kind}Message`, [
    ['guid', guid],
    ['version', '1.0'],
    ['xmlns:ceb', CEB_NAMESPACE],
  ]);
  for (const item of items) {
    if (!GUID_LOOSE.test(item.guid)) throw new CebReceiptError(`回执 guid “${item.guid}” 格式不正确`);
    if (!Number.isInteger(item.returnStatus)) throw new CebReceiptError(`returnStatus 应为整数，收到 ${String(item.returnStatus)}`);
    const returnTime = item.returnTime instanceof Date ? formatReturnTime(item.returnTime) : (item.returnTime ?? formatReturnTime(now));
    if (!RETURN_TIME.test(returnTime) || !parseCustomsTime(returnTime)) throw new CebReceiptError(`returnTime “${returnTime}” 应为 yyyyMMddHHmmssSSS`);
    const values: Record<string, string | undefined> = { ...pickFields(item), guid: item.guid, returnStatus: String(item.returnStatus), returnTime, returnInfo: item.returnInfo };
    // A field this receipt kind cannot carry would be silently dropped; refuse instead.
    for (const [name, v] of Object.entries(values)) {
      if (v !== undefined && !spec.order.includes(name)) throw new CebReceiptError(`${kind} 回执不含字段 ${name}`);
    }
    w.open(spec.element);
    if (spec.headElement) w.open(spec.headElement);
    for (const name of spec.order) {
      const v = values[name];
      if (v === undefined || (v === '' && name !== 'returnInfo')) continue;
      if (hasInvalidXmlChar(v)) throw new CebReceiptError(`回执字段 ${name} 包含非法控制字符`);
      w.leaf(name, v);
    }
    if (spec.headElement) w.close(spec.headElement);
    w.close(spec.element);
  }
  w.close(`${kind}Message`);
  return { xml: w.toString(), guid };
}

function pickFields(item: ReceiptFields): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const f of OPTIONAL_FIELDS) out[f] = item[f];
  return out;
}
