/**
 * Streaming benchmark (prints figures, asserts no timing): time from sending a request to the
 * first server-sent event of portico-assistant, straight to the endpoint and through the local
 * API Management gateway (assistant-endpoint, Unlimited key: no token limit), alternated so that
 * both see the same machine, on the real stack (`server/dev-stack.ts --no-portal` as its own
 * process, free ports, throw-away data). Each stream is closed after its first event, which also
 * exercises cancellation. Exits non-zero if any call failed.
 * Run: npm run bench:endpoint-stream [calls]
 */
import { request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { quantile, startBenchStack } from './demo-stack';

const CALLS = Number(process.argv[2] ?? 200);
const ASSISTANT_KEY = 'bench-assistant-key';
const UNLIMITED_KEY = 'bench-unlimited-key';
const BODY = JSON.stringify({ question: 'How does feature hashing work?', chat_history: [] });

/** Milliseconds until the first complete event arrives; the connection is then dropped. */
function firstEvent(port: number, path: string, headers: Record<string, string>): Promise<number> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: 'POST',
        headers: { ...headers, Accept: 'text/event-stream', 'Content-Type': 'application/json' },
      },
      (res) => {
        if (res.statusCode !== 200) {
          reject(new Error(`${path} answered ${res.statusCode}`));
          res.resume();
          return;
        }
        let text = '';
        res.on('data', (chunk: Buffer) => {
          text += chunk.toString('utf8');
          if (text.includes('\n\n')) {
            const elapsed = performance.now() - started;
            req.destroy();
            resolve(elapsed);
          }
        });
        res.on('error', () => {});
      },
    );
    req.on('error', (error) => {
      if (!req.destroyed) reject(error);
    });
    req.end(BODY);
  });
}

const stack = await startBenchStack({
  name: 'endpoint-stream',
  apiKey: 'bench-key',
  env: { DEMO_ASSISTANT_KEY: ASSISTANT_KEY, DEMO_UNLIMITED_KEY: UNLIMITED_KEY },
});
const direct: number[] = [];
const gateway: number[] = [];
let failed = 0;
try {
  for (let i = 0; i < CALLS; i++) {
    try {
      direct.push(
        await firstEvent(stack.assistantPort, '/score', {
          Authorization: `Bearer ${ASSISTANT_KEY}`,
        }),
      );
      gateway.push(
        await firstEvent(stack.gatewayPort, '/assistant-endpoint/score', {
          'Ocp-Apim-Subscription-Key': UNLIMITED_KEY,
        }),
      );
    } catch (error) {
      failed++;
      console.error(String(error));
    }
  }
} finally {
  await stack.stop();
}
direct.sort((a, b) => a - b);
gateway.sort((a, b) => a - b);
const row = (label: string, sorted: number[]): string =>
  `${label.padEnd(8)} p50 ${quantile(sorted, 0.5).toFixed(2)} ms  p90 ${quantile(sorted, 0.9).toFixed(2)} ms  p99 ${quantile(sorted, 0.99).toFixed(2)} ms`;
console.log(
  `Time to the first streamed event, ${CALLS} calls each, alternated (${cpus().length} cores, load ${loadavg()[0]?.toFixed(2)}):`,
);
console.log(row('direct', direct));
console.log(row('gateway', gateway));
console.log(
  `gateway - direct: p50 ${(quantile(gateway, 0.5) - quantile(direct, 0.5)).toFixed(2)} ms, p90 ${(quantile(gateway, 0.9) - quantile(direct, 0.9)).toFixed(2)} ms; failed calls: ${failed}`,
);
if (failed > 0) process.exitCode = 1;
