/**
 * CEB export messages (China Customs cross-border e-commerce, 跨境电商统一版): typed inputs,
 * validation, XML building, request reading and receipt parsing/building. See DOMAIN.md §1.
 */
export * from './types';
export { CURRENCY_CODES, TRADE_MODES, DEFAULT_RULES, resolveRules } from './codes';
export { DECIMAL_19_5 } from '../decimal';
export { formatAppTime, formatIeDate, formatReturnTime, parseCustomsTime, newGuid, GUID_PATTERN } from './time';
export {
  MESSAGE_SPECS,
  HEAD_META_FIELDS,
  BASE_TRANSFER_FIELDS,
  headOrder,
  ORDER_HEAD_FIELDS,
  ORDER_LIST_FIELDS,
  INVENTORY_HEAD_FIELDS,
  INVENTORY_LIST_FIELDS,
  INVT_CANCEL_FIELDS,
  WAYBILL_HEAD_FIELDS,
  WAYBILL_LIST_FIELDS,
  SUMMARY_APPLY_HEAD_FIELDS,
  SUMMARY_APPLY_LIST_FIELDS,
} from './schema';
export type { FieldSpec, FieldRule, NodeSpec } from './schema';
export { validateMessage, CebValidationError, INVT_NO_PATTERN, HS_CODE_PATTERN } from './validate';
export { buildMessage, CEB_VERSION } from './build';
export { parseMessage, CebFormatError } from './read';
export type { ParsedMessage, RawNode } from './read';
export {
  parseReceipt,
  parseReceipts,
  buildReceipt,
  classifyReturnStatus,
  classifyReceipt,
  returnStatusLabel,
  returnStatusPhrase,
  RETURN_STATUS,
  RETURN_STATUS_PHRASE,
  RECEIPT_FOR,
  RECEIPT_KINDS,
  RECEIPT_SPECS,
  CebReceiptError,
} from './receipt';
export type { ReceiptKind, ReceiptOutcome, ReceiptFields, ReceiptInput, ParsedReceipt, BuildReceiptOptions } from './receipt';
export { parseXml, escapeXml, childrenNamed, XmlParseError, CEB_NAMESPACE } from './xml';
export type { XmlElement, ParseXmlOptions } from './xml';
