import { expect, test } from './fixtures/test';

test('environments: bad input is explained, good input persists, secrets only when asked', async ({
  page,
}) => {
  await page.goto('./#/settings');
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();

  await page.getByRole('button', { name: '+ Add environment' }).click();
  const form = page.getByRole('form', { name: 'New environment' });
  await form.getByLabel('Name').fill('Staging');
  const baseUrl = form.getByLabel('Base URL');
  await baseUrl.fill('staging.example.com/ml');
  await form.getByLabel('AzureML API key').fill('staging-secret');
  await form.getByRole('button', { name: 'Save environment' }).click();
  await expect(baseUrl).toHaveAttribute('aria-invalid', 'true');
  await expect(baseUrl).toHaveAccessibleDescription(/not an absolute URL/);
  // Nothing typed was lost.
  await expect(form.getByLabel('Name')).toHaveValue('Staging');
  await expect(form.getByLabel('AzureML API key')).toHaveValue('staging-secret');

  await baseUrl.fill('https://staging.example.com/ml');
  await form.getByLabel('Remember on this device').check();
  await form.getByRole('button', { name: 'Save environment' }).click();
  await expect(form).toBeHidden();
  // Saved, listed with the user's own environments, and not put in use without asking.
  const picker = page.getByRole('combobox', { name: 'Environment' });
  await expect(picker).toHaveValue('local-demo');
  const yours = page.getByRole('region', { name: /Your environments/ });
  await expect(yours.getByText('https://staging.example.com/ml')).toBeVisible();
  const saved = page.getByRole('status').filter({ hasText: 'Saved “Staging”.' });
  await saved.getByRole('button', { name: 'Use it now' }).click();
  await expect(picker).toHaveValue('staging');
  await expect(saved).toContainText('AzureML Demo API uses it now.');

  // The local demo's key is edited but not remembered: it must not reach localStorage.
  // Each API lists its own Local demo (the online endpoints have theirs): this is the tutorial's.
  const tutorial = page.getByRole('region', { name: /^AzureML Demo API/ });
  await tutorial.getByRole('button', { name: 'Edit Local demo' }).click();
  const demo = tutorial.getByRole('form', { name: 'Edit Local demo' });
  await demo.getByLabel('AzureML API key').fill('session-only-key');
  await demo.getByRole('button', { name: 'Save environment' }).click();

  const timeout = page.getByLabel('Request timeout (seconds)');
  await timeout.fill('0');
  await expect(timeout).toHaveAccessibleDescription(/from 1 to 600/);
  await timeout.fill('12');

  const local = await page.evaluate(() => JSON.stringify(localStorage));
  expect(local).toContain('staging-secret');
  expect(local).not.toContain('session-only-key');

  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue('staging');
  await expect(page.getByText('https://staging.example.com/ml')).toBeVisible();
  await expect(page.getByLabel('Request timeout (seconds)')).toHaveValue('12');

  // Built-ins can be reset but not deleted; custom ones can be deleted.
  await expect(page.getByRole('button', { name: 'Delete Local demo' })).toHaveCount(0);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Delete Staging' }).click();
  await expect(page.getByText('https://staging.example.com/ml')).toHaveCount(0);
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue('local-demo');
});

test('an API added from a file is listed, and a broken one is explained', async ({
  page,
  portal,
}) => {
  await page.goto('./#/settings');
  const file = page.getByLabel('Definition file');
  await file.setInputFiles({
    name: 'broken.json',
    mimeType: 'application/json',
    buffer: Buffer.from('{\n  "openapi": "3.0.3",\n  "info": { "title": "X" \n}'),
  });
  await expect(page.getByRole('alert').filter({ hasText: /line/i })).toBeVisible();

  await file.setInputFiles({
    name: 'pets.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      [
        'openapi: 3.0.3',
        'info: { title: Pet Store, version: "1.0" }',
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
  await expect(portal.operationsNav.getByRole('link', { name: /List pets/ })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'Pet Store' })).toBeVisible();
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  // Removing asks first: dismissing keeps the API.
  // The demo lists other APIs too (the online endpoints): the picker stays, without Pet Store.
  const petStore = page
    .getByRole('combobox', { name: 'API' })
    .getByRole('option', { name: 'Pet Store', exact: true });
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: 'Remove Pet Store' }).click();
  await expect(petStore).toHaveCount(1);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Remove Pet Store' }).click();
  await expect(petStore).toHaveCount(0);
});

