import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/test';
import { KNOWN_FEATURES, KNOWN_REVIEW } from './fixtures/batch-reviews';

// The catalog comes from the gateway's management API (demo/portico.config.json, apiSource):
// an API published there is listed and callable without an edit of any file.
const GATEWAY_URL = `http://127.0.0.1:${process.env.E2E_GATEWAY_PORT ?? 18791}`;
const MANAGEMENT = `${GATEWAY_URL}/management`;
const SERVICE_URL = `http://127.0.0.1:${process.env.E2E_DEMO_SERVICE_PORT ?? 18790}`;
const ADMIN = { Authorization: 'Bearer e2e-admin-key', 'Content-Type': 'application/json' };
const API_ID = 'azureml-demo-2';

async function manage(method: string, path: string, body?: unknown): Promise<void> {
  const response = await fetch(`${MANAGEMENT}${path}`, {
    method,
    headers: method === 'DELETE' ? { ...ADMIN, 'If-Match': '*' } : ADMIN,
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.status, `${method} ${path}: ${await response.text()}`).toBeLessThan(300);
}

const RRS_BODY = JSON.stringify({
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [[KNOWN_REVIEW]] } },
  GlobalParameters: {},
});

test.afterEach(async () => {
  await manage('DELETE', `/apis/${API_ID}`);
});

test('an API published through the management API is listed, opened and called through the gateway', async ({
  page,
  portal,
}) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API' })).toBeVisible();

  // The publisher imports the demo definition under a new suffix, puts it in Starter, and
  // keeps the backend's key in APIM (a policy), as one does with a real APIM.
  await manage('PUT', `/apis/${API_ID}`, {
    properties: {
      format: 'openapi+json',
      value: readFileSync('public/apis/azureml-demo.openapi.json', 'utf8'),
      path: API_ID,
      displayName: 'AzureML Demo API 2',
      serviceUrl: SERVICE_URL,
    },
  });
  await manage('PUT', `/products/starter/apis/${API_ID}`);
  await manage('PUT', `/apis/${API_ID}/policies/policy`, {
    properties: {
      format: 'xml',
      value:
        '<policies><inbound><base /><set-header name="Authorization" exists-action="override"><value>Bearer e2e-demo-key</value></set-header></inbound><backend><base /></backend><outbound><base /></outbound><on-error><base /></on-error></policies>',
    },
  });

  await page.reload();
  const picker = page.getByRole('combobox', { name: 'API' });
  await expect(picker.getByRole('option', { name: 'AzureML Demo API 2' })).toBeAttached();
  await picker.selectOption({ label: 'AzureML Demo API 2' });
  await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API 2' })).toBeVisible();
  // Its environment is the gateway at its own suffix, with the Local demo's settings.
  await expect(
    page.getByRole('combobox', { name: 'Environment' }).getByRole('option', { selected: true }),
  ).toHaveText('Local demo');

  await portal.openOperation('RRS Execute');
  const form = page.getByRole('form', { name: 'Try it' });
  // The exported definition names APIM's key: the Starter key goes in it.
  await form.getByLabel('Ocp-Apim-Subscription-Key', { exact: true }).fill('portico-starter-key');
  await portal.setRequestBody(RRS_BODY);
  const sent = page.waitForRequest((r) => r.url().startsWith(`${GATEWAY_URL}/${API_ID}/`));
  await form.getByRole('button', { name: 'Send' }).click();
  expect((await sent).headers()['ocp-apim-subscription-key']).toBe('portico-starter-key');

  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('200 OK')).toBeVisible();
  const row = page
    .getByRole('region', { name: 'Response content' })
    .getByRole('row')
    .filter({ hasText: KNOWN_REVIEW });
  await expect(row.getByRole('cell')).toHaveText([KNOWN_REVIEW, ...KNOWN_FEATURES]);
});

test('a missing or refused token is said with what to do, and the demo API stays', async ({
  page,
}) => {
  // A config without the demo's admin key reads the gateway the way a real APIM is read: with
  // a token the user pastes.
  await page.route('**/portico.config.json', async (route) => {
    const response = await route.fetch();
    const config = (await response.json()) as { apiSource: Record<string, unknown> };
    delete config.apiSource.demoAdminKey;
    await route.fulfill({ response, json: config });
  });
  await manage('PUT', `/apis/${API_ID}`, {
    properties: { displayName: 'AzureML Demo API 2', path: API_ID, serviceUrl: SERVICE_URL },
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API' })).toBeVisible();
  const notice = page.getByRole('alert').filter({ hasText: 'A token is needed to list the APIs' });
  await expect(notice).toContainText(
    `The APIs come from API Management at ${GATEWAY_URL}, which needs an access token to list them.`,
  );

  await notice.getByLabel('ARM access token').fill('a-token-the-gateway-does-not-know');
  await notice.getByRole('button', { name: 'Use token' }).click();
  const refused = page
    .getByRole('alert')
    .filter({ hasText: 'API Management refused the credential' });
  await expect(refused).toContainText(`API Management at ${GATEWAY_URL} refused the token (401)`);
  await expect(refused).toContainText('Paste a new token');
  // Only this tab's session storage holds it; the address never does.
  expect(page.url()).not.toContain('a-token-the-gateway');
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(
    'a-token-the-gateway',
  );
  // Only the config's own APIs are listed (the online endpoints' entries among them), none of
  // the gateway's.
  const picker = page.getByRole('combobox', { name: 'API' });
  await expect(picker.getByRole('option', { name: 'AzureML Demo API', exact: true })).toHaveCount(
    1,
  );
  await expect(picker.getByRole('option', { name: 'AzureML Demo API 2' })).toHaveCount(0);
  await refused.getByRole('button', { name: 'Forget token' }).click();
  await expect(notice).toBeVisible();
});
