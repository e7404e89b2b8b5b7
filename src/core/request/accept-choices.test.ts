import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../definition/api-model';
import { acceptChoices } from './accept-choices';

const answer = (status: string, ...types: string[]): ApiResponse => ({
  status,
  content: types.map((contentType) => ({ contentType, examples: [] })),
  headers: [],
});

describe('acceptChoices', () => {
  it("offers a streaming operation's success media types, in the definition's order", () => {
    expect(
      acceptChoices({
        responses: [
          answer('200', 'application/json', 'text/event-stream'),
          answer('424', 'application/problem+json'),
        ],
      }),
    ).toEqual([
      { mediaType: 'application/json', label: 'application/json (the whole answer at once)' },
      { mediaType: 'text/event-stream', label: 'text/event-stream (streamed as it is written)' },
    ]);
  });

  it('offers nothing when no success answer streams', () => {
    expect(acceptChoices({ responses: [answer('200', 'application/json', 'text/csv')] })).toEqual(
      [],
    );
    expect(acceptChoices({ responses: [answer('default', 'text/event-stream')] })).toEqual([]);
  });

  it('counts 2XX ranges and each media type once', () => {
    expect(
      acceptChoices({
        responses: [answer('2XX', 'Text/Event-Stream'), answer('201', 'text/event-stream')],
      }).map((c) => c.mediaType),
    ).toEqual(['text/event-stream']);
  });
});
