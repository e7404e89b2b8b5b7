/**
 * Gateway benchmark (prints figures, asserts no timing): the same RRS call straight to the demo
 * service and through the local API Management gateway, on the real stack
 * (`server/dev-stack.ts --no-portal` as its own process, free ports, throw-away data).
 *  1. Overhead: one client, direct and gateway calls alternated, so that both see the same machine.
 *  2. The same overhead measured again with the demo API alone, then once 100 more APIs of 100
 *     operations each are published through the management API (each an OpenAPI import, linked
 *     to Unlimited), and the two side by side.
 *  3. Import of the 2,000-operation benchmark definition through the management API (202, polled).
 *  4. Throughput: 50 concurrent clients on the Unlimited subscription, gateway and direct.
 * Then, in this process with the stack stopped: `catalog.route()` with 100 x 100 and 1 x 100,
 * `PolicyEngine.inbound()` with the Starter pipeline and a four-scope one, `importOpenApi` of the
 * 2,000-operation definition.
 * Exits non-zero if any call failed. Run: npm run bench:gateway [overhead-calls] [seconds] [clients]
 */
import { Agent, request } from 'node:http';
import { cpus, loadavg } from 'node:os';
import { Catalog } from '../server/gateway/core/catalog';
import { MemoryCatalogStore } from '../server/gateway/core/catalog-store';
import { importOpenApi } from '../server/gateway/core/openapi-import';
import {
  GLOBAL_POLICY_XML,
  PolicyEngine,
  STARTER_POLICY_XML,
  composePipeline,
  parsePolicy,
  type PolicyCall,
  type PolicyPipeline,
  type PolicyScopeKind,
} from '../server/gateway/policies/policy-engine';
import { importApiThroughGateway, management, quantile, startBenchStack } from './demo-stack';
import { generateDefinition } from './generate-definition';

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
const signed = (ms: number): string => `${ms < 0 ? '-' : '+'}${fmt(Math.abs(ms))}`;
const us = (ms: number, count: number): string => `${((ms * 1000) / count).toFixed(2)} µs`;

interface Overhead {
  errors: number;
  /** Gateway minus direct, ms. */
  p50: number;
  p99: number;
}

async function overhead(direct: Target, gateway: Target, heading: string): Promise<Overhead> {
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
    `${heading}: 1 client, ${OVERHEAD_CALLS} calls each, alternated, after 200 warm-up pairs`,
  );
  for (const [label, sorted] of [
    ['direct to the service', d],
    ['through the gateway', g],
  ] as const) {
    console.log(
      `  ${label.padEnd(24)} p50 ${fmt(quantile(sorted, 0.5))}  p99 ${fmt(quantile(sorted, 0.99))}`,
    );
  }
  const p50 = quantile(g, 0.5) - quantile(d, 0.5);
  const p99 = quantile(g, 0.99) - quantile(d, 0.99);
  console.log(
    `  gateway overhead         p50 ${signed(p50)}  p99 ${signed(p99)}  (${errors} errors)`,
  );
  return { errors, p50, p99 };
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

// ---- 100 APIs x 100 operations ----------------------------------------------------------------

const BENCH_APIS = 100;
const BENCH_OPERATIONS = 100;
const LOOKUPS = 100_000;
const POLICY_CALLS = 100_000;

interface BenchOperation {
  method: string;
  /** OpenAPI path, which is also the operation's URL template. */
  template: string;
  params: string[];
  /** A request path below the API's suffix that this operation, and only it, matches. */
  sample: string;
}

/** Operation j of a bench API: templates mixing literal and parameter segments (and one of both). */
function benchOperation(j: number): BenchOperation {
  switch (j % 5) {
    case 0:
      return {
        method: 'GET',
        template: `/items/{id}/part${j}`,
        params: ['id'],
        sample: `/items/42/part${j}`,
      };
    case 1:
      return {
        method: 'POST',
        template: `/items/{id}/part${j}/actions/{action}`,
        params: ['id', 'action'],
        sample: `/items/42/part${j}/actions/archive`,
      };
    case 2:
      return {
        method: 'GET',
        template: `/groups/{group}/part${j}/items/{id}`,
        params: ['group', 'id'],
        sample: `/groups/g7/part${j}/items/42`,
      };
    case 3:
      return {
        method: 'PUT',
        template: `/part${j}/{id}`,
        params: ['id'],
        sample: `/part${j}/42`,
      };
    default:
      return {
        method: 'GET',
        template: `/reports/{year}-{month}/part${j}`,
        params: ['year', 'month'],
        sample: `/reports/2026-11/part${j}`,
      };
  }
}

