import { createSseParser, type SseEvent } from '../response/sse-parser';
import { parseContentType } from '../response/response-content-type';

/** One event of a streamed answer, with when it arrived (ms since the request was sent). */
export interface StreamedEvent extends SseEvent {
  atMs: number;
}

export interface EventStreamResult {
  /** The bytes that arrived, as received (the whole stream, or what came before Stop). */
  body: Uint8Array;
  events: number;
  /** From sending to the first event; undefined when none came. */
  firstEventMs?: number;
  /** The caller stopped the stream before the server ended it. */
  stopped: boolean;
}

export function isEventStream(contentType: string | null | undefined): boolean {
  return parseContentType(contentType).mediaType === 'text/event-stream';
}

/**
 * Reads a `text/event-stream` body chunk by chunk, handing over each event as it is complete,
 * so a streamed answer can be shown as it arrives. Stopping (the signal) is not a failure here:
 * what arrived until then is the result, marked stopped. Any other read error is thrown.
 */
export async function readEventStream(
  body: ReadableStream<Uint8Array>,
  options: {
    signal?: AbortSignal;
    /** performance.now() when the request was sent. */
    startedAt: number;
    onEvent: (event: StreamedEvent) => void;
    now?: () => number;
  },
): Promise<EventStreamResult> {
  const now = options.now ?? (() => performance.now());
  const decoder = new TextDecoder();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let events = 0;
  let firstEventMs: number | undefined;
  const parser = createSseParser((event) => {
    const atMs = Math.round((now() - options.startedAt) * 10) / 10;
    if (firstEventMs === undefined) firstEventMs = atMs;
    events++;
    options.onEvent({ ...event, atMs });
  });
  const reader = body.getReader();
  const result = (stopped: boolean): EventStreamResult => {
    const all = new Uint8Array(size);
    let at = 0;
    for (const chunk of chunks) {
      all.set(chunk, at);
      at += chunk.byteLength;
    }
    return { body: all, events, ...(firstEventMs !== undefined ? { firstEventMs } : {}), stopped };
  };
  // Cancelling the reader too: some fetch implementations do not end a body on abort.
  const onAbort = (): void => void reader.cancel().catch(() => undefined);
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      if (options.signal?.aborted) return result(true);
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      parser.feed(decoder.decode(value, { stream: true }));
    }
    parser.feed(decoder.decode());
    parser.end();
    return result(options.signal?.aborted === true);
  } catch (cause) {
    if (options.signal?.aborted) return result(true);
    throw cause;
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    reader.releaseLock();
  }
}
