/**
 * `npm run bench:usage`: seeds 1,000,000 gateway calls over the last week into a real Azurite
 * table service (through the usage recorder, as the gateway writes them), then prints how
 * fast the reports API answers byTime for a day at PT5M and the other reports the Usage view
 * reads. Figures only: nothing here asserts a timing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import cors from '@fastify/cors';
import { chromium } from '@playwright/test';
import Fastify from 'fastify';
import type { GatewayCallRecord } from '../server/gateway/call-record';
import { findFreePort } from '../server/stack/ports';
import { startTestAzuriteTable } from '../server/testing/test-azurite';
import { createUsageRecorder } from '../server/usage/core/usage-recorder';
import { sendGatewayError, sendManagementError } from '../server/gateway/http/apim-errors';
import { MANAGEMENT_PREFIXES } from '../server/gateway/management/subscription-routes';
import { registerUsageRoutes } from '../server/usage/http/usage-routes';
import { createUsageStore, tableClientFactory } from '../server/usage/core/usage-store';

const CALLS = Number(process.env.BENCH_USAGE_CALLS ?? 1_000_000);
const WEEK = 7 * 86_400_000;
const ADMIN_KEY = 'bench-admin-key';
const OPERATIONS = ['execute', 'submit-job', 'start-job', 'get-job-status', 'delete-job'];
const SUBSCRIPTIONS = [
  ['demo-starter', 'starter'],
  ['demo-unlimited', 'unlimited'],
  ['team-a', 'unlimited'],
  ['team-b', 'starter'],
] as const;
const CODES = [200, 200, 200, 200, 200, 200, 200, 200, 400, 429, 401, 500, 404];

/** A deterministic stream of calls, evenly spread over [start, end). */
function* calls(count: number, start: number, end: number): Generator<GatewayCallRecord> {
  let seed = 42;
  const random = () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2_147_483_648;
    return seed / 2_147_483_648;
  };
  const step = (end - start) / count;
  for (let i = 0; i < count; i++) {
    const code = CODES[Math.floor(random() * CODES.length)] ?? 200;
    const [sid, product] = SUBSCRIPTIONS[Math.floor(random() * SUBSCRIPTIONS.length)] ?? ['x', 'y'];
    const operation = OPERATIONS[Math.floor(random() * OPERATIONS.length)] ?? 'execute';
    const anonymous = code === 401;
    const forwarded = code !== 401 && code !== 429 && code !== 404;
    const serviceTime = forwarded ? 5 + random() * 40 : 0;
    yield {
      timestamp: Math.floor(start + i * step),
      apiId: '/apis/azureml-demo',
      operationId: code === 404 ? '' : `/apis/azureml-demo/operations/${operation}`,
      productId: anonymous ? '' : `/products/${product}`,
      subscriptionId: anonymous ? '' : `/subscriptions/${sid}`,
      userId: anonymous ? '' : '/users/demo',
      method: 'POST',
      url: `/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/${operation}?api-version=2.0`,
      ipAddress: '127.0.0.1',
      responseCode: code,
      backendResponseCode: forwarded ? code : 0,
      requestSize: 150 + Math.floor(random() * 200),
      responseSize: 200 + Math.floor(random() * 800),
      apiTime: serviceTime + 0.5 + random(),
      serviceTime,
      requestId: `bench-${i}`,
    };
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? NaN;
}

