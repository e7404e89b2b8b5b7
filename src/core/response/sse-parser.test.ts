import { describe, expect, it } from 'vitest';
import { createSseParser, type SseEvent } from './sse-parser';

function parse(chunks: string[]): SseEvent[] {
  const events: SseEvent[] = [];
  const parser = createSseParser((e) => events.push(e));
  for (const chunk of chunks) parser.feed(chunk);
  parser.end();
  return events;
}

// The prompt-flow stream of the reference (section 5): deltas, the first one empty, no [DONE].
const PROMPT_FLOW =
  'data: {"answer": ""}\n\ndata: {"answer": "Hello"}\n\ndata: {"answer": "!"}\n\n';

describe('createSseParser', () => {
  it('reads the prompt-flow stream event by event', () => {
    expect(parse([PROMPT_FLOW])).toEqual([
      { data: '{"answer": ""}' },
      { data: '{"answer": "Hello"}' },
      { data: '{"answer": "!"}' },
    ]);
  });

  it('gives the same events whatever the chunking, one character at a time included', () => {
    const whole = parse([PROMPT_FLOW]);
    expect(parse([...PROMPT_FLOW])).toEqual(whole);
    expect(
      parse([PROMPT_FLOW.slice(0, 7), PROMPT_FLOW.slice(7, 23), PROMPT_FLOW.slice(23)]),
    ).toEqual(whole);
  });

  it('accepts CRLF, CR and LF line ends, a CRLF split across chunks counted once', () => {
    expect(parse(['data: a\r\n\r\ndata: b\r\rdata: c\n\n'])).toEqual([
      { data: 'a' },
      { data: 'b' },
      { data: 'c' },
    ]);
    expect(parse(['data: a\r', '\n\r', '\ndata: b\r', '\r'])).toEqual([
      { data: 'a' },
      { data: 'b' },
    ]);
  });

  it('joins data lines with a newline and strips only one leading space', () => {
    expect(parse(['data:  two spaces\ndata:none\ndata\n\n'])).toEqual([
      { data: ' two spaces\nnone\n' },
    ]);
  });

  it('keeps event types, ids (which persist) and retry; ignores comments and unknown fields', () => {
    expect(
      parse([
        ': keep-alive\nevent: delta\nid: 7\nretry: 1500\nfoo: bar\ndata: x\n\ndata: y\n\nid\ndata: z\n\n',
      ]),
    ).toEqual([
      { event: 'delta', id: '7', retry: 1500, data: 'x' },
      { id: '7', data: 'y' },
      { id: '', data: 'z' },
    ]);
  });

  it('dispatches nothing for an event without data, or one the stream ends inside', () => {
    expect(parse(['event: ping\n\n', 'data: cut off'])).toEqual([]);
  });

  it('drops a byte order mark at the start of the stream only (later, it is part of a field name)', () => {
    expect(parse(['\uFEFFdata: a\n\n', '\uFEFFdata: b\n\n'])).toEqual([{ data: 'a' }]);
  });

  it('ignores an id holding NUL and a retry that is not digits', () => {
    expect(parse(['id: 1\n\nid: a\0b\nretry: 1s\ndata: x\n\n'])).toEqual([{ id: '1', data: 'x' }]);
  });
});
