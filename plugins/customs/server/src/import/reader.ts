/**
 * ExcelJS 4.4 streaming WorkbookReader with a fix for multi-byte UTF-8 text.
 *
 * ExcelJS decodes every inflated chunk of sheet/shared-string XML on its own (lib/utils/parse-sax.js), so a
 * Chinese character split across two chunks becomes "��" — about one cell in a few thousand in a real
 * Chinese e-order file (exceljs issues #2063, #2084; fix PRs #1665, #2081, #2894 never merged). We subclass
 * the reader and hand its XML parser already-decoded strings (a StringDecoder keeps split characters whole);
 * ExcelJS passes strings through untouched. The overridden methods are ExcelJS internals, so their presence
 * is checked at load time: an ExcelJS upgrade that renames them fails loudly instead of corrupting text.
 */
import { Readable } from 'stream';
import { StringDecoder } from 'string_decoder';
import ExcelJS from 'exceljs';

type ReaderOptions = Partial<ExcelJS.stream.xlsx.WorkbookStreamReaderOptions>;
type Chunks = AsyncIterable<Buffer | string>;

interface ReaderInternals {
  _parseRels(this: unknown, entry: Readable): Promise<void>;
  _parseWorkbook(this: unknown, entry: Readable): Promise<void>;
  _parseWorksheet(this: unknown, iterator: Chunks, sheetNo: string): Generator<unknown>;
  _parseHyperlinks(this: unknown, iterator: Chunks, sheetNo: string): Generator<unknown>;
  _parseSharedStrings(this: unknown, entry: Readable): AsyncGenerator<unknown>;
}

const Base = ExcelJS.stream.xlsx.WorkbookReader;
const base = Base.prototype as unknown as ReaderInternals;
for (const m of ['_parseRels', '_parseWorkbook', '_parseWorksheet', '_parseHyperlinks', '_parseSharedStrings'] as const) {
  if (typeof base[m] !== 'function') {
    throw new Error(`exceljs WorkbookReader.${m} not found: the UTF-8 fix in import/reader.ts needs updating for this ExcelJS version`);
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

export class Utf8SafeWorkbookReader extends Base {
  constructor(input: string | Readable, options: ReaderOptions) {
    super(input, options);
  }
}

const patched = Utf8SafeWorkbookReader.prototype as unknown as ReaderInternals;
patched._parseWorksheet = function* (this: unknown, iterator: Chunks, sheetNo: string) {
  return yield* base._parseWorksheet.call(this, decodeUtf8(iterator), sheetNo);
};
patched._parseHyperlinks = function* (this: unknown, iterator: Chunks, sheetNo: string) {
  return yield* base._parseHyperlinks.call(this, decodeUtf8(iterator), sheetNo);
};
/**
 * Zip entry order is not fixed: when a worksheet comes before xl/workbook.xml (ExcelJS's own writer does
 * this now and then), ExcelJS parses the sheet at once, before it knows the sheets' names, and fails on
 * `this.model.sheets`. Holding the workbook relationships back until workbook.xml has been read makes
 * ExcelJS park such sheets in temp files and read them at the end, with their names known.
 */
interface RelsState {
  model?: unknown;
  workbookRels?: unknown;
  jmtPendingRels?: unknown;
}
patched._parseRels = async function (this: RelsState, entry: Readable) {
  await base._parseRels.call(this, entry);
  if (!this.model) {
    this.jmtPendingRels = this.workbookRels;
    this.workbookRels = undefined;
  }
};
patched._parseWorkbook = async function (this: RelsState, entry: Readable) {
  await base._parseWorkbook.call(this, entry);
  if (this.jmtPendingRels !== undefined) {
    this.workbookRels = this.jmtPendingRels;
    this.jmtPendingRels = undefined;
  }
};
patched._parseSharedStrings = async function* (this: unknown, entry: Readable) {
  entry.setEncoding('utf8'); // the stream's own StringDecoder keeps characters whole
  return yield* base._parseSharedStrings.call(this, entry);
};
