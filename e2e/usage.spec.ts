import { expect, test, type Locator, type Page } from './fixtures/test';

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

/**
 * The contrast of a chart's y-axis labels with what is behind them (axe cannot see into a
 * canvas): the most distinct colour drawn left of the plotting area, blended over the first
 * opaque background behind the chart.
 */
function axisLabelContrast(chart: Locator): Promise<number> {
  return chart.evaluate((box) => {
    const rgb = (css: string) => (css.match(/[\d.]+/g) ?? []).map(Number);
    const luminance = ([r = 0, g = 0, b = 0]: number[]) => {
      const [lr = 0, lg = 0, lb = 0] = [r, g, b].map((c) => {
        const s = c / 255;
        return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * lr + 0.7152 * lg + 0.0722 * lb;
    };
    let behind: Element | null = box;
    let background = [255, 255, 255];
    while (behind) {
      const [r = 0, g = 0, b = 0, a = 1] = rgb(getComputedStyle(behind).backgroundColor);
      if (a > 0.99) {
        background = [r, g, b];
        break;
      }
      behind = behind.parentElement;
    }
    const canvas = box.querySelector('canvas');
    const over = box.querySelector<HTMLElement>('.u-over');
    if (!canvas || !over) return 0;
    const scale = canvas.width / canvas.getBoundingClientRect().width;
    const width = Math.floor(over.offsetLeft * scale);
    const pixels = canvas.getContext('2d')?.getImageData(0, 0, width, canvas.height).data ?? [];
    const back = luminance(background);
    let best = 1;
    for (let i = 0; i < pixels.length; i += 4) {
      const alpha = (pixels[i + 3] ?? 0) / 255;
      if (alpha < 0.9) continue;
      const fore = luminance(
        [0, 1, 2].map((c) => alpha * (pixels[i + c] ?? 0) + (1 - alpha) * (background[c] ?? 0)),
      );
      best = Math.max(best, (Math.max(fore, back) + 0.05) / (Math.min(fore, back) + 0.05));
    }
    return best;
  });
}

/** What the chart's legend says for `series` as the pointer sweeps across the plot. */
async function legendReadings(chart: Locator, series: string): Promise<string[]> {
  const over = chart.locator('.u-over');
  const area = await over.boundingBox();
  if (!area) return [];
  const value = chart.locator('.u-legend tr', { hasText: series }).locator('.u-value');
  const seen: string[] = [];
  for (let step = 0; step <= 30; step++) {
    await chart.page().mouse.move(area.x + (area.width * step) / 30, area.y + area.height / 2);
    seen.push((await value.textContent()) ?? '');
  }
  return seen;
}

test('calls through the gateway show up in Usage: charts, tables, latest requests, ranges, both themes, a phone, publisher view', async ({
  page,
  portal,
  axe,
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

  // Pointing at the chart reads the figures of the range on screen, not of the first one drawn.
  const callsChart = page.locator('.usage-chart', { hasText: 'Calls over time, by outcome' });
  const newest = byInterval.locator('tbody tr').first();
  const successful = (await newest.locator('td').first().textContent()) ?? '';
  expect(Number(successful)).toBeGreaterThan(0);
  expect(await legendReadings(callsChart, 'Successful')).toContain(successful);

  // Both themes: nothing for axe, of any impact; the chart labels (a canvas, which axe cannot
  // see) stand out from the page in the dark theme too.
  await axe('Usage (light)');
  await page.getByRole('button', { name: 'Dark theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect
    .poll(() => axisLabelContrast(callsChart.locator('.usage-chart__plot')))
    .toBeGreaterThanOrEqual(4.5);
  await axe('Usage (dark)');
  await page.getByRole('button', { name: 'Dark theme' }).click();

  // On a phone nothing on the page is wider than the screen.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect
    .poll(() => page.evaluate(() => document.documentElement.scrollWidth))
    .toBeLessThanOrEqual(390);
  await page.setViewportSize({ width: 1280, height: 720 });

  // A custom range in the future is refused with a sentence, and nothing is lost.
  await page.getByText('Custom range').click();
  await page.getByLabel('From').fill('2099-01-01T00:00');
  await page.getByLabel('To').fill('2099-01-02T00:00');
  await page.getByRole('button', { name: 'Show range' }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'The start is in the future: no calls there yet.',
  );
  await expect(summary).toContainText(/^3 calls from /);

  // The publisher (local demo only) sees every subscription by its name, and the blocked call
  // without a key.
  await page.getByRole('radio', { name: 'Everything (publisher, local demo)' }).check();
  await expect(
    page
      .getByRole('table', { name: 'Calls by subscription' })
      .getByRole('row', { name: /^\(no valid key\) 0 [1-9]/ }),
  ).toBeVisible({ timeout: 15_000 });
  await expect(
    page
      .getByRole('table', { name: 'Calls by subscription' })
      .getByRole('row', { name: /^E2E usage 3 0 0 0 3/ }),
  ).toBeVisible();
  await expect(latest.getByRole('cell', { name: 'E2E usage' })).toHaveCount(3);

  // A request links back to its operation page.
  await page.getByRole('radio', { name: 'My subscription' }).check();
  await latest.getByRole('link', { name: 'POST RRS_Execute' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'RRS Execute' })).toBeVisible();
});
