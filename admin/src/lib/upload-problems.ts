/**
 * Failed Excel uploads that check every row before writing anything (余额上传 `BALANCE_UPLOAD_INVALID`, 回执上传
 * `RETURN_UPLOAD_INVALID`): every bad cell, sorted by row then by the template's column order, or the file itself
 * refused (`IMPORT_FILE_REJECTED`), or any other failure. Pure; unit-tested (test/fx.test.ts, test/tax-refund.test.ts).
 */

/** A problem of an uploaded sheet: a bad cell, or the file itself (row null or 0). */
export interface UploadProblem {
  row: number | null;
  column: string;
  code: string;
  message: string;
  value: string | null;
}

export type UploadFailure =
  /** some rows are bad: nothing was written; every bad cell, by row then column */
  | { kind: "invalid"; message: string; errors: UploadProblem[] }
  /** the file could not be read at all (not xlsx, wrong header, no data, too many rows) */
  | { kind: "rejected"; message: string; errors: UploadProblem[] }
  /** anything else (network, permission, server, a conflict the page explains itself) */
  | { kind: "failed"; message: string; code?: string; details?: Record<string, unknown> };

/** The parts of an ApiHttpError read here. */
export interface UploadError {
  message?: string;
  code?: string;
  details?: Record<string, unknown>;
}

const rowOf = (value: unknown): number | null => {
  if (typeof value === "number") return value > 0 ? value : null;
  if (value === null || value === undefined || value === "") return null;
  const row = Number(value);
  return Number.isFinite(row) && row > 0 ? row : null;
};

/** `details.errors` of the cms, normalised (anything malformed is dropped). */
export const problemsOf = (details: Record<string, unknown> | undefined): UploadProblem[] => {
  const raw = Array.isArray(details?.errors) ? (details.errors as unknown[]) : [];
  return raw
    .filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === "object")
    .map((item) => ({
      row: rowOf(item.row),
      column: typeof item.column === "string" ? item.column : "",
      code: typeof item.code === "string" ? item.code : "",
      message: typeof item.message === "string" ? item.message : "",
      value: item.value === null || item.value === undefined || item.value === "" ? null : String(item.value),
    }));
};

/**
 * What a failed upload means for the page. `invalidCode` is the upload's "some rows are bad" code; `columns` the
 * template's columns left to right (a row's problems are listed in that order, unknown columns last).
 */
export const readUploadFailure = (error: UploadError, invalidCode: string, columns: readonly string[]): UploadFailure => {
  const message = error.message ?? "";
  if (error.code === invalidCode) {
    const columnIndex = (column: string): number => {
      const index = columns.indexOf(column);
      return index < 0 ? columns.length : index;
    };
    const errors = problemsOf(error.details).sort((a, b) => (a.row ?? 0) - (b.row ?? 0) || columnIndex(a.column) - columnIndex(b.column));
    return { kind: "invalid", message, errors };
  }
  if (error.code === "IMPORT_FILE_REJECTED") return { kind: "rejected", message, errors: problemsOf(error.details) };
  return { kind: "failed", message, code: error.code, details: error.details };
};

/** How many distinct rows have at least one problem. */
export const badRowCount = (errors: readonly UploadProblem[]): number => new Set(errors.map((error) => error.row ?? -1)).size;
