import { describe, expect, it } from 'vitest';
import {
  analyzeBody,
  combineJson,
  formatJsonView,
  FORMAT_LIMIT_BYTES,
  inspectJson,
  TABLE_ROW_LIMIT,
} from './response-analyze';
import { rowText } from './response-rows';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
const lines = (a: ReturnType<typeof analyzeBody>): string[] => {
  const v = a.view;
  if (!v) return [];
  return Array.from({ length: v.rows.rowCount }, (_, r) => rowText(v.text, v.rows, r));
};

describe('analyzeBody', () => {
  it('formats JSON and finds Azure ML result tables', () => {
    const a = analyzeBody(
      bytes(
        '{"Results":{"output1":{"type":"table","value":{"ColumnNames":["Col2"],"Values":[["x"]]}}}}',
      ),
      'application/json; charset=utf-8',
    );
    expect(a.kind).toBe('json');
    expect(a.view?.highlight).toBe('json');
    expect(lines(a).slice(0, 3)).toEqual(['{', '  "Results": {', '    "output1": {']);
    expect(a.tables).toEqual([
      {
        title: 'output1',
        columns: ['Col2'],
        rows: [['x']],
        totalRows: 1,
        truncated: false,
        problems: [],
      },
    ]);
    expect(a.errorSummary).toBeUndefined();
  });

  it('caps table rows', () => {
    const values = Array.from({ length: TABLE_ROW_LIMIT + 5 }, (_, i) => [String(i)]);
    const a = analyzeBody(
      bytes(JSON.stringify({ Results: { o: { value: { ColumnNames: ['n'], Values: values } } } })),
      'application/json',
    );
    expect(a.tables[0]?.rows).toHaveLength(TABLE_ROW_LIMIT);
    expect(a.tables[0]?.totalRows).toBe(TABLE_ROW_LIMIT + 5);
    expect(a.tables[0]?.truncated).toBe(true);
  });

  it('summarises error bodies of 4xx/5xx', () => {
    const a = analyzeBody(
      bytes(
        '{"error":{"code":"Unauthorized","message":"Invalid credentials provided.","details":[{"code":"ScoreRequestUnauthorized"}]}}',
      ),
      'application/json',
      { status: 401 },
    );
    expect(a.errorSummary).toBe(
      'Unauthorized: Invalid credentials provided. Details: ScoreRequestUnauthorized.',
    );
    const text = analyzeBody(bytes('busy'), 'text/plain', { status: 503, retryAfter: '5' });
    expect(text.errorSummary).toBe('Retry after 5 seconds.');
  });

  it('shows invalid JSON as received, saying why', () => {
    const a = analyzeBody(bytes('{"a":'), 'application/json');
    expect(lines(a)).toEqual(['{"a":']);
    expect(a.view?.highlight).toBe('none');
    expect(a.notice).toMatch(
      /^The server said JSON, but the body is not valid JSON \(.+\): it is shown as received\.$/,
    );
  });

  it('shows JSON raw on request', () => {
    const a = analyzeBody(bytes('{"a":1}'), 'application/json', { mode: 'raw' });
    expect(lines(a)).toEqual(['{"a":1}']);
  });

  it('does not format JSON beyond the limit', () => {
    const big = new Uint8Array(FORMAT_LIMIT_BYTES + 2).fill(0x20);
    big[0] = 0x5b;
    big[big.length - 1] = 0x5d;
    const a = analyzeBody(big, 'application/json');
    expect(a.view?.highlight).toBe('none');
    expect(a.notice).toBe(
      'This response is 32 MB, more than the 32 MB formatted in the browser: it is shown as received. Download it to open it in another tool.',
    );
  });

  it('previews CSV as a table', () => {
    const a = analyzeBody(bytes('Col2\nhello\n'), 'text/csv');
    expect(a.tables).toEqual([
      { title: 'CSV', columns: ['Col2'], rows: [['hello']], truncated: false, problems: [] },
    ]);
    expect(lines(a)).toEqual(['Col2', 'hello', '']);
  });

  it('keeps HTML as source text with a notice', () => {
    const a = analyzeBody(bytes('<script>alert(1)</script>'), 'text/html');
    expect(lines(a)).toEqual(['<script>alert(1)</script>']);
    expect(a.notice).toBe('HTML is shown as source text; it is never rendered or run.');
  });

  it('dumps binary as hex and never decodes it', () => {
    const a = analyzeBody(new Uint8Array([0, 1, 2]), 'application/octet-stream');
    expect(a.kind).toBe('binary');
    expect(a.view).toBeUndefined();
    expect(a.hex).toEqual(['00000000  00 01 02                                          |...|']);
  });

  it('says nothing for an empty body', () => {
    expect(analyzeBody(new Uint8Array(), 'application/json')).toEqual({
      kind: 'empty',
      mediaType: 'application/json',
      tables: [],
    });
  });
});

describe('formatJsonView, inspectJson and combineJson', () => {
  it('format without validating, inspect without formatting, and combine to what analyzeBody gives', () => {
    const body = bytes('{"Results":{"o":{"value":{"ColumnNames":["a"],"Values":[["1"]]}}}}');
    const view = formatJsonView(body, 'application/json');
    expect(view.highlight).toBe('json');
    expect(view.rows.rowCount).toBe(16);
    const inspection = inspectJson(body, 'application/json');
    expect(inspection).toEqual({
      valid: true,
      tables: [
        { title: 'o', columns: ['a'], rows: [['1']], totalRows: 1, truncated: false, problems: [] },
      ],
    });
    expect(combineJson(view, inspection, 'application/json')).toEqual(
      analyzeBody(body, 'application/json'),
    );
  });

  it('lets an invalid body win over its formatted view', () => {
    const body = bytes('{"a": nope}');
    const inspection = inspectJson(body, 'application/json', { status: 500, retryAfter: '2' });
    expect(inspection.valid).toBe(false);
    const combined = combineJson(
      formatJsonView(body, 'application/json'),
      inspection,
      'application/json',
    );
    expect(lines(combined)).toEqual(['{"a": nope}']);
    expect(combined.view?.highlight).toBe('none');
    expect(combined.errorSummary).toBe('Retry after 2 seconds.');
    expect(combined.notice).toMatch(/not valid JSON/);
  });

  it('decodes a declared charset before re-indenting', () => {
    const latin1 = new Uint8Array([0x7b, 0x22, 0x6b, 0x22, 0x3a, 0x22, 0xe9, 0x22, 0x7d]);
    const view = formatJsonView(latin1, 'application/json; charset=iso-8859-1');
    expect(view.text).toBe('{\n  "k": "é"\n}');
  });
});
