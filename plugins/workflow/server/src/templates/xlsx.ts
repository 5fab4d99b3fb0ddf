import { Workbook, type Alignment, type Borders, type Cell, type Fill, type Font, type RichText, type Row, type Worksheet } from 'exceljs';
import { fieldText, inlineText, sanitize } from './text';
import type { Block, FormDoc, Inline, TableRow } from './types';

/**
 * Spreadsheet templates: one A4 sheet that prints like the paper form (bold merged title, bordered
 * label/value rows, notes, signature lines) and is easy to fill on screen (frozen header, drop-downs
 * for tick-box fields, text-formatted ID columns so 18-digit 身份证号 keep their last digits).
 */

const FONT: Partial<Font> = { name: '宋体', size: 11, charset: 134 }; // 134 = GB2312
const THIN: Partial<Borders> = {
  top: { style: 'thin' },
  left: { style: 'thin' },
  bottom: { style: 'thin' },
  right: { style: 'thin' },
};
const solid = (argb: string): Fill => ({ type: 'pattern', pattern: 'solid', fgColor: { argb } });
const LABEL_FILL = solid('FFF2F2F2');
const HEAD_FILL = solid('FFD9D9D9');
const LINE_HEIGHT = 15; // points per text line at 11 pt
const FORM_WIDTHS = [30, 62]; // label / value, in character units

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string): string {
  let out = '';
  for (const ch of title) out += ':\\/?*[]'.includes(ch) ? '_' : ch;
  return out.slice(0, 31);
}

/** How many lines `text` wraps to in a cell `width` characters wide (CJK characters count double). */
function wrappedLines(text: string, width: number): number {
  let lines = 0;
  for (const line of text.split('\n')) {
    let units = 0;
    for (const ch of line) units += ch.charCodeAt(0) < 0x2e80 ? 1.1 : 2;
    lines += Math.max(1, Math.ceil(units / Math.max(1, width - 2)));
  }
  return lines;
}

class SheetWriter {
  private r = 0;
  /** Row under which the sheet is frozen (0 = not yet decided). */
  freezeAt = 0;
  readonly n: number;
  readonly total: number;

  constructor(
    readonly ws: Worksheet,
    readonly widths: number[],
  ) {
    this.n = widths.length;
    this.total = widths.reduce((a, b) => a + b, 0);
    ws.columns = widths.map((width) => ({ width }));
  }

  get rowNumber(): number {
    return this.r;
  }

  private next(height?: number): Row {
    const row = this.ws.getRow(++this.r);
    if (height) row.height = height;
    return row;
  }

  /** Merges columns from..n of a row and styles every cell in it, so borders show along the whole merge. */
  private span(row: Row, from: number, style: { border?: boolean; fill?: Fill; alignment?: Partial<Alignment>; font?: Partial<Font> }): Cell {
    if (this.n > from) this.ws.mergeCells(row.number, from, row.number, this.n);
    for (let c = from; c <= this.n; c++) {
      const cell = row.getCell(c);
      cell.font = style.font ?? FONT;
      if (style.border) cell.border = THIN;
      if (style.fill) cell.fill = style.fill;
      if (style.alignment) cell.alignment = style.alignment;
    }
    return row.getCell(from);
  }

  private widthFrom(col: number): number {
    return this.widths.slice(col - 1).reduce((a, b) => a + b, 0);
  }

  title(text: string): void {
    const row = this.next(36);
    this.span(row, 1, { font: { ...FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } }).value = text;
  }

  para(parts: readonly Inline[], opts: { align?: 'left' | 'center' | 'right'; small?: boolean; bold?: boolean }): void {
    const font: Partial<Font> = { ...FONT, size: opts.small ? 10 : 11, bold: opts.bold };
    const richText: RichText[] = parts.map((p) => (typeof p === 'string' ? { text: sanitize(p), font } : { text: sanitize(p.u), font: { ...font, underline: true } }));
    const lines = wrappedLines(inlineText(parts), this.total);
    const row = this.next(Math.max(20, lines * LINE_HEIGHT + 6));
    this.span(row, 1, { font, alignment: { horizontal: opts.align ?? 'left', vertical: 'middle', wrapText: true } }).value = { richText };
  }

