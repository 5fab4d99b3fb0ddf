/**
 * Local 点点通 simulator (issue 4 point 2, DOMAIN.md §1). Plain node http; never runs in production.
 *
 * Routes
 *   POST /ceb/messages      body: a CEB303/603/605/607/701 document (content-type …xml), header X-DXP-ID = its
 *                           BaseTransfer dxpId. Read with ceb's parseMessage and checked with validateMessage.
 *                           - not XML / not an xml content type → 400 JSON
 *                           - X-DXP-ID missing or ≠ BaseTransfer dxpId, or an unknown (DXPINVALID…) dxpId → 403 JSON
 *                           - well-formed XML but not a valid CEB request → 200 with a CEB900 receipt document
 *                             (as real gateways answer; returnStatus -1, returnInfo lists the problems)
 *                           - valid → 200 { accepted: true, guid, messageType, declarations: [{ guid, preNo }] }
 *                           Idempotent by envelope guid: posting the same guid again answers the same body and
 *                           creates nothing (the record's `posts` counter shows repeats).
 *   GET  /ceb/receipts?dxpId=&after=&limit=  → { receipts: [{ cursor, guid, messageType, xml }], next }
 *                           receipts of that dxpId with cursor > after, oldest first (limit default 100, max 1000);
 *                           `next` is the last cursor returned (or `after` when none) — poll again with it.
 *                           `guid` is the business node's head guid (= envelope guid for single-node messages).
 *   POST /config/verify     { dxpId, ebcCode, ebcName, ebpCode, customsCode, portCode, appKey? }
 *                           → { ok: true } | { ok: false, errors: [{ field, message }] }
 *   POST /control           { rejectNext, rejectReason, inspectNext, reviewNext, sendFailNext, failNext, timeoutNext, dropReplies,
 *                             latencyMs, reset }
 *   GET  /messages?dxpId=   accepted declarations with status, numbers and receipt count (inspection)
 *   GET  /health
 *
 * Receipt paths (one receipt per step, `stepMs` apart, first one `stepMs` after acceptance):
 *   CEB303 order          1 → 2 → 3 → 120                     (orders stop at 入库: customs only stores them)
 *   CEB603 inventory      1 → 2 → 3 → 120 → 399 → 800         (inspected: 1 → 2 → 3 → 120 → 399 → 500 → 800)
 *   CEB605 cancellation   1 → 2 → 3 → 120 → 399               (399 = cancellation approved; the cancelled
 *                                                              inventory is flagged `cancelled` in /messages)
 *   CEB607 master/sub     1 → 2 → 3 → 120 → 399
 *   CEB701 summary        1 → 2 → 3 → 120 → 399               (CEB792 summary results are not produced)
 *   rejected (any kind)   1 → 2 → 3 → 100 (returnInfo = the reason)
 *   send failed (any)     1 → 2 → 4                            (sendFailNext: 电子口岸 could not pass it to customs)
 *   manual review (CEB603) 1 → 2 → 3 → 120 → 300 → 399 → 800   (reviewNext: 人工审核 before 审结)
 *   appStatus 1 (暂存)    1 only — a draft is stored, never declared.
 *   A CEB605 naming an invtNo this simulator never issued to that dxpId is rejected (100, 清单不存在).
 *
 * Numbers (kept monotonic for the process lifetime, also across `reset`, and seeded from the clock so a
 * restarted simulator does not reissue earlier numbers):
 *   preNo  'B' + yyyyMMdd + 9-digit serial (18 chars), given at acceptance, on every receipt
 *   invtNo customsCode(4) + yyyy + 'E' + 9-digit serial (18 chars), CEB603, from 120 入库 on
 *   sumNo  customsCode(4) + yyyy + '1' + 9-digit serial (18 chars, the shape of an export 报关单号), CEB701, from
 *          399 on — a simulator convention (DOMAIN.md does not document sumNo)
 *
 * Controls: rejectNext N → the next N accepted declarations (any kind) end at 100; inspectNext N → the next N
 * accepted CEB603 declarations pass through 500 查验; failNext N → the next N POST /ceb/messages answer 503
 * without accepting; timeoutNext N → the next N POST /ceb/messages are never answered (the socket is closed
 * after `hangMs`, default 30 s) and nothing is accepted; dropReplies N → the next N are accepted but answered
 * 503 (the reply is "lost": a client must resend the same guid). failureRate (0..1) fails POSTs at random with 503.
 * `latencyMs` delays every /ceb/* and /config/verify answer. `reset` forgets messages, receipts and controls.
 */
