/**
 * A small loopback API for the response journeys and the benchmark: large JSON, CSV, binary,
 * HTML and Azure ML result bodies and a streamed (server-sent events) answer, with CORS for any
 * origin, plus an OpenAPI document that describes it. It starts on a free port and serves only
 * 127.0.0.1.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FixtureApi {
  url: string;
  close(): Promise<void>;
}

/** The classic 1x1 transparent PNG: a real image the browser can decode. */
export const TINY_PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

const jsonCache = new Map<number, Buffer>();

/**
 * About `megabytes` MB of realistic JSON: an Azure-ML-like envelope around an array of records
 * with strings, numbers, booleans, nulls, nesting and escapes. Minified, as servers send it.
 */
export function largeJson(megabytes: number): Buffer {
  const cached = jsonCache.get(megabytes);
  if (cached) return cached;
  const target = Math.round(megabytes * 1024 * 1024);
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < target - 64; i++) {
    const record = JSON.stringify({
      id: i,
      name: `Review ${i}`,
      text: `This is review number ${i}, with "quotes" and a tab\tinside.`,
      score: (i % 97) / 7,
      verified: i % 3 === 0,
      reviewer: i % 5 === 0 ? null : { id: `u-${i % 1000}`, since: '2026-11-26T12:00:00Z' },
      tags: ['books', i % 2 === 0 ? 'fiction' : 'history'],
    });
    parts.push(record);
    size += record.length + 1;
  }
  const body = Buffer.from(`{"count":${parts.length},"items":[${parts.join(',')}]}`);
  jsonCache.set(megabytes, body);
  return body;
}

export function csvBody(rows: number): Buffer {
  const lines = ['id,Col2,score'];
  for (let i = 0; i < rows; i++) lines.push(`${i},"Review ${i}, a ""good"" day",${i % 10}`);
  return Buffer.from(lines.join('\r\n') + '\r\n');
}

/** Bytes that are not text (NULs, invalid UTF-8), deterministic. */
export function binaryBody(size: number): Buffer {
  const b = Buffer.alloc(size);
  let x = 12345;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    b[i] = x >> 16;
  }
  b[0] = 0;
  b[1] = 0xff;
  return b;
}

const AZUREML_RESULT = JSON.stringify({
  Results: {
    output1: {
      type: 'table',
      value: {
        ColumnNames: ['Col2', ...Array.from({ length: 8 }, (_, i) => `Col2_HashingFeature.${i}`)],
        ColumnTypes: ['String', ...Array.from({ length: 8 }, () => 'Int32')],
        Values: [['This is a good day', '1', '1', '2', '2', '0', '2', '0', '1']],
      },
    },
  },
});

const wideCache = new Map<number, Buffer>();

/**
 * The demo service's RRS answer for 20 rows at a "Hashing bitsize" of `bits`: `Col2` and its
 * 2^bits feature columns, every cell a string (bits 14: 16,385 columns, 1.8 MB; bits 17:
 * 131,073 columns, 14.5 MB, under the service's 16 MB limit).
 */
export function wideAzureMlResult(bits: number): Buffer {
  const cached = wideCache.get(bits);
  if (cached) return cached;
  const features = 2 ** bits;
  const Values = Array.from({ length: 20 }, (_, r) => {
    const row = [`Review ${r}: this is a good day`];
    for (let i = 0; i < features; i++) row.push(i % 4093 === r ? '1' : '0');
    return row;
  });
  const body = Buffer.from(
    JSON.stringify({
      Results: {
        output1: {
          type: 'table',
          value: {
            ColumnNames: [
              'Col2',
              ...Array.from({ length: features }, (_, i) => `Col2_HashingFeature.${i}`),
            ],
            ColumnTypes: ['String', ...Array.from({ length: features }, () => 'Int32')],
            Values,
          },
        },
      },
    }),
  );
  wideCache.set(bits, body);
  return body;
}

const sseCache = new Map<number, { body: Buffer; events: number }>();
/** Words of the streamed answer, each one token-sized delta (with its leading space). */
const TOKENS = (
  'Feature hashing maps each word of a review to one of 2^n columns, so the model sees a ' +
  'fixed number of "features" whatever the vocabulary:'
)
  .split(' ')
  .map((word) => ` ${word}`);

/**
 * About `megabytes` MB of a prompt flow's streamed answer as server-sent events: an empty first
 * delta, then one `data: {"answer": "<delta>"}` event per token (a word, now and then a
 * paragraph break), as the demo's assistant endpoint sends them. `events` is how many.
 */
