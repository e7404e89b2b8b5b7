import { execFileSync } from 'node:child_process';
import { expect, test } from './fixtures/test';
import { replaceEditorText } from './fixtures/portal-page';
import { KNOWN_FEATURES, KNOWN_REVIEW } from './fixtures/batch-reviews';

// The tutorial's publisher half in the portal's Publish area, against the real stack; every
// change goes through the gateway's management API, as the area's call log shows.
const GATEWAY_URL = `http://127.0.0.1:${process.env.E2E_GATEWAY_PORT ?? 18791}`;
const MANAGEMENT = `${GATEWAY_URL}/management`;
const SERVICE_URL = `http://127.0.0.1:${process.env.E2E_DEMO_SERVICE_PORT ?? 18790}`;
const ADMIN = { Authorization: 'Bearer e2e-admin-key', 'Content-Type': 'application/json' };
const RRS_TEMPLATE =
  '/workspaces/{workspace}/services/{service}/execute?api-version={apiversion}&details={details}';
const RRS_BODY = JSON.stringify({
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [[KNOWN_REVIEW]] } },
  GlobalParameters: {},
});
const CREATED_APIS = ['azureml-demo-api-2', 'mock-demo', 'benchmark-api'];

async function manage(method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${MANAGEMENT}${path}`, {
    method,
    headers: method === 'DELETE' ? { ...ADMIN, 'If-Match': '*' } : ADMIN,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

// Other journeys meet Starter's limits and list the catalog: leave both as they were.
let starterPolicy = '';

test.beforeAll(async () => {
  const answer = (await (
    await manage('GET', '/products/starter/policies/policy?format=rawxml')
  ).json()) as {
    properties: { value: string };
  };
  starterPolicy = answer.properties.value;
});

test.afterAll(async () => {
  for (const api of CREATED_APIS) await manage('DELETE', `/apis/${api}`);
  await manage('PUT', '/products/starter/policies/policy', {
    properties: { format: 'rawxml', value: starterPolicy },
  });
});

/** A subscription of its own, so no other call counts against the limit this journey meets. */
async function starterKey(): Promise<string> {
  const answer = await fetch(`${GATEWAY_URL}/developer/subscriptions`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ productId: 'starter', displayName: `publish journey ${Date.now()}` }),
  });
  return ((await answer.json()) as { properties: { primaryKey: string } }).properties.primaryKey;
}

function execute(suffix: string, key: string): Promise<Response> {
  return fetch(
    `${GATEWAY_URL}/${suffix}/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true`,
    {
      method: 'POST',
      headers: {
        'Ocp-Apim-Subscription-Key': key,
        Authorization: 'Bearer e2e-demo-key',
        'Content-Type': 'application/json',
      },
      body: RRS_BODY,
    },
  );
}

test("the tutorial's first half: an API, RRS Execute with its URL template, Starter; then the catalog lists it", async ({
  page,
  axe,
}) => {
  await page.goto('./');
  await page
    .getByRole('navigation', { name: 'API Management' })
    .getByRole('link', { name: 'Publish' })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'Publish' })).toBeVisible();
  await expect(page.getByRole('cell', { name: 'AzureML Demo API', exact: true })).toBeVisible();
  await axe('the Publish area (light)');

  await page.getByRole('button', { name: 'Add API' }).click();
  const add = page.getByRole('form', { name: 'Add API' });
  await add.getByLabel('Web API name').fill('AzureML Demo API 2');
  await add.getByLabel('Web service URL').fill(SERVICE_URL);
  // The demo API's suffix first: the gateway's 409 names it, and nothing typed is lost.
  await add.getByLabel('Web API URL suffix').fill('azureml-demo');
  await add.getByRole('radio', { name: 'Both' }).check();
  await add.getByRole('checkbox', { name: 'Starter' }).check();
  await add.getByRole('button', { name: 'Create' }).click();
  await expect(add.getByRole('alert')).toContainText('already taken');
  await expect(add.getByRole('alert')).toContainText('Choose another Web API URL suffix.');
  await expect(add.getByLabel('Web API URL suffix')).toHaveAccessibleDescription(
    /already has the path "azureml-demo"/,
  );
  await expect(add.getByLabel('Web service URL')).toHaveValue(SERVICE_URL);
  // A backend host the stack does not trust: the gateway names it and the setting.
  await add.getByLabel('Web service URL').fill('http://203.0.113.9:8080');
  await add.getByLabel('Web API URL suffix').fill('azureml-tutorial');
  await add.getByRole('button', { name: 'Create' }).click();
  await expect(add.getByRole('alert')).toContainText('203.0.113.9');
  await expect(add.getByRole('alert')).toContainText('GATEWAY_TRUSTED_HOSTS');
  await add.getByLabel('Web service URL').fill(SERVICE_URL);
  await add.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'AzureML Demo API 2' })).toBeVisible();

  // The call log: the PUT that made it, its body, the admin key masked.
  const log = page.getByRole('region', { name: 'Management calls' });
  const created = log
    .getByRole('group')
    .filter({ has: page.getByText('Adding the API', { exact: true }) })
    .filter({ hasText: '201' });
  await created.locator('summary').click();
  await expect(created.getByText(`PUT`, { exact: true })).toBeVisible();
  await expect(
    created.getByText(`${MANAGEMENT}/apis/azureml-demo-api-2?api-version=2022-08-01`),
  ).toBeVisible();
  await created.getByText('Request headers').click();
  await expect(created.getByRole('cell', { name: 'Bearer ••••••' })).toBeVisible();
  await created.getByText(/^Request body/).click();
  await expect(created.getByText('"path":"azureml-tutorial"')).toBeVisible();
  await expect(log).not.toContainText('e2e-admin-key');
  await expect(log.getByText('Adding the API to starter')).toBeVisible();

  await page.getByRole('button', { name: 'Add operation' }).click();
  const op = page.getByRole('form', { name: 'Add operation' });
  await op.getByLabel('Display name').fill('RRS Execute');
  await op.getByLabel('HTTP verb').selectOption('POST');
  // Checked as typed: an unclosed brace is named before anything is sent.
  await op.getByLabel('URL template').fill('/workspaces/{workspace');
  await expect(op.getByText('The brace at character 13 is not closed')).toBeVisible();
  await op.getByLabel('URL template').fill(RRS_TEMPLATE);
  await expect(
    op.getByText('Parameters: {workspace}, {service}, {apiversion}, {details}'),
  ).toBeVisible();
  await expect(op.getByLabel('Status code')).toHaveValue('200');
  await op.getByRole('button', { name: 'Create' }).click();
  const operations = page.getByRole('list', { name: 'Operations' });
  await expect(operations.getByRole('listitem').filter({ hasText: 'RRS Execute' })).toContainText(
    'added by hand',
  );

  const key = await starterKey();
  const answer = await execute('azureml-tutorial', key);
  expect(answer.status).toBe(200);
  const body = (await answer.json()) as {
    Results: { output1: { value: { Values: string[][] } } };
  };
  expect(body.Results.output1.value.Values[0]).toEqual([KNOWN_REVIEW, ...KNOWN_FEATURES]);

  // The consumer's side: the catalog comes from the gateway, and lists the new API.
  await page.goto('./');
  const picker = page.getByRole('combobox', { name: 'API' });
  await expect(picker.getByRole('option', { name: 'AzureML Demo API 2' })).toBeAttached();
  await picker.selectOption({ label: 'AzureML Demo API 2' });
  await expect(
    page.getByRole('navigation', { name: 'Operations' }).getByRole('link', { name: /RRS Execute/ }),
  ).toBeVisible();
});

test('Starter at 2 calls a minute from the limits form: the third call gets the 429; the XML editor refuses an unsupported element at its line', async ({
  page,
}) => {
  await page.goto('./#/publish/products');
  await page.getByRole('link', { name: 'Starter' }).click();
  const limits = page.getByRole('form', { name: 'Limits' });
  await expect(limits.getByLabel('Calls', { exact: true })).toHaveValue('5');
  await limits.getByLabel('Calls', { exact: true }).fill('2');
  await limits.getByLabel('per period (seconds)').first().fill('60');
  await limits.getByRole('button', { name: 'Save limits' }).click();
  await expect(
    page.getByRole('region', { name: 'Management calls' }).getByText('Saving the limits'),
  ).toBeVisible();
  await expect(page.getByLabel('Product policy XML')).toContainText(
    /<rate-limit calls="2" renewal-period="60"/,
  );

  const key = await starterKey();
  expect((await execute('azureml-demo', key)).status).toBe(200);
  expect((await execute('azureml-demo', key)).status).toBe(200);
  const third = await execute('azureml-demo', key);
  expect(third.status).toBe(429);
  expect(Number(third.headers.get('retry-after'))).toBeGreaterThan(0);

  await page.getByRole('button', { name: 'Edit XML' }).click();
  await replaceEditorText(
    page,
    'Product policy XML',
    [
      '<policies>',
      '  <inbound>',
      '    <rate-limit calls="2" renewal-period="60" />',
      '    <bandwidth limit="5" />',
      '    <base />',
      '  </inbound>',
      '</policies>',
    ].join('\n'),
  );
  await page.getByRole('button', { name: 'Save policy' }).click();
  const refusal = page.getByRole('alert').filter({ hasText: 'the policy was refused' });
  await expect(refusal).toContainText('bandwidth');
  await expect(refusal).toContainText('Fix line 4');
  // Marked at that line in the editor.
  await expect(page.locator('.cm-portico-error-line')).toContainText('<bandwidth limit="5" />');
  await expect(page.locator('.cm-lint-marker-error')).toHaveCount(1);
});

test('mock-response for an API whose backend does not exist: the call answers with the example, marked as mocked', async ({
  page,
  portal,
}) => {
  await page.goto('./#/publish');
  await page.getByRole('button', { name: 'Add API' }).click();
  const add = page.getByRole('form', { name: 'Add API' });
  await add.getByLabel('Web API name').fill('Mock Demo');
  await add.getByLabel('Web API URL suffix').fill('mock-demo');
  await add.getByRole('checkbox', { name: 'Starter' }).check();
  await add.getByRole('checkbox', { name: 'Unlimited' }).check();
  await add.getByRole('button', { name: 'Create' }).click();
  await expect(page.getByText('None: mock its operations')).toBeVisible();

  await page.getByRole('button', { name: 'Add operation' }).click();
  const op = page.getByRole('form', { name: 'Add operation' });
  await op.getByLabel('Display name').fill('Get status');
  await op.getByLabel('HTTP verb').selectOption('GET');
  await op.getByLabel('URL template').fill('/status');
  await op.getByLabel('Content type').fill('application/json');
  await op.getByLabel('Example').fill('{"status":"ready"}');
  await op.getByRole('button', { name: 'Create' }).click();
  await page.getByRole('link', { name: 'Get status' }).click();
  const toggle = page.getByRole('button', { name: 'Mock responses off' });
  await toggle.click();
  await expect(page.getByRole('button', { name: 'Mock responses on' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(page.getByLabel('Operation policy XML')).toContainText(
    '<mock-response status-code="200" content-type="application/json" />',
  );

  // The consumer opens it from the catalog and sends: the gateway answers for the backend.
  await page.goto('./');
  await page.getByRole('combobox', { name: 'API' }).selectOption({ label: 'Mock Demo' });
  await portal.openOperation('Get status');
  await page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('200 OK')).toBeVisible();
  await expect(response.getByText('Mocked by the gateway')).toBeVisible();
  await expect(response).toContainText('ready');
});

test('the 2,000-operation benchmark, added from a file and published with "Publish this API": the 202 progress, then its operations', async ({
  page,
}, testInfo) => {
  test.setTimeout(120_000);
  const file = testInfo.outputPath('benchmark.openapi.json');
  execFileSync(
    process.execPath,
    [
      '--import',
      'tsx',
      '--eval',
      `import { generateDefinition } from './bench/generate-definition.ts';
       import { writeFileSync } from 'node:fs';
       writeFileSync(${JSON.stringify(file)}, JSON.stringify(generateDefinition(2000, ${JSON.stringify(SERVICE_URL)})));`,
    ],
    { stdio: 'inherit' },
  );
  await page.goto('./#/settings');
  await page.getByLabel('Definition file').setInputFiles(file);
  await expect(page.getByRole('status').filter({ hasText: 'Added “Benchmark API”' })).toBeVisible();
  await page.getByRole('combobox', { name: 'API' }).selectOption({ label: 'Benchmark API' });
  await expect(page.getByRole('heading', { level: 1, name: 'Benchmark API' })).toBeVisible();
  // Behind no API Management yet: the Publish area publishes it with the Local demo's credential.

  await page
    .getByRole('navigation', { name: 'API Management' })
    .getByRole('link', { name: 'Publish' })
    .click();
  const form = page.getByRole('form', { name: 'Import an API' });
  await expect(
    form.getByRole('radio', { name: 'The API open in Portico: Benchmark API' }),
  ).toBeChecked();
  await expect(form.getByLabel('Web API URL suffix')).toHaveValue('benchmark-api');
  await form.getByRole('button', { name: 'Publish this API' }).click();
  await expect(form.getByText(/Accepted \(202\): the gateway is importing/)).toBeVisible();
  await expect(form.getByText('Imported')).toBeVisible({ timeout: 60_000 });
  await form.getByRole('link', { name: 'Benchmark API' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Operations (2,000)' })).toBeVisible({
    timeout: 30_000,
  });
  await expect(
    page.getByRole('list', { name: 'Operations' }).getByRole('listitem').first(),
  ).toContainText('imported');
});

test('a consumer without an admin credential never sees the Publish area; it passes axe in dark', async ({
  page,
  axe,
}) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./#/publish/products/starter');
  await expect(page.getByRole('heading', { level: 2, name: 'Starter' })).toBeVisible();
  await page.getByRole('button', { name: 'Edit XML' }).click();
  await expect(
    page.locator('[contenteditable="true"][aria-label="Product policy XML"]'),
  ).toBeVisible();
  await axe('a product in the Publish area with its XML editor (dark)');

  await page.goto('./');
  const apim = page.getByRole('navigation', { name: 'API Management' });
  await expect(apim.getByRole('link', { name: 'Publish' })).toBeVisible();
  await page
    .getByRole('combobox', { name: 'Environment' })
    .selectOption({ label: 'Demo service, direct' });
  await expect(page.getByRole('link', { name: 'Publish' })).toHaveCount(0);
  await page.goto('./#/publish');
  await expect(
    page.getByText('Publishing needs an environment with an API Management management endpoint'),
  ).toBeVisible();
});
