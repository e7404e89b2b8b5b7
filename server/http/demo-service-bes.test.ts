import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BlobServiceClient,
  ContainerSASPermissions,
  type ContainerClient,
} from '@azure/storage-blob';
import { findFreePort } from '../stack/ports';
import { startTestAzurite, type TestAzurite } from '../testing/test-azurite';
import {
  createDemoService,
  type DemoService,
  type DemoServiceOptions,
} from './create-demo-service';

const KEY = 'bes-key';
const JOBS = '/workspaces/demo-workspace/services/simple-feature-hashing/jobs';
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' };
const HASHED_HEADER = [
  'Col2',
  ...[0, 1, 2, 3, 4, 5, 6, 7].map((i) => `Col2_HashingFeature.${i}`),
].join(',');

let azurite: TestAzurite;
let service: DemoService;
let data: ContainerClient;
const services: DemoService[] = [];

async function startService(extra: Partial<DemoServiceOptions> = {}): Promise<DemoService> {
  const created = await createDemoService({
    storageConnectionString: azurite.connectionString,
    apiKey: KEY,
    jobStoragePipeline: { retryOptions: { maxTries: 1 } },
    ...extra,
  });
  services.push(created);
  return created;
}

beforeAll(async () => {
  azurite = await startTestAzurite();
  service = await startService();
  data = BlobServiceClient.fromConnectionString(azurite.connectionString).getContainerClient(
    'bes-data',
  );
  await data.createIfNotExists();
});

afterAll(async () => {
  for (const s of services) await s.close();
  await azurite?.stop();
});

async function call(
  target: DemoService,
  method: 'GET' | 'POST' | 'DELETE',
  path: string,
  body?: unknown,
) {
  const response = await target.app.inject({
    method,
    url: `${path}?api-version=2.0`,
    headers,
    payload: body === undefined ? undefined : JSON.stringify(body),
  });
  return {
    status: response.statusCode,
    body: response.body,
    json: () => response.json<Record<string, unknown>>(),
  };
}

function ref(relative: string) {
  return { ConnectionString: azurite.connectionString, RelativeLocation: relative };
}

async function upload(name: string, text: string | Buffer): Promise<string> {
  await data.getBlockBlobClient(name).upload(text, Buffer.byteLength(text));
  return `/bes-data/${name}`;
}

async function submit(target: DemoService, body: unknown): Promise<string> {
  const response = await call(target, 'POST', JOBS, body);
  expect(response.status, response.body).toBe(200);
  const id = JSON.parse(response.body) as string;
  expect(id).toMatch(/^[0-9a-f]{32}$/);
  return id;
}

interface Status {
  StatusCode: string;
  Results: Record<
    string,
    { ConnectionString: null; BaseLocation: string; RelativeLocation: string; SasBlobToken: string }
  > | null;
  Details: string | null;
}

async function status(target: DemoService, id: string): Promise<Status> {
  const response = await call(target, 'GET', `${JOBS}/${id}`);
  expect(response.status, response.body).toBe(200);
  return response.json() as unknown as Status;
}

async function runToEnd(target: DemoService, id: string, start = true): Promise<Status> {
  if (start) expect((await call(target, 'POST', `${JOBS}/${id}/start`)).status).toBe(200);
  const deadline = Date.now() + 20_000;
  for (;;) {
    const current = await status(target, id);
    if (!['NotStarted', 'Running'].includes(current.StatusCode) || Date.now() > deadline)
      return current;
    await delay(50);
  }
}

async function download(result: Status): Promise<string> {
  const output = result.Results?.output1;
  if (!output) throw new Error('no output1');
  const response = await fetch(
    `${output.BaseLocation}${output.RelativeLocation}${output.SasBlobToken}`,
  );
  expect(response.status).toBe(200);
  return response.text();
}

