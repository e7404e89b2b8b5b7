import { readFileSync } from 'node:fs';
import { E2E_DEMO_API_KEY, E2E_DEMO_SERVICE_URL, E2E_DIST } from '../playwright.config';
import { expect, test } from './fixtures/test';

test('the built portal ships no keys and tells its first visitor how to set up', async ({
  page,
  portal,
}) => {
  // The preview server answers with the demo configuration while the demo stack runs; this
  // journey serves the portal the file the build actually ships instead.
  const built = readFileSync(`${E2E_DIST}/portico.config.json`, 'utf8');
  const config = JSON.parse(built) as {
    environments: Array<{ baseUrl: string; credentials: Record<string, string> }>;
  };
  for (const env of config.environments) {
    expect(Object.values(env.credentials).filter((v) => v !== '')).toEqual([]);
    expect(env.baseUrl).not.toMatch(/127\.0\.0\.1|localhost/);
  }

  await page.route('**/portico.config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: built }),
  );
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API' })).toBeVisible();
  const environment = page.getByRole('combobox', { name: 'Environment' });
  await expect(environment).toHaveValue('apim');
  await expect(environment.getByRole('option', { name: 'Local demo' })).toHaveCount(0);
  const notice = page.getByRole('complementary', { name: 'Getting started' });
  await expect(notice).toContainText('still points at the placeholder');

  // Following the notice: the address first, then the key, and the notice goes away.
  await notice.getByRole('link', { name: 'Open Settings' }).click();
  // Each API lists its own API Management environment: this is the tutorial's.
  const tutorial = page.getByRole('region', { name: /^AzureML Demo API/ });
  await tutorial.getByRole('button', { name: 'Edit Azure API Management' }).click();
  const form = tutorial.getByRole('form', { name: 'Edit Azure API Management' });
  await form.getByLabel('Base URL').fill(E2E_DEMO_SERVICE_URL);
  await form.getByRole('button', { name: 'Save environment' }).click();
  await expect(notice).toContainText('No key is set for “Azure API Management”');
  await tutorial.getByRole('button', { name: 'Edit Azure API Management' }).click();
  await form.getByLabel('AzureML API key').fill(E2E_DEMO_API_KEY);
  await form.getByRole('button', { name: 'Save environment' }).click();
  await expect(notice).toBeHidden();

  await page.getByRole('link', { name: 'AzureML Demo API' }).first().click();
  await portal.openOperation('RRS Execute');
  await portal.setRequestBody(
    '{"Inputs":{"input1":{"ColumnNames":["Col2"],"Values":[["This is a good day"]]}},"GlobalParameters":{}}',
  );
  await page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();
  await expect(
    page.getByRole('region', { name: 'Response', exact: true }).getByText('200 OK'),
  ).toBeVisible();
});
