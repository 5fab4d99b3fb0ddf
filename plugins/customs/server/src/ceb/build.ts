/**
 * Builds export CEB request messages as XML:
 *
 *   <ceb:CEB303Message guid=".." version="1.0" xmlns:ceb="http://www.chinaport.gov.cn/ceb">
 *     <ceb:Order><ceb:OrderHead>…</ceb:OrderHead><ceb:OrderList>…</ceb:OrderList>…</ceb:Order>
 *     <ceb:BaseTransfer>…</ceb:BaseTransfer>
 *     (signature, added by the optional sign hook — 云加签 is a separate service)
 *   </ceb:CEB303Message>
 *
 * Validation runs first and nothing is built when anything is wrong.
 */
import { HEAD_META_FIELDS, MESSAGE_SPECS, BASE_TRANSFER_FIELDS } from './schema';
import { formatAppTime, GUID_PATTERN, newGuid } from './time';
import type { BuildOptions, BuiltMessage, CebMessageInput, MessageKind, SignFn, ValidationIssue } from './types';
import { CebValidationError, fieldText, validateMessage } from './validate';
import { CEB_NAMESPACE, CebXmlWriter, parseXml } from './xml';

export const CEB_VERSION = '1.0';

type Rec = Record<string, unknown>;

function resolveNow(now: BuildOptions['now']): Date {
  if (now === undefined) return new Date();
  return typeof now === 'function' ? now() : now;
}

/** Builds the unsigned document, or throws CebValidationError. */
function buildUnsigned<K extends MessageKind>(kind: K, input: CebMessageInput<K>, options: BuildOptions): BuiltMessage {
  const issues: ValidationIssue[] = validateMessage(kind, input, options.rules);
  if (options.guid !== undefined && !GUID_PATTERN.test(options.guid)) {
    issues.push({ path: 'options.guid', code: 'FORMAT', message: '报文 guid 应为36位大写 GUID' });
  }
  if (issues.length > 0) throw new CebValidationError(kind, issues);

  const spec = MESSAGE_SPECS[kind];
  const now = resolveNow(options.now);
  // Reading through Rec: the schema tables are the single source of element names and order.
  const nodes = input.nodes as unknown as { head: Rec; list?: Rec[] }[];
  const nodeGuids = nodes.map((n) => (typeof n.head.guid === 'string' ? n.head.guid : newGuid()));
  // Single-node messages share the head guid with the envelope so a receipt (which quotes the head
  // guid) maps straight back to the outbox entry; multi-node messages get their own envelope guid.
  const guid = options.guid ?? (nodes.length === 1 ? nodeGuids[0] : newGuid());

  const w = new CebXmlWriter();
  if (!options.omitDeclaration) w.declaration();
  w.open(`${kind}Message`, [
    ['guid', guid],
    ['version', CEB_VERSION],
    ['xmlns:ceb', CEB_NAMESPACE],
  ]);
  nodes.forEach((node, i) => {
    const head = node.head;
    w.open(spec.element);
    if (spec.headElement) w.open(spec.headElement);
    const appTime = head.appTime instanceof Date ? formatAppTime(head.appTime) : typeof head.appTime === 'string' ? head.appTime : formatAppTime(now);
    const meta: Record<(typeof HEAD_META_FIELDS)[number]['name'], string> = {
      guid: nodeGuids[i],
      appType: typeof head.appType === 'string' ? head.appType : '1',
      appTime,
      appStatus: typeof head.appStatus === 'string' ? head.appStatus : '2',
    };
    for (const f of HEAD_META_FIELDS) w.leaf(f.name, meta[f.name]);
    for (const f of spec.head) {
      const v = fieldText(head[f.name]);
      if (v !== '' || f.alwaysEmit) w.leaf(f.name, v);
    }
    if (spec.headElement) w.close(spec.headElement);
    if (spec.list) {
      const listSpec = spec.list;
      (node.list ?? []).forEach((item, j) => {
        w.open(listSpec.element);
        for (const f of listSpec.fields) {
          const v = f.name === 'gnum' ? String(j + 1) : fieldText(item[f.name]);
          if (v !== '' || f.alwaysEmit) w.leaf(f.name, v);
        }
        w.close(listSpec.element);
      });
    }
    w.close(spec.element);
  });
  const bt = input.baseTransfer as unknown as Rec;
  w.open('BaseTransfer');
  for (const f of BASE_TRANSFER_FIELDS) {
    const v = f.name === 'dxpMode' ? 'DXP' : fieldText(bt[f.name]);
    if (v !== '') w.leaf(f.name, v);
  }
  w.close('BaseTransfer');
  w.close(`${kind}Message`);
  return { xml: w.toString(), guid, nodeGuids };
}

async function applySignature(built: BuiltMessage, kind: MessageKind, sign: SignFn): Promise<BuiltMessage> {
  const signed = await sign(built.xml);
  if (typeof signed !== 'string' || signed.trim() === '') throw new Error('签名服务未返回报文');
  // The signer must hand back the same message (plus a signature), not something else.
  const root = parseXml(signed);
  if (root.localName !== `${kind}Message` || root.namespace !== CEB_NAMESPACE || root.attributes.get('guid') !== built.guid) {
    throw new Error('签名服务返回的报文与原报文不符（根元素或 guid 不同）');
  }
  return { ...built, xml: signed };
}

/**
 * Builds a CEB message. Without `options.sign` the result is returned directly; with it, a
 * Promise of the signed result (the signer may be remote).
 * Throws CebValidationError (code CEB_INVALID, `.issues`) when the input is incomplete or invalid.
 */
export function buildMessage<K extends MessageKind>(kind: K, input: CebMessageInput<K>, options: BuildOptions & { sign: SignFn }): Promise<BuiltMessage>;
export function buildMessage<K extends MessageKind>(kind: K, input: CebMessageInput<K>, options?: BuildOptions & { sign?: undefined }): BuiltMessage;
export function buildMessage<K extends MessageKind>(kind: K, input: CebMessageInput<K>, options: BuildOptions = {}): BuiltMessage | Promise<BuiltMessage> {
  const sign = options.sign;
  if (sign) {
    // Validation errors surface as a rejected promise, consistently with signing errors.
    return Promise.resolve().then(() => applySignature(buildUnsigned(kind, input, options), kind, sign));
  }
  return buildUnsigned(kind, input, options);
}
