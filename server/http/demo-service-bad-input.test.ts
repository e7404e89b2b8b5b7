/**
 * The bad-input suite of the demo service (issue 10, items 1-6): hostile or broken requests
 * over a real socket against real Azurite. Every answer is below 500, arrives (no hang), and is
 * in the Azure ML error shape with an x-ms-request-id. Ctrl+C durability is exercised on the real
 * `node --import tsx server/dev-stack.ts` process in server/dev-stack.test.ts.
 */
import {
  createServer,
  request as httpRequest,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import { execFile } from 'node:child_process';
import { setTimeout as delay } from 'node:timers/promises';
import { promisify } from 'node:util';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest, type RawResponse } from '../testing/raw-http';
import { startTestAzurite, type TestAzurite } from '../testing/test-azurite';
import {
  createDemoService,
  type DemoService,
  type DemoServiceOptions,
} from './create-demo-service';

const KEY = 'bad-input-key';
const run = promisify(execFile);
const WS = '/workspaces/demo-workspace/services/simple-feature-hashing';
const EXECUTE = `${WS}/execute?api-version=2.0`;
const JOBS = `${WS}/jobs?api-version=2.0`;
const tutorial = {
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
};

let azurite: TestAzurite;
let data: ContainerClient;
let port: number;
const cleanups: Array<() => Promise<void>> = [];

async function startService(
  extra: Partial<DemoServiceOptions> = {},
): Promise<{ service: DemoService; port: number; base: string }> {
  const created = await createDemoService({
    storageConnectionString: azurite.connectionString,
    apiKey: KEY,
    port: 0,
    jobStoragePipeline: { retryOptions: { maxTries: 1 } },
    httpTimeouts: { requestMs: 1500, headersMs: 1000, idleMs: 5000, checkIntervalMs: 100 },
    ...extra,
  });
  cleanups.push(() => created.close());
  const base = await created.listen();
  return { service: created, port: Number(new URL(base).port), base };
}

beforeAll(async () => {
  azurite = await startTestAzurite();
  ({ port } = await startService());
  data = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
    'bad-input',
  );
  await data.createIfNotExists();
});

afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  await azurite?.stop();
});

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
}

/** A well-formed request with node's HTTP client (Host and body as given). */
async function send(
  method: string,
  path: string,
  options: { body?: string; headers?: Record<string, string>; to?: number } = {},
): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: options.to ?? port,
        method,
        path,
        headers: {
          authorization: `Bearer ${KEY}`,
          'content-type': 'application/json',
          ...options.headers,
        },
      },
      (res: IncomingMessage) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/** The Azure ML error shape, a request id, and the expected status and codes. */
function expectAzureMlError(
  answer: Answer | RawResponse,
  status: number,
  code: string,
  detailCode: string,
): { message: string } {
  const text = 'text' in answer ? answer.text : answer.body;
  expect(answer.status, text).toBe(status);
  expect(String(answer.headers['content-type'])).toMatch(/^application\/json/);
  expect(String(answer.headers['x-ms-request-id'] ?? '')).toMatch(/^[0-9a-f-]{36}$/);
  const body = JSON.parse(text) as {
    error: { code: string; message: string; details: Array<{ code: string; message: string }> };
  };
  expect(Object.keys(body)).toEqual(['error']);
  expect(typeof body.error.message).toBe('string');
  expect([body.error.code, body.error.details[0]?.code]).toEqual([code, detailCode]);
  return { message: body.error.details[0]?.message ?? '' };
}

function ownRef(relative: string) {
  return { ConnectionString: azurite.connectionString, RelativeLocation: relative };
}

/** A plain HTTP server on a local port standing in for a storage host, recording what it gets. */
async function fakeStorage(
  handler: (req: IncomingMessage, res: ServerResponse) => void = () => {},
): Promise<{ host: string; requests: string[]; server: Server }> {
  const requests: string[] = [];
  const server = createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    handler(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });
  const address = server.address();
  return {
    host: `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`,
    requests,
    server,
  };
}

async function submitJob(body: unknown, to = port): Promise<string> {
  const answer = await send('POST', JOBS, { body: JSON.stringify(body), to });
  expect(answer.status, answer.text).toBe(200);
  return JSON.parse(answer.text) as string;
}

