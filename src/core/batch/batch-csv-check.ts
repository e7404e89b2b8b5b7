/**
 * Checks a file before it is uploaded as a batch input, from its first bytes only (a file
 * may be gigabytes): not empty, text rather than binary, a header row naming the column the
 * service scores. Catching these here saves an upload and a job that would only fail.
 */
import Papa from 'papaparse';

export const CSV_HEAD_BYTES = 64 * 1024;

export type CsvCheck = { ok: true; columns: string[] } | { ok: false; message: string };

function looksBinary(head: Uint8Array): boolean {
  if (head.includes(0)) return true;
  let control = 0;
  for (const byte of head) {
    // Tab, LF, CR and form feed are normal in text; other C0 controls are not.
    if (byte < 32 && byte !== 9 && byte !== 10 && byte !== 13 && byte !== 12) control += 1;
  }
  return control > head.length * 0.01;
}

/** A cut in the middle of a multi-byte character at the end of the head is not an error. */
function decodeHead(head: Uint8Array, complete: boolean): string | undefined {
  let bytes = head;
  if (!complete) {
    const lastNewline = head.lastIndexOf(10);
    if (lastNewline >= 0) bytes = head.subarray(0, lastNewline + 1);
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return complete ? undefined : new TextDecoder('utf-8').decode(bytes);
  }
}

/**
 * `head` is the first bytes of the file (at most CSV_HEAD_BYTES are looked at), `size` its
 * full size, `requiredColumn` what the header row must contain (exact, case-sensitive, like
 * the service).
 */
export function checkCsvHead(
  fileName: string,
  head: Uint8Array,
  size: number,
  requiredColumn = 'Col2',
): CsvCheck {
  if (size === 0 || head.length === 0) {
    return {
      ok: false,
      message: `"${fileName}" is empty. Choose a CSV file with a header row and data.`,
    };
  }
  const sample = head.subarray(0, CSV_HEAD_BYTES);
  if (looksBinary(sample)) {
    return {
      ok: false,
      message: `"${fileName}" looks like a binary file, not CSV text. Export the data as CSV (UTF-8) and try again.`,
    };
  }
  const text = decodeHead(sample, size <= sample.length);
  if (text === undefined) {
    return {
      ok: false,
      message: `"${fileName}" is not valid UTF-8 text. Save it as CSV with UTF-8 encoding.`,
    };
  }
  const withoutBom = text.replace(/^\uFEFF/, '');
  const parsed = Papa.parse<string[]>(withoutBom, { preview: 2, skipEmptyLines: 'greedy' });
  const header = parsed.data[0];
  if (!header || header.every((cell) => cell.trim() === '')) {
    return { ok: false, message: `"${fileName}" has no header row.` };
  }
  const columns = header.map((cell) => cell.trim());
  if (!columns.includes(requiredColumn)) {
    const found = columns
      .slice(0, 8)
      .map((c) => `"${c}"`)
      .join(', ');
    const more = columns.length > 8 ? `, and ${columns.length - 8} more` : '';
    return {
      ok: false,
      message: `The header row of "${fileName}" has no "${requiredColumn}" column (found ${found}${more}). The service scores the text in "${requiredColumn}": rename that column in the first line.`,
    };
  }
  if (parsed.data.length < 2) {
    return { ok: false, message: `"${fileName}" has a header row but no data rows.` };
  }
  return { ok: true, columns };
}
