import { createHash } from 'node:crypto';
import { fieldText, inlineText } from './text';
import type { Block, FormDoc, Inline, TableRow } from './types';

/**
 * A small PDF 1.4 writer, enough for one-to-three-page letters and forms in Chinese.
 *
 * Text uses the non-embedded Adobe CJK font STSong-Light (Type0 / CIDFontType0, Adobe-GB1-2) with the
 * predefined CMap UniGB-UCS2-H, so strings are plain UTF-16BE in hex and every PDF reader substitutes
 * its own 宋体-like font: no font file to ship and files stay a few KB. A ToUnicode CMap makes the text
 * searchable and copyable. Since the widths come from the PDF (/DW 1000, ASCII 500), positions
 * computed here (wrapping, underlines, centring) match what readers draw.
 */

const PAGE_W = 595.28; // A4 in points
const PAGE_H = 841.89;
const LEFT = 62;
const RIGHT = 62;
const TOP = 64;
const BOTTOM = 52;
const WIDTH = PAGE_W - LEFT - RIGHT;

const SIZE_TITLE = 18;
const SIZE_BODY = 12;
const SIZE_TABLE = 10.5;
const SIZE_SMALL = 9.5;

const CLOSING = '，。、；：？！）》」』】〕”’…—%,.;:!?)]}';
const OPENING = '（《「『【〔“‘([{';

/**
 * Characters the Adobe-GB1 collection has no glyph for, replaced by the nearest GB2312 look-alike;
 * characters outside the BMP cannot be written in UCS-2 at all and become "?".
 */
function pdfChar(ch: string): string {
  if (ch === '☐') return '□';
  if (ch === '☑') return '■';
  if (ch === '\t' || ch === '\r') return ' ';
  const c = ch.codePointAt(0) ?? 0x3f;
  return c > 0xffff ? '?' : ch;
}

/** Advance width in ems, as declared in the CIDFont's /W array. */
function advance(ch: string): number {
  const c = ch.charCodeAt(0);
  return c >= 0x20 && c <= 0x7e ? 0.5 : 1;
}

function hex(text: string): string {
  let out = '';
  for (const ch of text) out += ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  return out;
}

const isWordChar = (ch: string): boolean => ch > ' ' && ch <= '~' && !CLOSING.includes(ch) && !OPENING.includes(ch);

/** Line-break rules: keep Latin words and runs of underscores whole, never start a line with closing punctuation. */
function canBreak(before: string, after: string): boolean {
  if (after === ' ') return false;
  if (isWordChar(before) && isWordChar(after)) return false;
  if (CLOSING.includes(after)) return false;
  if (OPENING.includes(before)) return false;
  return true;
}

function num(n: number): string {
  return String(Number(n.toFixed(2)));
}

interface Glyph {
  ch: string;
  u: boolean;
  w: number;
}
type Line = Glyph[];

const lineWidth = (line: Line): number => line.reduce((a, g) => a + g.w, 0);

function wrap(parts: readonly Inline[], size: number, width: number, firstIndent = 0): Line[] {
  const glyphs: Glyph[] = [];
  for (const p of parts) {
    const u = typeof p !== 'string';
    for (const raw of typeof p === 'string' ? p : p.u) {
      const ch = raw === '\n' ? '\n' : pdfChar(raw);
      glyphs.push({ ch, u, w: ch === '\n' ? 0 : advance(ch) * size });
    }
  }
  const lines: Line[] = [];
  let line: Line = [];
  const avail = () => width - (lines.length === 0 ? firstIndent : 0);
  const lastBreak = (l: Line): number => {
    for (let i = l.length - 1; i > 0; i--) if (canBreak(l[i - 1].ch, l[i].ch)) return i;
    return -1;
  };
  for (const g of glyphs) {
    if (g.ch === '\n') {
      lines.push(line);
      line = [];
      continue;
    }
    // A plain space may hang past the margin; anything else that does not fit starts a new line.
    if (line.length > 0 && lineWidth(line) + g.w > avail() && !(g.ch === ' ' && !g.u)) {
      const at = canBreak(line[line.length - 1].ch, g.ch) ? line.length : lastBreak(line);
      if (at > 0 && at < line.length) {
        const rest = line.splice(at);
        lines.push(line);
        line = rest;
      } else {
        lines.push(line);
        line = [];
      }
      while (line.length > 0 && line[0].ch === ' ' && !line[0].u) line.shift();
      if (line.length === 0 && g.ch === ' ' && !g.u) continue;
    }
    line.push(g);
  }
  lines.push(line);
  return lines;
}

class Layout {
  readonly pages: string[][] = [];
  private ops: string[] = [];
  y = 0;