async function runToEnd(id: string, to = port): Promise<{ StatusCode: string; Details: string }> {
  expect((await send('POST', `${WS}/jobs/${id}/start?api-version=2.0`, { to })).status).toBe(200);
  for (;;) {
    const status = JSON.parse(
      (await send('GET', `${WS}/jobs/${id}?api-version=2.0`, { to })).text,
    ) as {
      StatusCode: string;
      Details: string;
    };
    if (status.StatusCode !== 'Running') return status;
    await delay(50);
  }
}

describe('1. blob references go only to trusted storage', () => {
  it('refuses an input, a BlobEndpoint and an output on another local port, and never calls them', async () => {
    const other = await fakeStorage((_req, res) => res.end('Col2\nsecret first line\n'));
    const foreignSas = {
      BaseLocation: `http://${other.host}/acct/`,
      RelativeLocation: 'box/in.csv',
      SasBlobToken: '?sv=2024-08-04&sp=r&sig=abc',
    };
    const foreignKey = {
      ConnectionString: `AccountName=acct;AccountKey=a2V5;BlobEndpoint=http://${other.host}/acct`,
      RelativeLocation: '/box/out.csv',
    };
    for (const [body, field] of [
      [{ Inputs: { input1: foreignSas } }, 'Inputs.input1'],
      [{ Input: foreignKey }, 'Input'],
      [
        { Inputs: { input1: ownRef('/bad-input/in.csv') }, Outputs: { output1: foreignKey } },
        'Outputs.output1',
      ],
    ] as const) {
      const answer = await send('POST', JOBS, { body: JSON.stringify(body) });
      const { message } = expectAzureMlError(answer, 400, 'BadArgument', 'InvalidBlob');
      expect(message).toContain(`${field}: the storage host '${other.host}'`);
      expect(message).toContain(`DEMO_TRUSTED_STORAGE_HOSTS=${other.host}`);
    }
    expect(other.requests).toEqual([]);
  });

  it('accepts its own storage and Azure blob endpoints over https', async () => {
    await submitJob({ Inputs: { input1: ownRef('/bad-input/in.csv') } });
    await submitJob({
      Inputs: {
        input1: {
          ConnectionString: 'DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=a2V5',
          RelativeLocation: '/box/in.csv',
        },
      },
    });
    const http = await send('POST', JOBS, {
      body: JSON.stringify({
        Inputs: {
          input1: {
            BaseLocation: 'http://acct.blob.core.windows.net/',
            RelativeLocation: 'box/in.csv',
            SasBlobToken: '?sig=x',
          },
        },
      }),
    });
    expectAzureMlError(http, 400, 'BadArgument', 'InvalidBlob');
  });

  it.each(['/bad-input/../other/in.csv', '/bad-input/./in.csv', 'bad-input/a/../../b.csv'])(
    'refuses the dot segments of RelativeLocation %s',
    async (relative) => {
      const answer = await send('POST', JOBS, {
        body: JSON.stringify({ Inputs: { input1: ownRef(relative) } }),
      });
      const { message } = expectAzureMlError(answer, 400, 'BadArgument', 'InvalidBlob');
      expect(message).toContain("'.' or '..' segment");
    },
  );

  it('reads from a host an operator allows, and refuses it again once the setting is gone', async () => {
    const allowed = await fakeStorage((_req, res) => res.writeHead(404).end());
    const trusting = await startService({ trustedStorageHosts: [allowed.host] });
    const body = {
      Inputs: {
        input1: {
          BaseLocation: `http://${allowed.host}/acct/`,
          RelativeLocation: 'box/in.csv',
          SasBlobToken: '?sv=2024-08-04&sp=r&sig=abc',
        },
      },
    };
    const id = await submitJob(body, trusting.port);
    // The same storage, a service started without the setting: the stored job is not run.
    const strict = await startService();
    const done = await runToEnd(id, strict.port);
    expect(done.StatusCode).toBe('Failed');
    expect(done.Details).toContain(`the storage host '${allowed.host}'`);
    expect(allowed.requests).toEqual([]);
    expect((await runToEnd(await submitJob(body, trusting.port), trusting.port)).Details).toMatch(
      /was not found/,
    );
    expect(allowed.requests.length).toBeGreaterThan(0);
  });
});

