/**
 * The downloadable application templates: every template of every kind is rendered for a realistic
 * Donghai merchant and opened again the way an office program would (unzip + parse the XML, re-read
 * the workbook with exceljs, walk the PDF's xref), so a broken file fails here and not at the merchant's desk.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { Workbook, type Worksheet } from 'exceljs';
import { renderTemplate, templatesFor, TEMPLATES, type MerchantFill, type TemplateInfo } from '../server/src/templates';

const MERCHANT: MerchantFill = {
  nameCn: '东海县晶华水晶饰品有限公司',
  nameEn: 'Donghai Jinghua Crystal Jewelry Co., Ltd.',
  creditCode: '91320722MA1XK3QW8P',
  type: 'company',
  addressCn: '江苏省连云港市东海县牛山街道晶都大道88号',
  addressEn: 'No. 88 Jingdu Avenue, Niushan Street, Donghai County, Lianyungang, Jiangsu, China',
  legalPersonName: '王晶华',
  legalPersonPhone: '13815670001',
  contactName: '李水清',
  contactPhone: '13815670002',
  contactEmail: 'sales@jinghua-crystal.cn',
  customsCode: '3207960ABC',
};

const SPECIAL_NAME = 'A&B <晶> "水晶" \'工作室\' ]]> 有限公司';

const ALL: TemplateInfo[] = Object.values(TEMPLATES).flat();

const CONTENT_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  pdf: 'application/pdf',
} as const;

// ----------------------------------------------------------------------------------------------
// A small, strict XML well-formedness checker (character scanner, no regular expressions).
// It checks what matters for Office files: one root, matched tags, quoted and unique attributes,
// only the five predefined or numeric entities, no bare "&" or "<", no control characters.

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  /** Character data directly inside this element, entities decoded. */
  text: string;
}