import http from 'node:http';
import {
  buildReceipt,
  CebFormatError,
  INVENTORY_HEAD_FIELDS,
  newGuid,
  ORDER_HEAD_FIELDS,
  parseMessage,
  RECEIPT_FOR,
  returnStatusLabel,
  validateMessage,
  XmlParseError,
  formatIeDate,
  formatAppTime,
  BASE_TRANSFER_FIELDS,
} from '../ceb';
import type { MessageKind, ReceiptFields, ReceiptKind, FieldRule } from '../ceb';
import { HttpError, jsonBody, refuseInProduction, Reply, Request, serve } from './http';

export interface DdtSimulatorOptions {
  /** 0 = any free port. Default DDT_SIM_PORT or 1342. */
  port: number;
  /** Added to every /ceb/* and /config/verify answer. Default DDT_SIM_LATENCY_MS or 0. */
  latencyMs: number;
  /** 0..1: share of POST /ceb/messages answered 503 at random. Default DDT_SIM_FAILURE_RATE or 0. */
  failureRate: number;
  /** Time between two receipts of one declaration. Default DDT_SIM_STEP_MS or 2000. */
  stepMs: number;
  /** How long a timeoutNext request is held before its socket is closed. Default 30 000. */
  hangMs: number;
  /** Clock for receipt times and numbers (not for the step timers). */
  clock: () => Date;
  /** Random source for failureRate (tests). */
  random: () => number;
}

export interface DdtSimulator {
  port: number;
  url: string;
  server: http.Server;
  close(): Promise<void>;
}

export type DeclarationStatus = number;

interface Declaration {
  guid: string;
  messageGuid: string;
  messageType: MessageKind;
  receiptType: ReceiptKind;
  dxpId: string;
  head: Record<string, string>;
  list: Record<string, string>[];
  acceptedAt: string;
  preNo: string;
  invtNo?: string;
  sumNo?: string;
  path: number[];
  /** index in path of the last status sent; -1 before the first receipt */
  step: number;
  status: number | null;
  returnInfo: string;
  rejectReason?: string;
  inspected: boolean;
  cancelled: boolean;
  receipts: number;
}

interface Accepted {
  dxpId: string;
  body: { accepted: true; guid: string; messageType: MessageKind; declarations: { guid: string; preNo: string }[] };
  posts: number;
}

interface StoredReceipt {
  cursor: number;
  dxpId: string;
  guid: string;
  messageType: ReceiptKind;
  xml: string;
}

const DEFAULT_REJECT_REASON = '海关退单：申报商品信息与实际不符（模拟退单）';

function envNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) throw new Error(`[jmt] ${name} must be a non-negative number, got "${raw}"`);
  return n;
}

export function optionsFromEnv(): DdtSimulatorOptions {
  return {
    port: envNumber('DDT_SIM_PORT', 1342),
    latencyMs: envNumber('DDT_SIM_LATENCY_MS', 0),
    failureRate: envNumber('DDT_SIM_FAILURE_RATE', 0),
    stepMs: envNumber('DDT_SIM_STEP_MS', 2000),
    hangMs: 30_000,
    clock: () => new Date(),
    random: Math.random,
  };
}

