import {
  analyzeBody,
  formatJsonView,
  inspectJson,
  type AnalyzeOptions,
} from '../../core/response/response-analyze';
import type { FormatReply, FormatRequest, FormatTask, FormatTaskResults } from './format-worker';

/** The same tasks on the main thread, for browsers where a worker cannot start. */
const INLINE: {
  [T in FormatTask]: (b: Uint8Array, ct: string, o: AnalyzeOptions) => FormatTaskResults[T];
} = {
  analyze: analyzeBody,
  'format-json': formatJsonView,
  'inspect-json': inspectJson,
};

/**
 * Runs one formatting task in a fresh Web Worker. One worker per task keeps cancellation simple
 * and certain: aborting terminates it, so a superseded 20 MB job stops using the CPU at once.
 * Where a worker cannot start or load, the task runs on the main thread rather than failing.
 */
export function runInWorker<T extends FormatTask>(
  task: T,
  body: Uint8Array,
  contentType: string,
  options: AnalyzeOptions,
  signal: AbortSignal,
): Promise<FormatTaskResults[T]> {
  return new Promise((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./format-worker.ts', import.meta.url), { type: 'module' });
    } catch {
      resolve(INLINE[task](body, contentType, options));
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
      // The worker answers the task it was given, so the result has that task's type.
      if (event.data.ok) resolve(event.data.result as FormatTaskResults[T]);
      else reject(new Error(event.data.message));
    };
    // The worker script itself failed (blocked or not found): slower on the main thread,
    // but the body is still shown. Errors inside a task arrive as messages instead.
    worker.onerror = (event) => {
      event.preventDefault();
      signal.removeEventListener('abort', stop);
      worker.terminate();
      if (signal.aborted) return;
      try {
        resolve(INLINE[task](body, contentType, options));
      } catch (err) {
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    // A copy is transferred, so the caller's response keeps its bytes for download and copy.
    const copy = body.slice();
    const message: FormatRequest = { task, buffer: copy.buffer, contentType, options };
    worker.postMessage(message, [copy.buffer]);
  });
}
