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
  await page.getByRole('button', { name: 'Edit Local demo' }).click();
  const demo = page.getByRole('form', { name: 'Edit Local demo' });
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
  page.once('dialog', (d) => void d.dismiss());
  await page.getByRole('button', { name: 'Remove Pet Store' }).click();
  await expect(page.getByRole('combobox', { name: 'API' })).toHaveCount(1);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: 'Remove Pet Store' }).click();
  await expect(page.getByRole('combobox', { name: 'API' })).toHaveCount(0);
});
