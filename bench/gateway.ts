/**
 * Gateway benchmark (prints figures, asserts no timing): the same RRS call straight to the demo
 * service and through the local API Management gateway, on the real stack
 * (`server/dev-stack.ts --no-portal` as its own process, free ports, throw-away data).
 *  1. Overhead: one client, direct and gateway calls alternated, so that both see the same machine.
 *  2. Throughput: 50 concurrent clients on the Unlimited subscription, gateway and direct.
 * Exits non-zero if any call failed. Run: npm run bench:gateway [overhead-calls] [seconds] [clients]
 */
import { Agent, request } from 'node:http';
import { quantile, startBenchStack } from './demo-stack';

const OVERHEAD_CALLS = Number(process.argv[2] ?? 2000);
const SECONDS = Number(process.argv[3] ?? 8);
const CLIENTS = Number(process.argv[4] ?? 50);
const API_KEY = 'bench-key';
const UNLIMITED_KEY = 'bench-unlimited-key';
const PATH =
  '/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true';
const PAYLOAD = JSON.stringify({
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
});

interface Target {
  label: string;
  port: number;
  path: string;
  headers: Record<string, string>;
}

function call(agent: Agent, target: Target): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port: target.port,
        path: target.path,
        method: 'POST',
        headers: {
          Authorization: `Bearer ${API_KEY}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(PAYLOAD),
          ...target.headers,
        },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(PAYLOAD);
  });
}

async function timed(agent: Agent, target: Target): Promise<{ ms: number; ok: boolean }> {
  const t0 = performance.now();
  const ok = await call(agent, target).then(
    (status) => status === 200,
    () => false,
  );
  return { ms: performance.now() - t0, ok };
}

const fmt = (ms: number): string => `${ms.toFixed(2)} ms`;

async function overhead(direct: Target, gateway: Target): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: 2 });
  const samples = { direct: [] as number[], gateway: [] as number[] };
  let errors = 0;
  for (let i = 0; i < 200; i++) {
    await timed(agent, direct);
    await timed(agent, gateway);
  }
  for (let i = 0; i < OVERHEAD_CALLS; i++) {
    // Alternate which goes first, so that neither always follows the other's garbage.
    const order = i % 2 === 0 ? [direct, gateway] : [gateway, direct];
    for (const target of order) {
      const { ms, ok } = await timed(agent, target);
      if (!ok) errors++;
      (target === direct ? samples.direct : samples.gateway).push(ms);
    }
  }
  agent.destroy();
  const d = [...samples.direct].sort((a, b) => a - b);
  const g = [...samples.gateway].sort((a, b) => a - b);
  console.log(
    `Overhead: 1 client, ${OVERHEAD_CALLS} calls each, alternated, after 200 warm-up pairs`,
  );
  for (const [label, sorted] of [
    ['direct to the service', d],
    ['through the gateway', g],
  ] as const) {
    console.log(
      `  ${label.padEnd(24)} p50 ${fmt(quantile(sorted, 0.5))}  p99 ${fmt(quantile(sorted, 0.99))}`,
    );
  }
  console.log(
    `  gateway overhead         p50 +${fmt(quantile(g, 0.5) - quantile(d, 0.5))}  p99 +${fmt(quantile(g, 0.99) - quantile(d, 0.99))}  (${errors} errors)`,
  );
  return errors;
}

async function throughput(target: Target): Promise<number> {
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  const latencies: number[] = [];
  let errors = 0;
  const warmUntil = performance.now() + 1000;
  const stopAt = warmUntil + SECONDS * 1000;
  let measuredFrom = 0;
  const client = async (): Promise<void> => {
    while (performance.now() < stopAt) {
      const t0 = performance.now();
      const { ms, ok } = await timed(agent, target);
      if (t0 < warmUntil) continue;
      if (measuredFrom === 0) measuredFrom = t0;
      if (!ok) errors++;
      latencies.push(ms);
    }
  };
  await Promise.all(Array.from({ length: CLIENTS }, client));
  const elapsed = (performance.now() - measuredFrom) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  console.log(
    `  ${target.label.padEnd(24)} ${Math.round(latencies.length / elapsed)
      .toLocaleString('en-US')
      .padStart(
        6,
      )} req/s  p50 ${fmt(quantile(latencies, 0.5))}  p99 ${fmt(quantile(latencies, 0.99))}  (${latencies.length} calls, ${errors} errors)`,
  );
  return errors;
}

async function main(): Promise<void> {
  const stack = await startBenchStack({
    name: 'gateway',
    apiKey: API_KEY,
    env: { DEMO_UNLIMITED_KEY: UNLIMITED_KEY },
  });
  try {
    const direct: Target = {
      label: 'direct to the service',
      port: stack.servicePort,
      path: PATH,
      headers: {},
    };
    const gateway: Target = {
      label: 'through the gateway',
      port: stack.gatewayPort,
      path: `/azureml-demo${PATH}`,
      headers: { 'Ocp-Apim-Subscription-Key': UNLIMITED_KEY },
    };
    console.log('Gateway benchmark: RRS Execute, 1 row, loopback, Unlimited subscription\n');
    let errors = await overhead(direct, gateway);
    console.log(`\nThroughput: ${CLIENTS} concurrent clients, ${SECONDS} s after 1 s warm-up`);
    errors += await throughput(gateway);
    errors += await throughput(direct);
    if (errors > 0) {
      console.error(`\n${errors} calls failed.`);
      process.exitCode = 1;
    }
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
