import JSZip from 'jszip';
import { escapeXml, fieldText } from './text';
import type { Block, FormDoc, Inline, TableRow } from './types';

/**
 * A minimal WordprocessingML package written by hand: the parts Word, WPS and LibreOffice need
 * ([Content_Types].xml, relationships, document, styles, settings, font table, core/app properties).
 * Child elements are emitted in schema order, which Word enforces ("unreadable content" otherwise).
 */

const NS_W = 'http://schemas.openxmlformats.org/wordprocessingml/2006/main';
const NS_R = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const XML_DECL = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

/** A4 with 2 cm side margins, in twentieths of a point. */
const PAGE_W = 11906;
const PAGE_H = 16838;
const MARGIN_X = 1134;
const TEXT_W = PAGE_W - 2 * MARGIN_X;
const LABEL_W = 3000;
const ROW_H = 454; // 0.8 cm, the usual row height of printed forms
/** Signature lines start a little right of the middle, as on paper forms. */
const SIGN_INDENT = 4800;

const SZ_BODY = 21; // 五号 10.5 pt (half-points)
const SZ_SMALL = 18; // 小五 9 pt
const SZ_TITLE = 36; // 小二 18 pt

interface RunStyle {
  bold?: boolean;
  size?: number;
  underline?: boolean;
}

function run(text: string, style: RunStyle = {}): string {
  const props =
    (style.bold ? '<w:b/><w:bCs/>' : '') + (style.size ? `<w:sz w:val="${style.size}"/><w:szCs w:val="${style.size}"/>` : '') + (style.underline ? '<w:u w:val="single"/>' : '');
  const rPr = props ? `<w:rPr>${props}</w:rPr>` : '';
  const lines = text.split('\n').map((line) => `<w:t xml:space="preserve">${escapeXml(line)}</w:t>`);
  return `<w:r>${rPr}${lines.join('<w:br/>')}</w:r>`;
}

function runs(parts: readonly Inline[], style: RunStyle = {}): string {
  return parts.map((p) => (typeof p === 'string' ? run(p, style) : run(p.u, { ...style, underline: true }))).join('');
}

interface ParaStyle {
  align?: 'left' | 'center' | 'right' | 'both';
  before?: number;
  after?: number;
  firstLine?: boolean;
  left?: number;
  hanging?: number;
  keepNext?: boolean;
}

function para(content: string, style: ParaStyle = {}): string {
  let pPr = '';
  if (style.keepNext) pPr += '<w:keepNext/>';
  if (style.before !== undefined || style.after !== undefined) {
    pPr += `<w:spacing w:before="${style.before ?? 0}" w:after="${style.after ?? 0}"/>`;
  }
  if (style.firstLine || style.left !== undefined || style.hanging !== undefined) {
    const attrs = [
      style.left !== undefined ? `w:left="${style.left}"` : '',
      style.hanging !== undefined ? `w:hanging="${style.hanging}"` : '',
      style.firstLine ? 'w:firstLineChars="200" w:firstLine="420"' : '',
    ].filter(Boolean);
    pPr += `<w:ind ${attrs.join(' ')}/>`;
  }
  if (style.align) pPr += `<w:jc w:val="${style.align}"/>`;
  return `<w:p>${pPr ? `<w:pPr>${pPr}</w:pPr>` : ''}${content}</w:p>`;
}

interface CellStyle {
  span?: number;
  fill?: string;
  vAlign?: 'top' | 'center';
}

function cell(width: number, paragraphs: string, style: CellStyle = {}): string {
  const tcPr =
    `<w:tcW w:w="${width}" w:type="dxa"/>` +
    (style.span && style.span > 1 ? `<w:gridSpan w:val="${style.span}"/>` : '') +
    (style.fill ? `<w:shd w:val="clear" w:color="auto" w:fill="${style.fill}"/>` : '') +
    `<w:vAlign w:val="${style.vAlign ?? 'center'}"/>`;
  return `<w:tc><w:tcPr>${tcPr}</w:tcPr>${paragraphs}</w:tc>`;
}

function row(cells: string, height: number, header = false): string {
  return `<w:tr><w:trPr><w:cantSplit/><w:trHeight w:val="${height}" w:hRule="atLeast"/>${header ? '<w:tblHeader/>' : ''}</w:trPr>${cells}</w:tr>`;
}

