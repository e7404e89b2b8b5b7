import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { findFreePort } from '../server/stack/ports';

export interface BenchStack {
  servicePort: number;
  azuritePort: number;
  /** The local API Management gateway in front of the service. */
  gatewayPort: number;
  /** The demo service's base URL, `http://127.0.0.1:<port>`. */
  base: string;
  pid: number;
  stop: () => Promise<void>;
}

/**
 * Starts `server/dev-stack.ts --no-portal` as its own process on free ports with a throw-away
 * data dir, so the figures measure the real stack and not this process. Resolves once /health answers.
 */
export async function startBenchStack(options: {
  name: string;
  apiKey: string;
  env?: Record<string, string>;
  stdout?: 'ignore' | 'pipe';
}): Promise<BenchStack> {
  const [servicePort, azuritePort] = [await findFreePort(), await findFreePort()];
  const [gatewayPort, azuriteTablePort] = [await findFreePort(), await findFreePort()];
  const dataDir = await mkdtemp(join(tmpdir(), `portico-bench-${options.name}-`));
  const stack = spawn(process.execPath, ['--import', 'tsx', 'server/dev-stack.ts', '--no-portal'], {
    env: {
      ...process.env,
      DEMO_SERVICE_PORT: String(servicePort),
      AZURITE_BLOB_PORT: String(azuritePort),
      GATEWAY_PORT: String(gatewayPort),
      AZURITE_TABLE_PORT: String(azuriteTablePort),
      DEMO_API_KEY: options.apiKey,
      PORTICO_DATA_DIR: dataDir,
      ...options.env,
    },
    stdio: ['ignore', options.stdout ?? 'ignore', 'inherit'],
  });
  const stop = async (): Promise<void> => {
    stack.kill('SIGTERM');
    if (stack.exitCode === null && stack.signalCode === null) {
      await new Promise((resolve) => stack.once('exit', resolve));
    }
    await rm(dataDir, { recursive: true, force: true });
  };
  const base = `http://127.0.0.1:${servicePort}`;
  try {
    for (let waited = 0; ; waited += 200) {
      if (waited > 60_000 || stack.exitCode !== null) {
        throw new Error('the demo stack did not start');
      }
      // The gateway starts last: once it answers, the whole stack does.
      const ok = await fetch(`http://127.0.0.1:${gatewayPort}/developer/products`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await delay(200);
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { servicePort, azuritePort, gatewayPort, base, pid: stack.pid as number, stop };
}

/** The value at quantile q (0..1) of ascending-sorted samples; NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}
