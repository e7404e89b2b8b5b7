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