  constructor() {
    this.newPage();
  }

  newPage(): void {
    this.ops = [];
    this.pages.push(this.ops);
    this.y = PAGE_H - TOP;
  }

  /** Starts a new page unless `height` more points fit above the bottom margin. */
  ensure(height: number): void {
    if (this.y - height < BOTTOM && this.y < PAGE_H - TOP) this.newPage();
  }

  op(s: string): void {
    this.ops.push(s);
  }

  /** One line of text at baseline y; underlined runs get a rule just below the baseline. */
  text(line: Line, x: number, y: number, size: number, bold = false): void {
    if (line.length === 0) return;
    const str = line.map((g) => g.ch).join('');
    // Fake bold for a font we do not embed: fill and stroke the outlines (render mode 2).
    const mode = bold ? `2 Tr ${num(size / 40)} w ` : '';
    this.op(`q BT /F1 ${num(size)} Tf ${mode}${num(x)} ${num(y)} Td <${hex(str)}> Tj ET Q`);
    let cx = x;
    let start = -1;
    const rules: string[] = [];
    line.forEach((g, i) => {
      if (g.u && start < 0) start = cx;
      cx += g.w;
      const endsRun = g.u && (i === line.length - 1 || !line[i + 1].u);
      if (endsRun) {
        rules.push(`${num(start)} ${num(y - size * 0.18)} m ${num(cx)} ${num(y - size * 0.18)} l`);
        start = -1;
      }
    });
    if (rules.length > 0) this.op(`q 0.6 w ${rules.join(' ')} S Q`);
  }

  rect(x: number, yTop: number, w: number, h: number, gray?: number): void {
    if (gray !== undefined) this.op(`q ${num(gray)} g ${num(x)} ${num(yTop - h)} ${num(w)} ${num(h)} re f Q`);
    this.op(`q 0.6 w ${num(x)} ${num(yTop - h)} ${num(w)} ${num(h)} re S Q`);
  }
}

const LABEL_W = 150;
const PAD = 4;
const ROW_LH = SIZE_TABLE * 1.5;

/** Baseline of line i of a block of lines whose box starts at `top`, each line `lh` high. */
const baseline = (top: number, i: number, lh: number, size: number): number => top - lh * i - (lh / 2 + size * 0.35);

function drawTable(l: Layout, rows: readonly TableRow[]): void {
  const valueW = WIDTH - LABEL_W;
  for (const r of rows) {
    if (r.kind === 'section') {
      const h = 22;
      l.ensure(h);
      l.rect(LEFT, l.y, WIDTH, h, 0.85);
      l.text(wrap([r.title], SIZE_TABLE, WIDTH)[0], LEFT + PAD, baseline(l.y - (h - ROW_LH) / 2, 0, ROW_LH, SIZE_TABLE), SIZE_TABLE, true);
      l.y -= h;
    } else if (r.kind === 'field') {
      const labelLines = wrap([r.label], SIZE_TABLE, LABEL_W - 2 * PAD);
      const valueLines = wrap([fieldText(r)], SIZE_TABLE, valueW - 2 * PAD);
      const n = Math.max(labelLines.length, valueLines.length, r.lines ?? 1);
      const h = Math.max(22, n * ROW_LH + 2 * PAD);
      l.ensure(h);
      l.rect(LEFT, l.y, LABEL_W, h, 0.95);
      l.rect(LEFT + LABEL_W, l.y, valueW, h);
      const labelTop = l.y - (h - labelLines.length * ROW_LH) / 2;
      labelLines.forEach((line, i) => {
        const x = LEFT + (LABEL_W - lineWidth(line)) / 2;
        l.text(line, x, baseline(labelTop, i, ROW_LH, SIZE_TABLE), SIZE_TABLE);
      });
      const valueTop = (r.lines ?? 1) > 1 ? l.y - PAD : l.y - (h - valueLines.length * ROW_LH) / 2;
      valueLines.forEach((line, i) => l.text(line, LEFT + LABEL_W + PAD, baseline(valueTop, i, ROW_LH, SIZE_TABLE), SIZE_TABLE));
      l.y -= h;
    } else {
      const lh = SIZE_TABLE * 1.7;
      const text = wrap([r.text], SIZE_TABLE, WIDTH - 2 * PAD, 2 * SIZE_TABLE);
      const h = PAD * 2 + text.length * lh + 10 + r.signatures.length * (lh + 10) + 6;
      l.ensure(h);
      l.rect(LEFT, l.y, WIDTH, h);
      const top = l.y - PAD;
      text.forEach((line, i) => l.text(line, LEFT + PAD + (i === 0 ? 2 * SIZE_TABLE : 0), baseline(top, i, lh, SIZE_TABLE), SIZE_TABLE));
      let y = top - text.length * lh - 10;
      for (const sig of r.signatures) {
        y -= lh + 10;
        l.text(wrap(sig, SIZE_TABLE, WIDTH * 0.5)[0], LEFT + WIDTH * 0.48, y + lh / 2, SIZE_TABLE);
      }
      l.y -= h;
    }
  }
  l.y -= 10;
}