function parseXml(src: string): XmlNode {
  let i = 0;
  const fail = (msg: string): never => {
    throw new Error(`XML not well-formed: ${msg} at ${i}: ${JSON.stringify(src.slice(Math.max(0, i - 20), i + 40))}`);
  };
  const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\n' || c === '\r';
  const isNameStart = (c: string) => (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c === '_' || c === ':' || c.charCodeAt(0) > 0x7f;
  const isNameChar = (c: string) => isNameStart(c) || (c >= '0' && c <= '9') || c === '-' || c === '.';
  const isDigit = (c: string) => c >= '0' && c <= '9';
  const isHex = (c: string) => isDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
  const checkChar = (c: string) => {
    const code = c.charCodeAt(0);
    if ((code < 0x20 && !isSpace(c)) || code === 0xfffe || code === 0xffff) fail(`control character U+${code.toString(16)}`);
  };
  const skipSpace = () => {
    while (i < src.length && isSpace(src[i])) i++;
  };
  const expect = (s: string) => {
    if (!src.startsWith(s, i)) fail(`expected ${JSON.stringify(s)}`);
    i += s.length;
  };
  const readName = (): string => {
    const start = i;
    if (i >= src.length || !isNameStart(src[i])) fail('name expected');
    while (i < src.length && isNameChar(src[i])) i++;
    return src.slice(start, i);
  };
  const readEntity = (): string => {
    expect('&');
    const start = i;
    while (i < src.length && src[i] !== ';' && i - start < 12) i++;
    if (src[i] !== ';') fail('unterminated entity');
    const body = src.slice(start, i);
    i++;
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
    }
    if (body.length > 2 && body[0] === '#' && body[1] === 'x') {
      for (const c of body.slice(2)) if (!isHex(c)) fail('bad hex character reference');
      return String.fromCodePoint(parseInt(body.slice(2), 16));
    }
    if (body.length > 1 && body[0] === '#') {
      for (const c of body.slice(1)) if (!isDigit(c)) fail('bad character reference');
      return String.fromCodePoint(parseInt(body.slice(1), 10));
    }
    return fail(`unknown entity &${body};`);
  };
  const skipComment = () => {
    expect('<!--');
    const end = src.indexOf('-->', i);
    if (end < 0) fail('unterminated comment');
    if (src.slice(i, end).includes('--')) fail('"--" inside comment');
    i = end + 3;
  };
  const skipPI = () => {
    expect('<?');
    const end = src.indexOf('?>', i);
    if (end < 0) fail('unterminated processing instruction');
    i = end + 2;
  };
  const skipMisc = () => {
    for (;;) {
      skipSpace();
      if (src.startsWith('<!--', i)) skipComment();
      else if (src.startsWith('<?', i)) skipPI();
      else return;
    }
  };

  const readElement = (): XmlNode => {
    expect('<');
    const node: XmlNode = { name: readName(), attrs: {}, children: [], text: '' };
    for (;;) {
      const hadSpace = i < src.length && isSpace(src[i]);
      skipSpace();
      if (src.startsWith('/>', i)) {
        i += 2;
        return node;
      }
      if (src[i] === '>') {
        i++;
        break;
      }
      if (!hadSpace) fail('whitespace expected before attribute');
      const attr = readName();
      if (Object.prototype.hasOwnProperty.call(node.attrs, attr)) fail(`duplicate attribute ${attr}`);
      skipSpace();
      expect('=');
      skipSpace();
      const quote = src[i];
      if (quote !== '"' && quote !== "'") fail('attribute value must be quoted');
      i++;
      let value = '';
      while (i < src.length && src[i] !== quote) {
        if (src[i] === '<') fail('"<" in attribute value');
        if (src[i] === '&') value += readEntity();
        else {
          checkChar(src[i]);
          value += src[i++];
        }
      }
      expect(quote);
      node.attrs[attr] = value;
    }
    for (;;) {
      if (i >= src.length) fail(`unclosed element <${node.name}>`);
      if (src.startsWith('</', i)) {
        i += 2;
        const closing = readName();
        if (closing !== node.name) fail(`</${closing}> closes <${node.name}>`);
        skipSpace();
        expect('>');
        return node;
      }
      if (src.startsWith('<!--', i)) skipComment();
      else if (src.startsWith('<![CDATA[', i)) {
        i += 9;
        const end = src.indexOf(']]>', i);
        if (end < 0) fail('unterminated CDATA');
        node.text += src.slice(i, end);
        i = end + 3;
      } else if (src.startsWith('<?', i)) skipPI();
      else if (src[i] === '<') node.children.push(readElement());
      else if (src[i] === '&') node.text += readEntity();
      else {
        if (src.startsWith(']]>', i)) fail('"]]>" in character data');
        checkChar(src[i]);
        node.text += src[i++];
      }
    }
  };

  if (src.charCodeAt(0) === 0xfeff) i++;
  skipMisc();
  if (src[i] !== '<') fail('root element expected');
  const root = readElement();
  skipMisc();
  if (i !== src.length) fail('content after the root element');
  return root;
}

function descendants(node: XmlNode, name: string, out: XmlNode[] = []): XmlNode[] {
  for (const child of node.children) {
    if (child.name === name) out.push(child);
    descendants(child, name, out);
  }
  return out;
}

// ----------------------------------------------------------------------------------------------
// Format readers

interface DocxParts {
  zip: JSZip;
  xml: string;
  doc: XmlNode;
  /** All w:t text, paragraph by paragraph. */
  paragraphs: string[];
  text: string;
}

async function openDocx(buffer: Buffer): Promise<DocxParts> {
  const zip = await JSZip.loadAsync(buffer);
  for (const name of Object.keys(zip.files)) {
    if (name.endsWith('.xml') || name.endsWith('.rels')) {
      const content = await zip.file(name)!.async('string');
      expect(() => parseXml(content)).not.toThrow();
    }
  }
  const xml = await zip.file('word/document.xml')!.async('string');
  const doc = parseXml(xml);
  const paragraphs = descendants(doc, 'w:p').map((p) =>
    // Only the runs directly in this paragraph (table cells hold their own paragraphs).
    p.children
      .filter((c) => c.name === 'w:r')
      .flatMap((r) => descendants(r, 'w:t').map((t) => t.text))
      .join(''),
  );
  return { zip, xml, doc, paragraphs, text: paragraphs.join('\n') };
}

