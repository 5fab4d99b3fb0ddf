/**
 * Required-field, format, enum, length and consistency checks for export CEB messages, run before
 * any XML is produced. Input is read as `unknown` on purpose: the same checks serve typed callers,
 * JSON from the API, rows from the Excel import and messages parsed back by the 点点通 simulator.
 */
import { resolveRules } from './codes';
import { add, cmp, DECIMAL_19_5, decimalText, DECIMAL_SCALE, mul, withinRounding } from '../decimal';
import { FieldSpec, HEAD_META_FIELDS, MESSAGE_SPECS, BASE_TRANSFER_FIELDS } from './schema';
import { GUID_PATTERN, parseCustomsTime } from './time';
import type { MessageKind, ValidationIssue, ValidationRules } from './types';
import { MESSAGE_KINDS } from './types';
import { hasInvalidXmlChar } from './xml';

export class CebValidationError extends Error {
  readonly code = 'CEB_INVALID';
  constructor(
    readonly kind: MessageKind,
    readonly issues: ValidationIssue[],
  ) {
    super(
      `${kind} 报文校验未通过（${issues.length} 项）：${issues
        .slice(0, 5)
        .map((i) => `${i.path} ${i.message}`)
        .join('；')}${issues.length > 5 ? '…' : ''}`,
    );
    this.name = 'CebValidationError';
  }
}

/** invtNo: 4 customs area + 4 year + I/E flag + 9 serial (DOMAIN.md §1). Export documents need E. */
export const INVT_NO_PATTERN = /^\d{4}(19|20)\d{2}[IE]\d{9}$/;
export const HS_CODE_PATTERN = /^\d{10}$/;

type Rec = Record<string, unknown>;

function isRecord(v: unknown): v is Rec {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isAbsent(v: unknown): boolean {
  return v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
}

function fieldName(spec: FieldSpec): string {
  return `${spec.label}（${spec.name}）`;
}

/** Text a field will be written with; '' when absent. Only call after validation passed. */
export function fieldText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'number') return String(value);
  if (typeof value === 'string') return value;
  throw new TypeError(`unexpected field value of type ${typeof value}`);
}

