import { describe, expect, it } from 'vitest';
import type { ApiResponse } from '../../core/definition/api-model';
import { INLINE_CHECK_BYTES, runResponseCheck } from './check-in-worker';

const responses: ApiResponse[] = [
  {
    status: '200',
    headers: [],
    content: [
      {
        contentType: 'application/json',
        schema: { type: 'array', items: { type: 'integer' } },
        examples: [],
      },
    ],
  },
];

function jsonResponse(value: unknown) {
  return {
    status: 200,
    headers: [['content-type', 'application/json']] as Array<[string, string]>,
    contentType: 'application/json',
    body: new TextEncoder().encode(JSON.stringify(value)),
  };
}

describe('runResponseCheck', () => {
  it('checks a small body at once', async () => {
    const outcome = await runResponseCheck(
      { responses },
      'openapi-3.0',
      jsonResponse([1, 'two']),
      new AbortController().signal,
    );
    expect(outcome).toMatchObject({
      kind: 'checked',
      check: { kind: 'mismatches', issues: [{ pointer: '/1', expected: 'type integer' }] },
    });
  });

  it('says a body beyond the size budget is too large to check here', async () => {
    const outcome = await runResponseCheck(
      { responses },
      'openapi-3.0',
      jsonResponse([1, 2, 3]),
      new AbortController().signal,
      { bytes: 4 },
    );
    expect(outcome).toEqual({
      kind: 'too-large',
      reason: 'the body is larger than the 0 MB checked in the browser',
    });
  });

  it('checks a large body where no worker can start (here, Node) on the main thread instead', async () => {
    const many = Array.from({ length: 100_000 }, (_, i) => i);
    many[70_000] = -0.5;
    const outcome = await runResponseCheck(
      { responses },
      'openapi-3.0',
      jsonResponse(many),
      new AbortController().signal,
    );
    expect(JSON.stringify(many).length).toBeGreaterThan(INLINE_CHECK_BYTES);
    expect(outcome).toMatchObject({
      kind: 'checked',
      check: { kind: 'mismatches', total: 1, issues: [{ pointer: '/70000' }] },
    });
  });

  it('stops when the caller aborts', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      runResponseCheck({ responses }, 'openapi-3.0', jsonResponse([1]), controller.signal),
    ).rejects.toThrow('The check was cancelled.');
  });
});