describe('2. no job waits forever on storage', () => {
  it('fails a job whose storage never answers, naming the blob and the wait, and frees its slot', async () => {
    const silent = await fakeStorage(); // accepts, never answers
    const limited = await startService({
      trustedStorageHosts: [silent.host],
      storageTryTimeoutMs: 500,
      maxConcurrentJobs: 1,
    });
    const id = await submitJob(
      {
        Inputs: {
          input1: {
            BaseLocation: `http://${silent.host}/acct/`,
            RelativeLocation: 'box/in.csv',
            SasBlobToken: '?sv=2024-08-04&sp=r&sig=SECRET',
          },
        },
      },
      limited.port,
    );
    const done = await runToEnd(id, limited.port);
    expect(done.StatusCode).toBe('Failed');
    expect(done.Details).toContain(
      `Storage did not answer within 500 ms when the job tried to read the input blob 'box/in.csv' at http://${silent.host}/acct/`,
    );
    expect(done.Details).not.toContain('SECRET');
    await data.getBlockBlobClient('after-timeout.csv').upload('Col2\nok\n', 8);
    const next = await submitJob(
      { Inputs: { input1: ownRef('/bad-input/after-timeout.csv') } },
      limited.port,
    );
    expect((await runToEnd(next, limited.port)).StatusCode).toBe('Finished');
  });

  it('fails a job that outlives its deadline while storage trickles, and frees its slot', async () => {
    const trickle = await fakeStorage((_req, res) => {
      res.writeHead(200, {
        'content-length': '1000000',
        'content-type': 'text/csv',
        'x-ms-blob-type': 'BlockBlob',
        etag: '"0x1"',
        'last-modified': new Date().toUTCString(),
      });
      res.write('Col2\n');
      const timer = setInterval(() => res.write('a'), 100);
      res.on('close', () => clearInterval(timer));
    });
    const limited = await startService({
      trustedStorageHosts: [trickle.host],
      storageTryTimeoutMs: 1000,
      jobDeadlineMs: 1500,
      maxConcurrentJobs: 1,
    });
    const id = await submitJob(
      {
        Inputs: {
          input1: {
            BaseLocation: `http://${trickle.host}/acct/`,
            RelativeLocation: 'box/slow.csv',
            SasBlobToken: '?sv=2024-08-04&sp=r&sig=SECRET',
          },
        },
        Outputs: { output1: ownRef('/bad-input/slow-out.csv') },
      },
      limited.port,
    );
    const done = await runToEnd(id, limited.port);
    expect(done.StatusCode).toBe('Failed');
    expect(done.Details).toMatch(
      /did not end within 1500 ms, the service's limit for one run; it was streaming the input blob 'box\/slow.csv'/,
    );
    await data.getBlockBlobClient('after-deadline.csv').upload('Col2\nok\n', 8);
    const next = await submitJob(
      { Inputs: { input1: ownRef('/bad-input/after-deadline.csv') } },
      limited.port,
    );
    expect((await runToEnd(next, limited.port)).StatusCode).toBe('Finished');
  });
});

