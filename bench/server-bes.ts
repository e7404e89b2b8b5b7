/**
 * BES benchmark (prints figures, asserts nothing): a 1,000,000-row CSV job through the real
 * demo stack (`server/dev-stack.ts --no-portal` as its own process, Azurite as its child).
 * Prints rows per second of the job and the service process's peak RSS (VmHWM), plus RRS
 * latency measured while the job runs. Run: npx tsx bench/server-bes.ts [rows]
 */
import { readFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { setTimeout as delay } from 'node:timers/promises';
import { BlobServiceClient } from '@azure/storage-blob';
import { azuriteConnectionString } from '../server/stack/azurite-process';
import { quantile, startBenchStack } from './demo-stack';

const ROWS = Number(process.argv[2] ?? 1_000_000);
const KEY = 'bench-key';
const WORDS =
  'this book was a good read would recommend it to a friend plot slow but the ending great characters'.split(
    ' ',
  );

function reviewRows(count: number): Readable {
  let i = 0;
  return new Readable({
    read() {
      if (i === 0) this.push('Col1,Col2\n');
      const lines: string[] = [];
      for (let n = 0; n < 5000 && i < count; n++, i++) {
        const words = Array.from({ length: 12 }, (_, w) => WORDS[(i * 7 + w * 13) % WORDS.length]);
        lines.push(`${(i % 5) + 1},"Review ${i}: ${words.join(' ')}, ${i % 97} stars"`);
      }
      this.push(lines.length ? `${lines.join('\n')}\n` : null);
    },
  });
}

async function peakRssMb(pid: number): Promise<{ current: number; peak: number }> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number =>
    Number(new RegExp(`${name}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { current: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

async function main(): Promise<void> {
  const stack = await startBenchStack({
    name: 'bes',
    apiKey: KEY,
    env: { DEMO_BES_MIN_RUNTIME_MS: '0' },
    stdout: 'pipe',
  });
  const { base, pid } = stack;
  try {
    const idle = await peakRssMb(pid);

    const connectionString = azuriteConnectionString(stack.azuritePort);
    const container =
      BlobServiceClient.fromConnectionString(connectionString).getContainerClient('bench');
    await container.createIfNotExists();
    const uploadStart = performance.now();
    await container
      .getBlockBlobClient('reviews.csv')
      .uploadStream(reviewRows(ROWS), 8 * 1024 * 1024, 4);
    const uploadMs = performance.now() - uploadStart;
    const inputBytes =
      (await container.getBlockBlobClient('reviews.csv').getProperties()).contentLength ?? 0;

    const headers = { Authorization: `Bearer ${KEY}`, 'Content-Type': 'application/json' };
    const jobs = `${base}/workspaces/demo-workspace/services/simple-feature-hashing/jobs`;
    const submitted = await fetch(`${jobs}?api-version=2.0`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        Inputs: {
          input1: { ConnectionString: connectionString, RelativeLocation: '/bench/reviews.csv' },
        },
        Outputs: {
          output1: {
            ConnectionString: connectionString,
            RelativeLocation: '/bench/reviews-hashed.csv',
          },
        },
        GlobalParameters: {},
      }),
    });
    const id = (await submitted.json()) as string;
    const started = performance.now();
    await fetch(`${jobs}/${id}/start?api-version=2.0`, { method: 'POST', headers });

    const rrsLatencies: number[] = [];
    const rrsBody = JSON.stringify({
      Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
    });
    let status = 'Running';
    let details: string | null = null;
    let samples = 0;
    while (status === 'Running' || status === 'NotStarted') {
      const t0 = performance.now();
      const rrs = await fetch(
        `${base}/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0`,
        {
          method: 'POST',
          headers,
          body: rrsBody,
        },
      );
      await rrs.arrayBuffer();
      rrsLatencies.push(performance.now() - t0);
      if (samples++ % 5 === 0) {
        const body = (await (await fetch(`${jobs}/${id}?api-version=2.0`, { headers })).json()) as {
          StatusCode: string;
          Details: string | null;
        };
        status = body.StatusCode;
        details = body.Details;
      }
      await delay(100);
    }
    const jobMs = performance.now() - started;
    const rss = await peakRssMb(pid);
    const outputBytes =
      (await container.getBlockBlobClient('reviews-hashed.csv').getProperties()).contentLength ?? 0;
    rrsLatencies.sort((a, b) => a - b);

    console.log(
      `BES benchmark: ${ROWS.toLocaleString('en-US')} rows (input ${(inputBytes / 1e6).toFixed(1)} MB, output ${(outputBytes / 1e6).toFixed(1)} MB)`,
    );
    console.log(`  job status            ${status}${details ? ` (${details})` : ''}`);
    console.log(`  upload to Azurite     ${(uploadMs / 1000).toFixed(1)} s`);
    console.log(
      `  job start -> Finished ${(jobMs / 1000).toFixed(1)} s (status polled every ~0.5 s)`,
    );
    console.log(
      `  rows per second       ${Math.round(ROWS / (jobMs / 1000)).toLocaleString('en-US')}`,
    );
    console.log(
      `  service RSS           idle ${idle.current.toFixed(0)} MB, peak ${rss.peak.toFixed(0)} MB (VmHWM, target < 300 MB)`,
    );
    console.log(
      `  RRS during the job    ${rrsLatencies.length} calls, p50 ${quantile(rrsLatencies, 0.5).toFixed(1)} ms, p99 ${quantile(rrsLatencies, 0.99).toFixed(1)} ms, max ${(rrsLatencies.at(-1) ?? NaN).toFixed(1)} ms`,
    );
  } finally {
    await stack.stop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
