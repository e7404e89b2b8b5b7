import { analyzeBody, type AnalyzeOptions, type BodyAnalysis } from '../../core/response-analyze';
import type { FormatReply, FormatRequest } from './format-worker';

/**
 * Runs analyzeBody in a fresh Web Worker. One worker per body keeps cancellation simple and
 * certain: aborting terminates it, so a superseded 20 MB job stops using the CPU at once.
 * Where workers are unavailable, it falls back to the main thread rather than failing.
 */
export function analyzeInWorker(
  body: Uint8Array,
  contentType: string,
  options: AnalyzeOptions,
  signal: AbortSignal,
): Promise<BodyAnalysis> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./format-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(analyzeBody(body, contentType, options));
      return;
    }
    const stop = (): void => {
      worker.terminate();
      reject(new DOMException('Formatting was cancelled.', 'AbortError'));
    };
    signal.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<FormatReply>) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      if (event.data.ok) resolve(event.data.analysis);
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
      reject(new Error(event.message || 'The formatting worker failed to start.'));
    };
    // A copy is transferred, so the caller's response keeps its bytes for download and copy.
    const copy = body.slice();
    const message: FormatRequest = { buffer: copy.buffer, contentType, options };
    worker.postMessage(message, [copy.buffer]);
  });
}