export function sseAnswer(megabytes: number): { body: Buffer; events: number } {
  const cached = sseCache.get(megabytes);
  if (cached) return cached;
  const target = Math.round(megabytes * 1024 * 1024);
  const parts = ['data: {"answer": ""}\n\n'];
  let size = parts[0]?.length ?? 0;
  for (let i = 0; size < target; i++) {
    const token = i % 40 === 39 ? '\n\n' : (TOKENS[i % TOKENS.length] ?? ' word');
    const event = `data: {"answer": ${JSON.stringify(token)}}\n\n`;
    parts.push(event);
    size += event.length;
  }
  const answer = { body: Buffer.from(parts.join('')), events: parts.length };
  sseCache.set(megabytes, answer);
  return answer;
}

/**
 * Writes a server-sent-events body as fast as the connection takes it, in `chunk`-byte writes
 * with a turn of the event loop between them: the browser reads it as a stream of many small
 * chunks, as a fast model's tokens arrive, not as one buffer.
 */
async function sendStream(res: ServerResponse, body: Buffer, chunk: number): Promise<void> {
  res.writeHead(200, {
    'Content-Type': 'text/event-stream; charset=utf-8',
    'Cache-Control': 'no-store',
    // The page may read when the first byte came (resource timing across origins).
    'Timing-Allow-Origin': '*',
  });
  for (let at = 0; at < body.length && !res.destroyed; at += chunk) {
    if (!res.write(body.subarray(at, at + chunk)))
      await new Promise<void>((resolve) => {
        const go = (): void => {
          res.off('drain', go);
          res.off('close', go);
          resolve();
        };
        res.once('drain', go);
        res.once('close', go);
      });
    else await new Promise<void>((resolve) => setImmediate(resolve));
  }
  if (!res.destroyed) res.end();
}

const HTML_BODY =
  '<!doctype html><html><body><h1>Injected</h1><script>window.__portico_pwned = true</script><img src=x onerror="window.__portico_pwned = true"></body></html>';

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: Buffer | string,
  extra: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Length': String(Buffer.byteLength(body)),
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

function handle(req: IncomingMessage, res: ServerResponse, baseUrl: () => string): void {
  res.setHeader('Access-Control-Allow-Origin', '*');
  res.setHeader('Access-Control-Expose-Headers', '*');
  if (req.method === 'OPTIONS') {
    res.writeHead(204, {
      'Access-Control-Allow-Methods': 'GET, POST, PUT, DELETE, OPTIONS',
      'Access-Control-Allow-Headers': 'Authorization, Content-Type, Ocp-Apim-Subscription-Key',
      'Access-Control-Max-Age': '600',
    });
    res.end();
    return;
  }
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const number = (name: string, fallback: number): number => {
    const v = Number(url.searchParams.get(name));
    return Number.isFinite(v) && v > 0 ? v : fallback;
  };
  // Drain any request body so keep-alive connections stay usable.
  req.resume();
  switch (url.pathname) {
    case '/openapi.json':
      return send(res, 200, 'application/json', JSON.stringify(fixtureDefinition(baseUrl())));
    case '/json': {
      const body = largeJson(number('mb', 1));
      // ?broken=1 cuts the last byte: a large body that is not valid JSON.
      const sent = url.searchParams.get('broken') ? body.subarray(0, body.length - 1) : body;
      return send(res, 200, 'application/json; charset=utf-8', sent);
    }
    case '/csv':
      return send(res, 200, 'text/csv; charset=utf-8', csvBody(number('rows', 50)));
    case '/binary':
      return send(res, 200, 'application/octet-stream', binaryBody(number('bytes', 3000)), {
        'Content-Disposition': 'attachment; filename="fixture.bin"',
      });
    case '/image':
      return send(res, 200, 'image/png', TINY_PNG);
    case '/html':
      return send(res, 200, 'text/html; charset=utf-8', HTML_BODY);
    case '/stream':
      // ?mb=5 streams about 5 MB of answer deltas; ?chunk= sets the size of each write.
      void sendStream(res, sseAnswer(number('mb', 1)).body, number('chunk', 4096));
      return;
    case '/azureml': {
      // ?bits=14 answers as the demo service does with that "Hashing bitsize" and 20 rows.
      const bits = Math.min(number('bits', 0), 17);
      const body = bits ? wideAzureMlResult(bits) : AZUREML_RESULT;
      return send(res, 200, 'application/json; charset=utf-8', body);
    }
    case '/error':
      return send(
        res,
        429,
        'application/json',
        JSON.stringify({
          statusCode: 429,
          message: 'Rate limit is exceeded. Try again in 57 seconds.',
        }),
        { 'Retry-After': '57' },
      );
    default:
      return send(
        res,
        404,
        'application/json',
        JSON.stringify({ error: { code: 'NotFound', message: 'No such fixture.' } }),
      );
  }
}