function table(widths: number[], rows: string): string {
  const border = (side: string, sz: number) => `<w:${side} w:val="single" w:sz="${sz}" w:space="0" w:color="000000"/>`;
  const tblPr =
    '<w:tblPr><w:tblStyle w:val="TableGrid"/>' +
    `<w:tblW w:w="${TEXT_W}" w:type="dxa"/><w:jc w:val="center"/>` +
    `<w:tblBorders>${border('top', 8)}${border('left', 8)}${border('bottom', 8)}${border('right', 8)}${border('insideH', 4)}${border('insideV', 4)}</w:tblBorders>` +
    '<w:tblLayout w:type="fixed"/>' +
    '<w:tblCellMar><w:left w:w="108" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar>' +
    '<w:tblLook w:val="04A0"/></w:tblPr>';
  const grid = `<w:tblGrid>${widths.map((w) => `<w:gridCol w:w="${w}"/>`).join('')}</w:tblGrid>`;
  // An empty paragraph after every table: Word would otherwise glue two adjacent tables into one.
  return `<w:tbl>${tblPr}${grid}${rows}</w:tbl>${para('', { after: 120 })}`;
}

function fieldTable(rows: readonly TableRow[]): string {
  const valueW = TEXT_W - LABEL_W;
  const body = rows
    .map((r) => {
      switch (r.kind) {
        case 'section':
          return row(cell(TEXT_W, para(run(r.title, { bold: true })), { span: 2, fill: 'D9D9D9' }), ROW_H);
        case 'field':
          return row(
            cell(LABEL_W, para(run(r.label), { align: 'center' }), { fill: 'F2F2F2' }) + cell(valueW, para(run(fieldText(r))), { vAlign: (r.lines ?? 1) > 1 ? 'top' : 'center' }),
            ROW_H * (r.lines ?? 1),
          );
        case 'declaration': {
          const text = para(run(r.text), { firstLine: true, before: 120, after: 120, align: 'both' });
          const signs = r.signatures.map((line) => para(runs(line), { left: SIGN_INDENT, before: 160 })).join('');
          return row(cell(TEXT_W, text + signs + para('', { after: 120 }), { span: 2, vAlign: 'top' }), ROW_H * 5);
        }
      }
    })
    .join('');
  return table([LABEL_W, valueW], body);
}

function gridTable(block: Extract<Block, { t: 'grid' }>): string {
  const total = block.widths.reduce((a, b) => a + b, 0);
  const widths = block.widths.map((w) => Math.floor((w / total) * TEXT_W));
  widths[widths.length - 1] += TEXT_W - widths.reduce((a, b) => a + b, 0);
  const header = row(block.headers.map((h, i) => cell(widths[i], para(run(h, { bold: true }), { align: 'center' }), { fill: 'D9D9D9' })).join(''), ROW_H, true);
  const empty = row(widths.map((w) => cell(w, para(''))).join(''), ROW_H);
  return table(widths, header + empty.repeat(block.rows));
}

function blockXml(block: Block): string {
  switch (block.t) {
    case 'title':
      return para(run(block.text, { bold: true, size: SZ_TITLE }), { align: 'center', before: 120, after: 360 });
    case 'para':
      return para(runs(block.parts, { bold: block.bold, size: block.small ? SZ_SMALL : undefined }), {
        align: block.align ?? 'both',
        firstLine: block.indent,
        after: block.small ? 80 : 160,
      });
    case 'table':
      return fieldTable(block.rows);
    case 'grid':
      return gridTable(block);
    case 'notes':
      return (
        para(run(block.heading, { bold: true, size: SZ_SMALL }), { before: 120, after: 60, keepNext: true }) +
        block.items.map((item, i) => para(run(`${i + 1}. ${item}`, { size: SZ_SMALL }), { left: 300, hanging: 300, after: 40, align: 'both' })).join('')
      );
    case 'signatures':
      return block.lines.map((line) => para(runs(line), { left: SIGN_INDENT, before: 240 })).join('');
  }
}

function documentXml(doc: FormDoc): string {
  const body = [{ t: 'title', text: doc.title } as const, ...doc.blocks].map(blockXml).join('');
  const sectPr =
    `<w:sectPr><w:pgSz w:w="${PAGE_W}" w:h="${PAGE_H}"/>` +
    `<w:pgMar w:top="1440" w:right="${MARGIN_X}" w:bottom="1440" w:left="${MARGIN_X}" w:header="851" w:footer="992" w:gutter="0"/>` +
    '<w:cols w:space="425"/><w:docGrid w:type="lines" w:linePitch="312"/></w:sectPr>';
  return `${XML_DECL}<w:document xmlns:w="${NS_W}" xmlns:r="${NS_R}"><w:body>${body}${sectPr}</w:body></w:document>`;
}

const FONTS = '<w:rFonts w:ascii="Times New Roman" w:eastAsia="宋体" w:hAnsi="Times New Roman" w:cs="Times New Roman"/>';