function paths(kind: MessageKind, opts: { draft: boolean; reject: boolean; inspect: boolean; review?: boolean; sendFail?: boolean }): number[] {
  if (opts.draft) return [1];
  if (opts.sendFail) return [1, 2, 4];
  if (opts.reject) return [1, 2, 3, 100];
  // 人工审核: customs looks at it by hand between 入库 and 审结.
  if (opts.review && kind === 'CEB603') return opts.inspect ? [1, 2, 3, 120, 300, 399, 500, 800] : [1, 2, 3, 120, 300, 399, 800];
  switch (kind) {
    case 'CEB303':
      return [1, 2, 3, 120];
    case 'CEB603':
      return opts.inspect ? [1, 2, 3, 120, 399, 500, 800] : [1, 2, 3, 120, 399, 800];
    default:
      return [1, 2, 3, 120, 399];
  }
}

/** Receipt fields each receipt kind carries, taken from the request head. */
const RECEIPT_HEAD_FIELDS: Readonly<Record<ReceiptKind, readonly (keyof ReceiptFields)[]>> = {
  CEB304: ['ebpCode', 'ebcCode', 'orderNo'],
  CEB604: ['customsCode', 'agentCode', 'copNo', 'ebpCode', 'ebcCode', 'orderNo', 'statisticsFlag'],
  CEB606: ['customsCode', 'agentCode', 'ebcCode', 'copNo', 'invtNo'],
  CEB608: ['customsCode', 'agentCode', 'logisticsCode', 'copNo', 'billNo', 'msgSeqNo'],
  CEB702: ['customsCode', 'agentCode', 'ebcCode', 'declAgentCode', 'copNo', 'msgSeqNo'],
  CEB792: [],
  CEB900: [],
};

function codeRule(rule: FieldRule): { pattern: RegExp; max: number; hint: string } {
  if (rule.type !== 'code') throw new Error('expected a code rule');
  return rule;
}

// Shapes reused from the CEB schema tables, so config verification and message validation agree.
const ENT_RULE = codeRule(ORDER_HEAD_FIELDS.find((f) => f.name === 'ebcCode')!.rule);
const CUSTOMS_RULE = codeRule(INVENTORY_HEAD_FIELDS.find((f) => f.name === 'customsCode')!.rule);
const DXP_RULE = codeRule(BASE_TRANSFER_FIELDS.find((f) => f.name === 'dxpId')!.rule);

function isUnknownDxpId(dxpId: string): boolean {
  return dxpId.startsWith('DXPINVALID');
}

export function verifyConfig(input: Record<string, unknown>): { field: string; message: string }[] {
  const errors: { field: string; message: string }[] = [];
  const text = (field: string): string | undefined => {
    const v = input[field];
    if (v === undefined || v === null || (typeof v === 'string' && v.trim() === '')) return undefined;
    if (typeof v !== 'string') {
      errors.push({ field, message: '应为文本' });
      return undefined;
    }
    return v;
  };
  const code = (field: string, label: string, rule: { pattern: RegExp; max: number; hint: string }): void => {
    const v = text(field);
    if (v === undefined) {
      if (!errors.some((e) => e.field === field)) errors.push({ field, message: `${label}为必填项` });
      return;
    }
    if (v.length > rule.max || !rule.pattern.test(v)) errors.push({ field, message: `${label}格式不正确：应为${rule.hint}` });
  };
  code('dxpId', 'DXP ID（报文传输编号）', DXP_RULE);
  const dxpId = text('dxpId');
  if (dxpId !== undefined && DXP_RULE.pattern.test(dxpId) && isUnknownDxpId(dxpId)) {
    errors.push({ field: 'dxpId', message: '点点通未找到该 DXP ID，请核对后重新填写' });
  }
  code('ebcCode', '电商企业代码', ENT_RULE);
  const ebcName = text('ebcName');
  if (ebcName === undefined) {
    if (!errors.some((e) => e.field === 'ebcName')) errors.push({ field: 'ebcName', message: '电商企业名称为必填项' });
  } else if ([...ebcName].length > 100) errors.push({ field: 'ebcName', message: '电商企业名称不能超过100个字符' });
  code('ebpCode', '电商平台代码', ENT_RULE);
  code('customsCode', '申报海关代码', CUSTOMS_RULE);
  code('portCode', '出口口岸代码', CUSTOMS_RULE);
  if (input.appKey !== undefined && input.appKey !== null) {
    const k = input.appKey;
    if (typeof k !== 'string' || k.trim() === '' || k.length > 256 || /\s/.test(k)) {
      errors.push({ field: 'appKey', message: '接口密钥（appKey）应为不含空白的文本，最长256位' });
    }
  }
  return errors;
}

