import { expect, test, type Page } from './fixtures/test';
import { writeReviewsCsv } from './fixtures/batch-reviews';

const GATEWAY_PORT = Number(process.env.E2E_GATEWAY_PORT ?? 18791);
const apimNav = (page: Page) => page.getByRole('navigation', { name: 'API Management' });
const toGateway = (url: string) => new URL(url).port === String(GATEWAY_PORT);

const RRS_BODY = JSON.stringify({
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
  GlobalParameters: {},
});

/**
 * Subscribes to a product on the Products page, as a consumer does, and puts the new primary
 * key into the Local demo environment. Returns the key.
 */
async function subscribeAndUse(page: Page, product: string, name: string): Promise<string> {
  await apimNav(page).getByRole('link', { name: 'Products' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Products' })).toBeVisible();
  const card = page.getByRole('region', { name: product });
  await card.getByLabel('Subscription name').fill(name);
  await card.getByRole('button', { name: 'Subscribe' }).click();
  await expect(card.getByRole('status')).toContainText(
    `Subscribed: ${name} (${product}) is active.`,
  );
  const primary = card.getByRole('group', { name: 'Primary key' });
  // Masked until asked for.
  await expect(primary.getByLabel('Primary key value')).toHaveText(/^•+$/);
  await primary.getByRole('button', { name: 'Show primary key' }).click();
  const key = (await primary.getByLabel('Primary key value').textContent()) ?? '';
  expect(key).not.toMatch(/•/);
  expect(key.length).toBeGreaterThan(10);
  await primary.getByRole('button', { name: 'Use primary key in Local demo' }).click();
  await expect(primary.getByText('In use in Local demo')).toBeVisible();
  return key;
}

async function sendRrs(page: Page): Promise<void> {
  await page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();
}

test('subscribe to Starter, use the new key, and watch the 429 countdown on the sixth call', async ({
  page,
  portal,
}) => {
  test.setTimeout(150_000);
  const sentKeys: string[] = [];
  page.on('request', (r) => {
    if (toGateway(r.url()) && r.method() === 'POST' && r.url().includes('/execute')) {
      sentKeys.push(r.headers()['ocp-apim-subscription-key'] ?? '(none)');
    }
  });
  await page.goto('./');

  // Products list their limits; a subscription needs a name.
  await apimNav(page).getByRole('link', { name: 'Products' }).click();
  const starter = page.getByRole('region', { name: 'Starter' });
  const limits = starter.getByRole('definition');
  await expect(limits.nth(0)).toHaveText('5 calls per minute');
  await expect(limits.nth(1)).toHaveText('100 calls per week');
  await expect(
    page.getByRole('region', { name: 'Unlimited' }).getByRole('definition').nth(2),
  ).toHaveText('An administrator approves each subscription');
  // Each product says which APIs it opens (the gateway's self-service list, no admin key).
  await expect(
    starter.getByRole('list', { name: 'APIs in Starter' }).getByRole('listitem'),
  ).toHaveText([
    'Assistant endpoint (Azure ML online, streaming)',
    'AzureML Demo API',
    'Hashing endpoint (Azure ML online)',
  ]);
  await starter.getByRole('button', { name: 'Subscribe' }).click();
  await expect(starter.getByLabel('Subscription name')).toHaveAccessibleDescription(
    'Name the subscription, e.g. after the app that uses it.',
  );

  const key = await subscribeAndUse(page, 'Starter', 'E2E rate limit');
  await expect(starter.getByRole('note')).toHaveText(
    'You already subscribe to Starter: E2E rate limit.',
  );

  // The operation page says which subscription and product the call uses, and its cost.
  await portal.openOperation('RRS Execute');
  const plan = page.getByRole('complementary', { name: 'Subscription and limits' });
  await expect(plan).toContainText(
    'This call uses subscription E2E rate limit of the Starter product.',
  );
  await expect(plan).toContainText(
    'Each call counts 1 against Starter’s limits: 5 calls per minute and 100 calls per week',
  );
  await portal.setRequestBody(RRS_BODY);

  const response = page.getByRole('region', { name: 'Response', exact: true });
  const send = page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' });
  for (let left = 4; left >= 0; left--) {
    await sendRrs(page);
    await expect(response.getByText('200 OK')).toBeVisible();
    await expect(response.getByLabel('Rate limit')).toHaveText(
      `Rate limit: ${left} ${left === 1 ? 'call' : 'calls'} left in this rate-limit window.`,
    );
  }
  expect(sentKeys).toEqual([key, key, key, key, key]);

  // The sixth call in the minute is refused by the gateway, not forwarded.
  await sendRrs(page);
  await expect(response.getByText('429 Too Many Requests')).toBeVisible();
  await expect(response).toContainText('Rate limit is exceeded.');
  // One wait, said live: no fixed "Try again in N seconds" beside the countdown.
  await expect(page.getByText(/^Rate limit is exceeded\. Try again in/)).toHaveCount(0);
  const timer = response.getByRole('timer', { name: 'Time until calls go through again' });
  await expect(timer).toHaveText(/^\d+ s$/);
  await expect(send).toBeDisabled();
  // Send says why it waits, to the eye beside it and to screen readers, with the same countdown.
  await expect(send).toHaveAccessibleDescription(
    /^The gateway refuses calls for now \(rate limit\): calls go through again in \d+ s\.$/,
  );
  await send.scrollIntoViewIfNeeded();
  const sendTimer = page.getByRole('form', { name: 'Try it' }).getByRole('timer');
  await expect(sendTimer).toBeInViewport();
  await expect
    .poll(async () => (await sendTimer.textContent()) === (await timer.textContent()))
    .toBe(true);
  // The countdown runs down live.
  const first = Number((await timer.textContent())?.replace(/\D/g, ''));
  await expect
    .poll(async () => Number((await timer.textContent())?.replace(/\D/g, '')), { timeout: 5000 })
    .toBeLessThan(first);

  // When it ends, Send is back and the next call goes through.
  await expect(
    response.getByRole('status').filter({ hasText: 'calls go through again.' }),
  ).toBeVisible({
    timeout: 70_000,
  });
  await expect(send).toBeEnabled();
  await sendRrs(page);
  await expect(response.getByText('200 OK')).toBeVisible();
  await expect(response.getByLabel('Rate limit')).toContainText(/\d+ calls? left/);
});

test('regenerate a key: the old one is refused until the new one is used', async ({
  page,
  portal,
}) => {
  await page.goto('./');
  const oldKey = await subscribeAndUse(page, 'Starter', 'E2E regenerate');

  await apimNav(page).getByRole('link', { name: 'Subscriptions and keys' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Subscriptions' })).toBeVisible();
  const card = page.getByRole('region', { name: 'Subscription E2E regenerate' });
  await expect(card).toContainText('Active: its keys work.');
  // The product by its name, not its id.
  await expect(card.getByRole('definition').first()).toHaveText('Starter');

  // Keys live in this tab unless remembered: the page says so, and a second tab sees them only then.
  await expect(page.getByText('Closing this tab forgets them')).toBeVisible();
  const remember = page.getByRole('checkbox', { name: 'Remember on this device' });
  await expect(remember).not.toBeChecked();
  const other = await page.context().newPage();
  await other.goto('./#/subscriptions');
  await expect(other.getByRole('heading', { level: 1, name: 'Subscriptions' })).toBeVisible();
  await expect(other.getByRole('region', { name: 'Subscription E2E regenerate' })).toHaveCount(0);
  await remember.check();
  await other.reload();
  await expect(other.getByRole('region', { name: 'Subscription E2E regenerate' })).toBeVisible();
  await expect(other.getByRole('checkbox', { name: 'Remember on this device' })).toBeChecked();
  await remember.uncheck();
  await other.close();
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(oldKey);
  const primary = card.getByRole('group', { name: 'Primary key' });
  await expect(primary.getByText('In use in Local demo')).toBeVisible();
  await expect(primary.getByLabel('Primary key value')).toHaveText(/^•+$/);

  page.once('dialog', (d) => void d.accept());
  await primary.getByRole('button', { name: 'Regenerate primary key' }).click();
  await expect(card.getByRole('status')).toHaveText(
    'New primary key issued: the old one no longer works.',
  );
  await primary.getByRole('button', { name: 'Show primary key' }).click();
  await expect(primary.getByLabel('Primary key value')).not.toHaveText(oldKey);
  await expect(primary.getByText('In use in Local demo')).toHaveCount(0);
  await expect(page.getByRole('note')).toContainText(
    'Local demo still sends a key of E2E regenerate that was regenerated, so the gateway refuses its calls.',
  );

  // The environment still sends the old key: the gateway refuses it.
  await portal.operationsNav.getByRole('link', { name: 'RRS Execute' }).click();
  await expect(page.getByRole('complementary', { name: 'Subscription and limits' })).toContainText(
    'This call uses subscription E2E regenerate of the Starter product. The gateway refuses this key: it was regenerated.',
  );
  await portal.setRequestBody(RRS_BODY);
  await sendRrs(page);
  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('401 Unauthorized')).toBeVisible();
  await expect(response).toContainText('Access denied due to invalid subscription key.');

  // Using the new key fixes it.
  await apimNav(page).getByRole('link', { name: 'Subscriptions and keys' }).click();
  await page
    .getByRole('region', { name: 'Subscription E2E regenerate' })
    .getByRole('button', { name: 'Use primary key in Local demo' })
    .click();
  await portal.openOperation('RRS Execute');
  await sendRrs(page);
  await expect(response.getByText('200 OK')).toBeVisible();
  // A subscription can be forgotten in this tab; the key Local demo sends then opens nothing known.
  await apimNav(page).getByRole('link', { name: 'Subscriptions and keys' }).click();
  await page.getByRole('button', { name: 'Forget in this tab E2E regenerate' }).click();
  await expect(page.getByRole('region', { name: 'Subscription E2E regenerate' })).toHaveCount(0);
  await expect(page.getByRole('note')).toContainText(
    'The key Local demo sends does not open the configured subscription demo-unlimited',
  );
  // The key never shows in the page's URL or in what the browser keeps for good.
  expect(page.url()).not.toContain(oldKey);
  expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(oldKey);
});

test('a pending Unlimited subscription offers no key to use and says how the administrator approves it', async ({
  page,
  axe,
}) => {
  await page.goto('./');
  await apimNav(page).getByRole('link', { name: 'Products' }).click();
  const unlimited = page.getByRole('region', { name: 'Unlimited' });
  await unlimited.getByLabel('Subscription name').fill('E2E approval');
  await unlimited.getByRole('button', { name: 'Subscribe' }).click();
  await expect(unlimited.getByRole('status')).toContainText(
    'Subscribed: E2E approval (Unlimited) is waiting for an administrator’s approval',
  );
  // The gateway refuses a pending key: nothing offers to use it.
  await expect(unlimited.getByRole('button', { name: /^Use .* key in Local demo$/ })).toHaveCount(
    0,
  );
  const approval = unlimited.getByRole('note', { name: 'How approval works here' });
  const call = (await approval.locator('code').last().textContent()) ?? '';
  const sid = /\/subscriptions\/([0-9a-f]+)'/.exec(call)?.[1] ?? '';
  expect(sid).toMatch(/^[0-9a-f]{24}$/);
  expect(call).toBe(
    `curl -X PATCH 'http://127.0.0.1:${GATEWAY_PORT}/management/subscriptions/${sid}' -H "Authorization: Bearer $APIM_ADMIN_KEY" -H 'Content-Type: application/json' -d '{"properties":{"state":"active"}}'`,
  );
  // Products (with APIs, a subscription, the approval note) and Subscriptions pass axe, both themes.
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await axe(`Products with a pending subscription (${colorScheme})`);
  }
  await apimNav(page).getByRole('link', { name: 'Subscriptions and keys' }).click();
  await expect(
    page.getByRole('region', { name: 'Subscription E2E approval' }).getByRole('note'),
  ).toContainText('How approval works here');
  for (const colorScheme of ['dark', 'light'] as const) {
    await page.emulateMedia({ colorScheme });
    await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
    await axe(`Subscriptions with a pending subscription (${colorScheme})`);
  }

  // The administrator makes exactly that call; the subscription is then active, its key usable.
  const approved = await page.request.patch(
    `http://127.0.0.1:${GATEWAY_PORT}/management/subscriptions/${sid}`,
    {
      headers: { Authorization: 'Bearer e2e-admin-key', 'Content-Type': 'application/json' },
      data: { properties: { state: 'active' } },
    },
  );
  expect(approved.status()).toBe(200);
  await apimNav(page).getByRole('link', { name: 'Subscriptions and keys' }).click();
  const card = page.getByRole('region', { name: 'Subscription E2E approval' });
  await expect(card).toContainText('Active: its keys work.');
  await expect(card.getByRole('definition').first()).toHaveText('Unlimited');
  await expect(card.getByRole('button', { name: 'Use primary key in Local demo' })).toBeVisible();
});

test('a batch job watched through the gateway is paced by the rate-limit budget: no 429, results well before the window renews', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  const statuses: number[] = [];
  page.on('response', (r) => {
    if (
      toGateway(r.url()) &&
      r.request().method() === 'GET' &&
      /\/jobs\/[0-9a-f]+\?/.test(r.url())
    ) {
      statuses.push(r.status());
    }
  });
  await page.goto('./');
  await subscribeAndUse(page, 'Starter', 'E2E batch');

  await page.getByRole('link', { name: 'Batch jobs' }).first().click();
  await page.getByRole('button', { name: 'Get a demo SAS' }).click();
  await expect(page.getByLabel('Container SAS URL')).toHaveValue(/[?&]sig=/);
  await page
    .getByLabel('CSV file')
    .setInputFiles(writeReviewsCsv(testInfo.outputPath('gw.csv'), 50));
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByText(/^Uploaded /)).toBeVisible();
  await page.getByRole('button', { name: 'Submit job' }).click();
  const submitted = page.getByRole('status').filter({ hasText: 'Submitted job' });
  const jobId = (await submitted.locator('code').textContent()) ?? '';
  const job = page.getByRole('region', { name: `Job ${jobId}` });
  const startedAt = Date.now();
  await job.getByRole('button', { name: 'Start job' }).click();

  // Five calls a minute: submit, the first check, start and a poll leave one. The next poll is
  // spread over the window, said with a live countdown.
  const watch = job.getByRole('status').filter({ hasText: 'Watching' });
  await expect(watch).toContainText('1 call left in this rate-limit window', { timeout: 15_000 });
  const next = watch.getByRole('timer', { name: 'Time until the next check' });
  const first = Number((await next.textContent())?.replace(/\D/g, ''));
  expect(first).toBeGreaterThan(5);
  await expect
    .poll(async () => Number((await next.textContent())?.replace(/\D/g, '')), { timeout: 5000 })
    .toBeLessThan(first);

  await expect(job.getByText('State: Finished')).toBeVisible({ timeout: 50_000 });
  expect(Date.now() - startedAt).toBeLessThan(50_000);
  expect(statuses).not.toContain(429);
  // The wait between checks is not reported as the job's run time.
  const running = job
    .getByRole('list', { name: 'Job status timeline' })
    .getByRole('listitem')
    .filter({ hasText: 'Running' });
  await expect(running).toContainText(/not checked for \d+ s/);
});