const STYLES_XML =
  `${XML_DECL}<w:styles xmlns:w="${NS_W}">` +
  '<w:docDefaults>' +
  `<w:rPrDefault><w:rPr>${FONTS}<w:kern w:val="2"/><w:sz w:val="${SZ_BODY}"/><w:szCs w:val="${SZ_BODY}"/><w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/></w:rPr></w:rPrDefault>` +
  '<w:pPrDefault><w:pPr><w:spacing w:after="0" w:line="240" w:lineRule="auto"/></w:pPr></w:pPrDefault>' +
  '</w:docDefaults>' +
  `<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/><w:pPr><w:widowControl w:val="0"/><w:jc w:val="both"/></w:pPr><w:rPr>${FONTS}</w:rPr></w:style>` +
  '<w:style w:type="character" w:default="1" w:styleId="DefaultParagraphFont"><w:name w:val="Default Paragraph Font"/><w:uiPriority w:val="1"/><w:semiHidden/><w:unhideWhenUsed/></w:style>' +
  '<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:uiPriority w:val="99"/><w:semiHidden/><w:unhideWhenUsed/>' +
  '<w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>' +
  '<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:uiPriority w:val="39"/>' +
  '<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:left w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:right w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="auto"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="auto"/></w:tblBorders></w:tblPr></w:style>' +
  '</w:styles>';

const SETTINGS_XML =
  `${XML_DECL}<w:settings xmlns:w="${NS_W}"><w:zoom w:percent="100"/><w:defaultTabStop w:val="420"/>` +
  '<w:characterSpacingControl w:val="compressPunctuation"/>' +
  '<w:compat><w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>';

/** Names 宋体 with its Latin alias and panose so systems without a font called 宋体 pick SimSun or a look-alike. */
const FONT_TABLE_XML =
  `${XML_DECL}<w:fonts xmlns:w="${NS_W}">` +
  '<w:font w:name="宋体"><w:altName w:val="SimSun"/><w:panose1 w:val="02010600030101010101"/><w:charset w:val="86"/><w:family w:val="auto"/><w:pitch w:val="variable"/></w:font>' +
  '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>' +
  '</w:fonts>';

const CONTENT_TYPES_XML =
  `${XML_DECL}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>' +
  '<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>' +
  '<Override PartName="/word/fontTable.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml"/>' +
  '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
  '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
  '</Types>';

const REL_NS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const REL_TYPE = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

const ROOT_RELS_XML =
  `${XML_DECL}<Relationships xmlns="${REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="word/document.xml"/>` +
  '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
  `<Relationship Id="rId3" Type="${REL_TYPE}/extended-properties" Target="docProps/app.xml"/>` +
  '</Relationships>';

const DOCUMENT_RELS_XML =
  `${XML_DECL}<Relationships xmlns="${REL_NS}">` +
  `<Relationship Id="rId1" Type="${REL_TYPE}/styles" Target="styles.xml"/>` +
  `<Relationship Id="rId2" Type="${REL_TYPE}/settings" Target="settings.xml"/>` +
  `<Relationship Id="rId3" Type="${REL_TYPE}/fontTable" Target="fontTable.xml"/>` +
  '</Relationships>';

function coreXml(title: string, now: Date): string {
  const when = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    `${XML_DECL}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" ` +
    'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
    'xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title><dc:creator>晶贸通</dc:creator><cp:lastModifiedBy>晶贸通</cp:lastModifiedBy>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

const APP_XML =
  `${XML_DECL}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" ` +
  'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"><Application>晶贸通 2.0</Application><DocSecurity>0</DocSecurity></Properties>';

export async function renderDocx(doc: FormDoc, now = new Date()): Promise<Buffer> {
  const zip = new JSZip();
  // No folder entries: OPC packages list parts only.
  const opts = { date: now, createFolders: false };
  zip.file('[Content_Types].xml', CONTENT_TYPES_XML, opts);
  zip.file('_rels/.rels', ROOT_RELS_XML, opts);
  zip.file('word/document.xml', documentXml(doc), opts);
  zip.file('word/_rels/document.xml.rels', DOCUMENT_RELS_XML, opts);
  zip.file('word/styles.xml', STYLES_XML, opts);
  zip.file('word/settings.xml', SETTINGS_XML, opts);
  zip.file('word/fontTable.xml', FONT_TABLE_XML, opts);
  zip.file('docProps/core.xml', coreXml(doc.title, now), opts);
  zip.file('docProps/app.xml', APP_XML, opts);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 6 } });
}