function nonNegativeInt(value: unknown, field: string): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) throw new HttpError(400, `${field} must be a non-negative integer`, 'BAD_CONTROL');
  return n;
}

export async function startDdtSimulator(options: Partial<DdtSimulatorOptions> = {}): Promise<DdtSimulator> {
  refuseInProduction('点点通');
  const opts: DdtSimulatorOptions = { ...optionsFromEnv(), ...stripUndefined(options) };
  const initialLatencyMs = opts.latencyMs;
  if (!(opts.failureRate >= 0 && opts.failureRate <= 1)) throw new Error(`[jmt] failureRate must be within 0..1, got ${opts.failureRate}`);
  const now = opts.clock;

  // ---------------------------------------------------------------- state
  let accepted = new Map<string, Accepted>();
  let declarations = new Map<string, Declaration>();
  let receipts: StoredReceipt[] = [];
  const control = { rejectNext: 0, rejectReason: DEFAULT_REJECT_REASON, inspectNext: 0, reviewNext: 0, sendFailNext: 0, failNext: 0, timeoutNext: 0, dropReplies: 0 };
  const timers = new Set<NodeJS.Timeout>();
  const hanging = new Set<http.ServerResponse>();
  let lastCursor = 0;
  let lastSerial = 0;
  let closed = false;

  const nextCursor = (): number => {
    // Wall-clock based and strictly increasing: a client holding a cursor from an earlier run misses nothing.
    lastCursor = Math.max(lastCursor + 1, now().getTime());
    return lastCursor;
  };
  const nextSerial = (): string => {
    const d = now();
    const yearStart = Date.UTC(Number(formatIeDate(d).slice(0, 4)), 0, 1) - 8 * 3600_000;
    const seed = Math.floor((d.getTime() - yearStart) / 1000) * 10; // < 1e9 within a year
    lastSerial = Math.max(lastSerial + 1, seed) % 1_000_000_000;
    return String(lastSerial).padStart(9, '0');
  };
  const year = (): string => formatIeDate(now()).slice(0, 4);

  const later = (ms: number, fn: () => void): void => {
    const t = setTimeout(() => {
      timers.delete(t);
      if (!closed) fn();
    }, ms);
    timers.add(t);
  };
  const sleep = (ms: number): Promise<void> => (ms > 0 ? new Promise((resolve) => later(ms, resolve)) : Promise.resolve());

  // ---------------------------------------------------------------- receipts over time
  function emit(d: Declaration): void {
    d.step += 1;
    const status = d.path[d.step];
    d.status = status;
    if (status === 120 && d.messageType === 'CEB603' && !d.invtNo) d.invtNo = `${d.head.customsCode}${year()}E${nextSerial()}`;
    if (status === 399 && d.messageType === 'CEB701' && !d.sumNo) d.sumNo = `${d.head.customsCode}${year()}1${nextSerial()}`;
    if (status === 399 && d.messageType === 'CEB605') {
      for (const target of declarations.values()) {
        if (target.messageType === 'CEB603' && target.dxpId === d.dxpId && target.invtNo === d.head.invtNo) target.cancelled = true;
      }
    }
    d.returnInfo = status === 100 ? (d.rejectReason ?? DEFAULT_REJECT_REASON) : `${returnStatusLabel(status)}（模拟）`;
    const fields: ReceiptFields = {};
    for (const f of RECEIPT_HEAD_FIELDS[d.receiptType]) {
      const v = d.head[f];
      if (v) fields[f] = v;
    }
    if (d.receiptType !== 'CEB304') fields.preNo = d.preNo;
    if (d.invtNo) fields.invtNo = d.invtNo;
    if (d.sumNo) fields.sumNo = d.sumNo;
    const { xml } = buildReceipt(d.receiptType, { ...fields, guid: d.guid, returnStatus: status, returnInfo: d.returnInfo, returnTime: now() });
    receipts.push({ cursor: nextCursor(), dxpId: d.dxpId, guid: d.guid, messageType: d.receiptType, xml });
    d.receipts += 1;
    if (d.step < d.path.length - 1) later(opts.stepMs, () => emit(d));
  }

  // ---------------------------------------------------------------- handlers
  function cebError(guid: string | undefined, kind: string | undefined, info: string): Reply {
    const validGuid = guid && /^[0-9A-Fa-f]{8}(-[0-9A-Fa-f]{4}){3}-[0-9A-Fa-f]{12}$/.test(guid) ? guid : newGuid();
    const { xml } = buildReceipt('CEB900', {
      guid: validGuid,
      oriCopMsgId: guid || undefined,
      oriMessageType: kind,
      returnStatus: -1,
      returnTime: now(),
      returnInfo: info.length > 1000 ? `${info.slice(0, 999)}…` : info,
    });
    return { status: 200, xml };
  }

  async function postMessage(req: Request): Promise<Reply> {
    await sleep(opts.latencyMs);
    if (control.timeoutNext > 0) {
      control.timeoutNext -= 1;
      return { hang: true };
    }
    if (control.failNext > 0) {
      control.failNext -= 1;
      return { status: 503, json: { error: '点点通服务暂时不可用（模拟 failNext）', code: 'UNAVAILABLE' } };
    }
    if (opts.failureRate > 0 && opts.random() < opts.failureRate) {
      return { status: 503, json: { error: '点点通服务暂时不可用（模拟 failureRate）', code: 'UNAVAILABLE' } };
    }
    const contentType = String(req.headers['content-type'] ?? '');
    if (!/\bxml\b/i.test(contentType)) throw new HttpError(400, `content-type must be application/xml, got "${contentType}"`, 'NOT_XML');

    let parsed: ReturnType<typeof parseMessage>;
    try {
      parsed = parseMessage(req.body);
    } catch (error) {
      if (error instanceof XmlParseError) throw new HttpError(400, error.message, 'NOT_XML');
      if (error instanceof CebFormatError) {
        const m = /<[^>]*?(CEB\d{3})Message\b[^>]*\bguid="([^"]*)"/.exec(req.body);
        return cebError(m?.[2], m?.[1], `报文格式错误：${error.message}`);
      }
      throw error;
    }

    const dxpId = parsed.input.baseTransfer.dxpId ?? '';
    const header = req.headers['x-dxp-id'];
    const headerId = Array.isArray(header) ? header[0] : header;
    if (!headerId) throw new HttpError(403, 'missing X-DXP-ID header', 'DXP_ID_MISSING');
    if (headerId !== dxpId) throw new HttpError(403, `X-DXP-ID "${headerId}" does not match BaseTransfer dxpId "${dxpId}"`, 'DXP_ID_MISMATCH');
    if (isUnknownDxpId(dxpId)) throw new HttpError(403, `unknown DXP ID "${dxpId}"`, 'DXP_ID_UNKNOWN');

    const known = accepted.get(parsed.guid);
    if (known) {
      if (known.dxpId !== dxpId) throw new HttpError(409, `guid ${parsed.guid} was sent by another DXP ID`, 'GUID_CONFLICT');
      known.posts += 1;
      return dropOr(known.body);
    }

    const issues = validateMessage(parsed.kind, parsed.input);
    for (const [i, node] of parsed.input.nodes.entries()) {
      if (declarations.has(node.head.guid)) issues.push({ path: `nodes[${i}].head.guid`, code: 'FORMAT', message: `系统唯一序号（guid）${node.head.guid} 已被其他报文使用` });
    }
    if (issues.length > 0) {
      return cebError(parsed.guid, parsed.kind, `报文校验未通过：${issues.map((i) => `${i.path} ${i.message}`).join('；')}`);
    }

    const body: Accepted['body'] = { accepted: true, guid: parsed.guid, messageType: parsed.kind, declarations: [] };
    const acceptedAt = now().toISOString();
    for (const node of parsed.input.nodes) {
      const head = node.head;
      const draft = head.appStatus === '1';
      let reject = false;
      let rejectReason: string | undefined;
      if (!draft && control.rejectNext > 0) {
        control.rejectNext -= 1;
        reject = true;
        rejectReason = control.rejectReason;
      }
      if (!draft && !reject && parsed.kind === 'CEB605') {
        const target = [...declarations.values()].find((d) => d.messageType === 'CEB603' && d.dxpId === dxpId && d.invtNo === head.invtNo);
        if (!target) {
          reject = true;
          rejectReason = `海关退单：清单编号 ${head.invtNo} 不存在或尚未入库`;
        }
      }
      let sendFail = false;
      if (!draft && !reject && control.sendFailNext > 0) {
        control.sendFailNext -= 1;
        sendFail = true;
      }
      let inspect = false;
      if (!draft && !reject && !sendFail && parsed.kind === 'CEB603' && control.inspectNext > 0) {
        control.inspectNext -= 1;
        inspect = true;
      }
      let review = false;
      if (!draft && !reject && !sendFail && parsed.kind === 'CEB603' && control.reviewNext > 0) {
        control.reviewNext -= 1;
        review = true;
      }
      const d: Declaration = {
        guid: head.guid,
        messageGuid: parsed.guid,
        messageType: parsed.kind,
        receiptType: RECEIPT_FOR[parsed.kind],
        dxpId,
        head,
        list: node.list ?? [],
        acceptedAt,
        preNo: `B${formatAppTime(now()).slice(0, 8)}${nextSerial()}`,
        path: paths(parsed.kind, { draft, reject, inspect, review, sendFail }),
        step: -1,
        status: null,
        returnInfo: '',
        rejectReason,
        inspected: inspect,
        cancelled: false,
        receipts: 0,
      };
      declarations.set(d.guid, d);
      body.declarations.push({ guid: d.guid, preNo: d.preNo });
      later(opts.stepMs, () => emit(d));
    }
    accepted.set(parsed.guid, { dxpId, body, posts: 1 });
    return dropOr(body);
  }

  function dropOr(body: Accepted['body']): Reply {
    if (control.dropReplies > 0) {
      control.dropReplies -= 1;
      return { status: 503, json: { error: '点点通服务暂时不可用（模拟 dropReplies：报文已接收，回复丢失）', code: 'UNAVAILABLE' } };
    }
    return { json: body };
  }

  async function getReceipts(req: Request): Promise<Reply> {
    await sleep(opts.latencyMs);
    const q = req.url.searchParams;
    const dxpId = q.get('dxpId');
    if (!dxpId) throw new HttpError(400, 'dxpId is required', 'BAD_QUERY');
    const after = q.get('after') ? Number(q.get('after')) : 0;
    const limit = q.get('limit') ? Number(q.get('limit')) : 100;
    if (!Number.isInteger(after) || after < 0) throw new HttpError(400, 'after must be a cursor (non-negative integer)', 'BAD_QUERY');
    if (!Number.isInteger(limit) || limit < 1 || limit > 1000) throw new HttpError(400, 'limit must be 1..1000', 'BAD_QUERY');
    const out: { cursor: number; guid: string; messageType: ReceiptKind; xml: string }[] = [];
    for (const r of receipts) {
      if (r.cursor <= after || r.dxpId !== dxpId) continue;
      out.push({ cursor: r.cursor, guid: r.guid, messageType: r.messageType, xml: r.xml });
      if (out.length >= limit) break;
    }
    return { json: { receipts: out, next: out.length > 0 ? out[out.length - 1].cursor : after } };
  }

  async function postVerify(req: Request): Promise<Reply> {
    await sleep(opts.latencyMs);
    const errors = verifyConfig(jsonBody(req.body));
    return { json: errors.length === 0 ? { ok: true } : { ok: false, errors } };
  }

  function postControl(req: Request): Reply {
    const body = jsonBody(req.body);
    if (body.reset === true) {
      clearAll();
      accepted = new Map();
      declarations = new Map();
      receipts = [];
      Object.assign(control, { rejectNext: 0, rejectReason: DEFAULT_REJECT_REASON, inspectNext: 0, reviewNext: 0, sendFailNext: 0, failNext: 0, timeoutNext: 0, dropReplies: 0 });
      opts.latencyMs = initialLatencyMs;
    }
    if (body.latencyMs !== undefined) opts.latencyMs = nonNegativeInt(body.latencyMs, 'latencyMs');
    for (const key of ['rejectNext', 'inspectNext', 'reviewNext', 'sendFailNext', 'failNext', 'timeoutNext', 'dropReplies'] as const) {
      if (body[key] !== undefined) control[key] = nonNegativeInt(body[key], key);
    }
    if (body.rejectReason !== undefined) {
      if (typeof body.rejectReason !== 'string' || body.rejectReason.trim() === '') throw new HttpError(400, 'rejectReason must be text', 'BAD_CONTROL');
      control.rejectReason = body.rejectReason;
    } else if (body.rejectNext !== undefined) {
      control.rejectReason = DEFAULT_REJECT_REASON;
    }
    return { json: { ...control } };
  }

  function getMessages(req: Request): Reply {
    const dxpId = req.url.searchParams.get('dxpId');
    const list = [...declarations.values()]
      .filter((d) => !dxpId || d.dxpId === dxpId)
      .map((d) => ({
        guid: d.guid,
        messageGuid: d.messageGuid,
        messageType: d.messageType,
        receiptType: d.receiptType,
        dxpId: d.dxpId,
        acceptedAt: d.acceptedAt,
        posts: accepted.get(d.messageGuid)?.posts ?? 1,
        status: d.status,
        statusLabel: d.status === null ? '已接收' : returnStatusLabel(d.status),
        returnInfo: d.returnInfo,
        finished: d.step === d.path.length - 1,
        path: d.path,
        preNo: d.preNo,
        invtNo: d.invtNo ?? null,
        sumNo: d.sumNo ?? null,
        copNo: d.head.copNo ?? null,
        orderNo: d.head.orderNo ?? null,
        inspected: d.inspected,
        cancelled: d.cancelled,
        receipts: d.receipts,
      }));
    return { json: { messages: list } };
  }

  function clearAll(): void {
    for (const t of timers) clearTimeout(t);
    timers.clear();
    for (const res of hanging) res.destroy();
    hanging.clear();
  }

  const { server, port } = await serve(
    '点点通',
    opts.port,
    {
      'POST /ceb/messages': postMessage,
      'GET /ceb/receipts': getReceipts,
      'POST /config/verify': postVerify,
      'POST /control': postControl,
      'GET /messages': getMessages,
      'GET /health': () => ({ json: { ok: true, simulator: 'ddt', declarations: declarations.size, receipts: receipts.length } }),
    },
    (res) => {
      hanging.add(res);
      res.on('close', () => hanging.delete(res));
      later(opts.hangMs, () => {
        hanging.delete(res);
        res.destroy();
      });
    },
  );

  return {
    port,
    url: `http://127.0.0.1:${port}`,
    server,
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (closed) {
          resolve();
          return;
        }
        closed = true;
        clearAll();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}

function stripUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
