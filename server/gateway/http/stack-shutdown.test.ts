import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { findFreePort } from '../../stack/ports';

const EXECUTE =
  '/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0';
const BODY = JSON.stringify({
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
});

let dataDir: string | undefined;
let stack: ChildProcess | undefined;

afterAll(async () => {
  // A failed assertion leaves the stack running: stop it as Ctrl+C does, so Azurite goes too.
  if (stack && stack.exitCode === null && stack.signalCode === null) await stopStack(stack);
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

async function startStack(env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/dev-stack.ts', '--no-portal'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  for (let waited = 0; waited < 60_000; waited += 200) {
    if (child.exitCode !== null) throw new Error('the demo stack exited');
    const ok = await fetch(`http://127.0.0.1:${env.GATEWAY_PORT}/developer/products`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return child;
    await delay(200);
  }
  throw new Error('the demo stack did not start');
}

async function stopStack(child: ChildProcess): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );
  child.kill('SIGINT');
  return exited;
}

describe('the demo stack on Ctrl+C', () => {
  it('keeps the calls it counted and the keys it issued, right up to the signal', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'portico-stack-shutdown-'));
    const env = {
      DEMO_SERVICE_PORT: String(await findFreePort()),
      AZURITE_BLOB_PORT: String(await findFreePort()),
      GATEWAY_PORT: String(await findFreePort()),
      AZURITE_TABLE_PORT: String(await findFreePort()),
      PORTICO_DATA_DIR: dataDir,
      DEMO_API_KEY: 'shutdown-ml-key',
    };
    const gateway = `http://127.0.0.1:${env.GATEWAY_PORT}`;
    const call = (key: string) =>
      fetch(`${gateway}${EXECUTE}`, {
        method: 'POST',
        headers: {
          'Ocp-Apim-Subscription-Key': key,
          Authorization: 'Bearer shutdown-ml-key',
          'Content-Type': 'application/json',
        },
        body: BODY,
      });

    stack = await startStack(env);
    const created = (await (
      await fetch(`${gateway}/developer/subscriptions`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({ productId: 'starter', displayName: 'Shutdown' }),
      })
    ).json()) as { properties: { primaryKey: string } };
    const key = created.properties.primaryKey;
    for (let i = 0; i < 4; i++) expect((await call(key)).status).toBe(200);
    // Straight after the calls: only the shutdown itself can have written the counters.
    expect(await stopStack(stack)).toBe(0);

    stack = await startStack(env);
    const fifth = await call(key);
    expect(fifth.status).toBe(200);
    expect(fifth.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect((await call(key)).status).toBe(429);
    expect(await stopStack(stack)).toBe(0);
  }, 120_000);
});