describe('3. cost is linear in the input', () => {
  it('refuses 300,000 column names at once and answers a small call sent at the same time', async () => {
    const names = Array.from({ length: 300_000 }, (_, i) => `c${i}`);
    const big = send('POST', EXECUTE, {
      body: JSON.stringify({ Inputs: { input1: { ColumnNames: names, Values: [] } } }),
    });
    const small = send('POST', EXECUTE, { body: JSON.stringify(tutorial) });
    const [bigAnswer, smallAnswer] = await Promise.all([big, small]);
    const { message } = expectAzureMlError(bigAnswer, 400, 'BadUserArgument', 'InputParseError');
    expect(message).toContain('300000 columns; this service accepts at most 1000');
    expect(smallAnswer.status).toBe(200);
  });

  it('answers 413 to an oversized body before it has arrived, and serves others meanwhile', async () => {
    const socketAnswer = rawRequest(port, [
      `POST ${EXECUTE} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${KEY}\r\nContent-Type: application/json\r\nContent-Length: 50000000\r\n\r\n`,
      '{"Inputs": {"input1": {"ColumnNames": ["Col2"], "Values": [["',
    ]);
    // Only a fraction of the declared body is ever sent: the answer cannot wait for the rest.
    const small = await send('POST', EXECUTE, { body: JSON.stringify(tutorial) });
    expect(small.status).toBe(200);
    const { message } = expectAzureMlError(
      await socketAnswer,
      413,
      'MemoryQuotaViolation',
      'RequestBodyTooLarge',
    );
    expect(message).toContain('4 MB');
  });

  it('lets a client that is still sending an oversized body read the 413', async () => {
    const answer = await new Promise<Answer>((resolve, reject) => {
      const req = httpRequest({
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: EXECUTE,
        headers: { authorization: `Bearer ${KEY}`, 'content-length': String(6 * 1024 * 1024) },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, text }));
      });
      req.on('error', reject);
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      let sent = 0;
      const pump = (): void => {
        while (sent < 6 * 1024 * 1024) {
          sent += chunk.length;
          if (!req.write(chunk)) {
            req.once('drain', pump);
            return;
          }
        }
        req.end();
      };
      pump();
    });
    expectAzureMlError(answer, 413, 'MemoryQuotaViolation', 'RequestBodyTooLarge');
  });

  it("lets Python's urllib, which sends the whole body before it reads, get the 413", async () => {
    // urllib writes all of the body first; answering and closing mid-body broke its pipe.
    const script = [
      'import sys, urllib.request, urllib.error',
      `request = urllib.request.Request(sys.argv[1], data=b' ' * (6 * 1024 * 1024), method='POST', headers={'Authorization': 'Bearer ${KEY}', 'Content-Type': 'application/json'})`,
      'try:',
      '    urllib.request.urlopen(request)',
      'except urllib.error.HTTPError as error:',
      '    print(error.code, error.read().decode())',
    ].join('\n');
    const { stdout } = await run('python3', ['-c', script, `http://127.0.0.1:${port}${EXECUTE}`]);
    expect(stdout).toMatch(/^413 /);
    expect(stdout).toContain('RequestBodyTooLarge');
  });

  it('caps the answer size: bitsize 20 on one row is refused, naming the 16 MB limit', async () => {
    const answer = await send('POST', EXECUTE, {
      body: JSON.stringify({ ...tutorial, GlobalParameters: { 'Hashing bitsize': 20 } }),
    });
    const { message } = expectAzureMlError(answer, 413, 'MemoryQuotaViolation', 'OutputTooLarge');
    expect(message).toContain('limit of 16 MB');
  });

  it('cuts long values it quotes in errors to a few hundred characters', async () => {
    const long = 'x'.repeat(100_000);
    const answers = [
      await send('POST', EXECUTE, {
        body: JSON.stringify({ Inputs: { input1: { ColumnNames: [long], Values: [] } } }),
      }),
      await send('POST', EXECUTE, {
        body: JSON.stringify({ ...tutorial, GlobalParameters: { [long]: 1 } }),
      }),
      await send('POST', `/workspaces/${long.slice(0, 8000)}/services/s/execute?api-version=2.0`),
      await send('POST', `${WS}/execute?api-version=${long.slice(0, 8000)}`),
      await send('POST', JOBS, {
        body: JSON.stringify({ Inputs: { input1: ownRef(`/${long}`) } }),
      }),
    ];
    for (const answer of answers) {
      expect(answer.status, answer.text).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.text.length, answer.text.slice(0, 300)).toBeLessThan(1200);
      expect(answer.text).toContain('characters)');
    }
  });
});

