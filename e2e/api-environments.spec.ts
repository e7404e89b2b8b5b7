import { expect, test } from './fixtures/test';

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
      await expect(picker.getByRole('option')).toHaveText(['Server (127.0.0.1:39991)']);
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
      ]);
    });
  });
}