/** What largeJson writes, as an OpenAPI 3.0 schema. */
const REVIEWS_SCHEMA = {
  type: 'object',
  required: ['count', 'items'],
  properties: {
    count: { type: 'integer', minimum: 0 },
    items: {
      type: 'array',
      items: {
        type: 'object',
        required: ['id', 'name', 'text', 'score', 'verified', 'reviewer', 'tags'],
        additionalProperties: false,
        properties: {
          id: { type: 'integer' },
          name: { type: 'string' },
          text: { type: 'string' },
          score: { type: 'number', minimum: 0 },
          verified: { type: 'boolean' },
          reviewer: {
            type: 'object',
            nullable: true,
            required: ['id', 'since'],
            properties: { id: { type: 'string' }, since: { type: 'string', format: 'date-time' } },
          },
          tags: { type: 'array', items: { type: 'string', enum: ['books', 'fiction', 'history'] } },
        },
      },
    },
  },
};

/** An OpenAPI 3.0 document for the fixture endpoints, one tag, no security. */
export function fixtureDefinition(serverUrl: string): Record<string, unknown> {
  const op = (summary: string, operationId: string, parameters: unknown[] = []) => ({
    get: {
      tags: ['Fixtures'],
      summary,
      operationId,
      parameters,
      responses: { '200': { description: 'The fixture body.' } },
    },
  });
  const q = (name: string, example: string) => ({
    name,
    in: 'query',
    required: false,
    schema: { type: 'string', default: example },
    example,
  });
  return {
    openapi: '3.0.3',
    info: {
      title: 'Response Fixtures',
      version: '1.0.0',
      description: 'Bodies of every kind for the response panel.',
    },
    servers: [{ url: serverUrl }],
    tags: [{ name: 'Fixtures' }],
    paths: {
      '/json': {
        get: {
          ...op('Large JSON', 'largeJson', [
            q('mb', '5'),
            { name: 'broken', in: 'query', required: false, schema: { type: 'string' } },
          ]).get,
          // Every record declared, so the response check validates the whole body (the bench's
          // figure for checking 5 and 20 MB off the main thread).
          responses: {
            '200': {
              description: 'Reviews.',
              content: { 'application/json': { schema: REVIEWS_SCHEMA } },
            },
          },
        },
      },
      '/csv': op('CSV table', 'csvTable', [q('rows', '50')]),
      '/binary': op('Binary file', 'binaryFile', [q('bytes', '3000')]),
      '/image': op('PNG image', 'pngImage'),
      '/html': op('HTML page', 'htmlPage'),
      '/stream': {
        get: {
          ...op('Streamed answer', 'streamedAnswer', [q('mb', '1'), q('chunk', '4096')]).get,
          responses: {
            '200': {
              description: "A prompt flow's answer, streamed.",
              content: {
                'text/event-stream': {
                  schema: {
                    type: 'string',
                    description: 'Server-sent events: data: {"answer": "<delta>"}',
                  },
                },
              },
            },
          },
        },
      },
      '/azureml': op('AzureML result', 'azuremlResult', [
        { name: 'bits', in: 'query', required: false, schema: { type: 'string' } },
      ]),
      '/error': op('Rate limited', 'rateLimited'),
    },
  };
}

export async function startFixtureApi(
  options: { port?: number; definition?: (baseUrl: string) => unknown } = {},
): Promise<FixtureApi> {
  let base = '';
  // Serialised and encoded once, as a static host serves a file: a 23 MB definition takes the
  // server longer to stringify than to send.
  let definitionBody: Buffer | undefined;
  const server: Server = createServer((req, res) => {
    if (options.definition && req.url === '/openapi.json' && req.method === 'GET') {
      res.setHeader('Access-Control-Allow-Origin', '*');
      definitionBody ??= Buffer.from(JSON.stringify(options.definition(base)));
      send(res, 200, 'application/json', definitionBody);
      return;
    }
    handle(req, res, () => base);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  base = `http://127.0.0.1:${port}`;
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