/** The OpenAPI 3 JSON text of bench API i, with `operations` operations. */
function benchApiDocument(i: number, serviceUrl: string, operations: number): string {
  const paths: Record<string, Record<string, unknown>> = {};
  for (let j = 0; j < operations; j++) {
    const op = benchOperation(j);
    (paths[op.template] ??= {})[op.method.toLowerCase()] = {
      operationId: `op${j}`,
      summary: `Operation ${j}`,
      parameters: op.params.map((name) => ({
        name,
        in: 'path',
        required: true,
        schema: { type: 'string' },
      })),
      responses: { '200': { description: 'OK' } },
    };
  }
  return JSON.stringify({
    openapi: '3.0.3',
    info: { title: `Bench API ${i}`, version: '1.0.0' },
    servers: [{ url: serviceUrl }],
    paths,
  });
}

/** Publishes bench APIs 0..99 through the running gateway's management API, linked to Unlimited. */
async function publishBenchApis(gatewayPort: number, serviceUrl: string): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < BENCH_APIS; i++) {
    const apiId = `bench-api-${i}`;
    const status = await importApiThroughGateway(gatewayPort, apiId, {
      path: apiId,
      displayName: `Bench API ${i}`,
      serviceUrl,
      value: benchApiDocument(i, serviceUrl, BENCH_OPERATIONS),
    });
    if (status !== 201 && status !== 200) throw new Error(`PUT /apis/${apiId} ended in ${status}`);
    const linked = await management(gatewayPort, 'PUT', `/products/unlimited/apis/${apiId}`);
    await linked.arrayBuffer();
  }
  const seconds = (performance.now() - t0) / 1000;
  const list = (await (await management(gatewayPort, 'GET', '/apis?$top=1')).json()) as {
    count: number;
  };
  console.log(
    `\nPublished ${BENCH_APIS} APIs x ${BENCH_OPERATIONS} operations through /management in ${seconds.toFixed(1)} s (one import PUT + one product link each, in turn); the gateway now has ${list.count} APIs\n`,
  );
  return list.count >= BENCH_APIS + 1 ? 0 : 1;
}

/** The 2,000-operation definition, imported through the running gateway (PUT, 202, polled). */
async function importThroughGateway(gatewayPort: number, serviceUrl: string): Promise<number> {
  const text = JSON.stringify(generateDefinition(2000, serviceUrl));
  const t0 = performance.now();
  const status = await importApiThroughGateway(gatewayPort, 'bench-2000', {
    path: 'bench-2000',
    displayName: 'Benchmark API (2,000 operations)',
    serviceUrl,
    value: text,
  });
  const ms = performance.now() - t0;
  const operations = (await (
    await management(gatewayPort, 'GET', '/apis/bench-2000/operations?$top=1')
  ).json()) as { count: number };
  console.log(
    `\nImport of the 2,000-operation definition (${(text.length / 1024 / 1024).toFixed(2)} MB) through /management: PUT, 202, Location polled every 20 ms`,
  );
  console.log(
    `  end to end               ${fmt(ms)} until ${status}, ${operations.count} operations (target: under 2 s)`,
  );
  return status === 201 && operations.count === 2000 ? 0 : 1;
}

const TRUST = { isTrustedBackend: () => true, trustSetting: 'GATEWAY_TRUSTED_HOSTS' };
const LOCAL_SERVICE = 'http://127.0.0.1:9000';

/** `apis` bench APIs of `operations` operations in an in-memory catalog, as the gateway holds them. */
async function memoryCatalog(apis: number, operations: number): Promise<Catalog> {
  const catalog = await Catalog.open({ store: new MemoryCatalogStore(), ...TRUST });
  for (let i = 0; i < apis; i++) {
    const imported = importOpenApi(benchApiDocument(i, LOCAL_SERVICE, operations), 'openapi+json');
    const apiId = `bench-api-${i}`;
    await catalog.putApi(
      apiId,
      { path: apiId, displayName: `Bench API ${i}`, serviceUrl: LOCAL_SERVICE },
      { imported },
    );
  }
  return catalog;
}