test('adding an API: in view on Settings, and a URL refused by CORS points to adding the file', async ({
  page,
  hostileServer,
  axe,
}) => {
  await page.setViewportSize({ width: 1440, height: 900 });
  // A plain file server: it serves the document but sends no CORS header.
  const server = await hostileServer({ cors: false });
  await page.goto('./');
  // The overview says where APIs are added.
  await page.getByRole('link', { name: 'Add an API' }).click();
  const section = page.getByRole('region', { name: 'Add an API' });
  await expect(section.getByLabel('Definition URL')).toBeInViewport();
  await section.getByLabel('Definition URL').fill(`${server.url}/openapi.json`);
  await section.getByRole('button', { name: 'Add from URL' }).click();
  const alert = section.getByRole('alert');
  await expect(alert).toContainText('CORS');
  await expect(alert).toContainText('save the file and add it');
  await expect(alert).toBeInViewport();
  await axe('Settings with a definition URL refused');
  // The way that works is one press away: the file picker opens.
  const chooser = page.waitForEvent('filechooser');
  await alert.getByRole('button', { name: 'Choose the saved file' }).click();
  await (
    await chooser
  ).setFiles({
    name: 'pets.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      'openapi: 3.0.3\ninfo: { title: Saved Pets, version: "1" }\npaths:\n  /pets:\n    get:\n      responses: { "200": { description: OK } }\n',
    ),
  });
  await expect(page.getByRole('status').filter({ hasText: 'Added “Saved Pets”' })).toBeVisible();
});

test('OpenAPI 3.1 webhooks are listed as calls to you, and their example is sent to your URL', async ({
  page,
  portal,
  axe,
}) => {
  // The OAI's webhook-example: no paths, one webhook.
  await page.goto('./#/settings');
  await page.getByLabel('Definition file').setInputFiles({
    name: 'webhook-example.yaml',
    mimeType: 'application/yaml',
    buffer: Buffer.from(
      [
        'openapi: 3.1.0',
        'info: { title: Webhook Example, version: 1.0.0 }',
        'webhooks:',
        '  newPet:',
        '    post:',
        '      requestBody:',
        '        description: Information about a new pet in the system',
        '        content:',
        '          application/json:',
        '            schema: { $ref: "#/components/schemas/Pet" }',
        '            example: { id: 7, name: Rex }',
        '      responses:',
        '        "200": { description: Return a 200 status to indicate that the data was received successfully }',
        'components:',
        '  schemas:',
        '    Pet:',
        '      required: [id, name]',
        '      properties:',
        '        id: { type: integer, format: int64 }',
        '        name: { type: string }',
      ].join('\n'),
    ),
  });
  await expect(
    page.getByRole('status').filter({ hasText: 'Added “Webhook Example”' }),
  ).toBeVisible();
  await page.getByRole('combobox', { name: 'API' }).selectOption({ label: 'Webhook Example' });
  await expect(page.getByRole('heading', { level: 1, name: 'Webhook Example' })).toBeVisible();
  await expect(page.getByText('0 operations, 1 webhook')).toBeVisible();
  await expect(portal.operationsNav.getByText('Webhooks', { exact: true })).toBeVisible();

  await portal.openOperation('newPet');
  await expect(page.getByText('The API sends this request to your server')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Payload' })).toBeVisible();

  // The receiver: any URL of the user's (here answered by the test, with CORS as it must).
  const received: string[] = [];
  await page.route('http://127.0.0.1:9/hooks/pets', async (route) => {
    const headers = {
      'Access-Control-Allow-Origin': '*',
      'Access-Control-Allow-Headers': 'content-type',
    };
    if (route.request().method() === 'OPTIONS') return route.fulfill({ status: 204, headers });
    received.push(route.request().postData() ?? '');
    return route.fulfill({ status: 200, headers, contentType: 'text/plain', body: 'thanks' });
  });
  await page.getByLabel('Your receiver URL').fill('http://127.0.0.1:9/hooks/pets');
  const form = page.getByRole('form', { name: 'Try it' });
  await expect(form.getByText('POST http://127.0.0.1:9/hooks/pets')).toBeVisible();
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText('200');
  expect(received.map((body) => JSON.parse(body) as unknown)).toEqual([{ id: 7, name: 'Rex' }]);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await axe(`a webhook page with its answer, ${colorScheme}`);
  }
});
