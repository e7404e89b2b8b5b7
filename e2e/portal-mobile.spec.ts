import { expect, test } from './fixtures/test';

test.use({ viewport: { width: 390, height: 844 }, hasTouch: true });

test('on a phone, the operations drawer opens, leads to the console and gets out of the way', async ({
  page,
  portal,
}) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API' })).toBeVisible();
  const nav = portal.operationsNav;
  await expect(nav).toBeHidden();

  const menu = page.getByRole('button', { name: 'Show operations' });
  await menu.click();
  await expect(nav).toBeVisible();
  await nav.getByRole('link', { name: /RRS Execute/ }).click();
  await expect(nav).toBeHidden();
  await expect(page.getByRole('heading', { level: 1, name: 'RRS Execute' })).toBeVisible();

  // Typing a filter opens the drawer with the matches; Escape closes it again.
  await page.getByRole('searchbox', { name: 'Filter operations' }).fill('status');
  await expect(nav.getByRole('link', { name: /BES Status/ })).toBeVisible();
  await page.keyboard.press('Escape');
  await page.keyboard.press('Escape');
  await expect(nav).toBeHidden();

  const form = page.getByRole('form', { name: 'Try it' });
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(
    page.getByRole('region', { name: 'Response', exact: true }).getByText('200 OK'),
  ).toBeVisible();
  // Nothing on the page is wider than the screen.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
});

test('on a phone, the header sits within the screen on every page, in both themes', async ({
  page,
}) => {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    for (const path of [
      '',
      '#/apis/azureml-demo/operations/RRS_Execute',
      '#/apis/azureml-demo/batch',
      '#/products',
      '#/subscriptions',
      '#/usage',
      '#/settings',
    ]) {
      await page.goto(`./${path}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('data-theme', colorScheme);
      // Every control of the header row is on the screen and inside the header.
      const outside = await page.evaluate(() => {
        const header = document.querySelector('.app-header')?.getBoundingClientRect();
        if (!header) return ['no header'];
        return [...document.querySelectorAll('.app-header :is(button, a, select, input)')]
          .filter((e) => e.getClientRects().length > 0)
          .flatMap((e) => {
            const r = e.getBoundingClientRect();
            return r.top < 0 || r.bottom > header.bottom || r.right > window.innerWidth
              ? [
                  `${e.tagName} ${e.getAttribute('aria-label') ?? e.textContent?.trim() ?? ''} ${Math.round(r.top)}..${Math.round(r.bottom)}`,
                ]
              : [];
          });
      });
      expect(outside, `${colorScheme} ${path || 'overview'}`).toEqual([]);
    }
  }
});
