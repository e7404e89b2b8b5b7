/**
 * RRS benchmark (prints figures, asserts nothing): concurrent POST .../execute on loopback
 * against the real demo stack (`server/dev-stack.ts --no-portal` as its own process).
 * Bounded in time and count. Run: npx tsx bench/server-rrs.ts [seconds-per-phase] [concurrency]
 */
import { Agent, request } from 'node:http';
import { quantile, startBenchStack } from './demo-stack';

const SECONDS = Number(process.argv[2] ?? 8);
const CONCURRENCY = Number(process.argv[3] ?? 32);
const MAX_REQUESTS = 500_000;
const KEY = 'bench-key';
const PATH =
  '/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true';

function body(rows: number): string {
  const values = Array.from({ length: rows }, (_, i) => [
    `This is a good day number ${i}, a fine review`,
  ]);
  return JSON.stringify({
    Inputs: { input1: { ColumnNames: ['Col2'], Values: values } },
    GlobalParameters: {},
  });
}

function post(agent: Agent, port: number, payload: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        agent,
        host: '127.0.0.1',
        port,
        path: PATH,
        method: 'POST',
        headers: {
          Authorization: `Bearer ${KEY}`,
          'Content-Type': 'application/json',
          'Content-Length': Buffer.byteLength(payload),
        },
      },
      (res) => {
        res.resume();
        res.once('end', () => resolve(res.statusCode ?? 0));
        res.once('error', reject);
      },
    );
    req.once('error', reject);
    req.end(payload);
  });
}

async function phase(port: number, label: string, payload: string): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  let errors = 0;
  let sent = 0;
  const warmUntil = performance.now() + 1000;
  const stopAt = warmUntil + SECONDS * 1000;
  let measuredFrom = 0;
  const worker = async (): Promise<void> => {
    while (performance.now() < stopAt && sent < MAX_REQUESTS) {
      sent++;
      const t0 = performance.now();
      try {
        const status = await post(agent, port, payload);
        if (status !== 200) errors++;
      } catch {
        errors++;
      }
      const t1 = performance.now();
      if (t0 >= warmUntil) {
        if (measuredFrom === 0) measuredFrom = t0;
        latencies.push(t1 - t0);
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const elapsed = (performance.now() - measuredFrom) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const p = (q: number): string => quantile(latencies, q).toFixed(1);
  console.log(
    `  ${label.padEnd(24)} ${Math.round(latencies.length / elapsed)
      .toLocaleString('en-US')
      .padStart(
        7,
      )} req/s   p50 ${p(0.5)} ms  p95 ${p(0.95)} ms  p99 ${p(0.99)} ms  max ${(latencies.at(-1) ?? NaN).toFixed(1)} ms  (${latencies.length} measured, ${errors} errors)`,
  );
}

async function main(): Promise<void> {
  const stack = await startBenchStack({ name: 'rrs', apiKey: KEY });
  try {
    console.log(
      `RRS benchmark: ${CONCURRENCY} concurrent connections, ${SECONDS} s per phase after 1 s warm-up, loopback`,
    );
    await phase(stack.servicePort, '1 row per request', body(1));
    await phase(stack.servicePort, '100 rows per request', body(100));
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
