import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeError } from '../errors/describe-error';
import type { HttpRequest } from './http-request';
import { HeaderError, SendError } from './send-error';
import { sendRequest } from './send-request';

const post = (url: string): HttpRequest => ({
  method: 'POST',
  url,
  headers: [
    { name: 'Authorization', value: 'Bearer k', secret: true },
    { name: 'Content-Type', value: 'application/json' },
    { name: 'Accept', value: '*/*' },
  ],
  body: '{"a":1}',
});

/** Waits for the abort of the signal it is given, like a server that never answers. */
const hanging: typeof fetch = (_input, init) =>
  new Promise((_resolve, reject) => {
    const signal = init?.signal;
    signal?.addEventListener('abort', () => {
      const reason: unknown = signal.reason;
      // fetch rejects with the abort's reason; send-request always aborts with a DOMException.
      reject(reason instanceof Error ? reason : new DOMException('Aborted', 'AbortError'));
    });
  });

async function sendError(
  request: HttpRequest,
  options: Parameters<typeof sendRequest>[1],
): Promise<SendError> {
  const error = await sendRequest(request, options).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(SendError);
  return error as SendError;
}

describe('sendRequest against a real server', () => {
  let server: Server;
  let base = '';
  const seen: Array<{ method?: string; url?: string; auth?: string; type?: string; body: string }> =
    [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk: Buffer) => (body += chunk.toString()));
      req.on('end', () => {
        seen.push({
          method: req.method,
          url: req.url,
          auth: req.headers.authorization,
          type: req.headers['content-type'],
          body,
        });
        if (req.url?.startsWith('/missing')) {
          res.writeHead(404, '', { 'Content-Type': 'application/json' });
          res.end('{"error":{"code":"NotFound"}}');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json; charset=utf-8', 'X-Demo': 'yes' });
        res.end('{"ok":"é"}');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends method, headers and body and reads the body as bytes', async () => {
    const response = await sendRequest(post(`${base}/score?x=1`), { timeoutMs: 5000 });
    expect(seen.at(-1)).toEqual({
      method: 'POST',
      url: '/score?x=1',
      auth: 'Bearer k',
      type: 'application/json',
      body: '{"a":1}',
    });
    expect(response.status).toBe(200);
    expect(response.statusText).toBe('OK');
    expect(response.contentType).toBe('application/json; charset=utf-8');
    expect(new TextDecoder().decode(response.body)).toBe('{"ok":"é"}');
    expect(response.size).toBe(11);
    expect(response.headers).toContainEqual(['x-demo', 'yes']);
    expect(response.durationMs).toBeGreaterThanOrEqual(0);
  });

  it('returns 4xx as a response and fills in a missing status text', async () => {
    const response = await sendRequest({ method: 'GET', url: `${base}/missing`, headers: [] });
    expect(response.status).toBe(404);
    expect(response.statusText).toBe('Not Found');
  });
});

describe('sendRequest failures', () => {
  it('reports CORS when a no-cors probe gets through', async () => {
    const calls: RequestInit[] = [];
    const fetchImpl: typeof fetch = async (_input, init) => {
      calls.push(init ?? {});
      if (init?.mode === 'no-cors') return new Response(null, { status: 200 });
      throw new TypeError('Failed to fetch');
    };
    const error = await sendError(post('https://x.azure-api.net/azureml-demo/jobs'), { fetchImpl });
    expect(error.kind).toBe('cors');
    expect(error.message).toBe(
      'https://x.azure-api.net answered, but the browser blocked the response (CORS)',
    );
    expect(error.hint).toBe(
      "The server must allow this portal's origin and the request headers Authorization, Content-Type for POST requests, including the preflight (OPTIONS). Behind Azure API Management, add a CORS policy to the API that allows them.",
    );
    expect(calls.map((c) => [c.method, c.mode])).toEqual([
      ['POST', 'cors'],
      ['HEAD', 'no-cors'],
    ]);
  });

  it('reports an unreachable server when the probe fails too', async () => {
    const fetchImpl: typeof fetch = async () => {
      throw new TypeError('Failed to fetch');
    };
    const error = await sendError(post('http://127.0.0.1:9/x?code=secret'), {
      fetchImpl,
      probeTimeoutMs: 200,
    });
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe('Could not reach http://127.0.0.1:9');
    expect(error.hint).toBe(
      "Is the server running, and is the environment's base URL right? For the local demo stack, start it with npm start.",
    );
  });

  it('reports a real refused connection as unreachable', async () => {
    const error = await sendError(post('http://127.0.0.1:9/x'), { probeTimeoutMs: 1000 });
    expect(error.kind).toBe('unreachable');
  });

  it('reports a connection that breaks mid-body, without probing for CORS', async () => {
    let calls = 0;
    const fetchImpl: typeof fetch = async () => {
      calls += 1;
      const body = new ReadableStream<Uint8Array>({
        start(controller) {
          controller.enqueue(new Uint8Array([123]));
          controller.error(new TypeError('network error'));
        },
      });
      return new Response(body, { status: 200 });
    };
    const error = await sendError(post('https://h.example/x'), { fetchImpl });
    expect(error.kind).toBe('unreachable');
    expect(error.message).toBe(
      'The connection to h.example broke while the response (HTTP 200) was arriving',
    );
    expect(calls).toBe(1);
  });

  it('times out with its own timer', async () => {
    const error = await sendError(post('https://slow.example/x'), {
      fetchImpl: hanging,
      timeoutMs: 30,
    });
    expect(error.kind).toBe('timeout');
    expect(error.message).toBe('No complete response from slow.example within 0.03 s');
  });

  it('tells a user cancel from a timeout', async () => {
    const controller = new AbortController();
    const pending = sendRequest(post('https://slow.example/x'), {
      fetchImpl: hanging,
      timeoutMs: 10_000,
      signal: controller.signal,
    }).catch((e: unknown) => e);
    controller.abort();
    const error = (await pending) as SendError;
    expect(error.kind).toBe('cancelled');
    const already = await sendError(post('https://x/'), { signal: AbortSignal.abort() });
    expect(already.kind).toBe('cancelled');
  });

  it('rejects URLs that are not absolute http(s), without showing secrets', async () => {
    const error = await sendError(
      { method: 'GET', url: 'localhost:8790/x?code=k', headers: [], secretQuery: ['code'] },
      {},
    );
    expect(error.kind).toBe('invalid-url');
    expect(error.message).toBe('"localhost:8790/x?code=••••••" is not an http(s) URL');
    const relative = await sendError({ method: 'GET', url: '/x', headers: [] }, {});
    expect(relative.message).toBe('"/x" is not a valid URL');
  });
});

