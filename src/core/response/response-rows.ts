/**
 * Splits text into display rows for a virtualised view: one row per line, and lines longer
 * than `maxRowLength` cut into several rows so that no single DOM node ever holds megabytes
 * (minified JSON is often one line). Offsets index into the original string, so rows are
 * sliced on demand and the text is never copied.
 */
export interface TextRows {
  /** Start offset of each row; rowStarts[rowCount] === text.length. */
  rowStarts: Uint32Array;
  /** 1-based line number of each row (continuation rows repeat their line's number). */
  rowLines: Uint32Array;
  rowCount: number;
  lineCount: number;
}

export interface SplitOptions {
  /**
   * Wrap like a text editor: cut a long line after its last space or comma within the row
   * (when that keeps at least half the row), not in the middle of a word.
   */
  wordWrap?: boolean;
}

export function splitRows(
  text: string,
  maxRowLength = 2000,
  { wordWrap = false }: SplitOptions = {},
): TextRows {
  const n = text.length;
  let capacity = Math.max(16, Math.ceil(n / 40));
  let starts = new Uint32Array(capacity + 1);
  let lines = new Uint32Array(capacity + 1);
  let rowCount = 0;
  let lineCount = 0;
  const push = (start: number, line: number): void => {
    if (rowCount >= capacity) {
      capacity *= 2;
      const s = new Uint32Array(capacity + 1);
      s.set(starts);
      starts = s;
      const l = new Uint32Array(capacity + 1);
      l.set(lines);
      lines = l;
    }
    starts[rowCount] = start;
    lines[rowCount] = line;
    rowCount++;
  };
  let pos = 0;
  for (;;) {
    lineCount++;
    let end = text.indexOf('\n', pos);
    const last = end < 0;
    if (last) end = n;
    for (let s = pos; ;) {
      push(s, lineCount);
      if (end - s <= maxRowLength) break;
      s = wordWrap ? wrapPoint(text, s, s + maxRowLength) : s + maxRowLength;
    }
    if (last) break;
    pos = end + 1;
  }
  starts[rowCount] = n;
  return {
    rowStarts: starts.slice(0, rowCount + 1),
    rowLines: lines.slice(0, rowCount),
    rowCount,
    lineCount,
  };
}

/**
 * Where a row from `start` ends when it may not pass `limit`: after the last space or comma
 * in its second half, else at the limit. The scan is bounded by the row, so text without
 * spaces (minified JSON, base64) costs no more than a hard cut.
 */
function wrapPoint(text: string, start: number, limit: number): number {
  const floor = start + ((limit - start) >> 1);
  for (let i = limit - 1; i >= floor; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x2c) return i + 1;
  }
  return limit;
}

/** The text of one row without its line break (and without a trailing \r). */
export function rowText(text: string, rows: TextRows, row: number): string {
  const start = rows.rowStarts[row] ?? 0;
  let end = rows.rowStarts[row + 1] ?? text.length;
  if (end > start && text.charCodeAt(end - 1) === 0x0a) end--;
  if (end > start && text.charCodeAt(end - 1) === 0x0d) end--;
  return text.slice(start, end);
}

/** Whether a row continues the previous one (a cut long line) rather than starting a line. */
export function isContinuationRow(rows: TextRows, row: number): boolean {
  return row > 0 && rows.rowLines[row] === rows.rowLines[row - 1];
}

/** Index of the row that contains `offset` (binary search over rowStarts). */
export function rowOfOffset(rows: TextRows, offset: number): number {
  let lo = 0;
  let hi = rows.rowCount - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((rows.rowStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