async function openXlsx(buffer: Buffer): Promise<Worksheet> {
  const wb = new Workbook();
  // exceljs types its input as its own Buffer interface; a Node Buffer is what it expects at run time.
  await wb.xlsx.load(buffer as unknown as ArrayBuffer);
  expect(wb.worksheets).toHaveLength(1);
  return wb.worksheets[0];
}

/** Text of a cell, whether plain or rich text. */
function cellText(ws: Worksheet, row: number, col: number): string {
  const v = ws.getRow(row).getCell(col).value;
  if (v === null || v === undefined) return '';
  if (typeof v === 'object' && 'richText' in v) return v.richText.map((r) => r.text).join('');
  return String(v);
}

/** The value next to a label in the label/value table. */
function xlsxField(ws: Worksheet, label: string): string | undefined {
  for (let r = 1; r <= ws.rowCount; r++) if (cellText(ws, r, 1) === label) return cellText(ws, r, 2);
  return undefined;
}

function utf16Hex(text: string): string {
  let out = '';
  for (const ch of text) out += ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return out;
}

interface PdfInfo {
  raw: string;
  objects: Map<number, string>;
  pages: number;
  /** Every string shown with Tj, decoded from UTF-16BE. */
  strings: string[];
}

/** Walks the PDF the way a reader does: startxref → xref table → objects; checks every offset and stream length. */
function checkPdf(buffer: Buffer): PdfInfo {
  const raw = buffer.toString('latin1');
  expect(raw.startsWith('%PDF-1.4\n')).toBe(true);
  expect(raw.endsWith('%%EOF\n')).toBe(true);

  const sx = raw.lastIndexOf('startxref\n');
  expect(sx).toBeGreaterThan(0);
  const xrefAt = Number(raw.slice(sx + 10, raw.indexOf('\n', sx + 10)));
  expect(raw.startsWith('xref\n', xrefAt)).toBe(true);
  const header = raw.slice(xrefAt + 5, raw.indexOf('\n', xrefAt + 5)).split(' ');
  expect(header[0]).toBe('0');
  const size = Number(header[1]);
  const entriesAt = raw.indexOf('\n', xrefAt + 5) + 1;

  const objects = new Map<number, string>();
  for (let id = 0; id < size; id++) {
    const entry = raw.slice(entriesAt + id * 20, entriesAt + (id + 1) * 20);
    expect(entry).toHaveLength(20); // each entry is exactly 20 bytes, EOL included
    const [offset, gen, kind] = [entry.slice(0, 10), entry.slice(11, 16), entry[17]];
    if (id === 0) {
      expect(entry).toBe('0000000000 65535 f \n');
      continue;
    }
    expect(kind).toBe('n');
    expect(gen).toBe('00000');
    const at = Number(offset);
    expect(raw.startsWith(`${id} 0 obj\n`, at)).toBe(true);
    expect(raw[at - 1]).toBe('\n');
    const end = raw.indexOf('\nendobj\n', at);
    expect(end).toBeGreaterThan(at);
    objects.set(id, raw.slice(at + `${id} 0 obj\n`.length, end));
  }
  const trailer = raw.slice(raw.indexOf('trailer\n', entriesAt), sx);
  expect(trailer).toContain(`/Size ${size}`);
  expect(trailer).toContain('/Root 1 0 R');

  // Streams: /Length is exactly the number of bytes between "stream\n" and "\nendstream".
  for (const body of objects.values()) {
    const s = body.indexOf('stream\n');
    if (s < 0) continue;
    const declared = Number(body.slice(body.indexOf('/Length ') + 8).split(' ')[0]);
    const data = body.slice(s + 7, body.lastIndexOf('\nendstream'));
    expect(Buffer.byteLength(data, 'latin1')).toBe(declared);
  }

  const ref = (body: string, key: string): number =>
    Number(
      body
        .slice(body.indexOf(key) + key.length)
        .trim()
        .split(' ')[0],
    );
  const catalog = objects.get(1)!;
  expect(catalog).toContain('/Type /Catalog');
  const pagesNode = objects.get(ref(catalog, '/Pages'))!;
  expect(pagesNode).toContain('/Type /Pages');
  const count = Number(pagesNode.slice(pagesNode.indexOf('/Count ') + 7).split(/[ >]/)[0]);
  const pageObjects = [...objects.values()].filter((b) => b.includes('/Type /Page ') || b.includes('/Type /Page\n'));
  expect(pageObjects).toHaveLength(count);

  // The font: Type0 over a non-embedded STSong-Light CIDFontType0 (Adobe-GB1-2), UniGB-UCS2-H encoding.
  const type0 = [...objects.values()].find((b) => b.includes('/Subtype /Type0'))!;
  expect(type0).toContain('/Encoding /UniGB-UCS2-H');
  expect(type0).toContain('/BaseFont /STSong-Light');
  const cid = objects.get(ref(type0, '/DescendantFonts ['))!;
  expect(cid).toContain('/Subtype /CIDFontType0');
  expect(cid).toContain('/BaseFont /STSong-Light');
  expect(cid).toContain('/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >>');
  expect(objects.get(ref(cid, '/FontDescriptor'))).toContain('/FontName /STSong-Light');
  expect(objects.get(ref(type0, '/ToUnicode'))).toContain('beginbfrange');
  expect(raw).not.toContain('/FontFile');

  const strings: string[] = [];
  for (const page of pageObjects) {
    const content = objects.get(ref(page, '/Contents'))!;
    expect(content).toContain('BT /F1');
    let at = 0;
    for (;;) {
      const tj = content.indexOf('> Tj', at);
      if (tj < 0) break;
      const start = content.lastIndexOf('<', tj);
      const hex = content.slice(start + 1, tj);
      expect(hex.length % 4).toBe(0);
      let s = '';
      for (let k = 0; k < hex.length; k += 4) s += String.fromCharCode(parseInt(hex.slice(k, k + 4), 16));
      strings.push(s);
      at = tj + 4;
    }
  }
  return { raw, objects, pages: count, strings };
}

