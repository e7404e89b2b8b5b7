import { expect, test, type Page } from './fixtures/test';

const GATEWAY = `http://127.0.0.1:${Number(process.env.E2E_GATEWAY_PORT ?? 18791)}`;
const EXECUTE = `${GATEWAY}/azureml-demo/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true`;
const RRS_BODY = {
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
};
const apimNav = (page: Page) => page.getByRole('navigation', { name: 'API Management' });

/** A Starter subscription of its own (so the counts are this test's only), used by Local demo. */
async function subscribeToStarter(page: Page): Promise<string> {
  await apimNav(page).getByRole('link', { name: 'Products' }).click();
  const card = page.getByRole('region', { name: 'Starter' });
  await card.getByRole('button', { name: 'Subscribe' }).click();
  await card.getByLabel('Subscription name').fill('E2E usage');
  await card.getByRole('button', { name: 'Subscribe' }).click();
  await expect(card.getByRole('status')).toContainText(
    'Subscribed: E2E usage (Starter) is active.',
  );
  const primary = card.getByRole('group', { name: 'Primary key' });
  await primary.getByRole('button', { name: 'Show primary key' }).click();
  const key = (await primary.getByLabel('Primary key value').textContent()) ?? '';
  await primary.getByRole('button', { name: 'Use primary key in Local demo' }).click();
  await expect(primary.getByText('In use in Local demo')).toBeVisible();
  return key;
}

test('calls through the gateway show up in Usage: charts, tables, latest requests, ranges, publisher view', async ({
  page,
  portal,
}) => {
  test.setTimeout(120_000);
  await page.goto('./');
  const key = await subscribeToStarter(page);

  // One call from the try-it console, two more straight to the gateway with the same key, and
  // one without a key (blocked: only the publisher sees it).
  await portal.openOperation('RRS Execute');
  await page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('200 OK').first()).toBeVisible();
  const headers = { 'Ocp-Apim-Subscription-Key': key, Authorization: 'Bearer e2e-demo-key' };
  for (let i = 0; i < 2; i++) {
    expect((await page.request.post(EXECUTE, { headers, data: RRS_BODY })).status()).toBe(200);
  }
  expect((await page.request.post(EXECUTE, { data: RRS_BODY })).status()).toBe(401);

  await apimNav(page).getByRole('link', { name: 'Usage' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Last hour' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );

  // The view refreshes by itself until the recorder has written the calls.
  const summary = page.locator('.usage-summary');
  await expect(summary).toContainText(/^3 calls from /, { timeout: 20_000 });
  await expect(page.getByRole('img', { name: 'Calls over time, by outcome' })).toHaveAttribute(
    'data-drawn',
    'true',
  );
  await expect(page.getByRole('img', { name: 'Latency over time (ms)' })).toBeVisible();

  // The chart's table (its text alternative) has the calls.
  const byInterval = page.getByRole('table', { name: 'Calls by interval (newest first)' });
  const totals = await byInterval.locator('tbody tr td:nth-child(6)').allTextContents();
  expect(totals.reduce((sum, t) => sum + Number(t), 0)).toBe(3);
  const byOperation = page.getByRole('table', { name: 'Calls by operation' });
  await expect(byOperation.getByRole('row', { name: /RRS_Execute 3 0 0 0 3/ })).toBeVisible();
  const bySubscription = page.getByRole('table', { name: 'Calls by subscription' });
  await expect(bySubscription.locator('tbody tr')).toHaveCount(1);

  // Latest requests: the three calls, each linking to its operation page.
  const latest = page.getByRole('table', { name: 'Latest requests' });
  await expect(latest.locator('tbody tr')).toHaveCount(3);
  await expect(latest.getByRole('link', { name: 'POST RRS_Execute' })).toHaveCount(3);
  await expect(latest.locator('tbody tr').first().locator('td').nth(2)).toHaveText('200');

  // Another range: the charts and the summary follow it.
  const before = await summary.textContent();
  await page.getByRole('button', { name: 'Last 15 minutes' }).click();
  await expect(page.getByRole('button', { name: 'Last 15 minutes' })).toHaveAttribute(
    'aria-pressed',
    'true',
  );
  await expect(summary).not.toHaveText(before ?? '');
  await expect(summary).toContainText(/^3 calls from /);
  await expect(page.getByRole('img', { name: 'Calls over time, by outcome' })).toHaveAttribute(
    'data-drawn',
    'true',
  );

  // A custom range in the future is refused with a sentence, and nothing is lost.
  await page.getByText('Custom range').click();
  await page.getByLabel('From').fill('2099-01-01T00:00');
  await page.getByLabel('To').fill('2099-01-02T00:00');
  await page.getByRole('button', { name: 'Show range' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The start is in the future: no calls there yet.',
  );
  await expect(summary).toContainText(/^3 calls from /);

  // The publisher (local demo only) sees every subscription, and the blocked call without a key.
  await page.getByRole('radio', { name: 'Everything (publisher, local demo)' }).check();
  await expect(
    page
      .getByRole('table', { name: 'Calls by subscription' })
      .getByRole('row', { name: /^\(no valid key\) 0 [1-9]/ }),
  ).toBeVisible({ timeout: 15_000 });

  // A request links back to its operation page.
  await page.getByRole('radio', { name: 'My subscription' }).check();
  await latest.getByRole('link', { name: 'POST RRS_Execute' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'RRS Execute' })).toBeVisible();
});
