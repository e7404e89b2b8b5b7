import { describe, expect, it } from 'vitest';
import { retryAfterText, summarizeErrorBody } from './response-error-summary';

describe('summarizeErrorBody', () => {
  it('reads the Azure ML error with its details', () => {
    expect(
      summarizeErrorBody({
        error: {
          code: 'BadArgument',
          message: 'Invalid argument provided.',
          details: [
            { code: 'InputParseError', message: 'Row 2 has 3 values, expected 1' },
            { code: 'MissingRequestInput' },
          ],
        },
      }),
    ).toBe(
      'BadArgument: Invalid argument provided. Details: InputParseError: Row 2 has 3 values, expected 1; MissingRequestInput.',
    );
  });

  it('reads API Management errors and Retry-After', () => {
    expect(
      summarizeErrorBody(
        { statusCode: 429, message: 'Rate limit is exceeded. Try again in 57 seconds.' },
        '57',
      ),
    ).toBe('Rate limit is exceeded. Try again in 57 seconds. Retry after 57 seconds.');
  });

  it('is null for an unrecognised body without Retry-After', () => {
    expect(summarizeErrorBody({ oops: true })).toBeNull();
    expect(summarizeErrorBody('text')).toBeNull();
    expect(summarizeErrorBody(undefined, '1')).toBe('Retry after 1 second.');
  });
});

describe('retryAfterText', () => {
  it('accepts seconds and HTTP dates', () => {
    const now = new Date('2026-11-26T14:00:00Z');
    expect(retryAfterText('120', now)).toBe('Retry after 120 seconds.');
    expect(retryAfterText('Thu, 26 Nov 2026 14:00:30 GMT', now)).toBe('Retry after 30 seconds.');
    expect(retryAfterText('soon', now)).toBeNull();
  });
});
