import Papa from 'papaparse';

export interface CsvPreview {
  columns: string[];
  rows: string[][];
  /** True when the body holds more rows than were parsed. */
  truncated: boolean;
  /** The delimiter papaparse detected (',', ';', '\t', ...). */
  delimiter: string;
  /** Parse problems worth telling the user, e.g. "Row 3: Too few fields: expected 3 fields but parsed 2". */
  problems: string[];
}

/**
 * The header and first `maxRows` data rows of a CSV (or TSV) body for a table preview. Only as
 * many rows as shown are parsed, so a large file costs no more than its first rows.
 */
export function parseCsvPreview(text: string, maxRows = 500): CsvPreview {
  const result = Papa.parse<string[]>(text, {
    preview: maxRows + 2,
    skipEmptyLines: 'greedy',
  });
  const [header = [], ...data] = result.data;
  const truncated = data.length > maxRows;
  const problems = result.errors
    .filter((e) => e.code !== 'UndetectableDelimiter')
    .slice(0, 5)
    .map((e) => (e.row !== undefined ? `Row ${e.row + 1}: ${e.message}` : e.message));
  return {
    columns: header,
    rows: data.slice(0, maxRows),
    truncated,
    delimiter: result.meta.delimiter,
    problems,
  };
}