/** µs per `catalog.route()` over LOOKUPS lookups of each kind of path; returns mismatches. */
async function routeLookups(apis: number, operations: number): Promise<number> {
  const catalog = await memoryCatalog(apis, operations);
  const matching: Array<[string, string, string]> = [];
  const noOperation: Array<[string, string]> = [];
  const noApi: Array<[string, string]> = [];
  for (let i = 0; i < apis; i++) {
    for (let j = 0; j < operations; j++) {
      const op = benchOperation(j);
      matching.push([op.method, `/bench-api-${i}${op.sample}`, `op${j}`]);
      noOperation.push([op.method, `/bench-api-${i}${op.sample}/more`]);
      noApi.push([op.method, `/elsewhere-${i}${op.sample}`]);
    }
  }
  let mismatches = 0;
  const time = (label: string, paths: Array<[string, string, string?]>): void => {
    const check = (method: string, path: string, want: string | undefined): boolean => {
      const match = catalog.route(method, path);
      return label === 'no API' ? match === undefined : match?.operation?.id === want;
    };
    // One pass first: it builds each API's operation trie and checks every answer.
    for (const [method, path, want] of paths) if (!check(method, path, want)) mismatches++;
    let found = 0;
    const t0 = performance.now();
    for (let n = 0; n < LOOKUPS; n++) {
      const [method, path] = paths[n % paths.length] as [string, string];
      if (catalog.route(method, path)?.operation) found++;
    }
    const ms = performance.now() - t0;
    console.log(
      `  ${label.padEnd(24)} ${us(ms, LOOKUPS)} per lookup  (${LOOKUPS.toLocaleString('en-US')} lookups over ${paths.length.toLocaleString('en-US')} paths, ${found.toLocaleString('en-US')} found an operation)`,
    );
  };
  console.log(`  ${apis} API${apis === 1 ? '' : 's'} x ${operations} operations:`);
  time('matching', matching);
  time('API, no operation', noOperation);
  time('no API', noApi);
  if (mismatches > 0) console.error(`  ${mismatches} lookups answered the wrong operation`);
  return mismatches;
}

// ---- Policies ---------------------------------------------------------------------------------

function policyDoc(scope: PolicyScopeKind, inbound: string): ReturnType<typeof parsePolicy> {
  return parsePolicy(
    `<policies><inbound><base />${inbound}</inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>`,
    'xml',
    scope,
    TRUST,
  );
}

/** µs per `PolicyEngine.inbound()`, a subscription of its own per call so Starter refuses none. */
function policyCost(label: string, pipeline: PolicyPipeline): number {
  const engine = new PolicyEngine({ isTrustedBackend: TRUST.isTrustedBackend });
  const startDate = Date.now();
  const makeCall = (n: number): PolicyCall => ({
    requestId: `req-${n}`,
    method: 'POST',
    path: '/workspaces/demo-workspace/services/simple-feature-hashing/execute',
    query: 'api-version=2.0&details=true',
    headers: { 'content-type': 'application/json', 'user-agent': 'bench' },
    ipAddress: `10.0.${(n >> 8) % 4}.${n & 255}`,
    api: { id: 'azureml-demo', serviceUrl: LOCAL_SERVICE, name: 'Azure ML demo' },
    operation: { id: 'rrs-execute', method: 'POST', urlTemplate: '/execute', responses: [] },
    subscription: { id: `sub-${n}`, key: `key-${n}`, startDate },
    product: { id: 'starter' },
    user: { id: 'user-1' },
  });
  const warmUp = 10_000;
  const calls = Array.from({ length: warmUp + POLICY_CALLS }, (_, n) => makeCall(n));
  for (let n = 0; n < warmUp; n++) engine.inbound(pipeline, calls[n] as PolicyCall);
  let refused = 0;
  const t0 = performance.now();
  for (let n = warmUp; n < calls.length; n++) {
    if (engine.inbound(pipeline, calls[n] as PolicyCall).kind !== 'forward') refused++;
  }
  const ms = performance.now() - t0;
  console.log(
    `  ${label.padEnd(24)} ${us(ms, POLICY_CALLS)} per call  (${POLICY_CALLS.toLocaleString('en-US')} calls after ${warmUp.toLocaleString('en-US')} warm-up, ${refused} refused)`,
  );
  return refused;
}