function drawGrid(l: Layout, block: Extract<Block, { t: 'grid' }>): void {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => (w / total) * WIDTH);
  const h = 24;
  const drawRow = (labels: string[] | null) => {
    l.ensure(h);
    let x = LEFT;
    widths.forEach((w, i) => {
      l.rect(x, l.y, w, h, labels ? 0.85 : undefined);
      if (labels) {
        const line = wrap([labels[i]], SIZE_TABLE, w - 2 * PAD)[0];
        l.text(line, x + (w - lineWidth(line)) / 2, baseline(l.y - (h - ROW_LH) / 2, 0, ROW_LH, SIZE_TABLE), SIZE_TABLE, true);
      }
      x += w;
    });
    l.y -= h;
  };
  drawRow(block.headers);
  for (let i = 0; i < block.rows; i++) drawRow(null);
  l.y -= 10;
}

function drawPara(l: Layout, block: Extract<Block, { t: 'para' }>): void {
  const size = block.small ? SIZE_SMALL : SIZE_BODY;
  const lh = size * 1.7;
  const indent = block.indent ? 2 * size : 0;
  wrap(block.parts, size, WIDTH, indent).forEach((line, i) => {
    l.ensure(lh);
    const w = lineWidth(line) + (i === 0 ? indent : 0);
    const x = block.align === 'right' ? LEFT + WIDTH - w : block.align === 'center' ? LEFT + (WIDTH - w) / 2 : LEFT;
    l.text(line, x + (i === 0 ? indent : 0), baseline(l.y, 0, lh, size), size, block.bold);
    l.y -= lh;
  });
  l.y -= 2;
}

function drawNotes(l: Layout, heading: string, items: readonly string[]): void {
  const size = SIZE_SMALL;
  const lh = size * 1.6;
  // Keep a short list of notes together rather than orphaning the heading.
  const total = items.reduce((n, item) => n + wrap([item], size, WIDTH).length, 1);
  l.ensure(Math.min(total, 6) * lh + 6);
  l.y -= 6;
  l.text(wrap([heading], size, WIDTH)[0], LEFT, baseline(l.y, 0, lh, size), size, true);
  l.y -= lh;
  items.forEach((item, n) => {
    const prefix = `${n + 1}. `;
    const hang = prefix.length * 0.5 * size;
    wrap([item], size, WIDTH - hang).forEach((line, i) => {
      l.ensure(lh);
      if (i === 0) l.text(wrap([prefix], size, WIDTH)[0], LEFT, baseline(l.y, 0, lh, size), size);
      l.text(line, LEFT + hang, baseline(l.y, 0, lh, size), size);
      l.y -= lh;
    });
  });
}

function drawSignatures(l: Layout, lines: readonly Inline[][]): void {
  const lh = 26;
  l.ensure(lines.length * lh + 10);
  l.y -= 10;
  for (const parts of lines) {
    l.text(wrap(parts, SIZE_BODY, WIDTH * 0.5)[0], LEFT + WIDTH * 0.45, baseline(l.y, 0, lh, SIZE_BODY), SIZE_BODY);
    l.y -= lh;
  }
  l.y -= 6;
}

function drawTitle(l: Layout, text: string): void {
  const lh = SIZE_TITLE * 1.6;
  wrap([text], SIZE_TITLE, WIDTH).forEach((line) => {
    l.ensure(lh * 2);
    l.text(line, LEFT + (WIDTH - lineWidth(line)) / 2, baseline(l.y, 0, lh, SIZE_TITLE), SIZE_TITLE, true);
    l.y -= lh;
  });
  l.y -= 14;
}

function layout(doc: FormDoc): string[][] {
  const l = new Layout();
  drawTitle(l, doc.title);
  for (const block of doc.blocks) {
    switch (block.t) {
      case 'title':
        drawTitle(l, block.text);
        break;
      case 'para':
        drawPara(l, block);
        break;
      case 'table':
        drawTable(l, block.rows);
        break;
      case 'grid':
        drawGrid(l, block);
        break;
      case 'notes':
        drawNotes(l, block.heading, block.items);
        break;
      case 'signatures':
        drawSignatures(l, block.lines);
        break;
    }
  }
  const count = l.pages.length;
  l.pages.forEach((ops, i) => {
    const line = wrap([`第 ${i + 1} 页　共 ${count} 页`], 9, WIDTH)[0];
    ops.push(`q BT /F1 9 Tf ${num(LEFT + (WIDTH - lineWidth(line)) / 2)} 32 Td <${hex(line.map((g) => g.ch).join(''))}> Tj ET Q`);
  });
  return l.pages;
}

