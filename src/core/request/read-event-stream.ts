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

/**
 * Main-thread time spent on events before the loop lets the page draw and take input. While
 * the page is busy a fast stream's bytes pile up, and the next read hands them over at once, as
 * one large chunk; parsed in one go (and queued chunks read back to back, each read resolving at
 * once) they made tasks of 60-140 ms for a 5 MB answer, the first words on screen only after.
 */
export const READ_SLICE_MS = 10;
/** Text handed to the parser at a time, so that a slice can end inside a large chunk. */
const FEED_CHARS = 16 * 1024;

/**
 * A task of its own for what follows, queued behind what is already waiting (React's renders,
 * a frame), as a message: setTimeout would idle 4 ms a time once nested, and scheduler.yield()
 * goes ahead of other tasks, so the answer on screen would wait for the whole stream.
 */
function yieldToPage(): Promise<void> {
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(undefined);
  });
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
    /** Lets the page run between slices of reading (READ_SLICE_MS); a task of its own by default. */
    yieldToPage?: () => Promise<void>;
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
  const pause = options.yieldToPage ?? yieldToPage;
  let sliceStarted = performance.now();
  /** Whether the stream was stopped, after letting the page in if this slice has run its time. */
  const stoppedAfterPause = async (): Promise<boolean> => {
    if (performance.now() - sliceStarted > READ_SLICE_MS) {
      await pause();
      sliceStarted = performance.now();
    }
    return options.signal?.aborted === true;
  };
  try {
    for (;;) {
      if (await stoppedAfterPause()) return result(true);
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
      const text = decoder.decode(value, { stream: true });
      for (let at = 0; at < text.length; at += FEED_CHARS) {
        if (at > 0 && (await stoppedAfterPause())) return result(true);
        parser.feed(text.slice(at, at + FEED_CHARS));
      }
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
