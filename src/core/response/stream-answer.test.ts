import { describe, expect, it } from 'vitest';
import {
  answerDelta,
  createStreamAnswer,
  RECENT_EVENTS,
  SHOWN_ANSWER_CHARS,
} from './stream-answer';

describe('answerDelta', () => {
  it("reads prompt flow's answer deltas, the first empty one included", () => {
    expect(answerDelta('{"answer": ""}')).toBe('');
    expect(answerDelta('{"answer": " hashing"}')).toBe(' hashing');
  });

  it("reads an OpenAI style chunk's delta content", () => {
    expect(answerDelta('{"choices":[{"index":0,"delta":{"content":"Hi"}}]}')).toBe('Hi');
  });

  it('is nothing for events that carry no answer text', () => {
    expect(answerDelta('[DONE]')).toBeUndefined();
    expect(answerDelta('{"url": ["https://example.com"]}')).toBeUndefined();
    expect(answerDelta('{"answer": 3}')).toBeUndefined();
    expect(answerDelta('"text"')).toBeUndefined();
  });
});

describe('createStreamAnswer', () => {
  it('assembles the answer and times the first and last events', () => {
    const stream = createStreamAnswer();
    expect(stream.snapshot()).toEqual({
      events: 0,
      recent: [],
      answerTail: '',
      answerLength: 0,
      deltas: 0,
    });
    stream.add({ data: '{"answer": ""}', atMs: 120 });
    stream.add({ data: '{"answer": "Feature"}', atMs: 160 });
    expect(stream.snapshot().answerTail).toBe('Feature');
    stream.add({ data: '{"url": []}', atMs: 170 });
    stream.add({ data: '{"answer": " hashing."}', atMs: 200 });
    expect(stream.snapshot()).toEqual({
      events: 4,
      recent: [
        { data: '{"answer": ""}', atMs: 120 },
        { data: '{"answer": "Feature"}', atMs: 160 },
        { data: '{"url": []}', atMs: 170 },
        { data: '{"answer": " hashing."}', atMs: 200 },
      ],
      answerTail: 'Feature hashing.',
      answerLength: 16,
      deltas: 3,
      firstEventMs: 120,
      lastEventMs: 200,
    });
  });

  it('keeps only the latest events of a long stream, and the whole answer', () => {
    const stream = createStreamAnswer();
    for (let i = 0; i < 1000; i++) stream.add({ data: `{"answer": "${i % 10}"}`, atMs: i });
    const snapshot = stream.snapshot();
    expect(snapshot.events).toBe(1000);
    expect(snapshot.recent).toHaveLength(RECENT_EVENTS);
    expect(snapshot.recent[0]?.atMs).toBe(1000 - RECENT_EVENTS);
    expect(snapshot.answerTail).toBe('0123456789'.repeat(100));
    expect(stream.answer()).toBe('0123456789'.repeat(100));
  });

  it('shows only the end of a long answer, and keeps the whole of it for History', () => {
    const stream = createStreamAnswer();
    const word = 'token ';
    for (let i = 0; i < 10_000; i++)
      stream.add({ data: JSON.stringify({ answer: word }), atMs: i });
    const snapshot = stream.snapshot();
    expect(snapshot.answerLength).toBe(60_000);
    expect(snapshot.answerTail).toHaveLength(SHOWN_ANSWER_CHARS);
    expect(snapshot.answerTail.endsWith('token token ')).toBe(true);
    expect(stream.answer()).toBe(word.repeat(10_000));
  });
});
