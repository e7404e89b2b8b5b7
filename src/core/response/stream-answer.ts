import type { StreamedEvent } from '../request/read-event-stream';

/** Events kept for display: a long stream shows its latest ones. */
export const RECENT_EVENTS = 50;
/** Characters of the answer shown: its end, as it is written (a 5 MB answer would stall layout). */
export const SHOWN_ANSWER_CHARS = 8000;

/** What a streamed answer looks like so far: what the response panel draws on each frame. */
export interface StreamSnapshot {
  events: number;
  /** The latest events, oldest first, at most RECENT_EVENTS. */
  recent: StreamedEvent[];
  /**
   * The end of the answer so far, at most SHOWN_ANSWER_CHARS: the `answer` deltas concatenated
   * (prompt flow's stream, reference section 5). The whole of it is `answer()` of the collector.
   */
  answerTail: string;
  /** Characters of the whole answer so far. */
  answerLength: number;
  /** Events whose data carried an answer delta. */
  deltas: number;
  firstEventMs?: number;
  lastEventMs?: number;
}

/**
 * The text an event adds to the answer: prompt flow's `{"answer": "<delta>"}`, or an OpenAI
 * style chunk's `choices[0].delta.content` (some catalog models stream that way). Undefined for
 * events that carry no answer text (`[DONE]`, other outputs such as `{"url": [...]}`).
 */
export function answerDelta(data: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(data);
  } catch {
    return undefined;
  }
  if (!isRecord(value)) return undefined;
  if (typeof value.answer === 'string') return value.answer;
  const choice: unknown = Array.isArray(value.choices) ? value.choices[0] : undefined;
  if (isRecord(choice) && isRecord(choice.delta) && typeof choice.delta.content === 'string')
    return choice.delta.content;
  return undefined;
}

/**
 * Collects a stream's events as they come; snapshot() is cheap to take on every animation
 * frame (it copies only the recent events and the answer's end), so a 5 MB stream does not
 * copy itself per frame. answer() gives the whole answer, once, at the end.
 */
export function createStreamAnswer(): {
  add: (event: StreamedEvent) => void;
  snapshot: () => StreamSnapshot;
  answer: () => string;
} {
  const recent: StreamedEvent[] = [];
  // Appending keeps the whole answer without copying it (engines build such strings lazily).
  let answer = '';
  // Trimmed to the shown length only now and then, so each delta costs its own length.
  let tail = '';
  let events = 0;
  let deltas = 0;
  let firstEventMs: number | undefined;
  let lastEventMs: number | undefined;
  return {
    add(event) {
      events++;
      firstEventMs ??= event.atMs;
      lastEventMs = event.atMs;
      recent.push(event);
      if (recent.length > RECENT_EVENTS * 2) recent.splice(0, recent.length - RECENT_EVENTS);
      const delta = answerDelta(event.data);
      if (delta !== undefined) {
        answer += delta;
        tail += delta;
        if (tail.length > SHOWN_ANSWER_CHARS * 2) tail = tail.slice(-SHOWN_ANSWER_CHARS);
        deltas++;
      }
    },
    answer: () => answer,
    snapshot() {
      return {
        events,
        recent: recent.slice(-RECENT_EVENTS),
        answerTail: tail.slice(-SHOWN_ANSWER_CHARS),
        answerLength: answer.length,
        deltas,
        ...(firstEventMs !== undefined ? { firstEventMs } : {}),
        ...(lastEventMs !== undefined ? { lastEventMs } : {}),
      };
    },
  };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