  table(rows: readonly TableRow[]): void {
    if (!this.freezeAt) this.freezeAt = this.r;
    const valueWidth = this.widthFrom(2);
    for (const r of rows) {
      if (r.kind === 'section') {
        const row = this.next(22);
        this.span(row, 1, {
          border: true,
          fill: HEAD_FILL,
          font: { ...FONT, bold: true },
          alignment: { horizontal: 'left', vertical: 'middle' },
        }).value = r.title;
      } else if (r.kind === 'field') {
        const text = sanitize(fieldText(r));
        const lines = Math.max(r.lines ?? 1, wrappedLines(text, valueWidth), wrappedLines(r.label, this.widths[0]));
        const row = this.next(Math.max(24, lines * LINE_HEIGHT + 8));
        const label = row.getCell(1);
        label.value = r.label;
        label.font = FONT;
        label.border = THIN;
        label.fill = LABEL_FILL;
        label.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
        const value = this.span(row, 2, {
          border: true,
          alignment: { horizontal: 'left', vertical: (r.lines ?? 1) > 1 ? 'top' : 'middle', wrapText: true },
        });
        value.value = text;
        if (r.choices && r.choices.length > 0) {
          value.dataValidation = {
            type: 'list',
            allowBlank: true,
            formulae: [`"${r.choices.join(',')}"`],
            showInputMessage: true,
            promptTitle: r.label,
            prompt: '请从下拉列表中选择',
          };
        }
      } else {
        const indent = '　'.repeat(Math.max(2, Math.round(this.total / 5)));
        const text = [r.text, '', ...r.signatures.map((line) => indent + inlineText(line))].join('\n');
        const row = this.next(wrappedLines(text, this.total) * LINE_HEIGHT + 24);
        this.span(row, 1, { border: true, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } }).value = sanitize(text);
      }
    }
  }

  grid(block: Extract<Block, { t: 'grid' }>): void {
    const header = this.next(24);
    block.headers.forEach((h, i) => {
      const cell = header.getCell(i + 1);
      cell.value = h;
      cell.font = { ...FONT, bold: true };
      cell.border = THIN;
      cell.fill = HEAD_FILL;
      cell.alignment = { horizontal: 'center', vertical: 'middle' };
    });
    // Freeze under the column headings so they stay visible while the list is filled in.
    this.freezeAt = header.number;
    for (let k = 0; k < block.rows; k++) {
      const row = this.next(24);
      block.headers.forEach((_, i) => {
        const cell = row.getCell(i + 1);
        cell.font = FONT;
        cell.border = THIN;
        cell.alignment = { vertical: 'middle', wrapText: true };
        if (block.textColumns?.includes(i)) cell.numFmt = '@';
        const choices = block.choices?.[i];
        if (choices) cell.dataValidation = { type: 'list', allowBlank: true, formulae: [`"${choices.join(',')}"`] };
      });
    }
  }

  notes(heading: string, items: readonly string[]): void {
    this.next(8);
    const font: Partial<Font> = { ...FONT, size: 10 };
    this.span(this.next(20), 1, { font: { ...font, bold: true }, alignment: { vertical: 'middle' } }).value = heading;
    items.forEach((item, i) => {
      const text = `${i + 1}. ${item}`;
      const row = this.next(Math.max(18, wrappedLines(text, this.total) * 14 + 4));
      this.span(row, 1, { font, alignment: { horizontal: 'left', vertical: 'top', wrapText: true } }).value = sanitize(text);
    });
  }

  signatures(lines: readonly Inline[][]): void {
    this.next(10);
    // Signature lines start at the first column past ~30 % of the sheet width, as on paper.
    let start = 2;
    while (start < this.n && this.total - this.widthFrom(start) < this.total * 0.3) start++;
    start = Math.min(start, this.n);
    for (const line of lines) {
      this.span(this.next(30), start, { alignment: { horizontal: 'left', vertical: 'bottom' } }).value = sanitize(inlineText(line));
    }
  }
}

export async function renderXlsx(doc: FormDoc, now = new Date()): Promise<Buffer> {
  const wb = new Workbook();
  wb.creator = '晶贸通';
  wb.lastModifiedBy = '晶贸通';
  wb.created = now;
  wb.modified = now;
  wb.title = doc.title;

  const grid = doc.blocks.find((b): b is Extract<Block, { t: 'grid' }> => b.t === 'grid');
  const ws = wb.addWorksheet(sheetName(doc.title), {
    pageSetup: {
      paperSize: 9, // A4
      orientation: 'portrait',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      margins: { left: 0.6, right: 0.6, top: 0.75, bottom: 0.75, header: 0.3, footer: 0.3 },
    },
  });
  const w = new SheetWriter(ws, grid ? grid.widths : FORM_WIDTHS);

  w.title(doc.title);
  for (const block of doc.blocks) {
    switch (block.t) {
      case 'title':
        w.title(block.text);
        break;
      case 'para':
        w.para(block.parts, block);
        break;
      case 'table':
        w.table(block.rows);
        break;
      case 'grid':
        w.grid(block);
        break;
      case 'notes':
        w.notes(block.heading, block.items);
        break;
      case 'signatures':
        w.signatures(block.lines);
        break;
    }
  }

  const freeze = w.freezeAt || 1;
  ws.views = [{ state: 'frozen', xSplit: 0, ySplit: freeze, topLeftCell: `A${freeze + 1}`, activeCell: `A${freeze + 1}` }];
  ws.pageSetup.printTitlesRow = `1:${freeze}`;
  ws.pageSetup.printArea = `A1:${String.fromCharCode(64 + w.n)}${w.rowNumber}`;

  const out = await wb.xlsx.writeBuffer();
  return Buffer.isBuffer(out) ? out : Buffer.from(out);
}
