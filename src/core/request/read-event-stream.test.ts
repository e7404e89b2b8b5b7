import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpRequest } from './http-request';
import {
  isEventStream,
  READ_SLICE_MS,
  readEventStream,
  type StreamedEvent,
} from './read-event-stream';
import { sendRequest } from './send-request';

const WORDS = ['', 'Feature', ' hashing', ' turns', ' words', ' into', ' columns', '.'];

/** A prompt-flow style stream: one event per word, each when the test lets it go. */
describe('sendRequest with a text/event-stream answer', () => {
  let server: Server;
  let base = '';
  let closedEarly = false;
  const gates: Array<() => void> = [];
  const nextGate = (): Promise<void> => new Promise((resolve) => gates.push(resolve));

  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8' });
        res.on('close', () => {
          if (!res.writableFinished) closedEarly = true;
        });
        void (async () => {
          for (const word of WORDS) {
            if (req.url === '/gated') await nextGate();
            if (res.destroyed) return;
            res.write(`data: ${JSON.stringify({ answer: word })}\n\n`);
          }
          res.end();
        })();
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const ask = (path: string): HttpRequest => ({
    method: 'POST',
    url: `${base}${path}`,
    headers: [
      { name: 'Accept', value: 'text/event-stream' },
      { name: 'Content-Type', value: 'application/json' },
    ],
    body: '{"question":"What is feature hashing?","chat_history":[]}',
  });

  it('hands over every event as it arrives, then the whole stream as the body', async () => {
    const events: StreamedEvent[] = [];
    const response = await sendRequest(ask('/all'), { onStreamEvent: (e) => events.push(e) });
    expect(events.map((e) => JSON.parse(e.data) as unknown)).toEqual(
      WORDS.map((answer) => ({ answer })),
    );
    expect(response.status).toBe(200);
    expect(response.stream).toMatchObject({ events: WORDS.length, stopped: false });
    expect(response.stream?.firstEventMs).toBe(events[0]?.atMs);
    expect(new TextDecoder().decode(response.body)).toBe(
      WORDS.map((answer) => `data: ${JSON.stringify({ answer })}\n\n`).join(''),
    );
  });

  it('shows an event before the next one is even written, and Stop keeps what came', async () => {
    const controller = new AbortController();
    const events: StreamedEvent[] = [];
    let release = (): void => undefined;
    const thirdEvent = new Promise<void>((resolve) => (release = resolve));
    const sent = sendRequest(ask('/gated'), {
      signal: controller.signal,
      onStreamEvent: (e) => {
        events.push(e);
        if (events.length === 3) release();
        // The server writes the next event only when the client has seen this one.
        else gates.shift()?.();
      },
    });
    // Let the first event go.
    while (gates.length === 0) await new Promise((r) => setTimeout(r, 5));
    gates.shift()?.();
    await thirdEvent;
    controller.abort();
    const response = await sent;
    expect(response.stream).toMatchObject({ events: 3, stopped: true });
    expect(new TextDecoder().decode(response.body)).toBe(
      'data: {"answer":""}\n\ndata: {"answer":"Feature"}\n\ndata: {"answer":" hashing"}\n\n',
    );
    // The server saw the client go: a stream stops costing once the user stops it.
    gates.splice(0).forEach((open) => open());
    await expect.poll(() => closedEarly).toBe(true);
  });

  it('reads a JSON answer whole, as before, when the caller listens for events', async () => {
    const json = createServer((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end('{"answer":"whole"}');
    });
    await new Promise<void>((resolve) => json.listen(0, '127.0.0.1', resolve));
    const port = (json.address() as AddressInfo).port;
    const response = await sendRequest(
      { method: 'GET', url: `http://127.0.0.1:${port}/`, headers: [] },
      { onStreamEvent: () => undefined },
    );
    await new Promise<void>((resolve) => json.close(() => resolve()));
    expect(response.stream).toBeUndefined();
    expect(new TextDecoder().decode(response.body)).toBe('{"answer":"whole"}');
  });
});

describe('readEventStream', () => {
  it('decodes UTF-8 split across chunks and times events from the start', async () => {
    const bytes = new TextEncoder().encode('data: {"answer":"héllo"}\n\n');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(bytes.subarray(0, 20));
        controller.enqueue(bytes.subarray(20));
        controller.close();
      },
    });
    let clock = 100;
    const events: StreamedEvent[] = [];
    const result = await readEventStream(body, {
      startedAt: 40,
      now: () => clock++,
      onEvent: (e) => events.push(e),
    });
    expect(events).toEqual([{ data: '{"answer":"héllo"}', atMs: 60 }]);
    expect(result).toMatchObject({ events: 1, firstEventMs: 60, stopped: false });
    expect(result.body).toEqual(bytes);
  });

  it('lets the page run between slices of reading when chunks wait faster than it reads them', async () => {
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 6; i++) controller.enqueue(new TextEncoder().encode(`data: ${i}\n\n`));
        controller.close();
      },
    });
    const seen: string[] = [];
    const result = await readEventStream(body, {
      startedAt: 0,
      onEvent: (e) => {
        seen.push(e.data);
        // Each event costs the main thread more than half a slice.
        const until = performance.now() + READ_SLICE_MS * 0.6;
        while (performance.now() < until);
      },
      yieldToPage: () => {
        seen.push('yield');
        return Promise.resolve();
      },
    });
    expect(result.events).toBe(6);
    expect(seen.filter((s) => s !== 'yield')).toEqual(['0', '1', '2', '3', '4', '5']);
    // Never more than two events' work without letting the page in.
    const runs = seen.join(',').split('yield');
    expect(runs.length).toBeGreaterThanOrEqual(3);
    for (const run of runs) expect(run.split(',').filter(Boolean).length).toBeLessThanOrEqual(2);
  });

  it('lets the page in within one large chunk too', async () => {
    // 40,000 events in one chunk, as Chrome hands over what piled up while the page was busy.
    const text = Array.from({ length: 40_000 }, (_, i) => `data: {"answer":" w${i}"}\n\n`).join('');
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(text));
        controller.close();
      },
    });
    let events = 0;
    let pauses = 0;
    const result = await readEventStream(body, {
      startedAt: 0,
      onEvent: () => {
        events++;
        const until = performance.now() + 0.002;
        while (performance.now() < until);
      },
      yieldToPage: () => {
        pauses++;
        return Promise.resolve();
      },
    });
    expect(result.events).toBe(40_000);
    expect(events).toBe(40_000);
    expect(pauses).toBeGreaterThan(0);
    expect(result.body.byteLength).toBe(text.length);
  });

  it('knows an event stream by its media type, parameters aside', () => {
    expect(isEventStream('text/event-stream; charset=utf-8')).toBe(true);
    expect(isEventStream('Text/Event-Stream')).toBe(true);
    expect(isEventStream('application/json')).toBe(false);
    expect(isEventStream(null)).toBe(false);
  });
});
