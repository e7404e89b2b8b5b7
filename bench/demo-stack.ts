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
  /** The online endpoints portico-hashing and portico-assistant. */
  endpointPort: number;
  assistantPort: number;
  /** The demo service's base URL, `http://127.0.0.1:<port>`. */
  base: string;
  pid: number;
  stop: () => Promise<void>;
}

/** The admin key `startBenchStack` gives the gateway (APIM_ADMIN_KEY), for `/management`. */
export const BENCH_ADMIN_KEY = 'bench-admin-key';

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
  const [endpointPort, assistantPort] = [await findFreePort(), await findFreePort()];
  const dataDir = await mkdtemp(join(tmpdir(), `portico-bench-${options.name}-`));
  const stack = spawn(process.execPath, ['--import', 'tsx', 'server/dev-stack.ts', '--no-portal'], {
    env: {
      ...process.env,
      DEMO_SERVICE_PORT: String(servicePort),
      AZURITE_BLOB_PORT: String(azuritePort),
      GATEWAY_PORT: String(gatewayPort),
      AZURITE_TABLE_PORT: String(azuriteTablePort),
      ONLINE_ENDPOINT_PORT: String(endpointPort),
      ASSISTANT_ENDPOINT_PORT: String(assistantPort),
      DEMO_API_KEY: options.apiKey,
      APIM_ADMIN_KEY: BENCH_ADMIN_KEY,
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
  return {
    servicePort,
    azuritePort,
    gatewayPort,
    endpointPort,
    assistantPort,
    base,
    pid: stack.pid as number,
    stop,
  };
}

/** The value at quantile q (0..1) of ascending-sorted samples; NaN when there are none. */
export function quantile(sorted: readonly number[], q: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

/** One call to the gateway's management API (admin key); throws unless it answers 2xx. */
export async function management(
  gatewayPort: number,
  method: string,
  path: string,
  body?: unknown,
): Promise<Response> {
  const url = path.startsWith('http') ? path : `http://127.0.0.1:${gatewayPort}/management${path}`;
  const response = await fetch(url, {
    method,
    headers: {
      Authorization: `Bearer ${BENCH_ADMIN_KEY}`,
      ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }),
  });
  if (!response.ok) {
    throw new Error(`${method} ${url} answered ${response.status}: ${await response.text()}`);
  }
  return response;
}

/**
 * Imports an OpenAPI 3 JSON document as API `apiId` through the management API
 * (`PUT /management/apis/{apiId}`) and, when the gateway answers 202 (over 200 operations),
 * polls the Location until the import is written. Resolves with the final status (201 or 200).
 */
export async function importApiThroughGateway(
  gatewayPort: number,
  apiId: string,
  properties: { path: string; displayName: string; serviceUrl: string; value: string },
): Promise<number> {
  let response = await management(gatewayPort, 'PUT', `/apis/${encodeURIComponent(apiId)}`, {
    properties: { ...properties, format: 'openapi+json' },
  });
  while (response.status === 202) {
    const location = response.headers.get('location');
    await response.arrayBuffer();
    if (!location) throw new Error(`PUT /apis/${apiId} answered 202 without a Location`);
    // Polled faster than the Retry-After of 1 s: the figure is the import's, not the wait's.
    await delay(20);
    response = await management(gatewayPort, 'GET', location);
  }
  await response.arrayBuffer();
  return response.status;
}
