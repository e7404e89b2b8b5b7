import { describe, expect, it } from 'vitest';
import { sseAnswer } from '../server/testing/fixture-api';
import { createSseParser } from '../src/core/response/sse-parser';
import { createStreamAnswer } from '../src/core/response/stream-answer';

describe("the fixture API's streamed answer", () => {
  it('is about the size asked for, and every event is an answer delta the portal reads as one', () => {
    const { body, events } = sseAnswer(1);
    expect(Math.abs(body.length - 1024 * 1024)).toBeLessThan(64);
    const answer = createStreamAnswer();
    const parser = createSseParser((event) => answer.add({ ...event, atMs: 0 }));
    // In pieces that split events, as the bench's 4 KB writes do.
    const text = body.toString('utf8');
    for (let at = 0; at < text.length; at += 4096) parser.feed(text.slice(at, at + 4096));
    parser.end();
    const snapshot = answer.snapshot();
    expect(snapshot.events).toBe(events);
    expect(snapshot.deltas).toBe(events);
    expect(answer.answer().startsWith(' Feature hashing maps each word')).toBe(true);
  });
});
