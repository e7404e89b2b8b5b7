import { describe, expect, it } from 'vitest';
import { DefinitionError } from './definition-error';
import { fetchText } from './fetch-text';

/** A response whose body arrives in the given byte chunks. */
function chunked(chunks: number[][], contentType = 'application/json'): Response {
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      for (const c of chunks) controller.enqueue(new Uint8Array(c));
      controller.close();
    },
  });
  return new Response(body, { headers: { 'content-type': contentType } });
}

describe('fetchText', () => {
  it('decodes a body chunk by chunk: a character split across chunks and a BOM come out as text() gives them', async () => {
    const bytes = [...new TextEncoder().encode('\uFEFF{"title":"Café ☕ 𝄞"}')];
    // Cut inside the three-byte BOM, the two-byte é, the three-byte ☕ and the four-byte 𝄞.
    const cuts = [1, 13, 18, 22, bytes.length - 3];
    const chunks = [0, ...cuts].map((from, i) => bytes.slice(from, [...cuts, bytes.length][i]));
    const expected = await new Response(new Uint8Array(bytes)).text();
    const { text } = await fetchText('http://api.test/openapi.json', {
      what: 'the definition',
      fetchImpl: () => Promise.resolve(chunked(chunks)),
    });
    expect(text).toBe(expected);
    expect(text).toBe('{"title":"Café ☕ 𝄞"}');
  });

  it('stops reading when the load is cancelled mid-body', async () => {
    const controller = new AbortController();
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(stream) {
        sent += 1;
        if (sent === 2) controller.abort();
        stream.enqueue(new TextEncoder().encode('{"a":1,'));
      },
      cancel() {},
    });
    const reading = fetchText('http://api.test/openapi.json', {
      what: 'the definition',
      signal: controller.signal,
      fetchImpl: (_url, init) =>
        Promise.resolve(
          new Response(
            body.pipeThrough(new TransformStream(), { signal: init?.signal ?? undefined }),
          ),
        ),
    });
    await expect(reading).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('marks a fetch that got no response at all (what a CORS refusal looks like), not an HTTP error', async () => {
    const refused = await fetchText('http://files.test/openapi.json', {
      what: 'the definition',
      fetchImpl: () => Promise.reject(new TypeError('Failed to fetch')),
    }).catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DefinitionError);
    expect((refused as DefinitionError).noResponse).toBe(true);
    const missing = await fetchText('http://files.test/openapi.json', {
      what: 'the definition',
      fetchImpl: () => Promise.resolve(new Response('', { status: 404 })),
    }).catch((e: unknown) => e);
    expect((missing as DefinitionError).noResponse).toBeUndefined();
  });
});
