import { expect, test, type Page } from './fixtures/test';
import { stat } from 'node:fs/promises';
import { binaryBody, largeJson, type FixtureApi } from '../server/testing/fixture-api';
import type { PortalPage } from './fixtures/portal-page';

// The portal is pointed at the loopback fixture API (through its runtime config file), so these
// journeys see bodies of every size and kind through the real UI: operation page, Send, panel.
async function openFixtures(page: Page, api: FixtureApi): Promise<void> {
  await page.route('**/portico.config.json', (route) =>
    route.fulfill({
      contentType: 'application/json',
      body: JSON.stringify({
        title: 'Portico',
        apis: [{ id: 'fixtures', title: 'Response Fixtures', url: `${api.url}/openapi.json` }],
        environments: [{ id: 'fixture', name: 'Fixture API', baseUrl: api.url, credentials: {} }],
        defaultEnvironment: 'fixture',
      }),
    }),
  );
  await page.goto('./');
}

async function send(portal: PortalPage, summary: string): Promise<void> {
  const { page } = portal;
  await portal.openOperation(summary);
  await page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();
  await expect(
    page.getByRole('region', { name: 'Response', exact: true }).getByText('200 OK'),
  ).toBeVisible();
}

test('a 5 MB JSON response is formatted, scrollable, searchable and downloadable', async ({
  page,
  portal,
  fixtureApi,
}) => {
  const expected = largeJson(5);
  const { count } = JSON.parse(expected.toString('utf8')) as { count: number };
  await openFixtures(page, fixtureApi);
  await send(portal, 'Large JSON');

  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response).toContainText('5 MB');
  const content = page.getByRole('region', { name: 'Response content' });
  const view = content.getByRole('group', { name: 'Response body (formatted JSON)' });
  await expect(view).toContainText('"count": ' + count);
  // Only the rows on screen are in the DOM, never megabytes of text.
  expect(await view.evaluate((el) => el.textContent?.length ?? 0)).toBeLessThan(50_000);

  await view.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(view).toContainText(`"name": "Review ${count - 1}"`);

  const middle = `Review ${Math.floor(count / 2)}`;
  const find = content.getByRole('searchbox', { name: 'Find in response' });
  await find.fill(`"${middle}"`);
  await expect(content.getByText('Match 1 of 1', { exact: true })).toBeVisible();
  await expect(view.locator('mark')).toHaveText(`"${middle}"`);

  // The raw body as received, with the same search applied.
  await content.getByRole('tab', { name: 'Raw' }).click();
  const raw = content.getByRole('group', { name: 'Response body (raw)' });
  await expect(raw.locator('mark')).toHaveText(`"${middle}"`);
  await find.fill('');
  await raw.evaluate((el) => el.scrollTo({ top: 0 }));
  await expect(raw.getByText(`{"count":${count},"items":[{"id":0,`)).toBeVisible();

  const downloading = page.waitForEvent('download');
  await content.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('json.json');
  expect((await stat(await download.path())).size).toBe(expected.length);
});

test('a binary response offers a download and shows no garbage', async ({
  page,
  portal,
  fixtureApi,
}) => {
  await openFixtures(page, fixtureApi);
  await send(portal, 'Binary file');

  const content = page.getByRole('region', { name: 'Response content' });
  await expect(content).toContainText(
    'Binary content (application/octet-stream), 2.93 KB: not shown as text.',
  );
  await expect(content.getByLabel('Hex dump of the first bytes')).toContainText('00000000  00 ff ');
  // No text viewer, hence no replacement characters from decoding bytes as text.
  await expect(content.getByRole('group', { name: /Response body/ })).toHaveCount(0);
  await expect(content).not.toContainText('\uFFFD');

  const downloading = page.waitForEvent('download');
  await content.getByRole('button', { name: 'Download' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('fixture.bin');
  expect((await stat(await download.path())).size).toBe(binaryBody(3000).length);
});

test('a CSV response is shown as a table, and as text on the Raw tab', async ({
  page,
  portal,
  fixtureApi,
}) => {
  await openFixtures(page, fixtureApi);
  await send(portal, 'CSV table');

  const content = page.getByRole('region', { name: 'Response content' });
  await expect(content.getByRole('tab', { name: 'Table' })).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const table = content.getByRole('table');
  await expect(table.getByRole('columnheader')).toHaveText(['id', 'Col2', 'score']);
  await expect(
    table.getByRole('row').filter({ hasText: 'Review 7,' }).getByRole('cell'),
  ).toHaveText(['7', 'Review 7, a "good" day', '7']);
  await expect(content).toContainText('50 rows');

  await content.getByRole('tab', { name: 'Raw' }).click();
  await expect(content.getByRole('group', { name: 'Response body (raw)' })).toContainText(
    '"Review 0, a ""good"" day"',
  );
});

test('an error body is shown and summarised, with when to retry', async ({
  page,
  portal,
  fixtureApi,
}) => {
  await openFixtures(page, fixtureApi);
  await portal.openOperation('Rate limited');
  await page.getByRole('form', { name: 'Try it' }).getByRole('button', { name: 'Send' }).click();

  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('429 Too Many Requests')).toBeVisible();
  // When to retry is said once, and live: not the body's fixed "Try again in 57 seconds" again.
  await expect(
    response.getByRole('timer', { name: 'Time until calls go through again' }),
  ).toHaveText(/^\d+ s$/);
  await expect(page.getByText(/^Rate limit is exceeded\. Try again in/)).toHaveCount(0);
  await expect(
    page
      .getByRole('region', { name: 'Response content' })
      .getByRole('group', { name: 'Response body (formatted JSON)' }),
  ).toContainText('"statusCode": 429');
});

test('a large body that says JSON but is not is shown as received, saying why', async ({
  page,
  portal,
  fixtureApi,
}) => {
  await openFixtures(page, fixtureApi);
  await portal.openOperation('Large JSON');
  const form = page.getByRole('form', { name: 'Try it' });
  await form.getByRole('textbox', { name: /^mb\b/ }).fill('2');
  await form.getByRole('textbox', { name: /^broken\b/ }).fill('1');
  await form.getByRole('button', { name: 'Send' }).click();

  const content = page.getByRole('region', { name: 'Response content' });
  await expect(
    content.getByText(/^The server said JSON, but the body is not valid JSON \(/),
  ).toBeVisible();
  await expect(content.getByRole('group', { name: 'Response body', exact: true })).toContainText(
    '{"count":',
  );
});

test('a PNG response is previewed as an image, with its bytes in hex', async ({
  page,
  portal,
  fixtureApi,
}) => {
  await openFixtures(page, fixtureApi);
  await send(portal, 'PNG image');

  const content = page.getByRole('region', { name: 'Response content' });
  const image = content.getByRole('img', { name: 'Preview of the image in the response' });
  await expect(image).toBeVisible();
  await expect.poll(() => image.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBe(1);
  await expect(content.getByLabel('Hex dump of the first bytes')).toContainText(
    '|.PNG........IHDR|',
  );
});