/** Checks one field; returns true when it is present and valid (so consistency checks may use it). */
function checkField(spec: FieldSpec, value: unknown, path: string, rules: ValidationRules, out: ValidationIssue[]): boolean {
  const name = fieldName(spec);
  const issue = (code: ValidationIssue['code'], message: string): false => {
    out.push({ path, code, message });
    return false;
  };
  if (isAbsent(value)) {
    return spec.required ? issue('REQUIRED', `${name}为必填项`) : false;
  }
  const rule = spec.rule;
  const numeric = rule.type === 'decimal' || rule.type === 'int';
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'number' && numeric) {
    const t = decimalText(value);
    if (t === undefined) return issue('FORMAT', `${name}不是有效数字`);
    text = t;
  } else return issue('FORMAT', `${name}应为${numeric ? '数字或数字字符串' : '文本'}`);

  if (hasInvalidXmlChar(text)) return issue('FORMAT', `${name}包含不可见的控制字符`);

  switch (rule.type) {
    case 'text':
      if ([...text].length > rule.max) return issue('LENGTH', `${name}不能超过${rule.max}个字符（当前${[...text].length}个）`);
      return true;
    case 'code':
      if ([...text].length > rule.max) return issue('LENGTH', `${name}不能超过${rule.max}位（当前${[...text].length}位）`);
      if (!rule.pattern.test(text)) return issue('FORMAT', `${name}格式不正确：应为${rule.hint}`);
      return true;
    case 'enum':
      if (!rule.values.includes(text)) return issue('ENUM', `${name}取值“${text}”无效，只能是 ${rule.values.join(' / ')}`);
      return true;
    case 'decimal':
      if (!DECIMAL_19_5.test(text)) {
        // Distinguish "too long" from "wrong shape" so the merchant knows what to fix.
        if (/^\d+(\.\d+)?$/.test(text) && text.split('.')[0].length > 14) return issue('LENGTH', `${name}整数部分不能超过14位`);
        return issue('FORMAT', `${name}“${text}”格式不正确：应为非负数字，最多${DECIMAL_SCALE}位小数，如 12.50`);
      }
      if (rule.positive && cmp(text, '0') === 0) return issue('FORMAT', `${name}必须大于0`);
      return true;
    case 'int': {
      if (!/^[0-9]+$/.test(text) || (text.length > 1 && text.startsWith('0'))) return issue('FORMAT', `${name}“${text}”应为正整数`);
      if (text.length > rule.maxDigits) return issue('LENGTH', `${name}不能超过${rule.maxDigits}位数字`);
      if (Number(text) < rule.min) return issue('FORMAT', `${name}不能小于${rule.min}`);
      return true;
    }
    case 'date':
      if (!/^\d{8}$/.test(text) || parseCustomsTime(text) === undefined) return issue('FORMAT', `${name}“${text}”应为有效日期，格式 yyyyMMdd，如 20250315`);
      return true;
    case 'appTime':
      if (!/^\d{14}$/.test(text) || parseCustomsTime(text) === undefined) return issue('FORMAT', `${name}“${text}”应为有效时间，格式 yyyyMMddHHmmss`);
      return true;
    case 'guid':
      if (!GUID_PATTERN.test(text)) return issue('FORMAT', `${name}应为36位大写 GUID，如 4CDE1CFD-EDED-46B1-946C-B8022E42FC94`);
      return true;
    case 'currency':
      if (!/^\d{3}$/.test(text)) return issue('FORMAT', `${name}“${text}”应为3位数字海关币制代码，如 142（人民币）、502（美元）`);
      if (!rules.currencyCodes.includes(text)) return issue('ENUM', `${name}“${text}”不在允许的币制代码表中`);
      return true;
    case 'tradeMode':
      if (!rules.tradeModes.includes(text)) return issue('ENUM', `${name}“${text}”无效，只能是 ${rules.tradeModes.join(' / ')}`);
      return true;
    case 'invtNo':
      if (text.length !== 18) return issue('LENGTH', `${name}应为18位（4位关区+4位年份+1位进出口标志+9位流水号），当前${text.length}位`);
      if (!INVT_NO_PATTERN.test(text)) return issue('FORMAT', `${name}“${text}”格式不正确：应为4位关区代码+4位年份+E/I+9位流水号`);
      if (text[8] !== 'E') return issue('FORMAT', `${name}“${text}”第9位应为 E（出口清单）`);
      return true;
    case 'hs':
      if (!HS_CODE_PATTERN.test(text)) return issue('FORMAT', `${name}“${text}”应为10位数字 HS 编码，如 7116200000`);
      return true;
    default: {
      const never: never = rule;
      throw new Error(`unhandled rule ${JSON.stringify(never)}`);
    }
  }
}

function checkFields(specs: readonly FieldSpec[], obj: Rec, base: string, rules: ValidationRules, out: ValidationIssue[]): Set<string> {
  const ok = new Set<string>();
  for (const spec of specs) {
    if (checkField(spec, obj[spec.name], `${base}.${spec.name}`, rules, out)) ok.add(spec.name);
  }
  return ok;
}

function checkHeadMeta(head: Rec, base: string, rules: ValidationRules, out: ValidationIssue[]): void {
  for (const spec of HEAD_META_FIELDS) {
    const v = head[spec.name];
    if (v === undefined) continue; // defaulted by the builder
    if (spec.name === 'appTime' && v instanceof Date) {
      if (Number.isNaN(v.getTime())) out.push({ path: `${base}.appTime`, code: 'FORMAT', message: '报送时间（appTime）不是有效时间' });
      continue;
    }
    checkField({ ...spec, required: true }, v, `${base}.${spec.name}`, rules, out);
  }
}