describe('BES lifecycle', () => {
  it('submits, starts, finishes and returns a read-only 24 h result link with the hashed rows', async () => {
    const input = await upload(
      'reviews.csv',
      'Col1,Col2\n5,This is a good day\n1,"Bad, bad book"\n3,\n',
    );
    const id = await submit(service, {
      Inputs: { input1: ref(input) },
      Outputs: { output1: ref('/bes-results/reviews-hashed.csv') },
      GlobalParameters: {},
    });
    expect(await status(service, id)).toEqual({
      StatusCode: 'NotStarted',
      Results: null,
      Details: null,
    });

    const before = Date.now();
    const done = await runToEnd(service, id);
    expect(done.StatusCode).toBe('Finished');
    expect(done.Details).toBeNull();
    const output = done.Results?.output1;
    expect(output).toMatchObject({
      ConnectionString: null,
      BaseLocation: `${azurite.blobEndpoint}/`,
      RelativeLocation: 'bes-results/reviews-hashed.csv',
    });
    const sas = new URLSearchParams(output?.SasBlobToken.slice(1));
    expect([sas.get('sp'), sas.get('sr')]).toEqual(['r', 'b']);
    expect(Math.round((Date.parse(sas.get('se') ?? '') - before) / 3600_000)).toBe(24);

    const csv = (await download(done)).trim().split('\n');
    expect(csv[0]).toBe(HASHED_HEADER);
    expect(csv[1]).toBe('This is a good day,1,1,2,2,0,2,0,1');
    expect(csv[2]?.startsWith('"Bad, bad book",')).toBe(true);
    expect(csv[3]).toBe(',0,0,0,0,0,0,0,0');
    expect(csv).toHaveLength(4);

    // The SAS is read-only: writing with it is refused.
    const put = await fetch(
      `${output?.BaseLocation}${output?.RelativeLocation}${output?.SasBlobToken}`,
      {
        method: 'PUT',
        headers: { 'x-ms-blob-type': 'BlockBlob' },
        body: 'x',
      },
    );
    expect(put.status).toBe(403);

    const again = await call(service, 'POST', `${JOBS}/${id}/start`);
    expect(again.status).toBe(400);
    expect(again.json().error).toMatchObject({
      code: 'InvalidOperation',
      details: [
        {
          code: 'CannotStartJob',
          message: 'The job cannot be started because it is in Finished state.',
        },
      ],
    });

    expect((await call(service, 'DELETE', `${JOBS}/${id}`)).status).toBe(200);
    const gone = await call(service, 'GET', `${JOBS}/${id}`);
    expect(gone.status).toBe(404);
    expect(gone.json().error).toMatchObject({
      code: 'NotFound',
      details: [{ code: 'JobNotFound' }],
    });
  });

  it('takes the legacy Input with a SAS from /demo/storage/sas, other parameters, and a default output', async () => {
    const sasResponse = await service.app.inject({
      method: 'POST',
      url: '/demo/storage/sas',
      headers,
    });
    const { containerUrl } = sasResponse.json<{ containerUrl: string }>();
    const url = new URL(containerUrl);
    const blob = BlobServiceClient.fromConnectionString(azurite.connectionString)
      .getContainerClient('portico-uploads')
      .getBlockBlobClient('legacy/in.csv');
    await blob.upload('Col2\nThis is a good day\n', 23);
    const id = await submit(service, {
      Input: {
        BaseLocation: `${url.origin}/devstoreaccount1/`,
        RelativeLocation: '/portico-uploads/legacy/in.csv',
        SasBlobToken: url.search,
      },
      GlobalParameters: { 'Hashing bitsize': '1', 'N-grams': '1' },
    });
    const done = await runToEnd(service, id);
    expect(done.StatusCode).toBe('Finished');
    expect(done.Results?.output1?.RelativeLocation).toBe(`portico-results/${id}/output1.csv`);
    expect((await download(done)).trim()).toBe(
      'Col2,Col2_HashingFeature.0,Col2_HashingFeature.1\nThis is a good day,1,4',
    );
  });

  it('writes the output through a container SAS and re-signs a read-only result link', async () => {
    const sasResponse = await service.app.inject({
      method: 'POST',
      url: '/demo/storage/sas',
      headers,
    });
    const url = new URL(sasResponse.json<{ containerUrl: string }>().containerUrl);
    const base = { BaseLocation: `${url.origin}/devstoreaccount1`, SasBlobToken: url.search };
    await BlobServiceClient.fromConnectionString(azurite.connectionString)
      .getContainerClient('portico-uploads')
      .getBlockBlobClient('sas/in.csv')
      .upload('Col2\nThis is a good day\n', 23);
    const id = await submit(service, {
      Inputs: { input1: { ...base, RelativeLocation: 'portico-uploads/sas/in.csv' } },
      Outputs: { output1: { ...base, RelativeLocation: 'portico-uploads/sas/out.csv' } },
    });
    const done = await runToEnd(service, id);
    expect(done.StatusCode).toBe('Finished');
    expect(new URLSearchParams(done.Results?.output1?.SasBlobToken).get('sp')).toBe('r');
    expect((await download(done)).split('\n')[1]).toBe('This is a good day,1,1,2,2,0,2,0,1');
  });

  it('reads a TSV input and writes a TSV output, chosen by the blob names', async () => {
    const input = await upload('reviews.tsv', 'Col1\tCol2\n5\tThis is a good day\n');
    const id = await submit(service, {
      Inputs: { input1: ref(input) },
      Outputs: { output1: ref('/bes-results/reviews.tsv') },
    });
    const done = await runToEnd(service, id);
    expect(done.StatusCode).toBe('Finished');
    expect((await download(done)).split('\n')[1]).toBe(
      'This is a good day\t1\t1\t2\t2\t0\t2\t0\t1',
    );
  });

  it('runs several jobs at once and keeps answering RRS meanwhile', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `review ${i} of a fairly good book`).join(
      '\n',
    );
    const input = await upload('many.csv', `Col2\n${rows}\n`);
    const ids = await Promise.all(
      [1, 2, 3].map((n) =>
        submit(service, {
          Inputs: { input1: ref(input) },
          Outputs: { output1: ref(`/bes-results/many-${n}.csv`) },
        }),
      ),
    );
    await Promise.all(ids.map((id) => call(service, 'POST', `${JOBS}/${id}/start`)));
    const rrs = await service.app.inject({
      method: 'POST',
      url: '/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0',
      headers,
      payload: JSON.stringify({
        Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
      }),
    });
    expect(rrs.statusCode).toBe(200);
    const results = await Promise.all(ids.map((id) => runToEnd(service, id, false)));
    expect(results.map((r) => r.StatusCode)).toEqual(['Finished', 'Finished', 'Finished']);
    const lines = (await download(results[0] as Status)).trim().split('\n');
    expect(lines).toHaveLength(20_001);
  });
});