const hasTool = (cmd: string): boolean => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;

// ----------------------------------------------------------------------------------------------

describe('the XML checker used below', () => {
  it.each([
    ['<a>&</a>', 'bare ampersand'],
    ['<a>&nbsp;</a>', 'undeclared entity'],
    ['<a>x < y</a>', 'bare <'],
    ['<a><b></a></b>', 'crossed tags'],
    ['<a><b></a>', 'unclosed element'],
    ['<a x=1/>', 'unquoted attribute'],
    ['<a x="1" x="2"/>', 'duplicate attribute'],
    ['<a x="1"y="2"/>', 'no space between attributes'],
    ['<a x="<"/>', '< in attribute'],
    ['<a>]]></a>', ']]> in text'],
    ['<a/><b/>', 'two roots'],
    ['<a>\u0001</a>', 'control character'],
  ])('rejects %j (%s)', (xml) => {
    expect(() => parseXml(xml)).toThrow(/not well-formed/);
  });

  it('accepts and decodes well-formed XML', () => {
    const root = parseXml('<?xml version="1.0"?>\n<!-- c --><r a=\'1\' b="&quot;&#x41;&#66;"><t>x &amp; &lt;y&gt;</t><e/></r>\n');
    expect(root.attrs).toEqual({ a: '1', b: '"AB' });
    expect(root.children.map((c) => c.name)).toEqual(['t', 'e']);
    expect(root.children[0].text).toBe('x & <y>');
  });
});