/** totalPrice = qty × price within rounding, on exact decimals. */
function checkLineTotal(item: Rec, ok: Set<string>, base: string, out: ValidationIssue[]): void {
  if (!ok.has('qty') || !ok.has('price') || !ok.has('totalPrice')) return;
  const product = mul(fieldText(item.qty), fieldText(item.price));
  const totalText = fieldText(item.totalPrice);
  if (!withinRounding(product, totalText)) {
    out.push({
      path: `${base}.totalPrice`,
      code: 'FORMAT',
      message: `总价（totalPrice）${totalText} 与 数量×单价（${fieldText(item.qty)}×${fieldText(item.price)}）不一致`,
    });
  }
}

function checkPair(obj: Rec, a: string, b: string, labelA: string, labelB: string, base: string, out: ValidationIssue[]): void {
  if (isAbsent(obj[a]) !== isAbsent(obj[b])) {
    const missing = isAbsent(obj[a]) ? a : b;
    out.push({ path: `${base}.${missing}`, code: 'REQUIRED', message: `${labelA}（${a}）与${labelB}（${b}）须同时填写` });
  }
}

function checkMsgSeq(head: Rec, ok: Set<string>, base: string, out: ValidationIssue[]): void {
  checkPair(head, 'msgCount', 'msgSeqNo', '报文总数', '报文序号', base, out);
  if (ok.has('msgCount') && ok.has('msgSeqNo') && Number(fieldText(head.msgSeqNo)) > Number(fieldText(head.msgCount))) {
    out.push({ path: `${base}.msgSeqNo`, code: 'FORMAT', message: '报文序号（msgSeqNo）不能大于报文总数（msgCount）' });
  }
}

function checkDuplicates(items: Rec[], field: string, label: string, base: string, out: ValidationIssue[]): void {
  const seen = new Map<string, number>();
  items.forEach((item, j) => {
    const v = item[field];
    if (typeof v !== 'string' || v === '') return;
    const first = seen.get(v);
    if (first !== undefined) {
      out.push({ path: `${base}[${j}].${field}`, code: 'FORMAT', message: `${label}（${field}）“${v}”与第${first + 1}条重复` });
    } else seen.set(v, j);
  });
}

/**
 * Validates a message input. Returns every problem found (never throws for bad data), each with a
 * path such as `nodes[0].list[2].qty`, a code and a Chinese message for the merchant.
 */
export function validateMessage(kind: MessageKind, input: unknown, rules?: Partial<ValidationRules>): ValidationIssue[] {
  if (!MESSAGE_KINDS.includes(kind)) throw new TypeError(`unknown CEB message kind: ${String(kind)}`);
  const r = resolveRules(rules);
  const spec = MESSAGE_SPECS[kind];
  const out: ValidationIssue[] = [];
  if (!isRecord(input)) {
    out.push({ path: '', code: 'REQUIRED', message: '报文内容为空' });
    return out;
  }

  const nodes = input.nodes;
  if (!Array.isArray(nodes) || nodes.length === 0) {
    out.push({ path: 'nodes', code: 'REQUIRED', message: `至少需要一个${spec.element}业务节点` });
  } else {
    const guids = new Map<string, number>();
    nodes.forEach((node: unknown, i) => {
      const base = `nodes[${i}]`;
      if (!isRecord(node) || !isRecord(node.head)) {
        out.push({ path: `${base}.head`, code: 'REQUIRED', message: '缺少表头' });
        return;
      }
      const head = node.head;
      checkHeadMeta(head, `${base}.head`, r, out);
      if (typeof head.guid === 'string' && head.guid !== '') {
        const first = guids.get(head.guid);
        if (first !== undefined) out.push({ path: `${base}.head.guid`, code: 'FORMAT', message: `系统唯一序号（guid）与第${first + 1}个节点重复` });
        else guids.set(head.guid, i);
      }
      const headOk = checkFields(spec.head, head, `${base}.head`, r, out);

      const items: Rec[] = [];
      const itemOk: Set<string>[] = [];
      if (spec.list) {
        const list = node.list;
        if (!Array.isArray(list) || list.length === 0) {
          out.push({ path: `${base}.list`, code: 'REQUIRED', message: '至少需要一条表体记录' });
        } else {
          list.forEach((item: unknown, j) => {
            const ib = `${base}.list[${j}]`;
            if (!isRecord(item)) {
              out.push({ path: ib, code: 'REQUIRED', message: '表体记录为空' });
              return;
            }
            items.push(item);
            const gnumSpec = spec.list?.fields.find((f) => f.name === 'gnum');
            const fields = spec.list?.fields.filter((f) => f.name !== 'gnum') ?? [];
            const ok = checkFields(fields, item, ib, r, out);
            if (gnumSpec && item.gnum !== undefined) {
              // gnum may be omitted (numbered for the caller); when given it must be 1..n in order.
              if (checkField(gnumSpec, item.gnum, `${ib}.gnum`, r, out) && fieldText(item.gnum) !== String(j + 1)) {
                out.push({ path: `${ib}.gnum`, code: 'FORMAT', message: `商品序号（gnum）应为${j + 1}：序号须从1开始连续编号` });
              }
            }
            itemOk.push(ok);
          });
        }
      } else if (node.list !== undefined) {
        out.push({ path: `${base}.list`, code: 'FORMAT', message: `${kind} 没有表体` });
      }

      crossChecks(kind, head, headOk, items, itemOk, base, out);
    });
  }

  const bt = input.baseTransfer;
  if (!isRecord(bt)) {
    out.push({ path: 'baseTransfer', code: 'REQUIRED', message: '缺少报文传输信息（BaseTransfer）' });
  } else {
    for (const f of BASE_TRANSFER_FIELDS) {
      if (f.name === 'dxpMode' && bt.dxpMode === undefined) continue; // defaults to DXP
      checkField(f, bt[f.name], `baseTransfer.${f.name}`, r, out);
    }
  }
  return out;
}

