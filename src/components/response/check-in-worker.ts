import type { ApiOperation, SpecVersion } from '../../core/definition/api-model';
import type { HttpResponse } from '../../core/request/send-request';
import type { ResponseCheck } from '../../core/response-check/check-response';
import { lazyModule } from '../../core/util/lazy-module';
import type { CheckReply } from './response-check-worker';

/** What the worker is sent: the operation's responses and a copy of the body. */
export interface CheckRequest {
  responses: ApiOperation['responses'];
  specVersion: SpecVersion;
  status: number;
  headers: Array<[string, string]>;
  contentType: string;
  buffer: ArrayBuffer;
}

/** Up to this size a body is checked on the main thread: faster than starting a worker. */
export const INLINE_CHECK_BYTES = 256 * 1024;
/** Bodies larger than this are not checked in the browser at all (parsing alone needs ~10x in memory). */
export const CHECK_LIMIT_BYTES = 32 * 1024 * 1024;
/** A check still running after this long is stopped. */
export const CHECK_TIME_LIMIT_MS = 10_000;

export type CheckOutcome =
  { kind: 'checked'; check: ResponseCheck } | { kind: 'too-large'; reason: string };

// The validator comes with the check, on demand: the response panel's own chunk stays as it was.
const checker = lazyModule(() => import('../../core/response-check/check-response'));

function cancelled(): DOMException {
  return new DOMException('The check was cancelled.', 'AbortError');
}

/**
 * Checks a response against the operation's declaration: small bodies at once on the main
 * thread, large ones in a fresh Web Worker that is terminated when the caller aborts or the
 * time budget runs out; bodies beyond the size budget are not checked here at all.
 */
export async function runResponseCheck(
  operation: Pick<ApiOperation, 'responses'>,
  specVersion: SpecVersion,
  response: Pick<HttpResponse, 'status' | 'headers' | 'body' | 'contentType'>,
  signal: AbortSignal,
  limits: { bytes?: number; timeMs?: number } = {},
): Promise<CheckOutcome> {
  const maxBytes = limits.bytes ?? CHECK_LIMIT_BYTES;
  const maxMs = limits.timeMs ?? CHECK_TIME_LIMIT_MS;
  if (response.body.byteLength > maxBytes) {
    return {
      kind: 'too-large',
      reason: `the body is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB checked in the browser`,
    };
  }
  const inline = async (): Promise<CheckOutcome> => {
    const { checkResponse } = await checker.load();
    if (signal.aborted) throw cancelled();
    return { kind: 'checked', check: checkResponse(operation, response, { specVersion }) };
  };
  if (response.body.byteLength <= INLINE_CHECK_BYTES) return inline();

  return new Promise<CheckOutcome>((resolve, reject) => {
    let worker: Worker;
    try {
      worker = new Worker(new URL('./response-check-worker.ts', import.meta.url), {
        type: 'module',
      });
    } catch {
      // No worker here: the body is still checked, more slowly.
      inline().then(resolve, reject);
      return;
    }
    const finish = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', stop);
      worker.terminate();
    };
    const stop = (): void => {
      finish();
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      finish();
      resolve({
        kind: 'too-large',
        reason: `checking took longer than ${maxMs / 1000} s and was stopped`,
      });
    }, maxMs);
    signal.addEventListener('abort', stop, { once: true });
    worker.onmessage = (event: MessageEvent<CheckReply>) => {
      finish();
      if (event.data.ok) resolve({ kind: 'checked', check: event.data.result });
      else reject(new Error(event.data.message));
    };
    worker.onerror = (event) => {
      event.preventDefault();
      finish();
      if (!signal.aborted) inline().then(resolve, reject);
    };
    // A copy is transferred, so the response keeps its bytes for the panel.
    const copy = response.body.slice();
    const message: CheckRequest = {
      responses: operation.responses,
      specVersion,
      status: response.status,
      headers: response.headers,
      contentType: response.contentType,
      buffer: copy.buffer,
    };
    worker.postMessage(message, [copy.buffer]);
  });
}
