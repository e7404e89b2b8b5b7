import { E2E_ONLINE_ENDPOINT_URL } from '../playwright.config';
import { expect, test, type Locator } from './fixtures/test';

/** "Receiving: 12 events" -> 12. */
async function eventCount(status: Locator): Promise<number> {
  const text = (await status.textContent()) ?? '';
  return Number(/(\d[\d,]*) events?/.exec(text)?.[1]?.replace(/,/g, '') ?? 0);
}

test("today's online endpoints: score through the gateway and read the table, pick a deployment and see it named, stream an answer and stop it half-way", async ({
  page,
  portal,
  axe,
}) => {
  await page.goto('./');
  const apiPicker = page.getByRole('combobox', { name: 'API' });
  await apiPicker.selectOption({ label: 'portico-hashing (online endpoint)' });
  await expect(page.getByRole('heading', { level: 1, name: /^portico-hashing/ })).toBeVisible();
  // Its own environments: through the gateway first, the endpoint itself beside it.
  const environment = page.getByRole('combobox', { name: 'Environment' });
  await expect(environment).toHaveValue('hashing-local-demo');
  for (const name of [
    'Local demo',
    'Local endpoint, direct',
    'Azure API Management',
    'Azure ML online endpoint, direct',
  ])
    await expect(environment.getByRole('option', { name, exact: true })).toHaveCount(1);

  await portal.openOperation('Score rows');
  const form = page.getByRole('form', { name: 'Try it' });
  // The body starts from the swagger's example, in today's shape.
  const body = page.locator('[aria-label="Request body"]');
  await expect(body).toContainText('"input_data"');
  await expect(body).toContainText('This is a good day');

  // Through the gateway, whichever deployment the traffic split picks; the answer is a table.
  await form.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('200 OK')).toBeVisible();
  await expect(response.getByText(/^Answered by deployment (blue|green)$/)).toBeVisible();
  const table = response.getByRole('group', { name: 'Result table' });
  await expect(table.getByRole('columnheader', { name: 'Col2_HashingFeature.0' })).toBeVisible();
  const goodDay = table.getByRole('row').filter({ hasText: 'This is a good day' });
  await expect(goodDay.getByRole('cell').first()).toHaveText('0');
  await expect(table.getByRole('row').filter({ hasText: 'This is a bad day' })).toHaveCount(1);
  await axe('an online endpoint scored through the gateway');

  // Green is the newer model, with 16 hashing features; picking it sends the header.
  const deployment = form.getByLabel('azureml-model-deployment', { exact: true });
  await expect(deployment.getByRole('option', { selected: true })).toHaveText(
    'automatic (the traffic split chooses)',
  );
  await deployment.selectOption('green');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(response.getByText('Answered by deployment green')).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Col2_HashingFeature.15' })).toBeVisible();
  await deployment.selectOption('blue');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(response.getByText('Answered by deployment blue')).toBeVisible();
  await expect(table.getByRole('columnheader', { name: 'Col2_HashingFeature.15' })).toHaveCount(0);
  // The tutorial's sentence, index and Col1 first: "This is a good day" hashes to 1 1 2 2 0 2 0 1.
  await expect(goodDay.getByRole('cell')).toHaveText([
    '0',
    '1',
    'This is a good day',
    '1',
    '1',
    '2',
    '2',
    '0',
    '2',
    '0',
    '1',
  ]);

  // Directly to the endpoint, with its own key: the same answer, no gateway in between.
  await environment.selectOption('hashing-direct');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(
    response.getByText(`${E2E_ONLINE_ENDPOINT_URL}/score`, { exact: true }),
  ).toBeVisible();
  await expect(response.getByText('Answered by deployment blue')).toBeVisible();
  await expect(response.getByText('200 OK')).toBeVisible();
  await expect(goodDay.getByRole('cell').nth(2)).toHaveText('This is a good day');

  // The sample a consumer copies is the studio's Consume one, with the deployment and no key.
  await page.getByText('Code samples', { exact: true }).click();
  await page.getByRole('tab', { name: 'Python (Consume)' }).click();
  const sample = page.getByLabel('Code sample');
  await expect(sample).toContainText('req = urllib.request.Request(url, body, headers)');
  await expect(sample).toContainText('"azureml-model-deployment": "blue"');
  await expect(sample).toContainText('api_key = os.environ.get("AZUREML_API_KEY", "")');
  await expect(sample).not.toContainText('e2e-endpoint-key');

  // The assistant streams: its answer shows as it is written, and Stop ends it half-way.
  await apiPicker.selectOption({ label: 'portico-assistant (streaming endpoint)' });
  // From the API's overview (its first operation is offered there).
  await page.getByRole('link', { name: 'Try Ask a question' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Ask a question' })).toBeVisible();
  await form.getByLabel('Response format').selectOption('text/event-stream');
  await form.getByRole('button', { name: 'Send' }).click();
  const stream = response.getByRole('region', { name: 'Streamed answer' });
  const status = stream.getByRole('status');
  await expect(status).toContainText('Receiving:');
  await expect.poll(() => eventCount(status)).toBeGreaterThanOrEqual(5);
  const seen = await eventCount(status);
  // More arrive while the first ones are already on screen.
  await expect.poll(() => eventCount(status)).toBeGreaterThan(seen);
  const answer = stream.getByRole('group', { name: 'Answer so far' });
  await expect(answer).toContainText(/\w+ \w+/);
  await stream.getByRole('button', { name: 'Stop' }).click();
  await expect(status).toContainText(/^Stopped after \d+ events$/);
  await expect(stream.getByRole('button', { name: 'Stop' })).toHaveCount(0);
  const stoppedAfter = await eventCount(status);
  const partial = (await answer.textContent()) ?? '';
  expect(partial.length).toBeGreaterThan(0);
  await expect(stream.getByText('Time to first event')).toBeVisible();
  await expect(response.getByText('200 OK')).toBeVisible();
  await axe('a streamed answer, stopped half-way');

  // History keeps the answer as far as it came.
  await page.getByText('Request history', { exact: false }).first().click();
  const history = page.getByRole('list', { name: 'History of Ask a question' });
  const entry = history.getByRole('listitem').first();
  await expect(entry).toContainText(`stream stopped after ${stoppedAfter} events`);
  await entry.getByRole('button', { name: /^Restore with response/ }).click();
  await expect(response).toContainText(partial.slice(0, 60));
});
