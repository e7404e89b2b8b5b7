import { useEffect, useMemo, useState } from 'react';
import {
  analyzeBody,
  combineJson,
  FORMAT_LIMIT_BYTES,
  MAX_ROW_LENGTH,
  type BodyAnalysis,
  type TextView,
} from '../../core/response/response-analyze';
import { classifyBody, parseContentType } from '../../core/response/response-content-type';
import { reindentJsonBytes } from '../../core/response/response-json-format';
import { decodePrefix } from '../../core/response/response-decode';
import { splitRows } from '../../core/response/response-rows';
import { runInWorker } from './format-in-worker';
import { describeError } from '../../core/errors/describe-error';

/** Up to this size a body is formatted inline: faster than starting a worker, and no flash. */
export const INLINE_LIMIT_BYTES = 256 * 1024;
/** How much of a large body is shown at once, while workers format the whole. */
export const PREVIEW_BYTES = 64 * 1024;

/**
 * Results of worker runs per body and mode, so going back to a tab does not format 20 MB again.
 * Keyed weakly by the body: dropped with the response it belongs to.
 */
const finished = new WeakMap<Uint8Array, Map<string, BodyAnalysis>>();

function remember(body: Uint8Array, mode: string, analysis: BodyAnalysis): void {
  let byMode = finished.get(body);
  if (!byMode) finished.set(body, (byMode = new Map<string, BodyAnalysis>()));
  byMode.set(mode, analysis);
}

export type BodyAnalysisState =
  | { status: 'ready'; analysis: BodyAnalysis }
  | { status: 'working'; preview: TextView }
  | { status: 'failed'; message: string; preview: TextView };

interface Input {
  body: Uint8Array;
  contentType: string;
  status: number;
  retryAfter: string | null;
  mode: 'formatted' | 'raw';
}

/**
 * The analysed body for the response panel. Small bodies are analysed during render; large
 * ones in Web Workers, with their first 64 KB shown in the meantime, so something is on
 * screen at once and the main thread never does the heavy part.
 */
export function useBodyAnalysis({
  body,
  contentType,
  status,
  retryAfter,
  mode,
}: Input): BodyAnalysisState {
  // Binary bodies are cheap to describe (a hex dump of the start) and must never be previewed
  // as text, so they skip the worker whatever their size.
  const kind = useMemo(() => classifyBody(contentType, body), [contentType, body]);
  const inline =
    body.length <= INLINE_LIMIT_BYTES || kind === 'binary' || kind === 'image' || kind === 'empty';
  const inlineResult = useMemo(
    () => (inline ? analyzeBody(body, contentType, { status, retryAfter, mode }) : null),
    [inline, body, contentType, status, retryAfter, mode],
  );
  const preview = useMemo((): TextView | null => {
    if (inline) return null;
    const { charset } = parseContentType(contentType);
    if (kind === 'json' && mode === 'formatted' && (!charset || charset === 'utf-8')) {
      // Re-indenting 64 KB takes a millisecond: the start already looks as it will once the
      // workers are done, and the rows on screen do not move when the full view replaces it.
      const start = reindentJsonBytes(body.subarray(0, PREVIEW_BYTES));
      const text = new TextDecoder().decode(start, { stream: true });
      return { text, rows: splitRows(text, MAX_ROW_LENGTH), highlight: 'json' };
    }
    const { text } = decodePrefix(body, PREVIEW_BYTES, contentType);
    return { text, rows: splitRows(text, MAX_ROW_LENGTH), highlight: 'none' };
  }, [inline, kind, mode, body, contentType]);

  const [done, setDone] = useState<{
    key: object;
    mode: string;
    result: { ok: true; analysis: BodyAnalysis } | { ok: false; message: string };
  } | null>(null);

  const cached = inline ? undefined : finished.get(body)?.get(mode);

  useEffect(() => {
    if (inline || cached) return;
    const controller = new AbortController();
    const options = { status, retryAfter, mode };
    // Valid JSON needs both a formatted view and a parse (validity, tables, error summary):
    // two workers do them at once, which on two cores nearly halves the wait.
    const parallelJson =
      kind === 'json' && mode === 'formatted' && body.length <= FORMAT_LIMIT_BYTES;
    const work: Promise<BodyAnalysis> = parallelJson
      ? Promise.all([
          runInWorker('format-json', body, contentType, options, controller.signal),
          runInWorker('inspect-json', body, contentType, options, controller.signal),
        ]).then(([view, inspection]) =>
          combineJson(view, inspection, parseContentType(contentType).mediaType),
        )
      : runInWorker('analyze', body, contentType, options, controller.signal);
    work.then(
      (analysis) => {
        remember(body, mode, analysis);
        setDone({ key: body, mode, result: { ok: true, analysis } });
      },
      (err: unknown) => {
        if (controller.signal.aborted) return;
        controller.abort();
        const { message } = describeError(err);
        setDone({ key: body, mode, result: { ok: false, message } });
      },
    );
    return () => controller.abort();
  }, [inline, cached, kind, body, contentType, status, retryAfter, mode]);

  if (inlineResult) return { status: 'ready', analysis: inlineResult };
  if (cached) return { status: 'ready', analysis: cached };
  const fallback = preview ?? { text: '', rows: splitRows(''), highlight: 'none' as const };
  if (done && done.key === body && done.mode === mode) {
    return done.result.ok
      ? { status: 'ready', analysis: done.result.analysis }
      : { status: 'failed', message: done.result.message, preview: fallback };
  }
  return { status: 'working', preview: fallback };
}