describe('template catalogue', () => {
  it('offers the agreed templates per application kind, with stable keys and formats', () => {
    const summary = Object.fromEntries(Object.entries(TEMPLATES).map(([kind, list]) => [kind, list.map((t) => `${t.key}:${t.format}`)]));
    expect(summary).toEqual({
      'business-registration': ['company-application:docx', 'individual-application:docx'],
      'customs-registration': ['customs-filing-form:docx', 'customs-staff-list:xlsx'],
      'eport-card': ['eport-enterprise-form:docx', 'eport-card-form:xlsx'],
      'dxp-id': ['dxp-access-form:xlsx', 'dxp-commitment:pdf'],
      'cloud-signature': ['cloud-signature-form:docx', 'cloud-signature-authorization:pdf'],
      'enterprise-filing': ['enterprise-filing-form:xlsx', 'enterprise-filing-commitment:pdf'],
    });
    for (const [kind, list] of Object.entries(TEMPLATES)) for (const t of list) expect(t.kind).toBe(kind);
    expect(TEMPLATES['customs-registration'].map((t) => t.label)).toEqual(['报关单位备案信息表', '报关人员情况登记表']);
  });

  it('templatesFor returns copies, and nothing for unknown kinds', () => {
    const list = templatesFor('dxp-id');
    expect(list.map((t) => t.label)).toEqual(['数据交换平台（DXP）接入申请表', 'DXP 接入承诺书']);
    list[0].label = 'changed';
    expect(TEMPLATES['dxp-id'][0].label).toBe('数据交换平台（DXP）接入申请表');
    expect(templatesFor('no-such-kind')).toEqual([]);
    expect(templatesFor('__proto__')).toEqual([]);
    expect(templatesFor('constructor')).toEqual([]);
  });

  it.each([
    ['no-such-kind', 'company-application'],
    ['business-registration', 'no-such-template'],
    ['business-registration', 'customs-staff-list'], // a real key, but of another kind
    ['__proto__', 'toString'],
    ['dxp-id', 'constructor'],
  ])('renderTemplate(%s, %s) throws TEMPLATE_NOT_FOUND', async (kind, key) => {
    await expect(renderTemplate(kind, key, MERCHANT)).rejects.toMatchObject({ code: 'TEMPLATE_NOT_FOUND' });
    await expect(renderTemplate(kind, key, MERCHANT)).rejects.toBeInstanceOf(Error);
  });
});

describe.each(ALL.map((t) => [`${t.kind}/${t.key}`, t] as const))('%s', (_name, info) => {
  let rendered: { buffer: Buffer; filename: string; contentType: string };

  beforeAll(async () => {
    rendered = await renderTemplate(info.kind, info.key, MERCHANT);
  });

  it('is named after its Chinese label and typed for its format', () => {
    expect(rendered.filename).toBe(`${info.label}.${info.format}`);
    expect(rendered.contentType).toBe(CONTENT_TYPES[info.format]);
    expect(Buffer.isBuffer(rendered.buffer)).toBe(true);
    expect(rendered.buffer.length).toBeGreaterThan(1000);
  });

  if (info.format === 'docx') {
    it('is a valid WordprocessingML package with a filled-in table', async () => {
      const { zip, doc, xml, text, paragraphs } = await openDocx(rendered.buffer);
      for (const part of ['[Content_Types].xml', '_rels/.rels', 'word/document.xml', 'word/_rels/document.xml.rels', 'word/styles.xml']) {
        expect(zip.file(part)).not.toBeNull();
      }
      const types = await zip.file('[Content_Types].xml')!.async('string');
      expect(types).toContain('application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml');
      const rels = parseXml(await zip.file('_rels/.rels')!.async('string'));
      expect(rels.children.map((r) => r.attrs.Target)).toContain('word/document.xml');
      // every part a relationship points to exists
      for (const r of parseXml(await zip.file('word/_rels/document.xml.rels')!.async('string')).children) {
        expect(zip.file(`word/${r.attrs.Target}`)).not.toBeNull();
      }

      expect(doc.name).toBe('w:document');
      expect(descendants(doc, 'w:body')).toHaveLength(1);
      const tables = descendants(doc, 'w:tbl');
      expect(tables.length).toBeGreaterThanOrEqual(1);
      const rows = descendants(tables[0], 'w:tr');
      expect(rows.length).toBeGreaterThan(8);
      for (const tc of descendants(doc, 'w:tc')) expect(tc.children[tc.children.length - 1].name).toBe('w:p'); // Word requires it
      expect(xml.indexOf('<w:sectPr>')).toBeGreaterThan(xml.lastIndexOf('</w:tbl>'));

      expect(paragraphs[0]).toBe(info.label); // the title
      expect(text).toContain('东海县晶华水晶饰品有限公司');
      expect(text).toContain('91320722MA1XK3QW8P');
      expect(text).toContain('王晶华');
      expect(text).toContain('填表说明');
      expect(text).toContain('____年__月__日');
      expect(text).toContain('签字');

      const styles = await zip.file('word/styles.xml')!.async('string');
      expect(styles).toContain('w:eastAsia="宋体"');
      expect(styles).toContain('w:eastAsia="zh-CN"');
    });
  }

  if (info.format === 'xlsx') {
    it('re-reads with exceljs, holding the merchant values in a styled, bordered sheet', async () => {
      const ws = await openXlsx(rendered.buffer);
      const title = ws.getCell('A1');
      expect(title.value).toBe(info.label);
      expect(title.font?.bold).toBe(true);
      expect(ws.model.merges).toContain(`A1:${String.fromCharCode(64 + ws.columnCount)}1`);
      expect(ws.columns.every((c) => (c.width ?? 0) >= 10)).toBe(true);
      expect(ws.views[0]).toMatchObject({ state: 'frozen' });
      expect((ws.views[0] as { ySplit?: number }).ySplit).toBeGreaterThanOrEqual(1);

      expect(xlsxField(ws, '企业名称')).toBe('东海县晶华水晶饰品有限公司');
      expect(xlsxField(ws, '统一社会信用代码')).toBe('91320722MA1XK3QW8P');
      expect(xlsxField(ws, '海关编码')).toBe('3207960ABC');

      let labelRow = 0;
      for (let r = 1; r <= ws.rowCount; r++) if (cellText(ws, r, 1) === '企业名称') labelRow = r;
      const border = ws.getRow(labelRow).getCell(2).border;
      expect(border?.top?.style).toBe('thin');
      expect(border?.bottom?.style).toBe('thin');

      const all: string[] = [];
      ws.eachRow((row, n) => row.eachCell((_c, col) => all.push(cellText(ws, n, col))));
      expect(all.some((t) => t.includes('填表说明'))).toBe(true);
      expect(all.some((t) => t.includes('____年__月__日'))).toBe(true);
      expect(all.some((t) => t.includes('盖章'))).toBe(true);
    });
  }

  if (info.format === 'pdf') {
    it('is a well-formed PDF 1.4 whose text names the merchant', () => {
      const pdf = checkPdf(rendered.buffer);
      expect(pdf.pages).toBe(1); // a commitment letter fits on one A4 page
      expect(pdf.raw).toContain(`<${utf16Hex('东海县晶华水晶饰品有限公司')}>`);
      const text = pdf.strings.join('');
      expect(pdf.strings[0]).toBe(info.label);
      expect(text).toContain('91320722MA1XK3QW8P');
      expect(text).toContain('王晶华');
      expect(text).toContain('法定代表人（签字）');
      expect(text).toContain('____年__月__日');
      expect(pdf.objects.get(7)).toContain(`/Title <FEFF${utf16Hex(info.label)}>`);
    });
  }
});

