/**
 * An independent runner agrees with Portico's: the demo's Arazzo document passes Redocly's
 * `lint` and runs green under Redocly's `respect` against the stack Playwright starts, and
 * Portico's own runner (the one the Workflows view uses, here in Node with fetch) runs the same
 * document green against the same stack. No browser: these tests use no page.
 *
 * Both call the AzureML Demo API through the gateway with the Unlimited key: Starter's limits
 * would add a minute-long 429 wait (the workflows journey meets that one in the browser).
 */
// No page here: the project's fixtures (./fixtures/test) would open a browser for nothing.
// eslint-disable-next-line no-restricted-imports
import { test, expect } from '@playwright/test';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { E2E_DEMO_API_KEY, E2E_UNLIMITED_KEY } from '../playwright.config';
import { loadDefinition } from '../src/core/definition/load-definition';
import { sendRequest } from '../src/core/request/send-request';
import { bindSources } from '../src/core/workflow/bind-sources';
import { loadArazzo } from '../src/core/workflow/load-arazzo';
import { runWorkflow } from '../src/core/workflow/run-workflow';
import type { AvailableApis, WorkflowEvent } from '../src/core/workflow/workflow-types';
import { KNOWN_FEATURES, KNOWN_REVIEW } from './fixtures/batch-reviews';

const run = promisify(execFile);
const DOCUMENT = 'public/workflows/azureml-demo.arazzo.yaml';
const SERVICE_URL = `http://127.0.0.1:${process.env.E2E_DEMO_SERVICE_PORT ?? 18790}`;
const GATEWAY_URL = `http://127.0.0.1:${process.env.E2E_GATEWAY_PORT ?? 18791}`;
const BLOB_URL = `http://127.0.0.1:${process.env.E2E_AZURITE_BLOB_PORT ?? 20000}/devstoreaccount1`;
// Where each source of the document is served by this stack (respect's --server, Portico's
// environments).
const SERVERS: Record<string, string> = {
  azureml: `${GATEWAY_URL}/azureml-demo`,
  blob: BLOB_URL,
  demoStorage: SERVICE_URL,
};
const KNOWN_ROW = `${KNOWN_REVIEW},${KNOWN_FEATURES.join(',')}`;

