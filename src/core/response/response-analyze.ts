import { findAzureMlTables } from './response-azureml';
import { classifyBody, parseContentType, type BodyKind } from './response-content-type';
import { parseCsvPreview } from './response-csv';
import { decodeBody } from './response-decode';
import { summarizeErrorBody } from './response-error-summary';
import { formatBytes } from './response-size';
import { hexDump } from './response-hex';
import { reindentJsonBytes } from './response-json-format';
import { splitRows, type TextRows } from './response-rows';

/** Above this, JSON is shown as received: re-indenting would cost more than it helps. */
export const FORMAT_LIMIT_BYTES = 32 * 1024 * 1024;
/** Rows of a result table or CSV preview put in the DOM; the rest is in JSON/Raw or Download. */
export const TABLE_ROW_LIMIT = 500;
/** Longest display row; longer lines are cut into several rows (see splitRows). */
export const MAX_ROW_LENGTH = 2000;

export interface TextView {
  text: string;
  rows: TextRows;
  highlight: 'json' | 'none';
}

export interface TablePreview {
  title: string;
  columns: string[];
  types?: string[];
  rows: string[][];
  /** Data rows in the body, when known. */
  totalRows?: number;
  truncated: boolean;
  problems: string[];
}

export interface BodyAnalysis {
  kind: BodyKind;
  mediaType: string;
  /** The text shown for text-like kinds (formatted JSON, or the body as received). */
  view?: TextView;
  /** Why the body is shown differently than its kind suggests (invalid JSON, too large, ...). */
  notice?: string;
  tables: TablePreview[];
  /** For 4xx/5xx: the server's error in one sentence (Azure ML or APIM format, Retry-After). */
  errorSummary?: string;
  /** For binary kinds: a hex dump of the first bytes. */
  hex?: string[];
}

export interface AnalyzeOptions {
  status?: number;
  retryAfter?: string | null;
  /** 'raw' shows a text-like body exactly as received, without formatting or tables. */
  mode?: 'formatted' | 'raw';
}

/**
 * Everything the response panel needs to show a body, computed in one pass. Pure and
 * synchronous: the panel runs it inline for small bodies and in a Web Worker for large ones.
 */
export function analyzeBody(
  bytes: Uint8Array,
  contentType: string | null | undefined,
  options: AnalyzeOptions = {},
): BodyAnalysis {
  const kind = classifyBody(contentType, bytes);
  const { mediaType } = parseContentType(contentType);
  const isError = (options.status ?? 0) >= 400;
  const base: BodyAnalysis = { kind, mediaType, tables: [] };
  const withSummary = (a: BodyAnalysis, json?: unknown): BodyAnalysis => {
    if (!isError) return a;
    const summary = summarizeErrorBody(json, options.retryAfter);
    return summary ? { ...a, errorSummary: summary } : a;
  };

  if (kind === 'empty') return withSummary(base);
  if (kind === 'image' || kind === 'binary') return withSummary({ ...base, hex: hexDump(bytes) });

  const raw = (): TextView => {
    const text = decodeBody(bytes, contentType);
    return { text, rows: splitRows(text, MAX_ROW_LENGTH), highlight: 'none' };
  };

  if (kind === 'json') {
    if (bytes.length > FORMAT_LIMIT_BYTES) {
      return withSummary({
        ...base,
        view: raw(),
        notice: `This response is ${formatBytes(bytes.length)}, more than the ${formatBytes(FORMAT_LIMIT_BYTES)} formatted in the browser: it is shown as received. Download it to open it in another tool.`,
      });
    }
    if (options.mode === 'raw') return withSummary({ ...base, view: raw() });
    const inspection = inspectJson(bytes, contentType, options);
    return combineJson(
      inspection.valid ? formatJsonView(bytes, contentType) : null,
      inspection,
      mediaType,
    );
  }

  const view = raw();
  if (kind === 'csv' && options.mode !== 'raw') {
    const csv = parseCsvPreview(view.text, TABLE_ROW_LIMIT);
    return withSummary({
      ...base,
      view,
      tables: [
        {
          title: 'CSV',
          columns: csv.columns,
          rows: csv.rows,
          truncated: csv.truncated,
          problems: csv.problems,
        },
      ],
    });
  }
  if (kind === 'html' || kind === 'xml') {
    return withSummary({
      ...base,
      view,
      notice:
        kind === 'html'
          ? 'HTML is shown as source text; it is never rendered or run.'
          : 'Markup is shown as source text; it is never rendered or run.',
    });
  }
  return withSummary({ ...base, view });
}

/**
 * The re-indented view of a JSON body. It does not check validity: run inspectJson for that
 * (the two are independent, so large bodies do both at once in two workers).
 */
export function formatJsonView(
  bytes: Uint8Array,
  contentType: string | null | undefined,
): TextView {
  // A non-UTF-8 charset is honoured by decoding, then re-encoded so the byte re-indenter applies.
  const utf8 = isUtf8(contentType)
    ? stripBom(bytes)
    : new TextEncoder().encode(decodeBody(bytes, contentType));
  const pretty = new TextDecoder().decode(reindentJsonBytes(utf8));
  return { text: pretty, rows: splitRows(pretty, MAX_ROW_LENGTH), highlight: 'json' };
}

export type JsonInspection =
  | { valid: true; tables: TablePreview[]; errorSummary?: string }
  | { valid: false; view: TextView; notice: string; errorSummary?: string };

/** What parsing a JSON body tells: whether it is valid, its Azure ML tables, its error summary. */
export function inspectJson(
  bytes: Uint8Array,
  contentType: string | null | undefined,
  options: AnalyzeOptions = {},
): JsonInspection {
  const text = decodeBody(bytes, contentType);
  const summarize = (json: unknown): { errorSummary?: string } => {
    if ((options.status ?? 0) < 400) return {};
    const summary = summarizeErrorBody(json, options.retryAfter);
    return summary ? { errorSummary: summary } : {};
  };
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (err) {
    return {
      valid: false,
      view: { text, rows: splitRows(text, MAX_ROW_LENGTH), highlight: 'none' },
      notice: `The server said JSON, but the body is not valid JSON (${err instanceof Error ? err.message : String(err)}): it is shown as received.`,
      ...summarize(undefined),
    };
  }
  const tables = findAzureMlTables(value).map((t): TablePreview => ({
    title: t.output,
    columns: t.columns,
    ...(t.types ? { types: t.types } : {}),
    rows: t.rows.slice(0, TABLE_ROW_LIMIT),
    totalRows: t.rows.length,
    truncated: t.rows.length > TABLE_ROW_LIMIT,
    problems: [],
  }));
  return { valid: true, tables, ...summarize(value) };
}

/** The analysis of a JSON body from its formatted view (unused when invalid) and inspection. */
export function combineJson(
  formatted: TextView | null,
  inspection: JsonInspection,
  mediaType: string,
): BodyAnalysis {
  const base: BodyAnalysis = { kind: 'json', mediaType, tables: [] };
  const summary = inspection.errorSummary ? { errorSummary: inspection.errorSummary } : {};
  if (!inspection.valid) {
    return { ...base, view: inspection.view, notice: inspection.notice, ...summary };
  }
  return {
    ...base,
    ...(formatted ? { view: formatted } : {}),
    tables: inspection.tables,
    ...summary,
  };
}

function isUtf8(contentType: string | null | undefined): boolean {
  const { charset } = parseContentType(contentType);
  return !charset || charset === 'utf-8' || charset === 'utf8';
}

function stripBom(bytes: Uint8Array): Uint8Array {
  return bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
}