describe('4. HTTP edges in the service shape', () => {
  it('checks the key before the body: no key and bad JSON is a 401', async () => {
    const answer = await send('POST', EXECUTE, {
      body: '{not json',
      headers: { authorization: '' },
    });
    expectAzureMlError(answer, 401, 'Unauthorized', 'ScoreRequestUnauthorized');
  });

  const head = (extra: string): string =>
    `POST ${EXECUTE} HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nAuthorization: Bearer ${KEY}\r\n${extra}`;
  it.each([
    ['a bad Content-Length', [head('Content-Length: 12abc\r\n\r\n{}')], 400, 'RequestInvalid'],
    [
      'Content-Length with chunking',
      [head('Content-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}\r\n0\r\n\r\n')],
      400,
      'RequestInvalid',
    ],
    [
      'bad chunking',
      [head('Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n')],
      400,
      'RequestInvalid',
    ],
    ['a bad request line', ['GET /health HTTP/9.x\r\n\r\n'], 400, 'RequestInvalid'],
    ['a request line of noise', ['\u0001\u0002 nonsense\r\n\r\n'], 400, 'RequestInvalid'],
    [
      'headers over 16 KB',
      [`GET /health HTTP/1.1\r\nHost: 127.0.0.1:PORT\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`],
      431,
      'RequestHeadersTooLarge',
    ],
  ] as const)('answers %s in the Azure ML shape', async (_name, chunks, status, detail) => {
    const answer = await rawRequest(
      port,
      chunks.map((c) => c.replace('PORT', String(port))),
    );
    expectAzureMlError(answer, status, status === 431 ? 'BadArgument' : 'BadArgument', detail);
  });

  it('cuts off a client that sends one byte at a time, with a 408', async () => {
    const body = JSON.stringify(tutorial);
    const answer = await rawRequest(
      port,
      [
        `POST ${EXECUTE} HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nAuthorization: Bearer ${KEY}\r\nContent-Length: ${body.length}\r\n\r\n`,
        ...body.split(''),
      ],
      { gapMs: 300 },
    );
    expectAzureMlError(answer, 408, 'RequestTimeout', 'RequestTimeout');
  });

  it('cuts off a client that trickles its headers, with a 408', async () => {
    const answer = await rawRequest(
      port,
      `GET /health HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nX-Slow: ${'a'.repeat(30)}\r\n\r\n`.split(
        '',
      ),
      {
        gapMs: 100,
      },
    );
    expectAzureMlError(answer, 408, 'RequestTimeout', 'RequestTimeout');
  });

  it('answers a preflight without Origin in the Azure ML shape', async () => {
    const answer = await send('OPTIONS', EXECUTE, {
      headers: { 'access-control-request-method': 'POST' },
    });
    expectAzureMlError(answer, 400, 'BadArgument', 'InvalidPreflightRequest');
  });

  it('answers 404 JobNotFound for a job id of any length', async () => {
    for (const id of ['abc', 'f'.repeat(33), 'a'.repeat(5000)]) {
      for (const [method, path] of [
        ['GET', `${WS}/jobs/${id}?api-version=2.0`],
        ['POST', `${WS}/jobs/${id}/start?api-version=2.0`],
        ['DELETE', `${WS}/jobs/${id}?api-version=2.0`],
      ] as const) {
        const answer = await send(method, path);
        const { message } = expectAzureMlError(answer, 404, 'NotFound', 'JobNotFound');
        expect(message.length).toBeLessThan(400);
      }
    }
  });
});

describe('5. only the expected Host', () => {
  it('refuses a Host that is not one of its addresses, and accepts its own', async () => {
    for (const host of ['evil.example', `evil.example:${port}`, `127.0.0.1:${port + 1}`, '']) {
      const answer = await rawRequest(port, [
        `GET /health HTTP/1.1\r\n${host ? `Host: ${host}\r\n` : ''}\r\n`,
      ]);
      const { message } = expectAzureMlError(answer, 400, 'BadArgument', 'InvalidHostHeader');
      expect(message).toContain('DEMO_PUBLIC_HOSTS');
    }
    const rebound = await send('POST', EXECUTE, {
      body: JSON.stringify(tutorial),
      headers: { host: `rebind.example:${port}`, origin: `http://rebind.example:${port}` },
    });
    expectAzureMlError(rebound, 400, 'BadArgument', 'InvalidHostHeader');
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await send('GET', '/health', { headers: { host } })).status).toBe(200);
    }
  });

  it('accepts a configured public name', async () => {
    const named = await startService({ publicHosts: ['portico.test', 'tunnel.example:443'] });
    for (const host of [`portico.test:${named.port}`, 'tunnel.example:443']) {
      expect((await send('GET', '/health', { headers: { host }, to: named.port })).status).toBe(
        200,
      );
    }
  });
});

describe('6. an acknowledged job is stored', () => {
  it('answers Submit and Start only once another instance on the same storage sees the job', async () => {
    await data.getBlockBlobClient('ack.csv').upload('Col2\nok\n', 8);
    const id = await submitJob({ Inputs: { input1: ownRef('/bad-input/ack.csv') } });
    const other = await startService();
    const seen = await send('GET', `${WS}/jobs/${id}?api-version=2.0`, { to: other.port });
    expect(JSON.parse(seen.text)).toMatchObject({ StatusCode: 'NotStarted' });
  });
});