function crossChecks(kind: MessageKind, head: Rec, headOk: Set<string>, items: Rec[], itemOk: Set<string>[], base: string, out: ValidationIssue[]): void {
  switch (kind) {
    case 'CEB303': {
      items.forEach((item, j) => {
        const ib = `${base}.list[${j}]`;
        checkLineTotal(item, itemOk[j], ib, out);
        if (headOk.has('currency') && itemOk[j].has('currency') && item.currency !== head.currency) {
          out.push({ path: `${ib}.currency`, code: 'FORMAT', message: `表体币制（currency）${String(item.currency)} 与表头币制 ${String(head.currency)} 不一致` });
        }
      });
      if (headOk.has('goodsValue') && items.length > 0 && itemOk.every((ok) => ok.has('totalPrice'))) {
        const sumText = items.reduce((acc, item) => add(acc, fieldText(item.totalPrice)), '0');
        const gv = fieldText(head.goodsValue);
        if (!withinRounding(sumText, gv)) {
          out.push({ path: `${base}.head.goodsValue`, code: 'FORMAT', message: `商品价格（goodsValue）${gv} 与表体总价合计 ${sumText} 不一致` });
        }
      }
      return;
    }
    case 'CEB603': {
      items.forEach((item, j) => {
        const ib = `${base}.list[${j}]`;
        checkLineTotal(item, itemOk[j], ib, out);
        checkPair(item, 'qty2', 'unit2', '第二数量', '第二计量单位', ib, out);
      });
      if (headOk.has('grossWeight') && headOk.has('netWeight') && cmp(fieldText(head.netWeight), fieldText(head.grossWeight)) > 0) {
        out.push({ path: `${base}.head.netWeight`, code: 'FORMAT', message: '净重（netWeight）不能大于毛重（grossWeight）' });
      }
      return;
    }
    case 'CEB605':
      return;
    case 'CEB607':
      checkMsgSeq(head, headOk, `${base}.head`, out);
      checkDuplicates(items, 'logisticsNo', '物流运单编号', `${base}.list`, out);
      return;
    case 'CEB701':
      checkMsgSeq(head, headOk, `${base}.head`, out);
      checkDuplicates(items, 'invtNo', '清单编号', `${base}.list`, out);
      return;
    default: {
      const never: never = kind;
      throw new Error(`unhandled kind ${String(never)}`);
    }
  }
}
