/**
 * Minimal XML writer helpers and a small, strict XML reader for CEB messages and receipts.
 *
 * Why hand-written: the plugin must not add npm dependencies, and the documents we deal with are
 * simple (elements, attributes, text, namespaces). The reader is deliberately strict: anything it
 * does not understand is an error, never silently skipped, because a half-read customs receipt is
 * worse than a rejected one. DOCTYPE is refused outright so entity-expansion attacks are impossible.
 */

export const CEB_NAMESPACE = 'http://www.chinaport.gov.cn/ceb';

/** Characters that XML 1.0 does not allow at all (even escaped): C0 controls except TAB/LF/CR, U+FFFE/U+FFFF, lone surrogates. */
// eslint-disable-next-line no-control-regex
const INVALID_XML_CHAR = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function hasInvalidXmlChar(value: string): boolean {
  return INVALID_XML_CHAR.test(value);
}

/** Escapes text content. `"` and `'` are escaped too so the same function is safe inside attributes. */
export function escapeXml(value: string): string {
  if (hasInvalidXmlChar(value)) {
    // Validation rejects these earlier with a field path; this is the last line of defence.
    throw new XmlParseError('文本包含 XML 不允许的控制字符', 0, 0);
  }
  return (
    value
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/"/g, '&quot;')
      .replace(/'/g, '&apos;')
      // A literal CR would be normalised to LF by any conforming reader; keep it as a character reference.
      .replace(/\r/g, '&#13;')
  );
}

export class XmlParseError extends Error {
  readonly code = 'CEB_XML_MALFORMED';
  constructor(
    message: string,
    readonly line: number,
    readonly column: number,
  ) {
    super(line > 0 ? `XML 格式错误（第 ${line} 行第 ${column} 列）：${message}` : `XML 格式错误：${message}`);
    this.name = 'XmlParseError';
  }
}

export interface XmlElement {
  /** Qualified name as written, e.g. `ceb:OrderHead`. */
  readonly name: string;
  readonly prefix: string | undefined;
  readonly localName: string;
  /** Resolved namespace URI (undefined when the element is in no namespace). */
  readonly namespace: string | undefined;
  /** Attributes as written (including xmlns declarations), in document order. */
  readonly attributes: ReadonlyMap<string, string>;
  readonly children: readonly XmlElement[];
  /** Text content of a leaf element (entity references decoded). Empty for elements with children. */
  readonly text: string;
  readonly line: number;
  readonly column: number;
}

export interface ParseXmlOptions {
  /** Refuse documents longer than this many characters (default 20 MB) — receipts are small. */
  maxLength?: number;
  /** Refuse nesting deeper than this (default 64). */
  maxDepth?: number;
}

interface MutableElement {
  name: string;
  prefix: string | undefined;
  localName: string;
  namespace: string | undefined;
  attributes: Map<string, string>;
  children: MutableElement[];
  text: string;
  hasText: boolean;
  line: number;
  column: number;
  nsScope: Map<string, string>;
}

const NAME_START = /[A-Za-z_]/;
const NAME_CHAR = /[A-Za-z0-9_.-]/;
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Parses a complete XML document and returns its root element. Throws XmlParseError on anything malformed. */
export function parseXml(input: string, options: ParseXmlOptions = {}): XmlElement {
  return new Reader(input, options).document();
}

class Reader {
  private pos = 0;
  private readonly src: string;
  private readonly maxDepth: number;

  constructor(input: string, options: ParseXmlOptions) {
    if (typeof input !== 'string') throw new XmlParseError('输入不是字符串', 0, 0);
    const maxLength = options.maxLength ?? 20 * 1024 * 1024;
    if (input.length > maxLength) throw new XmlParseError(`文档超过 ${maxLength} 个字符`, 0, 0);
    // A BOM is legal at the very start; strip it so the XML declaration check below is positional.
    this.src = input.charCodeAt(0) === 0xfeff ? input.slice(1) : input;
    this.maxDepth = options.maxDepth ?? 64;
  }

  document(): XmlElement {
    if (this.src.trim() === '') this.fail('文档为空');
    const bad = INVALID_XML_CHAR.exec(this.src);
    if (bad) {
      this.pos = bad.index;
      this.fail(`非法字符 U+${bad[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`);
    }
    if (this.src.startsWith('<?xml')) this.xmlDeclaration();
    this.misc();
    if (this.pos >= this.src.length) this.fail('缺少根元素');
    if (this.src.startsWith('<!DOCTYPE', this.pos)) this.fail('不支持 DOCTYPE（出于安全考虑拒绝）');
    if (this.src[this.pos] !== '<') this.fail('根元素之前出现文本');
    const root = this.element(new Map([['xml', XML_NS]]), 1);
    this.misc();
    if (this.pos < this.src.length) this.fail('根元素之后还有内容（只允许一个根元素）');
    return root;
  }

  private fail(message: string): never {
    let line = 1;
    let column = 1;
    for (let i = 0; i < this.pos && i < this.src.length; i++) {
      if (this.src[i] === '\n') {
        line++;
        column = 1;
      } else column++;
    }
    throw new XmlParseError(message, line, column);
  }

  private xmlDeclaration(): void {
    const end = this.src.indexOf('?>');
    if (end < 0) this.fail('XML 声明未结束');
    const decl = this.src.slice(5, end);
    if (!/^\s/.test(decl)) this.fail('XML 声明格式错误');
    const version = /\bversion\s*=\s*(["'])([^"']*)\1/.exec(decl);
    if (!version || version[2] !== '1.0') this.fail('XML 声明缺少 version="1.0"');
    const encoding = /\bencoding\s*=\s*(["'])([^"']*)\1/.exec(decl);
    // The document arrives here as an already-decoded JS string; a non-UTF-8 label means someone
    // decoded bytes with the wrong charset, so refuse rather than read mojibake.
    if (encoding && encoding[2].toUpperCase() !== 'UTF-8') this.fail(`仅支持 UTF-8 编码，收到 ${encoding[2]}`);
    this.pos = end + 2;
  }

  /** Whitespace, comments and processing instructions outside the root element. */
  private misc(): void {
    for (;;) {
      this.skipSpace();
      if (this.src.startsWith('<!--', this.pos)) this.comment();
      else if (this.src.startsWith('<?', this.pos)) this.processingInstruction();
      else return;
    }
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && /[ \t\r\n]/.test(this.src[this.pos])) this.pos++;
  }

  private comment(): void {
    const end = this.src.indexOf('-->', this.pos + 4);
    if (end < 0) this.fail('注释未结束');
    if (this.src.slice(this.pos + 4, end).includes('--')) this.fail('注释中不允许出现 "--"');
    this.pos = end + 3;
  }

  private processingInstruction(): void {
    const end = this.src.indexOf('?>', this.pos + 2);
    if (end < 0) this.fail('处理指令未结束');
    const target = /^[A-Za-z_][A-Za-z0-9_.-]*/.exec(this.src.slice(this.pos + 2, end));
    if (!target) this.fail('处理指令缺少目标名');
    if (target[0].toLowerCase() === 'xml') this.fail('XML 声明只能出现在文档开头');
    this.pos = end + 2;
  }

  private name(): string {
    const start = this.pos;
    if (this.pos >= this.src.length || !NAME_START.test(this.src[this.pos])) this.fail('缺少或非法的名称');
    this.pos++;
    let colons = 0;
    while (this.pos < this.src.length) {
      const c = this.src[this.pos];
      if (c === ':') {
        colons++;
        if (colons > 1 || !NAME_START.test(this.src[this.pos + 1] ?? '')) this.fail('非法的限定名');
        this.pos++;
      } else if (NAME_CHAR.test(c)) this.pos++;
      else break;
    }
    return this.src.slice(start, this.pos);
  }

  private element(parentScope: Map<string, string>, depth: number): MutableElement {
    if (depth > this.maxDepth) this.fail(`嵌套超过 ${this.maxDepth} 层`);
    const startPos = this.pos;
    this.pos++; // '<'
    const name = this.name();
    const attributes = new Map<string, string>();
    for (;;) {
      const before = this.pos;
      this.skipSpace();
      const c = this.src[this.pos];
      if (c === undefined) this.fail(`元素 <${name}> 未结束`);
      if (c === '/' || c === '>') break;
      if (this.pos === before) this.fail('属性之间缺少空白');
      const attrName = this.name();
      this.skipSpace();
      if (this.src[this.pos] !== '=') this.fail(`属性 ${attrName} 缺少 "="`);
      this.pos++;
      this.skipSpace();
      const quote = this.src[this.pos];
      if (quote !== '"' && quote !== "'") this.fail(`属性 ${attrName} 的值必须加引号`);
      this.pos++;
      const end = this.src.indexOf(quote, this.pos);
      if (end < 0) this.fail(`属性 ${attrName} 的值未结束`);
      const raw = this.src.slice(this.pos, end);
      if (raw.includes('<')) this.fail(`属性 ${attrName} 的值中不允许出现 "<"`);
      if (attributes.has(attrName)) this.fail(`属性 ${attrName} 重复`);
      // Attribute-value normalisation (XML 1.0 §3.3.3): literal whitespace becomes a space.
      attributes.set(attrName, this.decode(raw.replace(/[\t\r\n]/g, ' '), this.pos));
      this.pos = end + 1;
    }

    const scope = new Map(parentScope);
    for (const [attr, value] of attributes) {
      if (attr === 'xmlns') scope.set('', value);
      else if (attr.startsWith('xmlns:')) {
        const p = attr.slice(6);
        if (value === '') this.fail(`命名空间前缀 ${p} 不能绑定到空 URI`);
        scope.set(p, value);
      }
    }
    const colon = name.indexOf(':');
    const prefix = colon >= 0 ? name.slice(0, colon) : undefined;
    const localName = colon >= 0 ? name.slice(colon + 1) : name;
    let namespace: string | undefined;
    if (prefix !== undefined) {
      namespace = scope.get(prefix);
      if (namespace === undefined) {
        this.pos = startPos;
        this.fail(`命名空间前缀 "${prefix}" 未声明`);
      }
    } else {
      const def = scope.get('');
      namespace = def === '' ? undefined : def;
    }
    for (const attr of attributes.keys()) {
      const ac = attr.indexOf(':');
      if (ac >= 0 && attr.slice(0, ac) !== 'xmlns' && !scope.has(attr.slice(0, ac))) {
        this.pos = startPos;
        this.fail(`属性 ${attr} 的命名空间前缀未声明`);
      }
    }

    const { line, column } = this.lineCol(startPos);
    const el: MutableElement = {
      name,
      prefix,
      localName,
      namespace,
      attributes,
      children: [],
      text: '',
      hasText: false,
      line,
      column,
      nsScope: scope,
    };

    if (this.src.startsWith('/>', this.pos)) {
      this.pos += 2;
      return el;
    }
    if (this.src[this.pos] !== '>') this.fail(`元素 <${name}> 的开始标签格式错误`);
    this.pos++;
    this.content(el, depth);
    return el;
  }

  private content(el: MutableElement, depth: number): void {
    let text = '';
    for (;;) {
      if (this.pos >= this.src.length) this.fail(`元素 <${el.name}> 缺少结束标签`);
      const lt = this.src.indexOf('<', this.pos);
      if (lt < 0) {
        this.pos = this.src.length;
        this.fail(`元素 <${el.name}> 缺少结束标签`);
      }
      if (lt > this.pos) {
        const raw = this.src.slice(this.pos, lt);
        const bad = raw.indexOf(']]>');
        if (bad >= 0) {
          this.pos += bad;
          this.fail('文本中不允许出现 "]]>"');
        }
        text += this.decode(raw, this.pos);
        this.pos = lt;
      }
      if (this.src.startsWith('</', this.pos)) {
        this.pos += 2;
        const closing = this.name();
        this.skipSpace();
        if (this.src[this.pos] !== '>') this.fail(`结束标签 </${closing}> 格式错误`);
        if (closing !== el.name) this.fail(`结束标签 </${closing}> 与开始标签 <${el.name}> 不匹配`);
        this.pos++;
        break;
      } else if (this.src.startsWith('<!--', this.pos)) {
        this.comment();
      } else if (this.src.startsWith('<![CDATA[', this.pos)) {
        const end = this.src.indexOf(']]>', this.pos + 9);
        if (end < 0) this.fail('CDATA 未结束');
        text += this.src.slice(this.pos + 9, end);
        el.hasText = true;
        this.pos = end + 3;
      } else if (this.src.startsWith('<!', this.pos)) {
        this.fail('不支持的标记声明');
      } else if (this.src.startsWith('<?', this.pos)) {
        this.processingInstruction();
      } else {
        el.children.push(this.element(el.nsScope, depth + 1));
      }
    }
    // Mixed content (text next to child elements) never occurs in CEB documents; whitespace
    // between child elements is only indentation.
    if (el.children.length > 0) {
      if (text.trim() !== '' || el.hasText) this.fail(`元素 <${el.name}> 同时包含子元素和文本`);
      el.text = '';
    } else {
      el.text = text;
    }
  }

  private lineCol(offset: number): { line: number; column: number } {
    let line = 1;
    let last = -1;
    for (let i = 0; i < offset; i++) {
      if (this.src.charCodeAt(i) === 10) {
        line++;
        last = i;
      }
    }
    return { line, column: offset - last };
  }

  /** Decodes the five predefined entities and numeric character references; anything else is an error. */
  private decode(raw: string, at: number): string {
    if (!raw.includes('&')) return raw;
    return raw.replace(/&([^;&]*)(;?)/g, (whole, body: string, semi: string, offset: number) => {
      const fail = (msg: string): never => {
        this.pos = at + offset;
        return this.fail(msg);
      };
      if (semi !== ';') return fail('"&" 必须写作 &amp;');
      switch (body) {
        case 'amp':
          return '&';
        case 'lt':
          return '<';
        case 'gt':
          return '>';
        case 'quot':
          return '"';
        case 'apos':
          return "'";
        default:
          break;
      }
      const m = /^#(?:x([0-9A-Fa-f]{1,6})|([0-9]{1,7}))$/.exec(body);
      if (!m) return fail(`未知的实体引用 &${body};`);
      const cp = m[1] !== undefined ? parseInt(m[1], 16) : parseInt(m[2], 10);
      if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return fail(`非法的字符引用 ${whole}`);
      const ch = String.fromCodePoint(cp);
      if (INVALID_XML_CHAR.test(ch)) return fail(`字符引用指向非法字符 ${whole}`);
      return ch;
    });
  }
}

/** Children of `el` with the given local name in the given namespace. */
export function childrenNamed(el: XmlElement, localName: string, namespace: string | undefined = CEB_NAMESPACE): XmlElement[] {
  return el.children.filter((c) => c.localName === localName && c.namespace === namespace);
}

/** Small writer that produces indented XML with the `ceb:` prefix. */
export class CebXmlWriter {
  private readonly parts: string[] = [];
  private depth = 0;

  constructor(
    private readonly prefix = 'ceb',
    private readonly indent = '  ',
  ) {}

  declaration(): this {
    this.parts.push('<?xml version="1.0" encoding="UTF-8"?>\n');
    return this;
  }

  open(localName: string, attrs: ReadonlyArray<readonly [string, string]> = []): this {
    const a = attrs.map(([k, v]) => ` ${k}="${escapeXml(v)}"`).join('');
    this.parts.push(`${this.indent.repeat(this.depth)}<${this.prefix}:${localName}${a}>\n`);
    this.depth++;
    return this;
  }

  close(localName: string): this {
    this.depth--;
    this.parts.push(`${this.indent.repeat(this.depth)}</${this.prefix}:${localName}>\n`);
    return this;
  }

  leaf(localName: string, value: string): this {
    const tag = `${this.prefix}:${localName}`;
    this.parts.push(value === '' ? `${this.indent.repeat(this.depth)}<${tag}/>\n` : `${this.indent.repeat(this.depth)}<${tag}>${escapeXml(value)}</${tag}>\n`);
    return this;
  }

  toString(): string {
    return this.parts.join('');
  }
}