describe('template content', () => {
  it('报关人员情况登记表 has the staff header, empty bordered rows and a frozen header', async () => {
    const { buffer } = await renderTemplate('customs-registration', 'customs-staff-list', MERCHANT);
    const ws = await openXlsx(buffer);
    let header = 0;
    for (let r = 1; r <= ws.rowCount; r++) if (cellText(ws, r, 1) === '姓名') header = r;
    expect(header).toBeGreaterThan(1);
    expect([1, 2, 3, 4, 5].map((c) => cellText(ws, header, c))).toEqual(['姓名', '身份证号', '手机号', '岗位', '备注']);
    expect(ws.getRow(header).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: header });
    for (let r = header + 1; r <= header + 5; r++) {
      for (let c = 1; c <= 5; c++) {
        expect(cellText(ws, r, c)).toBe('');
        expect(ws.getRow(r).getCell(c).border?.left?.style).toBe('thin');
      }
      expect(ws.getRow(r).getCell(2).numFmt).toBe('@'); // 身份证号 as text
      expect(ws.getRow(r).getCell(4).dataValidation?.formulae[0]).toContain('报关员');
    }
  });

  it('电子口岸 IC 卡登记表 offers 法人卡 / 操作员卡 as a drop-down tick box', async () => {
    const ws = await openXlsx((await renderTemplate('eport-card', 'eport-card-form', MERCHANT)).buffer);
    expect(xlsxField(ws, '申请卡类型')).toBe('☐法人卡　☐操作员卡');
    let row = 0;
    for (let r = 1; r <= ws.rowCount; r++) if (cellText(ws, r, 1) === '申请卡类型') row = r;
    expect(ws.getRow(row).getCell(2).dataValidation).toMatchObject({ type: 'list', formulae: ['"法人卡,操作员卡"'] });
    expect(xlsxField(ws, '持卡人身份证号')).toBe('');
  });

  it('DXP 接入申请表 asks for the access mode and leaves unknown values blank', async () => {
    const ws = await openXlsx((await renderTemplate('dxp-id', 'dxp-access-form', MERCHANT)).buffer);
    expect(xlsxField(ws, '接入方式')).toContain('由晶贸通平台代为接入');
    expect(xlsxField(ws, '电子口岸卡号')).toBe('');
    expect(xlsxField(ws, '企业类型')).toBe('☑公司　☐个体工商户　☐其他');
  });

  it('ticks the merchant type and fills English name and address on the customs form', async () => {
    const company = await openDocx((await renderTemplate('customs-registration', 'customs-filing-form', MERCHANT)).buffer);
    expect(company.text).toContain('☑公司　☐个体工商户');
    expect(company.text).toContain('Donghai Jinghua Crystal Jewelry Co., Ltd.');
    expect(company.text).toContain('No. 88 Jingdu Avenue');
    expect(company.text).toContain('3207960ABC');
    const individual = await openDocx((await renderTemplate('customs-registration', 'customs-filing-form', { ...MERCHANT, type: 'individual' })).buffer);
    expect(individual.text).toContain('☐公司　☑个体工商户');
  });

  it('leaves realistic blanks for the merchant (经营范围, 注册资本) in the company application', async () => {
    const { doc, text } = await openDocx((await renderTemplate('business-registration', 'company-application', MERCHANT)).buffer);
    expect(text).toContain('经营范围');
    expect(text).toContain('万元');
    const scopeRow = descendants(doc, 'w:tr').find((tr) => descendants(tr, 'w:t').some((t) => t.text === '经营范围'))!;
    expect(descendants(scopeRow, 'w:trHeight')[0].attrs['w:val']).toBe(String(454 * 4));
    expect(
      descendants(descendants(scopeRow, 'w:tc')[1], 'w:t')
        .map((t) => t.text)
        .join(''),
    ).toBe('');
  });

  it('commitments name the merchant in the running text, underlined as on paper', async () => {
    const pdf = checkPdf((await renderTemplate('enterprise-filing', 'enterprise-filing-commitment', MERCHANT)).buffer);
    const text = pdf.strings.join('');
    expect(text).toContain('致：中华人民共和国连云港海关');
    expect(text).toContain('本企业 东海县晶华水晶饰品有限公司 （统一社会信用代码');
    expect(text).toContain('特此承诺');
    expect(pdf.raw).toMatch(/ m [\d.]+ [\d.]+ l/); // underline rules under the filled-in blanks
  });
});