test('with a real APIM, the pages say where keys come from and take a pasted one', async ({
  page,
  portal,
}) => {
  await page.goto('./');
  await page.getByRole('combobox', { name: 'Environment' }).selectOption('apim');
  await apimNav(page).getByRole('link', { name: 'Subscriptions and keys' }).click();
  await expect(
    page.getByText('goes through an API Management instance that this portal does not manage'),
  ).toBeVisible();
  await expect(
    page.getByRole('link', { name: 'https://YOUR-APIM-NAME.developer.azure-api.net' }),
  ).toHaveAttribute('href', 'https://YOUR-APIM-NAME.developer.azure-api.net');

  const form = page.getByRole('form', { name: 'Paste a subscription key' });
  const field = form.getByLabel('Subscription key');
  await field.fill('abc def');
  await form.getByRole('button', { name: 'Use this key in Azure API Management' }).click();
  await expect(field).toHaveAccessibleDescription(
    'A subscription key has no spaces: copy it again.',
  );
  await expect(field).toHaveValue('abc def');
  await field.fill('0123456789abcdef0123456789abcdef');
  await form.getByRole('button', { name: 'Use this key in Azure API Management' }).click();
  await expect(form.getByRole('status')).toHaveText('Azure API Management now sends this key.');

  await portal.openOperation('RRS Execute');
  await expect(
    page.getByRole('form', { name: 'Try it' }).getByLabel('APIM subscription key', { exact: true }),
  ).toHaveValue('0123456789abcdef0123456789abcdef');
  await expect(page.getByRole('complementary', { name: 'Subscription and limits' })).toContainText(
    'This call uses the subscription key set for Azure API Management. Each call counts against the limits of the key’s product',
  );
});
