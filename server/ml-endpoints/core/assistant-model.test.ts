import { describe, expect, it } from 'vitest';
import {
  answerEvent,
  answerQuestion,
  answerTokens,
  paceTokens,
  readAssistantInput,
} from './assistant-model';

describe('the assistant flow', () => {
  it('explains where the words land, with the real hashing, deterministically', () => {
    const answer = answerQuestion({ question: 'This is a good day', chat_history: [] });
    expect(answer).toBe(answerQuestion({ question: 'This is a good day', chat_history: [] }));
    expect(answer).toContain('You asked: "This is a good day".');
    // The tutorial's counts for this sentence (docs/reference/feature-hashing.md).
    expect(answer).toContain('The counts for your question are [1, 1, 2, 2, 0, 2, 0, 1]');
    expect(answerTokens(answer).length).toBeGreaterThan(100);
    expect(answerTokens(answer).join('')).toBe(answer);
  });

  it('writes each delta as prompt flow does', () => {
    expect(answerEvent('')).toBe('data: {"answer": ""}\n\n');
    expect(answerEvent(' "quoted"\n')).toBe('data: {"answer": " \\"quoted\\"\\n"}\n\n');
  });

  it('stops yielding as soon as the signal aborts', async () => {
    const stop = new AbortController();
    const seen: string[] = [];
    for await (const token of paceTokens(['a', ' b', ' c', ' d'], 1, stop.signal)) {
      seen.push(token);
      if (seen.length === 2) stop.abort();
    }
    expect(seen).toEqual(['a', ' b']);
  });

  it('refuses a missing question and a chat_history that is not a list', () => {
    expect(() => readAssistantInput({ chat_history: [] })).toThrow(
      '"question" must be a non-empty string.',
    );
    expect(() => readAssistantInput({ question: 'q', chat_history: 'no' })).toThrow(
      '"chat_history" must be an array',
    );
  });
});
