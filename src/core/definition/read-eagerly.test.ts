import { describe, expect, it } from 'vitest';
import { readEagerly } from './read-eagerly';

const encoder = new TextEncoder();

/** A response whose body gives `parts` one by one and records how far it has been read. */
function countedResponse(parts: string[], options: { failAfter?: number } = {}) {
  const read = { count: 0, cancelled: undefined as unknown };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (options.failAfter !== undefined && read.count === options.failAfter) {
          controller.error(new TypeError('network error'));
          return;
        }
        const part = parts[read.count];
        if (part === undefined) {
          controller.close();
          return;
        }
        read.count += 1;
        controller.enqueue(encoder.encode(part));
      },
      cancel(reason) {
        read.cancelled = reason;
      },
    },
    // Nothing read ahead by the stream itself: only what a reader asks for.
    { highWaterMark: 0 },
  );
  const response = new Response(body, {
    status: 404,
    statusText: 'Not Found',
    headers: { 'content-type': 'application/json', 'x-request-id': 'r1' },
  });
  return { response, read };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('readEagerly', () => {
  it('reads the whole body before anyone asks for it, and then gives it in order', async () => {
    const { response, read } = countedResponse(['{"a":', '1,"b"', ':[2,3]}']);
    const eager = readEagerly(response);
    await settle();
    // A plain response would not have been read at all by now.
    expect(read.count).toBe(3);
    expect(await eager.text()).toBe('{"a":1,"b":[2,3]}');
  });

  it('keeps the status, status text and headers', () => {
    const { response } = countedResponse(['x']);
    const eager = readEagerly(response);
    expect(eager.status).toBe(404);
    expect(eager.ok).toBe(false);
    expect(eager.statusText).toBe('Not Found');
    expect(eager.headers.get('x-request-id')).toBe('r1');
  });

  it('gives a reader that is already waiting each chunk as it arrives', async () => {
    const { response } = countedResponse(['one ', 'two ', 'three']);
    const reader = readEagerly(response).body?.getReader();
    const decoder = new TextDecoder();
    let text = '';
    for (;;) {
      const { done, value } = (await reader?.read()) ?? { done: true };
      if (done) break;
      text += decoder.decode(value, { stream: true });
    }
    expect(text).toBe('one two three');
  });

  it('passes on an error of the download after what had arrived', async () => {
    const { response } = countedResponse(['{"a":', '1'], { failAfter: 1 });
    const reader = readEagerly(response).body?.getReader();
    const first = await reader?.read();
    expect(new TextDecoder().decode(first?.value)).toBe('{"a":');
    await expect(reader?.read()).rejects.toThrow('network error');
  });

  it('cancels the download when its reader cancels', async () => {
    const parts = Array.from({ length: 1000 }, () => 'x');
    const { response, read } = countedResponse(parts);
    const eager = readEagerly(response);
    await eager.body?.cancel('another API was opened');
    await settle();
    expect(read.cancelled).toBe('another API was opened');
    expect(read.count).toBeLessThan(1000);
  });

  it('returns a response without a body as it is', () => {
    const empty = new Response(null, { status: 204 });
    expect(readEagerly(empty)).toBe(empty);
  });
});
