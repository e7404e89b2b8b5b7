/**
 * Server-sent events, parsed as the WHATWG HTML standard's "event stream interpretation" says
 * (https://html.spec.whatwg.org/multipage/server-sent-events.html#event-stream-interpretation),
 * fed text as it arrives. No library for this is installed (eventsource-parser is not), and
 * EventSource itself cannot POST or send an Authorization header, so this small one is ours.
 */

export interface SseEvent {
  /** The `event:` field; absent means the default type, "message". */
  event?: string;
  /** The `data:` lines joined with "\n". */
  data: string;
  /** The last event id seen so far (the `id:` field persists across events). */
  id?: string;
  /** A `retry:` field in this event, in ms. */
  retry?: number;
}

export interface SseParser {
  /** Text decoded from the stream, in any chunking: a line or a CRLF may be split across calls. */
  feed: (text: string) => void;
  /**
   * The stream ended. An event whose blank line never came is dropped, as the standard says
   * ("If the file ends in the middle of an event, ... the event is discarded").
   */
  end: () => void;
}

export function createSseParser(onEvent: (event: SseEvent) => void): SseParser {
  let pending = '';
  let first = true;
  // A CR ended the last chunk: an LF at the start of the next one belongs to it.
  let afterCr = false;
  let data: string[] = [];
  let hasData = false;
  let eventType: string | undefined;
  let lastId: string | undefined;
  let retry: number | undefined;

  const dispatch = (): void => {
    if (hasData) {
      onEvent({
        data: data.join('\n'),
        ...(eventType !== undefined ? { event: eventType } : {}),
        ...(lastId !== undefined ? { id: lastId } : {}),
        ...(retry !== undefined ? { retry } : {}),
      });
    }
    data = [];
    hasData = false;
    eventType = undefined;
    retry = undefined;
  };

  const line = (text: string): void => {
    if (text === '') return dispatch();
    if (text.startsWith(':')) return;
    const colon = text.indexOf(':');
    const field = colon === -1 ? text : text.slice(0, colon);
    let value = colon === -1 ? '' : text.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'data') {
      data.push(value);
      hasData = true;
    } else if (field === 'event') eventType = value;
    else if (field === 'id') {
      if (!value.includes('\0')) lastId = value;
    } else if (field === 'retry') {
      if (/^\d+$/.test(value)) retry = Number(value);
    }
  };

  return {
    feed(text) {
      let chunk = text;
      if (first && chunk !== '') {
        first = false;
        if (chunk.startsWith('\uFEFF')) chunk = chunk.slice(1);
      }
      if (afterCr && chunk.startsWith('\n')) chunk = chunk.slice(1);
      afterCr = false;
      pending += chunk;
      let start = 0;
      for (let i = 0; i < pending.length; i++) {
        const c = pending[i];
        if (c !== '\n' && c !== '\r') continue;
        line(pending.slice(start, i));
        if (c === '\r') {
          if (i + 1 === pending.length) afterCr = true;
          else if (pending[i + 1] === '\n') i++;
        }
        start = i + 1;
      }
      pending = pending.slice(start);
    },
    end() {
      pending = '';
      data = [];
      hasData = false;
    },
  };
}