describe('unknown and unsafe merchant data', () => {
  const special: MerchantFill = { ...MERCHANT, nameCn: SPECIAL_NAME, addressCn: '东海县 <script>&amp; 路' };

  it.each(ALL.filter((t) => t.format === 'docx').map((t) => [t.key, t] as const))('%s escapes & < > and quotes', async (_k, info) => {
    const { xml, text } = await openDocx((await renderTemplate(info.kind, info.key, special)).buffer);
    expect(text).toContain(SPECIAL_NAME);
    expect(xml).toContain('A&amp;B &lt;晶&gt; &quot;水晶&quot; &apos;工作室&apos; ]]&gt; 有限公司');
    expect(xml).not.toContain('<script>');
  });

  it.each(ALL.filter((t) => t.format === 'xlsx').map((t) => [t.key, t] as const))('%s keeps special characters as text', async (_k, info) => {
    const ws = await openXlsx((await renderTemplate(info.kind, info.key, special)).buffer);
    expect(xlsxField(ws, '企业名称')).toBe(SPECIAL_NAME);
  });

  it.each(ALL.filter((t) => t.format === 'pdf').map((t) => [t.key, t] as const))('%s writes special characters as hex text', async (_k, info) => {
    const pdf = checkPdf((await renderTemplate(info.kind, info.key, special)).buffer);
    expect(pdf.raw).toContain(`<${utf16Hex(SPECIAL_NAME)}>`);
    expect(pdf.strings).toContain(SPECIAL_NAME);
  });

  it('drops control characters and non-characters that would break XML', async () => {
    const dirty: MerchantFill = { ...MERCHANT, nameCn: '晶华\u0000水晶\u0008饰品\uFFFF\uD800有限公司\u001F' };
    const { text } = await openDocx((await renderTemplate('eport-card', 'eport-enterprise-form', dirty)).buffer);
    expect(text).toContain('晶华水晶饰品有限公司');
    const ws = await openXlsx((await renderTemplate('eport-card', 'eport-card-form', dirty)).buffer);
    expect(xlsxField(ws, '企业名称')).toBe('晶华水晶饰品有限公司');
  });

  it.each(ALL.map((t) => [`${t.kind}/${t.key}`, t] as const))('%s renders with nothing known about the merchant', async (_n, info) => {
    const { buffer } = await renderTemplate(info.kind, info.key, {});
    if (info.format === 'docx') {
      const { doc, text } = await openDocx(buffer);
      expect(descendants(doc, 'w:tbl').length).toBeGreaterThanOrEqual(1);
      expect(text).toContain('名称'); // labels stay, values are blank
      expect(text).not.toContain('东海县晶华');
    } else if (info.format === 'xlsx') {
      const ws = await openXlsx(buffer);
      expect(xlsxField(ws, '企业名称')).toBe('');
      expect(xlsxField(ws, '统一社会信用代码')).toBe('');
    } else {
      const pdf = checkPdf(buffer);
      expect(pdf.strings.join('')).toContain('统一社会信用代码');
    }
  });

  it('treats whitespace-only values as unknown and keeps characters outside the BMP out of the PDF', async () => {
    const pdf = checkPdf((await renderTemplate('dxp-id', 'dxp-commitment', { nameCn: '   ', legalPersonName: '王𠀀华' })).buffer);
    expect(pdf.strings).toContain('王?华');
    // the unknown name leaves an underlined gap in the letter instead of blanks from the input
    expect(pdf.strings.join('')).toContain(`本企业${'　'.repeat(14)}（统一社会信用代码：`);
  });
});

