import { expect, test } from './fixtures/csp-guard';
import { closedPort, HOSTILE_BODY, startHostileServer } from './fixtures/hostile-server';
import { addEnvironment, openOperation } from './fixtures/portal-page';
import { startRedirectServer } from './fixtures/redirect-server';

test('an unreachable server gets a message the user can act on', async ({ page }) => {
  const port = await closedPort();
  await page.goto('./');
  await addEnvironment(page, { name: 'Nowhere', baseUrl: `http://127.0.0.1:${port}`, key: 'k' });
  await expect(page.getByRole('combobox', { name: 'Environment' })).toHaveValue('nowhere');

  await openOperation(page, 'RRS Execute');
  await page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();
  const alert = page.getByRole('region', { name: 'Response', exact: true }).getByRole('alert');
  await expect(alert).toContainText(/reach|unreachable|running/i);
  await expect(alert).toContainText(`127.0.0.1:${port}`);
  // The form is intact for another try.
  await expect(
    page.getByRole('form', { name: 'Try it' }).getByLabel('workspace', { exact: true }),
  ).toHaveValue('demo-workspace');
});

test('a redirect is not followed with a key until the user decides to', async ({ page }) => {
  const server = await startRedirectServer();
  try {
    await page.goto('./');
    await addEnvironment(page, { name: 'Redirecting', baseUrl: server.url, key: 'redirect-key' });
    await openOperation(page, 'RRS Execute');
    const form = page.getByRole('form', { name: 'Try it' });
    await form.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response', exact: true });
    const alert = response.getByRole('alert');
    await expect(alert).toContainText('Redirect not followed');
    await expect(alert).toContainText('The request carries credentials');
    expect(server.landed).toEqual([]);

    await alert.getByRole('button', { name: 'Follow the redirect' }).click();
    await expect(response.getByText('200 OK')).toBeVisible();
    await expect(response.getByRole('region', { name: 'Response content' })).toContainText(
      'landed',
    );
    expect(server.landed).toEqual(['/landed']);
  } finally {
    await server.close();
  }
});

test('a hostile response is shown as text and never runs', async ({ page }) => {
  const server = await startHostileServer();
  try {
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await page.goto('./');
    await addEnvironment(page, { name: 'Hostile', baseUrl: server.url, key: 'k' });
    await openOperation(page, 'RRS Execute');
    await page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();

    const content = page.getByRole('region', { name: 'Response content' });
    await expect(content).toContainText('<script>window.__porticoPwned');
    await expect(content).toContainText('onerror=');
    await expect(page.locator('#portico-injected, #portico-bold')).toHaveCount(0);
    expect(await page.evaluate(() => (window as { __porticoPwned?: string }).__porticoPwned)).toBe(
      undefined,
    );
    expect(dialogs).toEqual([]);
    expect(HOSTILE_BODY).toContain('<img');
  } finally {
    await server.close();
  }
});

test('a slow request can be cancelled, and one past the timeout is stopped', async ({ page }) => {
  const server = await startHostileServer({ delayMs: 30_000 });
  try {
    await page.goto('./');
    await addEnvironment(page, { name: 'Slow', baseUrl: server.url, key: 'k' });
    // Long enough for Cancel to be pressed first on a busy machine.
    await page.getByLabel('Request timeout (seconds)').fill('6');

    await openOperation(page, 'RRS Execute');
    const form = page.getByRole('form', { name: 'Try it' });
    await form.getByRole('button', { name: 'Send' }).click();
    const cancel = form.getByRole('button', { name: 'Cancel' });
    await expect(cancel).toBeVisible();
    await expect(form.getByRole('button', { name: 'Send' })).toBeDisabled();
    await cancel.click();
    const response = page.getByRole('region', { name: 'Response', exact: true });
    await expect(response.getByRole('alert')).toContainText(/cancel/i);
    await expect(cancel).toBeHidden();

    // The 6 s timeout set in Settings stops the next send.
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(response.getByRole('alert')).toContainText(/timed out|timeout/i, {
      timeout: 15_000,
    });
  } finally {
    await server.close();
  }
});

test('a server without CORS rules is named, with what it must allow', async ({ page }) => {
  const server = await startHostileServer({ cors: false });
  try {
    await page.goto('./');
    await addEnvironment(page, { name: 'No CORS', baseUrl: server.url, key: 'k' });
    await openOperation(page, 'RRS Execute');
    await page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();
    const alert = page.getByRole('region', { name: 'Response', exact: true }).getByRole('alert');
    await expect(alert).toContainText('CORS');
    await expect(alert).toContainText(new URL(page.url()).origin);
    await expect(alert).toContainText(/authorization/i);
    await expect(alert).toContainText('API Management');
  } finally {
    await server.close();
  }
});

test('a broken definition is explained where the API would be; the rest still works', async ({
  page,
}) => {
  await page.route('**/apis/azureml-demo.openapi.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: '{\n  "openapi": "3.0.3",\n  "info": { "title": "Broken" \n',
    }),
  );
  await page.goto('./#/apis/azureml-demo/operations/RRS_Execute');
  const alert = page.getByRole('main').getByRole('alert');
  await expect(alert).toContainText('could not be loaded');
  await expect(alert).toContainText(/line \d+/i);
  await expect(page.getByRole('navigation', { name: 'Operations' })).toContainText(
    'could not be loaded',
  );

  // The rest of the portal keeps working, and a fixed definition loads on retry.
  await page.getByRole('link', { name: 'Settings', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
  await page.goBack();
  await expect(page.getByRole('main').getByRole('alert')).toContainText('could not be loaded');
  await page.unroute('**/apis/azureml-demo.openapi.json');
  await page.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'RRS Execute' })).toBeVisible();
});
