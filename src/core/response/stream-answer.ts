import type { StreamedEvent } from '../request/read-event-stream';

/** Events kept for display: a long stream shows its latest ones, its answer shows whole. */
export const RECENT_EVENTS = 50;

/** What a streamed answer looks like so far: what the response panel draws on each frame. */
export interface StreamSnapshot {
  events: number;
  /** The latest events, oldest first, at most RECENT_EVENTS. */
  recent: StreamedEvent[];
  /** The `answer` deltas so far, concatenated (prompt flow's stream, reference section 5). */
  answer: string;
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
 * frame (it copies only the recent events), so a 5 MB stream does not copy itself per event.
 */
export function createStreamAnswer(): {
  add: (event: StreamedEvent) => void;
  snapshot: () => StreamSnapshot;
} {
  const recent: StreamedEvent[] = [];
  const parts: string[] = [];
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
        parts.push(delta);
        deltas++;
      }
    },
    snapshot() {
      const answer = parts.join('');
      // One string from here on: joining a growing list on every frame would repeat the work.
      parts.length = 0;
      if (answer !== '') parts.push(answer);
      return {
        events,
        recent: recent.slice(-RECENT_EVENTS),
        answer,
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