async function main(): Promise<void> {
  const azurite = await startTestAzuriteTable();
  const app = Fastify();
  try {
    const store = createUsageStore(tableClientFactory(azurite.connectionString));
    await store.ensureTables();
    const recorder = createUsageRecorder({ store, maxPending: 1_000_000, batchSize: 5000 });
    const end = Math.floor(Date.now() / 60_000) * 60_000;
    const start = end - WEEK;
    const seedStart = performance.now();
    let n = 0;
    // The recorder retries failed writes itself; wait for it, and give up only if it cannot.
    const drain = async () => {
      for (let attempt = 0; !(await recorder.flush()); attempt++) {
        if (attempt === 20) throw new Error(`seeding failed: ${recorder.stats().lastError}`);
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    };
    for (const call of calls(CALLS, start, end)) {
      recorder.record(call);
      if (++n % 20_000 === 0) {
        await drain();
        process.stdout.write(`\rseeded ${n.toLocaleString('en')} calls`);
      }
    }
    if (!(await recorder.close(60_000))) throw new Error('seeding failed');
    const seedMs = performance.now() - seedStart;
    console.log(
      `\rseeded ${CALLS.toLocaleString('en')} calls over a week in ${(seedMs / 1000).toFixed(1)} s (${Math.round(CALLS / (seedMs / 1000)).toLocaleString('en')} calls/s through the recorder)`,
    );

    const previewPort = await findFreePort();
    const previewOrigin = `http://127.0.0.1:${previewPort}`;
    await app.register(cors, {
      origin: [previewOrigin],
      allowedHeaders: ['Ocp-Apim-Subscription-Key', 'Authorization', 'Content-Type'],
    });
    await registerUsageRoutes(
      app,
      {
        authenticateAdmin: (request) => request.headers.authorization === `Bearer ${ADMIN_KEY}`,
        subscriptionForKey: (key) =>
          key === 'starter-key'
            ? { name: 'demo-starter', scope: '/products/starter', state: 'active' }
            : undefined,
        managementPrefixes: MANAGEMENT_PREFIXES,
        sendManagementError,
        sendGatewayError,
      },
      store,
    );
    const port = await findFreePort();
    await app.listen({ port, host: '127.0.0.1' });
    const base = `http://127.0.0.1:${port}`;
    const iso = (ms: number) => new Date(ms).toISOString().slice(0, 19);
    const dayEnd = end - 3_600_000;
    const filter = (from: number, to: number) =>
      `timestamp ge datetime'${iso(from)}' and timestamp le datetime'${iso(to)}'`;
    const time = async (label: string, path: string, headers: Record<string, string>) => {
      const runs: number[] = [];
      let summary = '';
      for (let i = 0; i < 5; i++) {
        const t0 = performance.now();
        const response = await fetch(`${base}${path}`, { headers });
        const body = (await response.json()) as {
          value?: Array<{ callCountTotal?: number }>;
          count?: number;
        };
        runs.push(performance.now() - t0);
        if (!response.ok) throw new Error(`${label}: ${response.status} ${JSON.stringify(body)}`);
        const calls = (body.value ?? []).reduce((sum, r) => sum + (r.callCountTotal ?? 0), 0);
        summary = `${body.count} records${calls ? `, ${calls.toLocaleString('en')} calls` : ''}`;
      }
      console.log(
        `${label.padEnd(58)} first ${runs[0]?.toFixed(0).padStart(4)} ms  median ${median(runs).toFixed(0).padStart(4)} ms  (${summary})`,
      );
    };
    const admin = { authorization: `Bearer ${ADMIN_KEY}` };
    const consumer = { 'ocp-apim-subscription-key': 'starter-key' };
    const q = (p: Record<string, string>) => new URLSearchParams(p).toString();
    const day = filter(dayEnd - 86_400_000, dayEnd);
    console.log('\nreports API over HTTP (5 runs each):');
    await time(
      'byTime, a day at PT5M (publisher)',
      `/management/reports/byTime?${q({ $filter: day, interval: 'PT5M', $top: '1000' })}`,
      admin,
    );
    await time(
      'byTime, a day at PT5M (one subscription)',
      `/developer/reports/byTime?${q({ $filter: day, interval: 'PT5M', $top: '1000' })}`,
      consumer,
    );
    await time(
      'byTime, the week at PT1H (publisher)',
      `/management/reports/byTime?${q({ $filter: filter(start, end), interval: 'PT1H', $top: '1000' })}`,
      admin,
    );
    await time(
      'byOperation, a day (publisher)',
      `/management/reports/byOperation?${q({ $filter: day })}`,
      admin,
    );
    await time(
      'bySubscription, the week (publisher)',
      `/management/reports/bySubscription?${q({ $filter: filter(start, end) })}`,
      admin,
    );
    await time(
      'byRequest, latest 20 of a day (publisher)',
      `/management/reports/byRequest?${q({ $filter: day, $top: '20', $orderby: 'timestamp desc' })}`,
      admin,
    );
    await time(
      'byTime, last 15 min at PT1M (publisher)',
      `/management/reports/byTime?${q({ $filter: filter(end - 900_000, end), interval: 'PT1M' })}`,
      admin,
    );

    console.log('\nthe Usage view in headless Chromium (vite build + vite preview):');
    await measureFirstChart(base, previewPort);
  } finally {
    await app.close();
    await azurite.stop();
  }
}

function vite(args: string[], env: Record<string, string>): ChildProcess {
  const require = createRequire(import.meta.url);
  const bin = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  return spawn(process.execPath, [bin, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Time from opening the Usage view to its first chart drawn, for each case, 3 runs each. */
async function measureFirstChart(reportsBase: string, previewPort: number): Promise<void> {
  const outDir = '.data/bench-usage-dist';
  const env = {
    PORTICO_GATEWAY_URL: reportsBase,
    PORTICO_APIM_SUBSCRIPTION_KEY: 'starter-key',
    PORTICO_APIM_SUBSCRIPTION_ID: 'demo-starter',
    PORTICO_APIM_ADMIN_KEY: ADMIN_KEY,
  };
  const build = vite(['build', '--outDir', outDir, '--logLevel', 'warn'], env);
  const code = await new Promise((resolve) => build.once('exit', resolve));
  if (code !== 0) throw new Error('vite build failed');
  const preview = vite(
    [
      'preview',
      '--outDir',
      outDir,
      '--host',
      '127.0.0.1',
      '--port',
      String(previewPort),
      '--strictPort',
    ],
    env,
  );
  const browser = await chromium.launch({
    executablePath: existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  try {
    const url = `http://127.0.0.1:${previewPort}/`;
    for (let waited = 0; ; waited += 200) {
      if (
        await fetch(url).then(
          (r) => r.ok,
          () => false,
        )
      )
        break;
      if (waited > 30_000) throw new Error('vite preview did not start');
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    const chart = '[aria-label="Calls over time, by outcome"][data-drawn="true"]';
    const cases: Array<[string, string | undefined, string]> = [
      ['cold load of #/usage, my subscription, last hour', undefined, 'Last hour'],
      [
        'cold load of #/usage, publisher, last day (PT5M)',
        'Everything (publisher, local demo)',
        'Last day',
      ],
    ];
    for (const [label, mode, range] of cases) {
      const runs: number[] = [];
      for (let i = 0; i < 3; i++) {
        const page = await browser.newPage();
        await page.goto(`${url}#/usage`);
        if (mode || range !== 'Last hour') {
          await page.locator(chart).waitFor({ timeout: 30_000 });
          const t0 = await page.evaluate(() => performance.now());
          if (mode) await page.getByRole('radio', { name: mode }).check();
          await page.getByRole('button', { name: range }).click();
          // The new data is drawn when the summary no longer says "Updating…".
          await page.locator('.usage-summary', { hasNotText: 'Updating' }).waitFor();
          await page.locator(chart).waitFor();
          runs.push((await page.evaluate(() => performance.now())) - t0);
        } else {
          await page.locator(chart).waitFor({ timeout: 30_000 });
          runs.push(await page.evaluate(() => performance.now()));
        }
        await page.close();
      }
      console.log(
        `${label.padEnd(58)} median ${median(runs).toFixed(0).padStart(4)} ms  (runs ${runs.map((r) => r.toFixed(0)).join(', ')}; from navigation start, or from the switch)`,
      );
    }
    const page = await browser.newPage();
    await page.goto(url);
    await page.getByRole('link', { name: 'Usage' }).waitFor();
    const t0 = await page.evaluate(() => performance.now());
    await page.getByRole('link', { name: 'Usage' }).click();
    await page.locator(chart).waitFor({ timeout: 30_000 });
    const opened = (await page.evaluate(() => performance.now())) - t0;
    console.log(
      `${'opening Usage from the portal (lazy view + uPlot + reports)'.padEnd(58)} ${opened.toFixed(0).padStart(11)} ms`,
    );
  } finally {
    await browser.close();
    preview.kill('SIGTERM');
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
