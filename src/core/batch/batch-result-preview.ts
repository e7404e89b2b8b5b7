/**
 * A preview of a result CSV from a ranged read of its first bytes: only complete lines are
 * parsed, so a row cut in half by the range (or a character cut in half) never shows up as
 * a wrong row.
 */
import Papa from 'papaparse';

export const PREVIEW_BYTES = 64 * 1024;

export interface CsvPreview {
  columns: string[];
  rows: string[][];
  /** True when the file goes on beyond what was read. */
  truncated: boolean;
}

/**
 * `bytes` are the first bytes of the blob; `totalSize` its full size (from the ranged read's
 * Content-Range), so we know whether the last line is complete. At most `maxRows` data rows.
 */
export function previewCsv(bytes: Uint8Array, totalSize: number, maxRows = 50): CsvPreview {
  const truncated = totalSize > bytes.length;
  let usable = bytes;
  if (truncated) {
    const lastNewline = bytes.lastIndexOf(10);
    usable = lastNewline >= 0 ? bytes.subarray(0, lastNewline + 1) : new Uint8Array(0);
  }
  const text = new TextDecoder('utf-8').decode(usable).replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy' });
  // A quoted field spanning the cut leaves an unterminated last row: drop rows with errors
  // at the end rather than show them half.
  const badRows = new Set(
    parsed.errors.map((e) => e.row).filter((r): r is number => r !== undefined),
  );
  const [header, ...data] = parsed.data;
  const rows = data.filter((_, i) => !badRows.has(i + 1)).slice(0, maxRows);
  return {
    columns: header ?? [],
    rows,
    truncated: truncated || data.length > maxRows,
  };
}
