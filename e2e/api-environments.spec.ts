import { expect, test } from './fixtures/test';
import { startFixtureApi } from '../server/testing/fixture-api';

// No server listens here: the browser's calls to it are answered by the test.
const PETS_SERVER = 'http://127.0.0.1:39991/petstore';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('an added API calls its own server, and the picker shows only its environments', async ({
      page,
      portal,
    }) => {
      const calls: string[] = [];
      await page.route(`${PETS_SERVER}/**`, async (route) => {
        calls.push(route.request().url());
        await route.fulfill({
          status: 200,
          contentType: 'application/json',
          headers: { 'Access-Control-Allow-Origin': '*' },
          body: JSON.stringify([{ id: 1, name: 'Rex' }]),
        });
      });
      await page.goto('./#/settings');
      await page.getByLabel('Definition file').setInputFiles({
        name: 'pets.yaml',
        mimeType: 'application/yaml',
        buffer: Buffer.from(
          [
            'openapi: 3.0.3',
            'info: { title: Pet Store, version: "1.0" }',
            `servers: [{ url: "${PETS_SERVER}" }]`,
            'paths:',
            '  /pets:',
            '    get:',
            '      summary: List pets',
            '      responses: { "200": { description: OK } }',
          ].join('\n'),
        ),
      });
      await expect(page.getByRole('status').filter({ hasText: 'Added “Pet Store”' })).toBeVisible();
      await page.getByRole('combobox', { name: 'API' }).selectOption({ label: 'Pet Store' });
      await expect(page.getByRole('heading', { level: 1, name: 'Pet Store' })).toBeVisible();

      const picker = page.getByRole('combobox', { name: 'Environment' });
      await expect(picker.getByRole('option')).toHaveText(['Server (127.0.0.1:39991)', 'Mock']);
      await portal.openOperation('List pets');
      await page
        .getByRole('form', { name: 'Try it' })
        .getByRole('button', { name: 'Send' })
        .click();
      await expect(
        page.getByRole('region', { name: 'Response', exact: true }).getByText('200 OK'),
      ).toBeVisible();
      expect(calls).toEqual([`${PETS_SERVER}/pets`]);

      // Back on the tutorial's API, its own environments are offered again.
      await page.getByRole('combobox', { name: 'API' }).selectOption({ label: 'AzureML Demo API' });
      await expect(picker.getByRole('option')).toHaveText([
        'Local demo',
        'Demo service, direct',
        'Azure API Management',
        'Mock',
      ]);
    });
  });
}

test('an added API’s relative server with a variable: edited in Settings, used by Send, kept per API', async ({
  page,
  portal,
  axe,
}) => {
  // A real server for the definition; its servers are relative to the definition's own URL.
  const petsApi = await startFixtureApi({
    definition: () => ({
      openapi: '3.0.3',
      info: { title: 'Pet Store', version: '1.0' },
      servers: [
        {
          url: './{stage}',
          variables: { stage: { default: 'v1', enum: ['v1', 'v2'], description: 'API stage' } },
        },
        { url: '/tenants/{tenant}', variables: { tenant: { default: 'demo' } } },
      ],
      paths: {
        '/pets': {
          get: { summary: 'List pets', responses: { '200': { description: 'OK' } } },
        },
      },
    }),
  });
  try {
    const calls: string[] = [];
    await page.route(
      (url) => url.origin === petsApi.url && url.pathname !== '/openapi.json',
      async (route) => {
        calls.push(route.request().url());
        await route.fulfill({
          status: 200,
          contentType: 'application/json',
          headers: { 'Access-Control-Allow-Origin': '*' },
          body: JSON.stringify([{ id: 1, name: 'Rex' }]),
        });
      },
    );
    const host = new URL(petsApi.url).host;
    await page.goto('./#/settings');
    await page.getByLabel('Definition URL').fill(`${petsApi.url}/openapi.json`);
    await page.getByRole('button', { name: 'Add from URL' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Added “Pet Store”' })).toBeVisible();

    // Settings lists each API's environments under its own heading.
    const pets = page.getByRole('region', { name: /^Pet Store/ });
    await expect(pets.getByText(`${petsApi.url}/v1`, { exact: true })).toBeVisible();
    await expect(pets.getByText(`${petsApi.url}/tenants/demo`, { exact: true })).toBeVisible();
    await expect(
      page
        .getByRole('region', { name: /^AzureML Demo API/ })
        .getByRole('button', { name: 'Edit Local demo' }),
    ).toBeVisible();

    await pets.getByRole('button', { name: `Edit Server 1 (${host})` }).click();
    const form = pets.getByRole('form', { name: `Edit Server 1 (${host})` });
    const stage = form.getByLabel('Server variable stage');
    await expect(stage).toHaveValue('v1');
    await stage.selectOption('v2');
    await expect(form.getByText(`${petsApi.url}/v2`, { exact: true })).toBeVisible();
    await axe('Settings, editing a server environment');
    await form.getByRole('button', { name: 'Save environment' }).click();
    await expect(pets.getByText(`${petsApi.url}/v2`, { exact: true })).toBeVisible();

    const apiPicker = page.getByRole('combobox', { name: 'API' });
    const envPicker = page.getByRole('combobox', { name: 'Environment' });
    await apiPicker.selectOption({ label: 'Pet Store' });
    await expect(envPicker.getByRole('option')).toHaveText([
      `Server 1 (${host})`,
      `Server 2 (${host})`,
      'Mock',
    ]);
    await portal.openOperation('List pets');
    const tryIt = page.getByRole('form', { name: 'Try it' });
    await tryIt.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response', exact: true });
    await expect(response.getByText('200 OK')).toBeVisible();
    expect(calls).toEqual([`${petsApi.url}/v2/pets`]);

    // Each API keeps its own choice when the other API changes.
    await envPicker.selectOption({ label: `Server 2 (${host})` });
    await apiPicker.selectOption({ label: 'AzureML Demo API' });
    await expect(envPicker).toHaveValue('local-demo');
    await envPicker.selectOption({ label: 'Demo service, direct' });
    await apiPicker.selectOption({ label: 'Pet Store' });
    await expect(envPicker).toHaveValue('pet-store~server-2');
    await portal.openOperation('List pets');
    await tryIt.getByRole('button', { name: 'Send' }).click();
    await expect(response.getByText('200 OK')).toBeVisible();
    expect(calls).toEqual([`${petsApi.url}/v2/pets`, `${petsApi.url}/tenants/demo/pets`]);

    await page.reload();
    await expect(envPicker).toHaveValue('pet-store~server-2');
    await apiPicker.selectOption({ label: 'AzureML Demo API' });
    await expect(envPicker).toHaveValue('demo-direct');
  } finally {
    await petsApi.close();
  }
});
