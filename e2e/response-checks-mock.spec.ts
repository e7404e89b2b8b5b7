import { readFileSync } from 'node:fs';
import type { Request } from '@playwright/test';
import { expect, test } from './fixtures/test';
import { fixtureDefinition, startFixtureApi } from '../server/testing/fixture-api';

test('every response is checked against the definition: a real call matches, a backend that breaks its definition shows where', async ({
  page,
  portal,
  axe,
}) => {
  // The demo stack through the local gateway answers as the definition says.
  await page.goto('./');
  await portal.openOperation('RRS Execute');
  const form = page.getByRole('form', { name: 'Try it' });
  await form.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('200 OK')).toBeVisible();
  const check = response.getByRole('region', { name: 'Definition check' });
  await expect(check.getByRole('status')).toHaveText(
    'Matches the definition (200, application/json)',
  );

  // A small backend whose definition says `type` is "dataset" and declares no 429: its real
  // answers break both.
  const backend = await startFixtureApi({
    definition: (url) => {
      const definition = fixtureDefinition(url) as { paths: Record<string, unknown> };
      definition.paths['/azureml'] = {
        get: {
          summary: 'AzureML result',
          operationId: 'azuremlResult',
          responses: {
            '200': {
              description: 'The scored table.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    required: ['Results'],
                    properties: {
                      Results: {
                        type: 'object',
                        properties: {
                          output1: {
                            type: 'object',
                            required: ['type', 'value'],
                            properties: { type: { type: 'string', enum: ['dataset'] } },
                          },
                        },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      };
      // Scores are fractions: a 5 MB body with a mismatch in almost every record, checked in a
      // worker while the body is already on screen.
      definition.paths['/json'] = {
        get: {
          summary: 'Large JSON',
          operationId: 'largeJson',
          parameters: [{ name: 'mb', in: 'query', schema: { type: 'string', default: '5' } }],
          responses: {
            '200': {
              description: 'Reviews.',
              content: {
                'application/json': {
                  schema: {
                    type: 'object',
                    properties: {
                      items: {
                        type: 'array',
                        items: { type: 'object', properties: { score: { type: 'integer' } } },
                      },
                    },
                  },
                },
              },
            },
          },
        },
      };
      return { ...definition, info: { title: 'Strict Fixtures', version: '1.0.0' } };
    },
  });
  try {
    await page.goto('./#/settings');
    await page.getByLabel('Definition URL').fill(`${backend.url}/openapi.json`);
    await page.getByRole('button', { name: 'Add from URL' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: 'Added “Strict Fixtures”' }),
    ).toBeVisible();
    await page.getByRole('combobox', { name: 'API' }).selectOption({ label: 'Strict Fixtures' });
    await portal.openOperation('AzureML result');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(response.getByText('200 OK')).toBeVisible();
    await expect(check.getByRole('status')).toContainText(
      '1 mismatch with the definition (200, application/json)',
    );
    const issues = check.getByRole('list', { name: 'Mismatches with the definition' });
    await expect(issues.getByRole('listitem')).toHaveText([
      '/Results/output1/type expected one of "dataset", got string "table"',
    ]);
    await axe('a response that breaks its definition');
    await page.emulateMedia({ colorScheme: 'dark' });
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await axe('a response that breaks its definition, dark theme');
    await page.emulateMedia({ colorScheme: 'light' });

    await portal.openOperation('Large JSON');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(response.getByText('200 OK')).toBeVisible();
    await expect(check.getByRole('status')).toContainText('mismatches with the definition');
    await expect(issues.getByRole('listitem')).toHaveCount(50);
    await expect(issues.getByRole('listitem').first()).toHaveText(
      '/items/1/score expected type integer, got number 0.14285714285714285',
    );
    await expect(check.getByText(/^and [\d,]+ more not listed\.$/)).toBeVisible();

    await portal.openOperation('Rate limited');
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(response.getByText('429 Too Many Requests')).toBeVisible();
    await expect(check.getByRole('status')).toHaveText(
      'Status 429 is not declared for this operation (declared: 200)',
    );
  } finally {
    await backend.close();
  }
});

test('the Mock environment answers the tutorial operations from their examples, sends nothing, and says so in the panel and History', async ({
  page,
  portal,
  axe,
}) => {
  await page.goto('./');
  const portalOrigin = new URL(page.url()).origin;
  await page.getByRole('combobox', { name: 'Environment' }).selectOption({ label: 'Mock' });
  // From here on, nothing may leave the browser: only the portal's own code may load.
  const requested: string[] = [];
  const watch = (request: Request) => requested.push(request.url());
  page.on('request', watch);

  const form = page.getByRole('form', { name: 'Try it' });
  const response = page.getByRole('region', { name: 'Response', exact: true });
  const check = response.getByRole('region', { name: 'Definition check' });
  const examples: Array<[string, string]> = [
    ['RRS Execute', 'This is a good day'],
    ['BES Submit', '539d0bc2fde945b6ac986b851d0000f0'],
    ['BES Start', '200 OK'],
    ['BES Status', 'Running'],
    ['BES Delete', '200 OK'],
  ];
  for (const [operation, shown] of examples) {
    await portal.openOperation(operation);
    await expect(form.getByLabel('Mocked response')).toBeVisible();
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(response.getByText('Mocked in the browser')).toBeVisible();
    await expect(response.getByText(shown).first()).toBeVisible();
    await expect(check.getByRole('status')).toContainText('Matches the definition');
  }

  // Where a response has several examples, the user picks one.
  await portal.openOperation('BES Status');
  await form.getByLabel('Example', { exact: true }).selectOption({ label: 'Finished' });
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(response.getByText('reviews-hashed.csv').first()).toBeVisible();
  await expect(check.getByRole('status')).toContainText('Matches the definition');

  // The status is the user's pick among the declared ones.
  await portal.openOperation('RRS Execute');
  await form.getByLabel('Mocked response').selectOption({ value: '400' });
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(response.getByText('400 Bad Request')).toBeVisible();
  await expect(response.getByText('Mocked in the browser')).toBeVisible();
  await expect(check.getByRole('status')).toHaveText(
    'Matches the definition (400, application/json)',
  );
  await axe('a mocked response');
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await axe('a mocked response, dark theme');

  await page.getByText('Request history').click();
  const history = page.getByRole('list', { name: 'History of RRS Execute' });
  await expect(history.getByRole('listitem')).toHaveCount(2);
  await expect(history.getByRole('listitem').first()).toContainText('400');
  await expect(history.getByRole('listitem').first()).toContainText('Mocked in the browser');

  page.off('request', watch);
  expect(requested.length, 'the portal loaded the mock code').toBeGreaterThan(0);
  expect(
    requested.filter((url) => new URL(url).origin !== portalOrigin),
    'requests that left the browser',
  ).toEqual([]);
});

test('an API published through API Management gets the Mock environment too', async ({
  page,
  portal,
}) => {
  const management = `http://127.0.0.1:${process.env.E2E_GATEWAY_PORT ?? 18791}/management`;
  const headers = { Authorization: 'Bearer e2e-admin-key', 'Content-Type': 'application/json' };
  const apiId = 'azureml-demo-mocked';
  const published = await fetch(`${management}/apis/${apiId}`, {
    method: 'PUT',
    headers,
    body: JSON.stringify({
      properties: {
        format: 'openapi+json',
        value: readFileSync('public/apis/azureml-demo.openapi.json', 'utf8'),
        path: apiId,
        displayName: 'AzureML Demo API, mocked',
        serviceUrl: `http://127.0.0.1:${process.env.E2E_DEMO_SERVICE_PORT ?? 18790}`,
      },
    }),
  });
  expect(published.status).toBeLessThan(300);
  try {
    await page.goto('./');
    await page
      .getByRole('combobox', { name: 'API' })
      .selectOption({ label: 'AzureML Demo API, mocked' });
    await expect(
      page.getByRole('heading', { level: 1, name: 'AzureML Demo API, mocked' }),
    ).toBeVisible();
    await page.getByRole('combobox', { name: 'Environment' }).selectOption({ label: 'Mock' });
    await portal.openOperation('RRS Execute');
    const form = page.getByRole('form', { name: 'Try it' });
    await form.getByRole('button', { name: 'Send' }).click();
    const response = page.getByRole('region', { name: 'Response', exact: true });
    await expect(response.getByText('Mocked in the browser')).toBeVisible();
    await expect(response.getByText('200 OK')).toBeVisible();
    // The definition APIM exports keeps the response's example.
    await expect(response.getByText('This is a good day').first()).toBeVisible();
    await expect(
      response.getByRole('region', { name: 'Definition check' }).getByRole('status'),
    ).toContainText('Matches the definition');
  } finally {
    await fetch(`${management}/apis/${apiId}`, {
      method: 'DELETE',
      headers: { ...headers, 'If-Match': '*' },
    });
  }
});