describe('BES queueing', () => {
  it('queues jobs beyond the concurrency limit and runs them all; a queued job can be cancelled', async () => {
    const single = await startService({ maxConcurrentJobs: 1 });
    const rows = Array.from({ length: 20_000 }, (_, i) => `queued row ${i}`).join('\n');
    const input = await upload('queue.csv', `Col2\n${rows}\n`);
    const ids = await Promise.all(
      [1, 2, 3].map((n) =>
        submit(single, {
          Inputs: { input1: ref(input) },
          Outputs: { output1: ref(`/bes-results/queue-${n}.csv`) },
        }),
      ),
    );
    for (const id of ids)
      expect((await call(single, 'POST', `${JOBS}/${id}/start`)).status).toBe(200);
    expect((await call(single, 'DELETE', `${JOBS}/${ids[2]}`)).status).toBe(200);
    const results = await Promise.all(ids.map((id) => runToEnd(single, id, false)));
    expect(results.map((r) => r.StatusCode)).toEqual(['Finished', 'Finished', 'Cancelled']);
  });
});

describe('BES cancel, failures and validation', () => {
  it('cancels a running job with DELETE and will not start it again', async () => {
    const slow = await startService({ minRuntimeMs: 60_000 });
    const input = await upload('cancel.csv', 'Col2\nsome words\n');
    const id = await submit(slow, {
      Inputs: { input1: ref(input) },
      Outputs: { output1: ref('/bes-results/cancel.csv') },
    });
    expect((await call(slow, 'POST', `${JOBS}/${id}/start`)).status).toBe(200);
    expect((await status(slow, id)).StatusCode).toBe('Running');
    expect((await call(slow, 'DELETE', `${JOBS}/${id}`)).status).toBe(200);
    expect(await status(slow, id)).toEqual({
      StatusCode: 'Cancelled',
      Results: null,
      Details: 'The job was cancelled by a DELETE request.',
    });
    const again = await call(slow, 'POST', `${JOBS}/${id}/start`);
    expect(again.json().error).toMatchObject({
      code: 'InvalidOperation',
      details: [
        {
          code: 'CannotStartJob',
          message: 'The job cannot be started because it is in Cancelled state.',
        },
      ],
    });
  });

  it('cancels a job in the middle of streaming, and the run does not overwrite Cancelled', async () => {
    const rows = Array.from({ length: 200_000 }, (_, i) => `row ${i} with a few words`).join('\n');
    const input = await upload('mid-cancel.csv', `Col2\n${rows}\n`);
    const id = await submit(service, {
      Inputs: { input1: ref(input) },
      Outputs: { output1: ref('/bes-results/mid-cancel.csv') },
    });
    expect((await call(service, 'POST', `${JOBS}/${id}/start`)).status).toBe(200);
    expect((await call(service, 'DELETE', `${JOBS}/${id}`)).status).toBe(200);
    const settled = await runToEnd(service, id, false);
    expect(settled.StatusCode).toBe('Cancelled');
    // The aborted run has settled by the time no job of this instance is running.
    await expect.poll(() => service.batch.isRunning(id)).toBe(false);
    expect((await status(service, id)).StatusCode).toBe('Cancelled');
    const output = BlobServiceClient.fromConnectionString(azurite.connectionString)
      .getContainerClient('bes-results')
      .getBlockBlobClient('mid-cancel.csv');
    expect(await output.exists()).toBe(false);
  });

  it.each([
    ['a missing input blob', null, /input blob 'bes-data\/absent\.csv' .* was not found/],
    [
      'no Col2 header',
      'Col1,Text\n1,hello\n',
      /has no 'Col2' column. Its header row is "Col1", "Text"/,
    ],
    [
      'a row with too many fields',
      'Col1,Col2\n1,fine\n2,too,many\n',
      /could not be parsed: Invalid Record Length: .* on line 3/,
    ],
    ['an unclosed quote', 'Col2\n"never closed\n', /could not be parsed: Quote Not Closed/],
    ['an empty file', '', /The input CSV is empty/],
    [
      'binary content',
      Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0xff, 0xfe, 0x00, 0x41, 0x0a]),
      /does not look like a UTF-8 CSV/,
    ],
  ])('fails with Details for %s', async (name, content, details) => {
    const blobName = content === null ? 'absent.csv' : `fail-${name.replaceAll(' ', '-')}.csv`;
    if (content !== null) await upload(blobName, content);
    const id = await submit(service, {
      Inputs: { input1: ref(`/bes-data/${blobName}`) },
      Outputs: { output1: ref(`/bes-results/${blobName}`) },
    });
    const done = await runToEnd(service, id);
    expect(done.StatusCode).toBe('Failed');
    expect(done.Results).toBeNull();
    expect(done.Details).toMatch(details);
  });

  it('fails with Details when the storage cannot be reached, without leaking the SAS', async () => {
    const closedPort = await findFreePort();
    // An operator-allowed host (DEMO_TRUSTED_STORAGE_HOSTS) that is down.
    const trusting = await startService({ trustedStorageHosts: [`127.0.0.1:${closedPort}`] });
    const id = await submit(trusting, {
      Inputs: {
        input1: {
          BaseLocation: `http://127.0.0.1:${closedPort}/devstoreaccount1/`,
          RelativeLocation: 'box/in.csv',
          SasBlobToken: '?sv=2024-08-04&sp=r&sig=SECRETSIG',
        },
      },
    });
    const done = await runToEnd(trusting, id);
    expect(done.StatusCode).toBe('Failed');
    expect(done.Details).toMatch(
      /Could not reach storage to read the input blob 'box\/in.csv'.*ECONNREFUSED/,
    );
    expect(done.Details).not.toContain('SECRETSIG');
  });

  it('fails with Details when the output SAS does not allow writing', async () => {
    const input = await upload('read-only-out.csv', 'Col2\na\n');
    const readOnly = await data.generateSasUrl({
      permissions: ContainerSASPermissions.parse('rl'),
      expiresOn: new Date(Date.now() + 3600_000),
    });
    const url = new URL(readOnly);
    const id = await submit(service, {
      Inputs: { input1: ref(input) },
      Outputs: {
        output1: {
          BaseLocation: `${azurite.blobEndpoint}/`,
          RelativeLocation: 'bes-data/never.csv',
          SasBlobToken: url.search,
        },
      },
    });
    const done = await runToEnd(service, id);
    expect(done.StatusCode).toBe('Failed');
    expect(done.Details).toMatch(
      /Storage refused to let the job write the output blob 'bes-data\/never.csv'.*\(403/,
    );
    expect(done.Details).not.toContain(url.searchParams.get('sig') ?? '!');
  });

  it('fails with Details when the account key is wrong', async () => {
    const input = await upload('wrong-key.csv', 'Col2\na\n');
    const wrong = azurite.connectionString.replace(
      /AccountKey=[^;]+/,
      `AccountKey=${Buffer.from('nope').toString('base64')}`,
    );
    const id = await submit(service, {
      Inputs: { input1: { ConnectionString: wrong, RelativeLocation: input } },
    });
    const done = await runToEnd(service, id);
    expect(done.StatusCode).toBe('Failed');
    expect(done.Details).toMatch(
      /Storage refused .* \(403 AuthorizationFailure|Storage refused .* \(403/,
    );
  });

  it.each([
    ['no input', {}, 'BatchJobInputsNotSpecified', 'has no input'],
    ['an empty Inputs', { Inputs: {} }, 'BatchJobInputsNotSpecified', 'has no input'],
    ['an unknown input name', { Inputs: { input9: {} } }, 'UnexpectedParameter', "'input9'"],
    [
      'a reference without location',
      { Inputs: { input1: { ConnectionString: 'AccountName=a;AccountKey=b' } } },
      'InvalidBlob',
      'Inputs.input1: RelativeLocation is missing',
    ],
    [
      'a bad output reference',
      {
        Inputs: {
          input1: {
            ConnectionString: 'AccountName=a;AccountKey=b',
            RelativeLocation: '/abc/x.csv',
          },
        },
        Outputs: { output1: { RelativeLocation: '/abc/y.csv' } },
      },
      'InvalidBlob',
      'Outputs.output1',
    ],
    [
      'a bit size too large for a batch job',
      {
        Input: { ConnectionString: 'AccountName=a;AccountKey=b', RelativeLocation: '/abc/x.csv' },
        GlobalParameters: { 'Hashing bitsize': 20 },
      },
      'BadParameterValue',
      'at most 16',
    ],
  ])('rejects a submit with %s', async (_name, body, detail, text) => {
    const response = await call(service, 'POST', JOBS, body);
    expect(response.status).toBe(400);
    const error = response.json().error as {
      code: string;
      details: Array<{ code: string; message: string }>;
    };
    expect([error.code, error.details[0]?.code]).toEqual(['BadArgument', detail]);
    expect(error.details[0]?.message).toContain(text);
  });

  it('answers 404 JobNotFound for unknown and malformed job ids', async () => {
    for (const [method, path] of [
      ['GET', `${JOBS}/0123456789abcdef0123456789abcdef`],
      ['POST', `${JOBS}/not-a-job/start`],
      ['DELETE', `${JOBS}/..%2F..%2Fsecret`],
    ] as const) {
      const response = await call(service, method, path);
      expect(response.status).toBe(404);
      expect(response.json().error).toMatchObject({
        code: 'NotFound',
        details: [{ code: 'JobNotFound' }],
      });
    }
  });
});

describe('state survives a restart', () => {
  it('keeps submitted jobs and resumes a job that was running', async () => {
    const first = await startService({ minRuntimeMs: 1500 });
    const input = await upload('restart.csv', 'Col2\nThis is a good day\n');
    const waiting = await submit(first, { Inputs: { input1: ref(input) } });
    const running = await submit(first, {
      Inputs: { input1: ref(input) },
      Outputs: { output1: ref('/bes-results/restart.csv') },
    });
    expect((await call(first, 'POST', `${JOBS}/${running}/start`)).status).toBe(200);
    await first.close();

    const second = await startService({ minRuntimeMs: 1500 });
    expect((await status(second, waiting)).StatusCode).toBe('NotStarted');
    const resumed = await runToEnd(second, running, false);
    expect(resumed.StatusCode).toBe('Finished');
    expect((await download(resumed)).split('\n')[1]).toBe('This is a good day,1,1,2,2,0,2,0,1');
  });

  it('marks a job Failed with Details when it was interrupted too often', async () => {
    const input = await upload('flaky.csv', 'Col2\nx\n');
    let current = await startService({ minRuntimeMs: 60_000 });
    const id = await submit(current, { Inputs: { input1: ref(input) } });
    expect((await call(current, 'POST', `${JOBS}/${id}/start`)).status).toBe(200);
    for (let restart = 0; restart < 3; restart++) {
      await current.close();
      current = await startService({ minRuntimeMs: 60_000 });
    }
    const failed = await status(current, id);
    expect(failed.StatusCode).toBe('Failed');
    expect(failed.Details).toContain('stopped 3 times while this job was running');
    await current.close();
  });
});