/** Redocly's CLI, as a CI job would run it (Node 20 prints a deprecation banner: ignored). */
async function redocly(args: string[]): Promise<{ code: number; output: string }> {
  try {
    const { stdout, stderr } = await run('npx', ['--no-install', 'redocly', ...args], {
      maxBuffer: 32 * 1024 * 1024,
      env: {
        ...process.env,
        NO_COLOR: '1',
        FORCE_COLOR: '0',
        REDOCLY_TELEMETRY: 'off',
        REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true',
      },
    });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failed.code ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` };
  }
}

interface RespectStep {
  stepId: string;
  status: string;
  response?: { statusCode: number; body?: unknown };
}
interface RespectReport {
  status: string;
  files: Record<
    string,
    {
      executedWorkflows: Array<{
        workflowId: string;
        status: string;
        executedSteps: RespectStep[];
      }>;
    }
  >;
}

test('redocly lint passes on the demo Arazzo document', async () => {
  const { code, output } = await redocly(['lint', DOCUMENT]);
  expect(output).toContain('Your API description is valid');
  expect(code, output).toBe(0);
});

test("redocly respect runs the demo's workflows green against the running stack", async () => {
  const dir = mkdtempSync(join(tmpdir(), 'portico-respect-'));
  try {
    const report = join(dir, 'respect.json');
    const started = Date.now();
    const { code, output } = await redocly([
      'respect',
      DOCUMENT,
      '--input',
      `azuremlKey=${E2E_DEMO_API_KEY}`,
      '--input',
      `subscriptionKey=${E2E_UNLIMITED_KEY}`,
      '--input',
      'inputBlob=respect-reviews.csv',
      '--input',
      'outputBlob=respect-reviews-hashed.csv',
      ...Object.entries(SERVERS).flatMap(([name, url]) => ['--server', `${name}=${url}`]),
      '--json-output',
      report,
    ]);
    expect(code, output).toBe(0);
    expect(output).toContain('Workflows: 2 passed, 2 total');
    // Keys were inputs, and respect masks them in what it prints.
    expect(output).not.toContain(E2E_DEMO_API_KEY);
    expect(output).not.toContain(E2E_UNLIMITED_KEY);

    const parsed = JSON.parse(readFileSync(report, 'utf8')) as RespectReport;
    expect(parsed.status).toBe('success');
    const workflows = Object.values(parsed.files).flatMap((f) => f.executedWorkflows);
    expect(workflows.map((w) => [w.workflowId, w.status])).toEqual([
      ['batchScoring', 'success'],
      ['scoreOneReview', 'success'],
    ]);
    const steps = workflows[0]?.executedSteps ?? [];
    // Every step ran; the status poll once or more (the job takes DEMO_BES_MIN_RUNTIME_MS).
    expect([...new Set(steps.map((s) => s.stepId))]).toEqual([
      'getUploadSas',
      'uploadInput',
      'submitJob',
      'startJob',
      'waitForJob',
      'downloadOutput',
    ]);
    const download = steps.at(-1);
    expect(download?.response?.statusCode).toBe(200);
    expect(String(download?.response?.body)).toContain(KNOWN_ROW);
    // Short, so it can stay in `npm test`: the job's minimum runtime plus a few calls.
    expect(Date.now() - started).toBeLessThan(45_000);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The demo document loaded and bound as the Workflows view does, from the files it serves. */
async function bindDemoDocument() {
  const read = (path: string) =>
    readFileSync(new URL(`../public/${path}`, import.meta.url), 'utf8');
  const loaded = loadArazzo(
    read('workflows/azureml-demo.arazzo.yaml'),
    `${SERVICE_URL}/workflows/azureml-demo.arazzo.yaml`,
  );
  if (!loaded.ok) throw new Error(loaded.errors.map((e) => e.message).join('\n'));
  const available: AvailableApis = new Map();
  const apis = {
    'azureml-demo': 'azureml-demo.openapi.json',
    'azure-blob': 'azure-blob.openapi.json',
    'portico-demo-storage': 'portico-demo-storage.openapi.json',
  };
  for (const [id, file] of Object.entries(apis)) {
    const definition = await loadDefinition({ text: read(`apis/${file}`), fileName: file }, { id });
    available.set(`${SERVICE_URL}/apis/${file}`, { apiId: id, definition });
  }
  const bound = bindSources(loaded.document, available, loaded.url);
  if (!bound.ok) throw new Error(bound.errors.map((e) => e.message).join('\n'));
  return bound.bound;
}

function abortableSleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new DOMException('Aborted', 'AbortError'));
    });
  });
}

test("Portico's own runner agrees: the same document, the same stack, green", async () => {
  const bound = await bindDemoDocument();
  const sourceOf = Object.fromEntries(bound.sources.map((s) => [s.apiId, s.name]));
  // The keys come from the environment, as in the portal: the inputs leave them empty.
  const credentials: Record<string, Record<string, string>> = {
    azureml: { azureml: E2E_DEMO_API_KEY, apimSubscriptionKey: E2E_UNLIMITED_KEY },
    blob: {},
    demoStorage: { azureml: E2E_DEMO_API_KEY },
  };

  const events: WorkflowEvent[] = [];
  const controller = new AbortController();
  for await (const event of runWorkflow(
    bound,
    'batchScoring',
    {
      workspace: 'demo-workspace',
      service: 'simple-feature-hashing',
      inputBlob: 'portico-runner-reviews.csv',
      outputBlob: 'portico-runner-reviews-hashed.csv',
      csv: `Col1,Col2\n5,${KNOWN_REVIEW}\n`,
    },
    {
      send: (request, signal) => sendRequest(request, { signal }),
      environment: (source) => {
        const name = sourceOf[source.apiId] ?? '';
        return { baseUrl: SERVERS[name] ?? '', credentials: credentials[name] ?? {} };
      },
      signal: controller.signal,
      sleep: abortableSleep,
      now: () => Date.now(),
    },
  ))
    events.push(event);

  expect(events.at(-1)).toMatchObject({
    type: 'workflow-end',
    outcome: {
      kind: 'success',
      outputs: {
        outputLocation: 'portico-uploads/portico-runner-reviews-hashed.csv',
        hashedCsv: expect.stringContaining(KNOWN_ROW) as unknown,
      },
    },
  });
  // The job id Submit answered is what Start and Status were called with.
  const submitted = events.find((e) => e.type === 'step-end' && e.stepId === 'submitJob');
  const jobId = String(
    (submitted as { outputs?: { jobId?: unknown } } | undefined)?.outputs?.jobId,
  );
  const urls = events.flatMap((e) => (e.type === 'request' ? [e.request.url] : []));
  expect(urls.filter((u) => u.includes(`/jobs/${jobId}`)).length).toBeGreaterThanOrEqual(2);
});
