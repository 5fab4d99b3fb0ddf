/**
 * Reads an export CEB request message back into plain records — for the 点点通 simulator (which
 * must accept and check what we send) and for tests. Structure is enforced strictly against the
 * schema tables: unknown, duplicated or out-of-order elements are errors. Field values are
 * returned as text; run validateMessage(kind, parsed.input) for the business checks.
 */
import { HEAD_META_FIELDS, MESSAGE_SPECS, BASE_TRANSFER_FIELDS, FieldSpec } from './schema';
import type { MessageKind } from './types';
import { MESSAGE_KINDS } from './types';
import { CEB_NAMESPACE, parseXml, XmlElement } from './xml';

export class CebFormatError extends Error {
  readonly code = 'CEB_MALFORMED';
  constructor(
    message: string,
    readonly element?: XmlElement,
  ) {
    super(element ? `${message}（第 ${element.line} 行）` : message);
    this.name = 'CebFormatError';
  }
}

export interface RawNode {
  head: Record<string, string>;
  /** absent for CEB605, which has no list */
  list?: Record<string, string>[];
}

export interface ParsedMessage {
  kind: MessageKind;
  /** envelope guid */
  guid: string;
  version: string;
  input: { nodes: RawNode[]; baseTransfer: Record<string, string> };
  /** true when a signature element follows BaseTransfer */
  signed: boolean;
}

function isCeb(el: XmlElement): boolean {
  return el.namespace === CEB_NAMESPACE;
}

/** Reads the leaf children of `el` into a record, in the order given by `specs`. */
export function readFields(el: XmlElement, names: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  let cursor = 0;
  for (const child of el.children) {
    if (!isCeb(child)) throw new CebFormatError(`<${el.name}> 中出现非 CEB 命名空间的元素 <${child.name}>`, child);
    const idx = names.indexOf(child.localName);
    if (idx < 0) throw new CebFormatError(`<${el.name}> 中出现未知元素 <${child.name}>`, child);
    if (Object.prototype.hasOwnProperty.call(out, child.localName)) throw new CebFormatError(`<${el.name}> 中元素 <${child.name}> 重复`, child);
    if (idx < cursor) throw new CebFormatError(`<${el.name}> 中元素 <${child.name}> 顺序错误，应在 <${names[cursor - 1]}> 之前`, child);
    if (child.children.length > 0) throw new CebFormatError(`元素 <${child.name}> 不应包含子元素`, child);
    cursor = idx + 1;
    out[child.localName] = child.text;
  }
  return out;
}

const names = (specs: readonly FieldSpec[]): string[] => specs.map((f) => f.name);

export function parseMessage(xml: string): ParsedMessage {
  const root = parseXml(xml);
  const m = /^(CEB\d{3})Message$/.exec(root.localName);
  const kind = m?.[1] as MessageKind | undefined;
  if (!isCeb(root) || !kind || !MESSAGE_KINDS.includes(kind)) {
    throw new CebFormatError(`不支持的报文根元素 <${root.name}>（命名空间 ${root.namespace ?? '无'}）`, root);
  }
  const guid = root.attributes.get('guid');
  const version = root.attributes.get('version');
  if (!guid) throw new CebFormatError('报文根元素缺少 guid 属性', root);
  if (!version) throw new CebFormatError('报文根元素缺少 version 属性', root);

  const spec = MESSAGE_SPECS[kind];
  const headNames = [...names(HEAD_META_FIELDS), ...names(spec.head)];
  const nodes: RawNode[] = [];
  let baseTransfer: Record<string, string> | undefined;
  let signed = false;
  for (const child of root.children) {
    if (signed) throw new CebFormatError(`签名之后不应再有元素 <${child.name}>`, child);
    if (isCeb(child) && child.localName === spec.element) {
      if (baseTransfer) throw new CebFormatError(`<${child.name}> 必须在 BaseTransfer 之前`, child);
      nodes.push(readNode(child, spec, headNames));
    } else if (isCeb(child) && child.localName === 'BaseTransfer') {
      if (baseTransfer) throw new CebFormatError('BaseTransfer 重复', child);
      baseTransfer = readFields(child, names(BASE_TRANSFER_FIELDS));
    } else if (child.localName === 'Signature' && baseTransfer) {
      signed = true;
    } else {
      throw new CebFormatError(`${kind} 报文中出现未预期的元素 <${child.name}>`, child);
    }
  }
  if (nodes.length === 0) throw new CebFormatError(`${kind} 报文缺少 <ceb:${spec.element}>`, root);
  if (!baseTransfer) throw new CebFormatError(`${kind} 报文缺少 <ceb:BaseTransfer>`, root);
  return { kind, guid, version, input: { nodes, baseTransfer }, signed };
}

function readNode(el: XmlElement, spec: (typeof MESSAGE_SPECS)[MessageKind], headNames: string[]): RawNode {
  if (!spec.headElement) return { head: readFields(el, headNames) };
  const [first, ...rest] = el.children;
  if (!first || !isCeb(first) || first.localName !== spec.headElement) {
    throw new CebFormatError(`<${el.name}> 的第一个子元素应为 <ceb:${spec.headElement}>`, first ?? el);
  }
  const head = readFields(first, headNames);
  const list: Record<string, string>[] = [];
  for (const item of rest) {
    if (!spec.list || !isCeb(item) || item.localName !== spec.list.element) {
      throw new CebFormatError(`<${el.name}> 中出现未预期的元素 <${item.name}>`, item);
    }
    list.push(readFields(item, names(spec.list.fields)));
  }
  return { head, list };
}
