import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { BlobServiceClient } from '@azure/storage-blob';
import { afterAll, describe, expect, it } from 'vitest';
import { azuriteConnectionString } from './stack/azurite-process';
import { findFreePort, isPortInUse } from './stack/ports';
import { SAMPLE_CONTAINER, SAMPLE_INPUT_BLOB, SAMPLE_INPUT_CSV } from './stack/sample-input';

const KEY = 'stack-test-key';
const JOBS = '/workspaces/demo-workspace/services/simple-feature-hashing/jobs';
const ROOT = resolve(import.meta.dirname, '..');

interface Stack {
  child: ChildProcess;
  exited: Promise<number | null>;
  output: () => string;
}

const started: Stack[] = [];

/**
 * `npm run demo:service` (`node --import tsx server/dev-stack.ts --no-portal`) in its own
 * process group, as a terminal would run it.
 */
async function startStack(env: NodeJS.ProcessEnv): Promise<Stack> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/dev-stack.ts', '--no-portal'], {
    cwd: ROOT,
    env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let text = '';
  child.stdout?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
  const exited = new Promise<number | null>((done) => child.once('exit', (code) => done(code)));
  const stack = { child, exited, output: () => text };
  started.push(stack);
  await new Promise<void>((ready, fail) => {
    const check = (): void => {
      if (text.includes('Portico demo stack is ready')) ready();
    };
    child.stdout?.on('data', check);
    void exited.then(() => fail(new Error(`The stack exited before it was ready:\n${text}`)));
  });
  return stack;
}

function isAlive(stack: Stack): boolean {
  return stack.child.exitCode === null && stack.child.signalCode === null;
}

afterAll(() => {
  for (const stack of started) {
    if (isAlive(stack) && stack.child.pid) process.kill(-stack.child.pid, 'SIGKILL');
  }
});

