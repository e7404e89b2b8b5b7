/**
 * Formats large response bodies off the main thread: decoding, JSON validation, re-indenting,
 * row splitting and table extraction of a 20 MB body take hundreds of milliseconds, which in
 * the page would freeze scrolling and typing. The result's row offsets are transferred, not
 * copied; the text is one string, which the browser clones as a single block.
 */
import { analyzeBody, type AnalyzeOptions, type BodyAnalysis } from '../../core/response-analyze';

export interface FormatRequest {
  buffer: ArrayBuffer;
  contentType: string;
  options: AnalyzeOptions;
}

export type FormatReply = { ok: true; analysis: BodyAnalysis } | { ok: false; message: string };

// The app is typed with the DOM library; this is the slice of the worker scope used here.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<FormatRequest>) => void) | null;
  postMessage(message: FormatReply, transfer: Transferable[]): void;
};

scope.onmessage = (event: MessageEvent<FormatRequest>) => {
  const { buffer, contentType, options } = event.data;
  let reply: FormatReply;
  const transfer: Transferable[] = [];
  try {
    const analysis = analyzeBody(new Uint8Array(buffer), contentType, options);
    if (analysis.view) {
      transfer.push(analysis.view.rows.rowStarts.buffer, analysis.view.rows.rowLines.buffer);
    }
    reply = { ok: true, analysis };
  } catch (err) {
    reply = { ok: false, message: err instanceof Error ? err.message : String(err) };
  }
  scope.postMessage(reply, transfer);
};