describe('sendRequest header checks', () => {
  it('names a header that cannot be sent instead of blaming the network', async () => {
    const request = {
      method: 'GET',
      url: 'https://h/',
      headers: [{ name: 'X-Note', value: 'a\nb' }],
    };
    await expect(sendRequest(request, { fetchImpl: hanging })).rejects.toThrow(
      'The header "X-Note" cannot be sent: its value contains a line break or a character outside Latin-1.',
    );
    const badName = {
      method: 'GET',
      url: 'https://h/',
      headers: [{ name: 'My Header', value: 'x' }],
    };
    await expect(sendRequest(badName, { fetchImpl: hanging })).rejects.toThrow(
      /"My Header" cannot be sent: its name/,
    );
    const error: unknown = await sendRequest(badName, { fetchImpl: hanging }).catch((e) => e);
    expect(error).toBeInstanceOf(HeaderError);
    expect((error as HeaderError).header).toBe('My Header');
    expect(describeError(error)).toEqual({
      title: 'Header cannot be sent',
      message: (error as HeaderError).message,
      hint: 'Fix or remove the header under Headers, then send again.',
    });
  });
});

describe('describeError', () => {
  it('turns errors into a title, a message and a hint', () => {
    expect(describeError(new SendError('timeout', 'No response', 'Raise it'))).toEqual({
      title: 'Request timed out',
      message: 'No response',
      hint: 'Raise it',
    });
    expect(describeError(new Error('boom'))).toEqual({
      title: 'Something went wrong',
      message: 'boom',
    });
    expect(describeError('text')).toEqual({ title: 'Something went wrong', message: 'text' });
    expect(describeError(new DOMException('x', 'AbortError')).title).toBe('Request cancelled');
  });
});

describe('sendRequest and redirects', () => {
  let target: Server;
  let redirecting: Server;
  let targetUrl = '';
  let redirectingUrl = '';
  const reached: Array<{ url?: string; key?: string }> = [];
  const listen = async (server: Server): Promise<string> => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  beforeAll(async () => {
    target = createServer((req, res) => {
      reached.push({ url: req.url, key: req.headers['x-api-key'] as string | undefined });
      res.writeHead(200, { 'Content-Type': 'text/plain' }).end('elsewhere');
    });
    targetUrl = await listen(target);
    redirecting = createServer((_req, res) => {
      res.writeHead(302, { Location: `${targetUrl}/collect?sig=stolen&x=1` }).end();
    });
    redirectingUrl = await listen(redirecting);
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => target.close(() => resolve()));
    await new Promise<void>((resolve) => redirecting.close(() => resolve()));
  });

  const withKey = (url: string): HttpRequest => ({
    method: 'GET',
    url,
    headers: [{ name: 'x-api-key', value: 'k-123' }],
  });

  it('does not follow a redirect with credentials, and says where it pointed', async () => {
    const error = await sendError(withKey(`${redirectingUrl}/run?code=c1`), { timeoutMs: 5000 });
    expect(error.kind).toBe('redirect');
    expect(error.message).toBe(
      `${new URL(redirectingUrl).host} answered ${redirectingUrl}/run?code=•••••• with a redirect to ${targetUrl}/collect?sig=••••••&x=1; it was not followed`,
    );
    expect(describeError(error).title).toBe('Redirect not followed');
    expect(reached).toEqual([]);
  });

  it('follows it when the user decides to, and without credentials', async () => {
    const followed = await sendRequest(withKey(`${redirectingUrl}/run`), {
      timeoutMs: 5000,
      followRedirects: true,
    });
    expect(new TextDecoder().decode(followed.body)).toBe('elsewhere');
    const plain = await sendRequest(
      { method: 'GET', url: `${redirectingUrl}/run?page=2`, headers: [] },
      { timeoutMs: 5000 },
    );
    expect(plain.status).toBe(200);
    expect(reached.map((r) => r.url)).toEqual([
      '/collect?sig=stolen&x=1',
      '/collect?sig=stolen&x=1',
    ]);
  });
});