describe('npm run demo:service and Ctrl+C', () => {
  it.each([
    ['Ctrl+C (SIGINT to the process group)', 'SIGINT'],
    [
      'a kill of the stack (SIGKILL to its process group, as Playwright stops web servers)',
      'SIGKILL',
    ],
  ] as const)(
    'keeps jobs acknowledged right before %s, across a restart',
    async (_name, signal) => {
      const dataDir = await mkdtemp(join(tmpdir(), 'portico-stack-'));
      // Every server of the stack on a free port of its own: the defaults (8791 for the gateway,
      // 10002 for Azurite Table) may be taken by a running `npm start` or another test.
      const ports: number[] = [];
      while (ports.length < 8) {
        const port = await findFreePort();
        if (!ports.includes(port)) ports.push(port);
      }
      const [
        servicePort,
        azuritePort,
        gatewayPort,
        tablePort,
        oidcPort,
        endpointPort,
        assistantPort,
        batchPort,
      ] = ports as [number, number, number, number, number, number, number, number];
      const env = {
        ...process.env,
        DEMO_SERVICE_PORT: String(servicePort),
        AZURITE_BLOB_PORT: String(azuritePort),
        GATEWAY_PORT: String(gatewayPort),
        AZURITE_TABLE_PORT: String(tablePort),
        OIDC_PORT: String(oidcPort),
        ONLINE_ENDPOINT_PORT: String(endpointPort),
        ASSISTANT_ENDPOINT_PORT: String(assistantPort),
        BATCH_ENDPOINT_PORT: String(batchPort),
        PORTICO_DATA_DIR: dataDir,
        DEMO_API_KEY: KEY,
        // The started job is still Running when the stack stops.
        DEMO_BES_MIN_RUNTIME_MS: '60000',
      };
      const base = `http://127.0.0.1:${servicePort}`;
      const call = (method: string, path: string, body?: unknown): Promise<Response> =>
        fetch(`${base}${path}?api-version=2.0`, {
          method,
          headers: { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      const storage = azuriteConnectionString(azuritePort);
      const job = {
        Inputs: { input1: { ConnectionString: storage, RelativeLocation: '/inputs/in.csv' } },
      };
      try {
        const first = await startStack(env);
        const inputs = BlobServiceClient.fromConnectionString(storage).getContainerClient('inputs');
        await inputs.createIfNotExists();
        // Big enough that the started job is still streaming (Azurite busy) at Ctrl+C.
        const csv = `Col2\n${'This is a good day for a long review line\n'.repeat(200_000)}`;
        await inputs.getBlockBlobClient('in.csv').upload(csv, Buffer.byteLength(csv));
        const sample = BlobServiceClient.fromConnectionString(storage)
          .getContainerClient(SAMPLE_CONTAINER)
          .getBlockBlobClient(SAMPLE_INPUT_BLOB);
        expect((await sample.downloadToBuffer()).toString('utf8')).toBe(SAMPLE_INPUT_CSV);
        const sampleEtag = (await sample.getProperties()).etag;
        const submitted = await call('POST', JOBS, job);
        expect(submitted.status).toBe(200);
        const waiting = (await submitted.json()) as string;
        const toStart = (await (await call('POST', JOBS, job)).json()) as string;
        expect((await call('POST', `${JOBS}/${toStart}/start`)).status).toBe(200);
        // A batch endpoint job, acknowledged with 202, with a token of the stack's provider.
        const tokenResponse = await fetch(`http://127.0.0.1:${oidcPort}/token`, {
          method: 'POST',
          headers: {
            authorization: `Basic ${Buffer.from('portico-demo-service:portico-demo-secret').toString('base64')}`,
            'content-type': 'application/x-www-form-urlencoded',
          },
          body: 'grant_type=client_credentials&resource=https%3A%2F%2Fml.azure.com&scope=user_impersonation',
        });
        const { access_token: token } = (await tokenResponse.json()) as { access_token: string };
        const batchCall = (path: string, body?: unknown): Promise<Response> =>
          fetch(`http://127.0.0.1:${batchPort}${path}`, {
            method: body === undefined ? 'GET' : 'POST',
            headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
            body: body === undefined ? undefined : JSON.stringify(body),
          });
        const invoked = await batchCall('/jobs', {
          properties: {
            InputData: {
              input: {
                JobInputType: 'UriFile',
                Uri: `http://127.0.0.1:${azuritePort}/devstoreaccount1/inputs/in.csv`,
              },
            },
          },
        });
        expect(invoked.status).toBe(202);
        const batchJob = ((await invoked.json()) as { name: string }).name;

        // Ctrl+C lands while the stack is not scheduled, as on a loaded machine: the stack is
        // stopped, gets the signal, and runs again 0.5 s later. The `tsx` launcher gave its
        // child 30 ms to take a signal, then killed it (exit 130, nothing saved after "Press
        // Ctrl+C to stop."); the stack now runs as one process (`node --import tsx`).
        const pid = first.child.pid ?? 0;
        if (signal === 'SIGINT') process.kill(pid, 'SIGSTOP');
        process.kill(-pid, signal);
        if (signal === 'SIGINT') {
          await delay(500);
          process.kill(pid, 'SIGCONT');
        }
        const code = await first.exited;
        if (signal === 'SIGINT') expect(code, first.output()).toBe(0);
        // Azurite, in its own group, stops by itself once the stack is gone (its guard).
        while (await isPortInUse(azuritePort)) await delay(100);

        const second = await startStack(env);
        // The sample input is uploaded once: the restart found it and left it as it was.
        expect(second.output()).toContain('already there');
        expect((await sample.getProperties()).etag).toBe(sampleEtag);
        const notStarted = await call('GET', `${JOBS}/${waiting}`);
        expect(notStarted.status).toBe(200);
        expect(((await notStarted.json()) as { StatusCode: string }).StatusCode).toBe('NotStarted');
        const running = await call('GET', `${JOBS}/${toStart}`);
        expect(running.status).toBe(200);
        expect(((await running.json()) as { StatusCode: string }).StatusCode).toBe('Running');
        const batchAfter = await batchCall(`/jobs/${batchJob}`);
        expect(batchAfter.status).toBe(200);
        expect(((await batchAfter.json()) as { name: string }).name).toBe(batchJob);
      } finally {
        for (const stack of started.splice(0)) {
          if (isAlive(stack)) {
            process.kill(-(stack.child.pid ?? 0), 'SIGINT');
            await stack.exited;
          }
        }
        await rm(dataDir, { recursive: true, force: true });
      }
    },
    120_000,
  );
});
