/**
 * The workflow runner's own cost (issue 21): a 50-step Arazzo workflow, each step reading the
 * previous one's output through runtime expressions, a JSON body with an embedded expression,
 * two success criteria (simple and JSONPath) and two outputs, run against a `send` that answers
 * at once. What is measured is everything but the network: loading and validating the document,
 * binding, building 50 requests, evaluating criteria and outputs. Prints figures; asserts
 * nothing. Run: npx tsx bench/workflow-overhead.ts
 */
import { performance } from 'node:perf_hooks';
import type { ApiDefinition } from '../src/core/definition/api-model';
import type { HttpResponse } from '../src/core/request/send-request';
import { bindSources } from '../src/core/workflow/bind-sources';
import { loadArazzo } from '../src/core/workflow/load-arazzo';
import { runWorkflow } from '../src/core/workflow/run-workflow';

const STEPS = 50;
const RUNS = 20;

const definition: ApiDefinition = {
  id: 'items',
  title: 'Items',
  version: '1',
  specVersion: 'openapi-3.0',
  servers: [],
  tags: [],
  securitySchemes: { key: { id: 'key', type: 'apiKey', in: 'header', name: 'X-Key' } },
  operations: [
    {
      slug: 'Next',
      operationId: 'Next',
      method: 'post',
      path: '/items/{id}/next',
      summary: 'Next',
      tags: [],
      deprecated: false,
      parameters: [
        { name: 'id', in: 'path', required: true },
        { name: 'round', in: 'query', required: false },
      ],
      requestBody: { required: true, content: [{ contentType: 'application/json', examples: [] }] },
      responses: [],
      security: [['key']],
    },
  ],
};

function document(): string {
  const steps = Array.from({ length: STEPS }, (_, i) => {
    const previous = i === 0 ? '$inputs.start' : `$steps.s${i - 1}.outputs.id`;
    return `      - stepId: s${i}
        operationId: Next
        parameters:
          - { name: id, in: path, value: ${previous} }
          - { name: round, in: query, value: ${i} }
        requestBody:
          contentType: application/json
          payload: { from: ${previous}, note: 'step {$inputs.start} ${i}', tags: [a, b] }
        successCriteria:
          - condition: $statusCode == 200 && $response.body#/ok == true
          - context: $response.body
            condition: $.items[?(@.n > 1)]
            type: { type: jsonpath, version: draft-goessner-dispatch-jsonpath-00 }
        outputs:
          id: $response.body#/id
          count: $response.body#/items/2/n`;
  });
  return `arazzo: 1.0.1
info: { title: Bench, version: '1' }
sourceDescriptions:
  - { name: items, url: ./items.json }
workflows:
  - workflowId: chain
    inputs: { type: object, properties: { start: { type: string } } }
    steps:
${steps.join('\n')}
    outputs:
      last: $steps.s${STEPS - 1}.outputs.id
`;
}

const encoder = new TextEncoder();
function answer(id: string): HttpResponse {
  const body = encoder.encode(
    JSON.stringify({ ok: true, id, items: [{ n: 1 }, { n: 2 }, { n: 3 }] }),
  );
  return {
    status: 200,
    statusText: 'OK',
    headers: [['content-type', 'application/json']],
    body,
    contentType: 'application/json',
    durationMs: 0,
    size: body.byteLength,
    receivedAt: Date.now(),
  };
}

async function once(text: string): Promise<{ load: number; run: number; steps: number }> {
  const t0 = performance.now();
  const loaded = loadArazzo(text, 'http://bench/chain.arazzo.yaml');
  if (!loaded.ok) throw new Error(JSON.stringify(loaded.errors));
  const bound = bindSources(loaded.document, new Map([['items', { apiId: 'items', definition }]]));
  if (!bound.ok) throw new Error(JSON.stringify(bound.errors));
  const t1 = performance.now();
  let steps = 0;
  let counter = 0;
  for await (const event of runWorkflow(
    bound.bound,
    'chain',
    { start: 'item-0' },
    {
      send: () => Promise.resolve(answer(`item-${(counter += 1)}`)),
      environment: () => ({ baseUrl: 'https://api.example', credentials: { key: 'K' } }),
      signal: new AbortController().signal,
      sleep: () => Promise.resolve(),
      now: () => Date.now(),
    },
  )) {
    if (event.type === 'step-end' && event.passed) steps += 1;
    if (event.type === 'workflow-end' && event.outcome.kind !== 'success')
      throw new Error(JSON.stringify(event.outcome));
  }
  return { load: t1 - t0, run: performance.now() - t1, steps };
}

const text = document();
const loads: number[] = [];
const runs: number[] = [];
for (let i = 0; i < RUNS; i += 1) {
  const { load, run, steps } = await once(text);
  if (steps !== STEPS) throw new Error(`${steps} steps passed, not ${STEPS}`);
  loads.push(load);
  runs.push(run);
}
const median = (values: number[]) =>
  [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
const ms = (value: number) => `${value.toFixed(1)} ms`;
console.log(`${STEPS}-step workflow, ${RUNS} runs (the first includes warm-up)`);
console.log(`  load + validate + bind: median ${ms(median(loads))}, first ${ms(loads[0] ?? 0)}`);
console.log(
  `  run (no network):       median ${ms(median(runs))}, first ${ms(runs[0] ?? 0)}, ${ms(median(runs) / STEPS)} a step`,
);
