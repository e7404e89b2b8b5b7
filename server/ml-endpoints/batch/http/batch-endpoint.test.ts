import { createServer, type Server } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRequest } from '../../../testing/raw-http';
import { startTestAzurite, type TestAzurite } from '../../../testing/test-azurite';
import {
  createBatchEndpoint,
  type BatchEndpoint,
  type BatchEndpointOptions,
} from './create-batch-endpoint';

/** A stand-in OpenID provider: discovery + JWKS of a key pair made here (the stack's is H1's). */
interface TestIssuer {
  issuer: string;
  sign: (claims?: Record<string, unknown>, key?: CryptoKey) => Promise<string>;
  close: () => Promise<void>;
}

async function startIssuer(): Promise<TestIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'test-key', alg: 'RS256', use: 'sig' };
  let issuer = '';
  const server: Server = createServer((request, response) => {
    const body =
      request.url === '/.well-known/openid-configuration'
        ? { issuer, jwks_uri: `${issuer}/jwks` }
        : request.url === '/jwks'
          ? { keys: [jwk] }
          : undefined;
    response.writeHead(body ? 200 : 404, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? {}));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  issuer = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return {
    issuer,
    sign: async (claims = {}, key = privateKey) =>
      new SignJWT({ scp: 'user_impersonation', ...claims })
        .setProtectedHeader({ alg: 'RS256', kid: 'test-key' })
        .setIssuer(typeof claims.iss === 'string' ? claims.iss : issuer)
        .setAudience(typeof claims.aud === 'string' ? claims.aud : 'https://ml.azure.com')
        .setSubject('portico-demo-service')
        .setIssuedAt()
        .setExpirationTime(typeof claims.exp === 'number' ? claims.exp : '10m')
        .sign(key),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

let azurite: TestAzurite;
let issuer: TestIssuer;
let endpoint: BatchEndpoint;
let token: string;
let data: ContainerClient;
let blobs: BlobServiceClient;
const endpoints: BatchEndpoint[] = [];

async function startEndpoint(extra: Partial<BatchEndpointOptions> = {}): Promise<BatchEndpoint> {
  const created = await createBatchEndpoint({
    storageConnectionString: azurite.connectionString,
    tokenIssuer: issuer.issuer,
    minRuntimeMs: 0,
    jobStoragePipeline: { retryOptions: { maxTries: 1 } },
    ...extra,
  });
  endpoints.push(created);
  return created;
}

beforeAll(async () => {
  azurite = await startTestAzurite();
  issuer = await startIssuer();
  token = await issuer.sign();
  endpoint = await startEndpoint();
  blobs = BlobServiceClient.fromConnectionString(azurite.connectionString);
  data = blobs.getContainerClient('batch-data');
  await data.createIfNotExists();
}, 60_000);

afterAll(async () => {
  for (const e of endpoints) await e.close();
  await issuer?.close();
  await azurite?.stop();
});

interface JobResource {
  id: string;
  name: string;
  properties: {
    status: string;
    deploymentName: string;
    inputData: Record<string, { jobInputType: string; uri: string }>;
    outputData: Record<string, { jobOutputType: string; uri: string }>;
    error: { code: string; message: string } | null;
    rowsProcessed: number;
  };
}

async function call(
  target: BatchEndpoint,
  method: 'GET' | 'POST',
  url: string,
  options: { body?: unknown; headers?: Record<string, string>; bearer?: string | null } = {},
) {
  const bearer = options.bearer === undefined ? token : options.bearer;
  const response = await target.app.inject({
    method,
    url,
    headers: {
      'content-type': 'application/json',
      ...(bearer === null ? {} : { authorization: `Bearer ${bearer}` }),
      ...options.headers,
    },
    payload: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  return { status: response.statusCode, headers: response.headers, text: response.body };
}

function uri(path: string): string {
  return `${azurite.blobEndpoint}/${path}`;
}

async function upload(name: string, text: string): Promise<string> {
  await data.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
  return uri(`batch-data/${name}`);
}

function fileBody(input: string, output?: string) {
  return {
    properties: {
      InputData: { heart_data: { JobInputType: 'UriFile', Uri: input } },
      ...(output ? { OutputData: { score: { JobOutputType: 'UriFolder', Uri: output } } } : {}),
    },
  };
}

async function invoke(
  target: BatchEndpoint,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<JobResource> {
  const response = await call(target, 'POST', '/jobs', { body, headers });
  expect(response.status, response.text).toBe(202);
  return JSON.parse(response.text) as JobResource;
}

async function poll(target: BatchEndpoint, name: string): Promise<JobResource> {
  const response = await call(target, 'GET', `/jobs/${name}`);
  expect(response.status, response.text).toBe(200);
  return JSON.parse(response.text) as JobResource;
}

/** Polls until the job ends; returns it and every status seen, in order, without repeats. */
async function runToEnd(target: BatchEndpoint, name: string) {
  const seen: string[] = [];
  const deadline = Date.now() + 20_000;
  for (;;) {
    const job = await poll(target, name);
    if (seen.at(-1) !== job.properties.status) seen.push(job.properties.status);
    if (['Completed', 'Failed'].includes(job.properties.status) || Date.now() > deadline)
      return { job, seen };
    await delay(40);
  }
}

async function readBlob(folderUri: string, file: string): Promise<string> {
  const path = `${folderUri}${file}`.slice(`${azurite.blobEndpoint}/`.length);
  const [container, ...rest] = path.split('/');
  const buffer = await blobs
    .getContainerClient(container ?? '')
    .getBlockBlobClient(rest.join('/'))
    .downloadToBuffer();
  return buffer.toString('utf8');
}

function errorOf(text: string): { code: string; message: string } {
  return (JSON.parse(text) as { error: { code: string; message: string } }).error;
}

describe('invoke, states and outputs', () => {
  it('takes a UriFile (PascalCase), goes NotStarted -> Queued -> Running -> Completed and writes predictions.csv', async () => {
    const paced = await startEndpoint({ minRuntimeMs: 1500 });
    const input = await upload(
      'reviews.csv',
      'Col1,Col2\n5,This is a good day\n1,"Bad, bad book"\n3,\n',
    );
    const output = uri('batch-results/run-1/');
    const job = await invoke(paced, fileBody(input, output));
    expect(job.name).toMatch(/^batchjob-[0-9a-f-]{36}$/);
    expect(job.id).toMatch(
      /\/providers\/Microsoft\.MachineLearningServices\/workspaces\/.+\/jobs\/batchjob-/,
    );
    expect(job.properties).toMatchObject({
      status: 'NotStarted',
      deploymentName: 'hashing-v1',
      inputData: { heart_data: { jobInputType: 'UriFile', uri: input } },
      outputData: { score: { jobOutputType: 'UriFolder', uri: output } },
      error: null,
    });
    const { job: done, seen } = await runToEnd(paced, job.name);
    expect(seen).toEqual(['NotStarted', 'Queued', 'Running', 'Completed']);
    expect(done.properties.rowsProcessed).toBe(3);
    const csv = (await readBlob(output, 'predictions.csv')).trimEnd().split('\n');
    expect(csv).toEqual([
      ['Col2', ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `Col2_HashingFeature.${i}`)].join(','),
      'This is a good day,1,1,2,2,0,2,0,1',
      expect.stringMatching(/^"Bad, bad book",/),
      ',0,0,0,0,0,0,0,0',
    ]);
  });

  it('takes a UriFolder (camelCase, as the SDK sends) and a deployment: one table of every CSV in the folder', async () => {
    await upload('folder/a.csv', 'Col2\nThis is a good day\n');
    await upload('folder/b.csv', 'Col1,Col2\n1,This is a good day\n');
    await upload('folder/notes.txt', 'not a table');
    const job = await invoke(
      endpoint,
      {
        properties: {
          inputData: { reviews: { jobInputType: 'UriFolder', uri: uri('batch-data/folder') } },
        },
      },
      { 'azureml-model-deployment': 'hashing-v2' },
    );
    expect(job.properties.deploymentName).toBe('hashing-v2');
    const output = job.properties.outputData.score?.uri ?? '';
    expect(output).toBe(uri(`portico-batch-outputs/${job.name}/score/`));
    const { job: done } = await runToEnd(endpoint, job.name);
    expect(done.properties.status, JSON.stringify(done.properties.error)).toBe('Completed');
    const csv = (await readBlob(output, 'predictions.csv')).trimEnd().split('\n');
    expect(csv).toHaveLength(3);
    expect(csv[0]?.split(',')).toHaveLength(17);
    expect(csv[1]).toBe(csv[2]);
  });

  it('answers a repeated repeatability-request-id with the job the first request created, and lists jobs', async () => {
    const input = await upload('repeat.csv', 'Col2\nThis is a good day\n');
    const headers = { 'repeatability-request-id': 'b3c1e0d2-5a4f-4f7e-9c1e-000000000001' };
    const [first, second] = await Promise.all([
      invoke(endpoint, fileBody(input), headers),
      invoke(endpoint, fileBody(input), headers),
    ]);
    const third = await invoke(endpoint, fileBody(input), headers);
    expect(second?.name).toBe(first?.name);
    expect(third.name).toBe(first?.name);
    const other = await invoke(endpoint, fileBody(input), {
      'repeatability-request-id': 'b3c1e0d2-5a4f-4f7e-9c1e-000000000002',
    });
    expect(other.name).not.toBe(first?.name);
    const list = await call(endpoint, 'GET', '/jobs');
    expect(list.status).toBe(200);
    const names = (JSON.parse(list.text) as { value: JobResource[] }).value.map((j) => j.name);
    expect(names).toContain(first?.name);
    expect(names).toContain(other.name);
    expect(names.filter((n) => n === first?.name)).toHaveLength(1);
  });

  it('ends Failed, saying why, when the input is missing or has no Col2 column', async () => {
    const missing = await invoke(endpoint, fileBody(uri('batch-data/nowhere.csv')));
    const noText = await invoke(endpoint, fileBody(await upload('no-col2.csv', 'A,B\n1,2\n')));
    const { job: m } = await runToEnd(endpoint, missing.name);
    expect(m.properties.status).toBe('Failed');
    expect(m.properties.error?.message).toMatch(
      /input file 'batch-data\/nowhere\.csv' at .* was not found/,
    );
    const { job: n } = await runToEnd(endpoint, noText.name);
    expect(n.properties.status).toBe('Failed');
    expect(n.properties.error?.message).toMatch(/no 'Col2' column/);
  });
});

describe('refusals', () => {
  it('refuses a missing, malformed, expired, foreign or mis-addressed token with 401 in the error shape', async () => {
    const other = await generateKeyPair('RS256');
    const cases: Array<[string | null, RegExp]> = [
      [null, /No Authorization header/],
      ['not-a-jwt', /not a valid JWT/],
      [
        await issuer.sign({ aud: 'api://portico-demo' }),
        /another audience.*https:\/\/ml\.azure\.com/,
      ],
      [await issuer.sign({ iss: 'http://127.0.0.1:1' }), /issued by another authority/],
      [await issuer.sign({ exp: Math.floor(Date.now() / 1000) - 60 }), /has expired/],
      [await issuer.sign({}, other.privateKey), /signature does not match/],
    ];
    for (const [bearer, message] of cases) {
      const response = await call(endpoint, 'POST', '/jobs', { body: 'not even json', bearer });
      expect(response.status, String(bearer)).toBe(401);
      expect(response.headers['www-authenticate']).toMatch(/^Bearer/);
      expect(errorOf(response.text)).toEqual({
        code: 'Unauthorized',
        message: expect.stringMatching(message),
      });
      expect((await call(endpoint, 'GET', '/jobs', { bearer })).status).toBe(401);
    }
  });

  it("lets the portal's origin read a 401 and preflight an invoke", async () => {
    const origin = 'http://127.0.0.1:5173';
    const withCors = await startEndpoint({ allowedOrigins: [origin] });
    const refused = await call(withCors, 'POST', '/jobs', {
      body: {},
      bearer: null,
      headers: { origin },
    });
    expect(refused.status).toBe(401);
    expect(refused.headers['access-control-allow-origin']).toBe(origin);
    const preflight = await withCors.app.inject({
      method: 'OPTIONS',
      url: '/jobs',
      headers: {
        origin,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type,repeatability-request-id',
      },
    });
    expect(preflight.statusCode).toBe(204);
    expect(preflight.headers['access-control-allow-headers']).toMatch(/repeatability-request-id/);
    const malformed = await withCors.app.inject({ method: 'OPTIONS', url: '/jobs' });
    expect(malformed.statusCode).toBe(400);
    expect(errorOf(malformed.body).code).toBe('UserError');
  });

  it('refuses storage outside the trusted hosts, datastore URIs, unknown deployments and bad bodies with 400', async () => {
    const cases: Array<[unknown, Record<string, string>, RegExp]> = [
      [
        fileBody('http://127.0.0.1:9/acct/box/in.csv'),
        {},
        /storage host '127\.0\.0\.1:9'.*not trusted.*DEMO_TRUSTED_STORAGE_HOSTS=127\.0\.0\.1:9/,
      ],
      [
        fileBody(uri('batch-data/in.csv'), 'https://evil.example.com/box/out/'),
        {},
        /OutputData\.score: the storage host 'evil\.example\.com'/,
      ],
      [fileBody('azureml://datastores/workspaceblobstore/paths/in.csv'), {}, /has no datastores/],
      [
        fileBody(uri('batch-data/in.csv')),
        { 'azureml-model-deployment': 'blue' },
        /Deployment 'blue' does not exist.*hashing-v1, hashing-v2/,
      ],
      [{ properties: {} }, {}, /The job has no input/],
      [
        { properties: { InputData: { a: { JobInputType: 'Literal', Value: '1' } } } },
        {},
        /'Literal' is not supported/,
      ],
    ];
    for (const [body, headers, message] of cases) {
      const response = await call(endpoint, 'POST', '/jobs', { body, headers });
      expect(response.status, response.text).toBe(400);
      expect(errorOf(response.text)).toEqual({
        code: 'UserError',
        message: expect.stringMatching(message),
      });
    }
    const response = await endpoint.app.inject({
      method: 'POST',
      url: '/jobs',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"properties":',
    });
    expect(response.statusCode).toBe(400);
    expect(errorOf(response.body).message).toMatch(/not valid JSON/);
  });

  it('answers an unknown job with 404 and a foreign Host with 400, both in the error shape', async () => {
    const unknown = await call(
      endpoint,
      'GET',
      '/jobs/batchjob-00000000-0000-0000-0000-000000000000',
    );
    expect(unknown.status).toBe(404);
    expect(errorOf(unknown.text).code).toBe('NotFound');
    const listening = await startEndpoint();
    const base = await listening.listen();
    const port = Number(new URL(base).port);
    const response = await rawRequest(port, [
      `GET /jobs HTTP/1.1\r\nHost: evil.example.com\r\nAuthorization: Bearer ${token}\r\nConnection: close\r\n\r\n`,
    ]);
    expect(response.status).toBe(400);
    expect(errorOf(response.body).message).toMatch(/Host header 'evil\.example\.com'/);
    const ok = await fetch(`${base}/jobs`, { headers: { authorization: `Bearer ${token}` } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('x-ms-request-id')).toBeTruthy();
  });
});

describe('durability', () => {
  it('resumes a Running job after a restart and completes it', async () => {
    const first = await startEndpoint({ minRuntimeMs: 2500 });
    const input = await upload('resume.csv', 'Col2\nThis is a good day\n');
    const job = await invoke(first, fileBody(input, uri('batch-results/resume/')));
    for (;;) {
      if ((await poll(first, job.name)).properties.status === 'Running') break;
      await delay(40);
    }
    await first.close();
    const second = await startEndpoint({ minRuntimeMs: 2500 });
    expect((await poll(second, job.name)).properties.status).toBe('Running');
    const { job: done } = await runToEnd(second, job.name);
    expect(done.properties.status).toBe('Completed');
    expect(await readBlob(uri('batch-results/resume/'), 'predictions.csv')).toMatch(
      /^Col2,.*\nThis is a good day,1,1,2,2,0,2,0,1\n$/,
    );
  }, 40_000);
});
