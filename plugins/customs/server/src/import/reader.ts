/**
 * Reads the worksheets of an .xlsx with ExcelJS's streaming parsers, in a fixed order.
 *
 * ExcelJS's WorkbookReader reads the zip front to back (unzipper.Parse) and must see xl/workbook.xml, its
 * relationships and xl/sharedStrings.xml before a worksheet; when a worksheet comes first — Excel and ExcelJS's
 * own streaming writer both put sharedStrings.xml after the sheets — it parks the sheet in a temp file and reads
 * it at the end. That path failed now and then (about 1 import in 250 came back with header cells as unresolved
 * `{sharedString: n}`; the same bytes imported fine on retry). Uploads are files on disk, so we do not need a
 * front-to-back read: we open the zip by its central directory (unzipper.Open), read relationships, workbook,
 * styles and shared strings first, then stream each worksheet's XML through ExcelJS's own WorksheetReader. Part
 * order in the zip no longer matters, nothing is parked, and rows are still parsed as a stream.
 *
 * It also fixes multi-byte UTF-8: ExcelJS decodes every inflated chunk on its own (lib/utils/parse-sax.js), so
 * a Chinese character split across two chunks becomes "��" — about one cell in a few thousand in a real Chinese
 * e-order file (exceljs issues #2063, #2084). We hand its XML parser already-decoded strings.
 *
 * The ExcelJS methods used are internals, so their presence is checked at load time: an upgrade that renames
 * them fails loudly instead of misreading files.
 */
import { Readable } from 'stream';
import { StringDecoder } from 'string_decoder';
import ExcelJS from 'exceljs';
import * as unzipper from 'unzipper';

type ReaderOptions = Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>;
type Chunks = AsyncIterable<Buffer | string>;

interface WorksheetEvent {
  eventType: string;
  value: NamedWorksheetReader;
}

export interface NamedWorksheetReader extends AsyncIterable<ExcelJS.Row> {
  name?: string;
}

interface ReaderInternals {
  workbookRels?: Array<{ Id: string; Target: string; Type?: string }>;
  model?: { sheets?: Array<{ id: number; name: string; rId: string; state?: string }> };
  _parseRels(entry: Readable): Promise<void>;
  _parseWorkbook(entry: Readable): Promise<void>;
  _parseStyles(entry: Readable): Promise<void>;
  _parseSharedStrings(entry: Readable): AsyncGenerator<unknown>;
  _parseWorksheet(iterator: Chunks, sheetNo: string): Generator<WorksheetEvent>;
}

const base = ExcelJS.stream.xlsx.WorkbookReader.prototype as unknown as Record<string, unknown>;
for (const m of ['_parseRels', '_parseWorkbook', '_parseStyles', '_parseSharedStrings', '_parseWorksheet']) {
  if (typeof base[m] !== 'function') {
    throw new Error(`exceljs WorkbookReader.${m} not found: import/reader.ts needs updating for this ExcelJS version`);
  }
}

/** Decodes a chunk stream to strings without splitting multi-byte characters. */
export async function* decodeUtf8(source: Chunks): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  for await (const chunk of source) {
    const s = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (s) yield s;
  }
  const tail = decoder.end();
  if (tail) yield tail;
}

export type WorkbookSource = { path: string } | { buffer: Buffer };

interface ZipEntry {
  path: string;
  stream(): Readable;
}

function normalisePartName(target: string): string {
  const t = target.replace(/\\/g, '/');
  return t.startsWith('/') ? t.slice(1) : `xl/${t}`;
}

/**
 * Yields the worksheets in workbook order (as listed in xl/workbook.xml), each an ExcelJS WorksheetReader
 * whose rows are parsed as they are iterated. Throws on a damaged zip or XML.
 */
export async function* readWorksheets(source: WorkbookSource, options: ReaderOptions): AsyncGenerator<NamedWorksheetReader> {
  const directory = 'path' in source ? await unzipper.Open.file(source.path) : await unzipper.Open.buffer(source.buffer);
  const entries = new Map<string, ZipEntry>();
  for (const f of directory.files as ZipEntry[]) entries.set(f.path.replace(/\\/g, '/'), f);

  const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from([]), options) as unknown as ReaderInternals;
  const rels = entries.get('xl/_rels/workbook.xml.rels');
  const workbook = entries.get('xl/workbook.xml');
  if (!rels || !workbook) throw new Error('xl/workbook.xml missing');
  await reader._parseRels(rels.stream());
  await reader._parseWorkbook(workbook.stream());
  const styles = entries.get('xl/styles.xml');
  if (styles && options.styles === 'cache') await reader._parseStyles(styles.stream());
  const shared = entries.get('xl/sharedStrings.xml');
  if (shared) {
    const s = shared.stream();
    s.setEncoding('utf8'); // the stream's own StringDecoder keeps characters whole
    for await (const _ of reader._parseSharedStrings(s)) {
      // with sharedStrings: 'cache' nothing is yielded; the strings land on the reader
    }
  }

  const sheets = [...(reader.model?.sheets ?? [])];
  for (const sheet of sheets) {
    const rel = (reader.workbookRels ?? []).find((r) => r.Id === sheet.rId);
    if (!rel) continue;
    const part = normalisePartName(rel.Target);
    const entry = entries.get(part);
    const sheetNo = /sheet(\d+)\.xml$/.exec(part)?.[1];
    if (!entry || !sheetNo) continue;
    for (const event of reader._parseWorksheet(decodeUtf8(entry.stream()), sheetNo)) {
      if (event.eventType !== 'worksheet') continue;
      event.value.name = sheet.name;
      yield event.value;
    }
  }
}