// Optional cross-checks with real office tools, when the machine happens to have them.
describe('external tools (optional)', () => {
  let dir = '';
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'jmt-templates-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // The fonts are not embedded (as with government forms): readers map text through Adobe's GB1 CMaps,
  // which poppler reads from the poppler-data package (CI installs both).
  const popplerCanReadGb = hasTool('pdftotext') && existsSync('/usr/share/poppler/cMap/Adobe-GB1/UniGB-UCS2-H');
  (popplerCanReadGb ? it : it.skip)('pdftotext extracts the merchant name from every PDF', async () => {
    for (const info of ALL.filter((t) => t.format === 'pdf')) {
      const file = join(dir, `${info.key}.pdf`);
      writeFileSync(file, (await renderTemplate(info.kind, info.key, MERCHANT)).buffer);
      const out = spawnSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
      expect(out.status).toBe(0);
      expect(out.stdout.replace(/\s+/g, '')).toContain('东海县晶华水晶饰品有限公司');
    }
  });

  const office = ['soffice', 'libreoffice'].find(hasTool);
  (office ? it : it.skip)(
    'LibreOffice converts every docx and xlsx',
    async () => {
      for (const info of ALL.filter((t) => t.format !== 'pdf')) {
        const file = join(dir, `${info.key}.${info.format}`);
        writeFileSync(file, (await renderTemplate(info.kind, info.key, MERCHANT)).buffer);
        const target = info.format === 'docx' ? 'txt:Text' : 'csv';
        const out = spawnSync(office!, ['--headless', '--convert-to', target, '--outdir', dir, file], { encoding: 'utf8', timeout: 120_000 });
        expect(out.status).toBe(0);
        const converted = join(dir, `${info.key}.${info.format === 'docx' ? 'txt' : 'csv'}`);
        expect(existsSync(converted)).toBe(true);
        expect(readFileSync(converted, 'utf8')).toContain('东海县晶华水晶饰品有限公司');
      }
    },
    600_000,
  );
});
