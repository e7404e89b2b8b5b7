/**
 * Formats large response bodies off the main thread: decoding, JSON validation, re-indenting,
 * row splitting and table extraction of a 20 MB body take hundreds of milliseconds, which in
 * the page would freeze scrolling and typing. Row offsets are transferred, not copied; the
 * text is one string, which the browser clones as a single block.
 */
import {
  analyzeBody,
  formatJsonView,
  inspectJson,
  type AnalyzeOptions,
  type BodyAnalysis,
  type JsonInspection,
  type TextView,
} from '../../core/response/response-analyze';

/** What each task returns. JSON is formatted and inspected as two tasks that run in parallel. */
export interface FormatTaskResults {
  analyze: BodyAnalysis;
  'format-json': TextView;
  'inspect-json': JsonInspection;
}
export type FormatTask = keyof FormatTaskResults;

export interface FormatRequest {
  task: FormatTask;
  buffer: ArrayBuffer;
  contentType: string;
  options: AnalyzeOptions;
}

export type FormatReply =
  { ok: true; result: FormatTaskResults[FormatTask] } | { ok: false; message: string };

// The app is typed with the DOM library; this is the slice of the worker scope used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<FormatRequest>) => void) | null;
  postMessage(message: FormatReply, transfer: Transferable[]): void;
};

function run(request: FormatRequest): { result: FormatTaskResults[FormatTask]; view?: TextView } {
  const bytes = new Uint8Array(request.buffer);
  switch (request.task) {
    case 'analyze': {
      const analysis = analyzeBody(bytes, request.contentType, request.options);
      return { result: analysis, ...(analysis.view ? { view: analysis.view } : {}) };
    }
    case 'format-json': {
      const view = formatJsonView(bytes, request.contentType);
      return { result: view, view };
    }
    case 'inspect-json': {
      const inspection = inspectJson(bytes, request.contentType, request.options);
      return { result: inspection, ...(inspection.valid ? {} : { view: inspection.view }) };
    }
  }
}

scope.onmessage = (event: MessageEvent<FormatRequest>) => {
  let reply: FormatReply;
  const transfer: Transferable[] = [];
  try {
    const { result, view } = run(event.data);
    if (view) transfer.push(view.rows.rowStarts.buffer, view.rows.rowLines.buffer);
    reply = { ok: true, result };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply, transfer);
};
