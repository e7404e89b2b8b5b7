import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadDefinition } from '../definition/load-definition';
import { makeHistoryEntry, type HistoryEntryInput } from '../history/history-entry';
import { bindSources } from './bind-sources';
import { historyToArazzo } from './history-to-arazzo';
import { loadArazzo } from './load-arazzo';

const definition = await loadDefinition(
  {
    text: readFileSync(
      new URL('../../../public/apis/azureml-demo.openapi.json', import.meta.url),
      'utf8',
    ),
    fileName: 'azureml-demo.openapi.json',
  },
  { id: 'azureml-demo' },
);
const apis = new Map([
  [
    'azureml-demo',
    {
      title: 'AzureML Demo API',
      definitionUrl: 'http://127.0.0.1:5173/apis/azureml-demo.openapi.json',
      definition,
    },
  ],
]);

const base = 'http://127.0.0.1:8791/azureml-demo/workspaces/ws/services/svc';
const encoder = new TextEncoder();
const SAS = '?sv=2025-01-05&sr=c&sp=racwl&sig=REALSIGNATURE';

// Entries made the way the console makes them, so History's own redaction has run on them.
function entry(
  id: string,
  at: number,
  slug: string,
  method: string,
  path: string,
  params: Record<string, string>,
  status: number,
  responseBody: string,
  body?: string,
  responseHeaders: Array<[string, string]> = [],
) {
  const input: HistoryEntryInput = {
    id,
    apiId: 'azureml-demo',
    operationSlug: slug,
    operationSummary: slug.replace('_', ' '),
    at,
    request: {
      method,
      url: `${base}${path}?api-version=2.0`,
      headers: [
        { name: 'Authorization', value: 'Bearer AMLKEY', secret: true, schemeId: 'azureml' },
        { name: 'Ocp-Apim-Subscription-Key', value: 'SUBKEY', secret: true },
      ],
      ...(body !== undefined ? { body } : {}),
    },
    form: { params, customHeaders: [], ...(body !== undefined ? { body } : {}) },
    outcome: {
      kind: 'response',
      status,
      statusText: 'OK',
      headers: [['content-type', 'application/json'], ...responseHeaders],
      body: encoder.encode(responseBody),
    },
  };
  return makeHistoryEntry(input);
}

const common = { 'path:workspace': 'ws', 'path:service': 'svc', 'query:api-version': '2.0' };
const JOB = 'c4b1a9e0-5f37-4c5e-9a43-7d7f3bb0f2a1';
const submitBody = JSON.stringify({
  Inputs: {
    input1: {
      ConnectionString: null,
      BaseLocation: 'http://127.0.0.1:10000/devstoreaccount1/',
      RelativeLocation: 'portico-uploads/in.csv',
      SasBlobToken: SAS,
    },
  },
  Outputs: {},
  GlobalParameters: {},
});
const entries = [
  entry(
    '1',
    1_765_000_000_000,
    'BES_Submit',
    'POST',
    '/jobs',
    common,
    200,
    JSON.stringify(JOB),
    submitBody,
  ),
  entry(
    '2',
    1_765_000_001_000,
    'BES_Start',
    'POST',
    `/jobs/${JOB}/start`,
    { ...common, 'path:jobid': JOB },
    200,
    '',
  ),
  entry(
    '3',
    1_765_000_002_000,
    'BES_Status',
    'GET',
    `/jobs/${JOB}`,
    { ...common, 'path:jobid': JOB },
    200,
    JSON.stringify({ StatusCode: 'Finished' }),
  ),
];

