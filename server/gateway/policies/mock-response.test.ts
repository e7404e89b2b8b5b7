import { describe, expect, it } from 'vitest';
import { mockResponse } from './mock-response';
import type { ResponseContract } from './policy-call';

const responses: ResponseContract[] = [
  {
    statusCode: 200,
    representations: [
      { contentType: 'text/plain', examples: { text: { value: 'plain' } } },
      {
        contentType: 'application/json; charset=utf-8',
        examples: {
          first: { summary: 'first', value: { Results: [1, 2] } },
          second: { value: 'no' },
        },
      },
    ],
  },
  {
    statusCode: 201,
    representations: [{ contentType: 'application/json', examples: { s: { value: 'created' } } }],
  },
  {
    statusCode: 400,
    representations: [
      { contentType: 'application/json', examples: { e: { externalValue: 'https://x/e.json' } } },
    ],
  },
];

describe('mockResponse', () => {
  it('answers the first example of the response with that status and media type', () => {
    expect(mockResponse(responses, 200, 'application/json')).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/json', 'X-Portico-Mocked': 'true' },
      body: '{"Results":[1,2]}',
    });
    expect(mockResponse(responses, 200, 'TEXT/PLAIN').body).toBe('plain');
    expect(mockResponse(responses, 201, 'application/json').body).toBe('created');
  });

  it('answers an empty body without a matching example', () => {
    expect(mockResponse(responses, 400, 'application/json').body).toBe('');
    expect(mockResponse(responses, 200, 'application/xml').body).toBe('');
    expect(mockResponse(responses, 404, 'application/json')).toMatchObject({
      status: 404,
      body: '',
    });
    expect(mockResponse([], 200, 'application/json').body).toBe('');
  });
});