/** Identity ToUnicode CMap: with UniGB-UCS2-H the character codes already are UCS-2. */
function toUnicodeCMap(): string {
  const ranges: string[] = [];
  for (let hi = 0; hi < 256; hi++) {
    if (hi >= 0xd8 && hi <= 0xdf) continue; // surrogates are not characters
    const h = hi.toString(16).toUpperCase().padStart(2, '0');
    ranges.push(`<${h}00> <${h}FF> <${h}00>`);
  }
  const blocks: string[] = [];
  for (let i = 0; i < ranges.length; i += 100) {
    const chunk = ranges.slice(i, i + 100);
    blocks.push(`${chunk.length} beginbfrange\n${chunk.join('\n')}\nendbfrange`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /JMT-UCS2-ToUnicode def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMapResource defineresource pop',
    'end',
    'end',
  ].join('\n');
}

const stream = (data: string): string => `<< /Length ${Buffer.byteLength(data, 'latin1')} >>\nstream\n${data}\nendstream`;

function pdfDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `D:${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}${p(d.getUTCHours())}${p(d.getUTCMinutes())}${p(d.getUTCSeconds())}Z`;
}

export function renderPdf(doc: FormDoc, now = new Date()): Buffer {
  const pages = layout(doc);
  // Fixed objects 1–7, then a page object and its content stream per page.
  const objects: string[] = [];
  const pageIds = pages.map((_, i) => 8 + 2 * i);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R /Lang (zh-CN) /ViewerPreferences << /DisplayDocTitle true >> >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pages.length} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type0 /BaseFont /STSong-Light-UniGB-UCS2-H /Encoding /UniGB-UCS2-H /DescendantFonts [4 0 R] /ToUnicode 6 0 R >>';
  objects[4] =
    '<< /Type /Font /Subtype /CIDFontType0 /BaseFont /STSong-Light ' +
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (GB1) /Supplement 2 >> ' +
    '/FontDescriptor 5 0 R /DW 1000 /W [1 95 500 814 907 500] >>';
  objects[5] = '<< /Type /FontDescriptor /FontName /STSong-Light /Flags 6 /FontBBox [-25 -254 1000 880] ' + '/ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 880 /StemV 93 >>';
  objects[6] = stream(toUnicodeCMap());
  // eslint-disable-next-line no-control-regex -- U+0000 only opens the range: this matches what lies outside the BMP
  objects[7] = `<< /Title <FEFF${hex(inlineText([doc.title]).replace(/[^\u0000-\uffff]/gu, '?'))}> /Author <FEFF${hex('晶贸通')}> /Creator (JMT 2.0) /Producer (jmt-workflow templates) /CreationDate (${pdfDate(now)}) >>`;
  pages.forEach((ops, i) => {
    const pageId = pageIds[i];
    objects[pageId] =
      `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${num(PAGE_W)} ${num(PAGE_H)}] ` + `/Resources << /Font << /F1 3 0 R >> /ProcSet [/PDF /Text] >> /Contents ${pageId + 1} 0 R >>`;
    objects[pageId + 1] = stream(ops.join('\n'));
  });

  const chunks: Buffer[] = [];
  let offset = 0;
  const write = (data: string | Buffer) => {
    const b = typeof data === 'string' ? Buffer.from(data, 'latin1') : data;
    chunks.push(b);
    offset += b.length;
  };
  write('%PDF-1.4\n');
  write(Buffer.from([0x25, 0xe2, 0xe3, 0xcf, 0xd3, 0x0a])); // binary marker comment
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = offset;
    write(`${id} 0 obj\n${objects[id]}\nendobj\n`);
  }
  const xrefAt = offset;
  const size = objects.length;
  let xref = `xref\n0 ${size}\n0000000000 65535 f \n`;
  for (let id = 1; id < size; id++) xref += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  write(xref);
  const fileId = createHash('md5').update(Buffer.concat(chunks)).digest('hex').toUpperCase();
  write(`trailer\n<< /Size ${size} /Root 1 0 R /Info 7 0 R /ID [<${fileId}> <${fileId}>] >>\nstartxref\n${xrefAt}\n%%EOF\n`);
  return Buffer.concat(chunks);
}