describe('historyToArazzo', () => {
  const text = historyToArazzo(entries, apis);

  it('wires the job id from Submit into Start and Status, and makes keys inputs', () => {
    expect(text)
      .toBe(`# Keys are inputs: run it with \`npx @redocly/cli respect <file> --input name=value\`,
# or in Portico, where an empty key input uses the environment's.

arazzo: 1.0.1
info:
  title: Calls saved from History
  version: 1.0.0
  description: Made by Portico from the calls picked in History, in order. Values that came from an earlier response are wired as runtime expressions; keys are inputs, never values.
sourceDescriptions:
  - name: azureml-demo
    url: http://127.0.0.1:5173/apis/azureml-demo.openapi.json
    type: openapi
workflows:
  - workflowId: savedCalls
    summary: 3 calls from History
    inputs:
      type: object
      properties:
        azureml:
          type: string
          format: password
          description: "AzureML API key (AzureML Demo API): left empty, the environment's is used"
        apimSubscriptionKey:
          type: string
          format: password
          description: "APIM subscription key (AzureML Demo API): left empty, the environment's is used"
        sasBlobToken:
          type: string
          format: password
          description: The secret that History masked at Inputs.input1.SasBlobToken
    steps:
      - stepId: besSubmit
        description: BES Submit (from History, 2025-12-06T05:46:40.000Z)
        operationId: BES_Submit
        x-security:
          - schemeName: azureml
            values:
              token: $inputs.azureml
          - schemeName: apimSubscriptionKey
            values:
              apiKey: $inputs.apimSubscriptionKey
        parameters:
          - name: workspace
            in: path
            value: ws
          - name: service
            in: path
            value: svc
          - name: api-version
            in: query
            value: "2.0"
        requestBody:
          contentType: application/json
          payload:
            Inputs:
              input1:
                ConnectionString: null
                BaseLocation: http://127.0.0.1:10000/devstoreaccount1/
                RelativeLocation: portico-uploads/in.csv
                SasBlobToken: $inputs.sasBlobToken
            Outputs: {}
            GlobalParameters: {}
        successCriteria:
          - condition: $statusCode == 200
        outputs:
          result: $response.body
      - stepId: besStart
        description: BES Start (from History, 2025-12-06T05:46:41.000Z)
        operationId: BES_Start
        x-security:
          - schemeName: azureml
            values:
              token: $inputs.azureml
          - schemeName: apimSubscriptionKey
            values:
              apiKey: $inputs.apimSubscriptionKey
        parameters:
          - name: workspace
            in: path
            value: ws
          - name: service
            in: path
            value: svc
          - name: api-version
            in: query
            value: "2.0"
          - name: jobid
            in: path
            value: $steps.besSubmit.outputs.result
        successCriteria:
          - condition: $statusCode == 200
      - stepId: besStatus
        description: BES Status (from History, 2025-12-06T05:46:42.000Z)
        operationId: BES_Status
        x-security:
          - schemeName: azureml
            values:
              token: $inputs.azureml
          - schemeName: apimSubscriptionKey
            values:
              apiKey: $inputs.apimSubscriptionKey
        parameters:
          - name: workspace
            in: path
            value: ws
          - name: service
            in: path
            value: svc
          - name: api-version
            in: query
            value: "2.0"
          - name: jobid
            in: path
            value: $steps.besSubmit.outputs.result
        successCriteria:
          - condition: $statusCode == 200
`);
  });

  it('holds no secret and makes a document the loader and binder accept', () => {
    expect(text).not.toMatch(/AMLKEY|SUBKEY|REALSIGNATURE|••••••/);
    const loaded = loadArazzo(text, 'http://127.0.0.1:5173/workflows/saved.arazzo.yaml');
    expect(loaded.ok ? [] : loaded.errors).toEqual([]);
    if (!loaded.ok) return;
    const bound = bindSources(
      loaded.document,
      new Map([['azureml-demo', { apiId: 'azureml-demo', definition }]]),
      loaded.url,
    );
    expect(bound.ok).toBe(true);
  });

  it('wires a Location header and a body member, embedded where a value only contains it', () => {
    const located = [
      entry(
        'a',
        1,
        'BES_Submit',
        'POST',
        '/jobs',
        common,
        202,
        JSON.stringify({ job: { id: 'job-0001' } }),
        '{}',
        [['Location', `${base}/jobs/job-0001`]],
      ),
      entry(
        'b',
        2,
        'BES_Status',
        'GET',
        '/jobs/job-0001',
        { ...common, 'path:jobid': 'job-0001' },
        200,
        '{}',
        undefined,
      ),
    ];
    const [first] = located;
    if (first) first.form.customHeaders = [{ name: 'X-Trace', value: `${base}/jobs/job-0001#t` }];
    const out = historyToArazzo(located.reverse(), apis);
    // Reversed order: nothing earlier to wire to, so both stay literals.
    expect(out).not.toContain('$steps.');
    const wired = historyToArazzo(located.reverse(), apis);
    expect(wired).toContain('value: $steps.besSubmit.outputs.id');
    expect(wired).toContain('id: $response.body#/job/id');
  });

  it('leaves out calls whose API is not loaded, and says so', () => {
    const out = historyToArazzo(entries.slice(0, 1), new Map());
    expect(out).toContain('# Left out (their API or operation is not loaded): POST');
  });
});