function policies(): void {
  const global = parsePolicy(GLOBAL_POLICY_XML, 'xml', 'global', TRUST);
  const starter = parsePolicy(STARTER_POLICY_XML, 'xml', 'product', TRUST);
  console.log(
    `\nPolicy evaluation, in process: PolicyEngine.inbound(), a subscription per call, 1,024 caller IPs`,
  );
  policyCost('Starter (default global)', composePipeline({ global, product: starter }));
  policyCost(
    'four scopes',
    composePipeline({
      global: parsePolicy(
        '<policies><inbound><set-header name="X-Gateway" exists-action="override"><value>portico</value></set-header></inbound><backend><forward-request /></backend><outbound /><on-error /></policies>',
        'xml',
        'global',
        TRUST,
      ),
      product: starter,
      api: policyDoc(
        'api',
        '<rate-limit-by-key calls="1000" renewal-period="60" counter-key="@(context.Request.IpAddress)" />',
      ),
      operation: policyDoc(
        'operation',
        '<set-header name="X-Operation" exists-action="override"><value>rrs-execute</value></set-header>',
      ),
    }),
  );
}

function importInProcess(): void {
  const text = JSON.stringify(generateDefinition(2000, LOCAL_SERVICE));
  importOpenApi(text, 'openapi+json');
  const runs: number[] = [];
  let operations = 0;
  for (let n = 0; n < 5; n++) {
    const t0 = performance.now();
    operations = importOpenApi(text, 'openapi+json').operations.length;
    runs.push(performance.now() - t0);
  }
  runs.sort((a, b) => a - b);
  console.log(
    `\nImport of the 2,000-operation definition (${(text.length / 1024 / 1024).toFixed(2)} MB), in process`,
  );
  console.log(
    `  importOpenApi alone      median ${fmt(quantile(runs, 0.5))}  min ${fmt(runs[0] ?? NaN)}  (5 runs after 1 warm-up, ${operations} operations)`,
  );
}

const load = (): string =>
  `load average ${loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ')} (1 / 5 / 15 min) on ${cpus().length} cores`;

async function main(): Promise<void> {
  console.log(`Machine: ${load()}\n`);
  const stack = await startBenchStack({
    name: 'gateway',
    apiKey: API_KEY,
    env: { DEMO_UNLIMITED_KEY: UNLIMITED_KEY },
  });
  let errors = 0;
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
    const first = await overhead(direct, gateway, 'Overhead');
    errors += first.errors;

    // The figure to set the 100 x 100 one beside: measured again just before publishing, on a
    // stack as warm as the one that follows (the first run comes straight after start-up).
    console.log('');
    const alone = await overhead(direct, gateway, 'Overhead again, the demo API alone');
    errors += alone.errors;
    errors += await publishBenchApis(stack.gatewayPort, stack.base);
    const many = await overhead(
      direct,
      gateway,
      `Overhead with ${BENCH_APIS} more APIs x ${BENCH_OPERATIONS} operations`,
    );
    errors += many.errors;
    for (const [label, base] of [
      ['vs the demo API alone', alone],
      ['vs the first run', first],
    ] as const) {
      console.log(
        `  ${label.padEnd(24)} p50 ${signed(base.p50)} -> ${signed(many.p50)} (${signed(many.p50 - base.p50)})  p99 ${signed(base.p99)} -> ${signed(many.p99)} (${signed(many.p99 - base.p99)})`,
      );
    }

    errors += await importThroughGateway(stack.gatewayPort, stack.base);

    console.log(
      `\nThroughput: ${CLIENTS} concurrent clients, ${SECONDS} s after 1 s warm-up (the APIs above still published)`,
    );
    errors += await throughput(gateway);
    errors += await throughput(direct);
  } finally {
    await stack.stop();
  }

  console.log(`\nIn process, the stack stopped (${load()})`);
  console.log(`\nRouting: catalog.route() in an in-memory catalog (MemoryCatalogStore)`);
  errors += await routeLookups(BENCH_APIS, BENCH_OPERATIONS);
  errors += await routeLookups(1, BENCH_OPERATIONS);
  policies();
  importInProcess();

  if (errors > 0) {
    console.error(`\n${errors} calls failed.`);
    process.exitCode = 1;
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
