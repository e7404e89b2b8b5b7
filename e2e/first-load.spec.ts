import { expect, test } from './fixtures/test';

// The keyboard shortcuts list and the operation page's parts (reference, console) are not part
// of the first page: they download on demand, or when the browser is idle. These journeys hold
// those downloads back to show that the first "?" still opens the list, and that a part which
// fails to download is reported in the operation page and comes back with "Reload view"; and
// that, once the page has been idle, an operation opens with no loading state of its console.

test('the first "?" opens the shortcuts list while it is still downloading', async ({ page }) => {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  const requested: string[] = [];
  await page.route(/keyboard-shortcuts-dialog-[^/]*\.js$/, async (route) => {
    requested.push(route.request().url());
    await held;
    await route.continue();
  });
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API' })).toBeVisible();

  await page.locator('body').press('?');
  const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect.poll(() => requested.length).toBeGreaterThan(0);
  await expect(dialog).toBeHidden();
  release();
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Close' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  // Once closed it opens again, from the button as from the key.
  await page.getByRole('button', { name: 'Keyboard shortcuts' }).click();
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Keyboard shortcuts' })).toBeFocused();
});

// A part of the operation page that fails to download is reported in the page, and comes with
// "Reload view": a lazily loaded view keeps no failure (React.lazy kept one for the page's life).
for (const part of [
  { name: 'an operation reference', chunk: /operation-docs-[^/]*\.js$/ },
  { name: 'a console', chunk: /try-it-console-[^/]*\.js$/ },
]) {
  test(`${part.name} that fails to download is reported, and "Reload view" brings it`, async ({
    page,
  }) => {
    let failing = true;
    await page.route(part.chunk, (route) =>
      failing ? route.abort('connectionreset') : route.continue(),
    );
    await page.goto('./#/apis/azureml-demo/operations/RRS_Execute');
    const alert = page
      .getByRole('alert')
      .filter({ hasText: 'Something went wrong in the operation page' });
    await expect(alert).toBeVisible();
    // The rest of the portal still works.
    await expect(
      page
        .getByRole('navigation', { name: 'Operations' })
        .getByRole('link', { name: 'RRS Execute' }),
    ).toBeVisible();

    failing = false;
    await alert.getByRole('button', { name: 'Reload view' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'RRS Execute' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: 'Responses' })).toBeVisible();
    await expect(page.getByRole('form', { name: 'Try it' })).toBeVisible();
  });
}

test('once the page is idle, opening an operation shows its console at once, with no loading state of its own', async ({
  page,
}) => {
  // The console's parts are fetched while the page is idle after the first view.
  const parts = [
    /try-it-console-[^/]*\.js$/,
    /response-panel-[^/]*\.js$/,
    /json-editor-codemirror-[^/]*\.js$/,
  ];
  const fetched = Promise.all(parts.map((part) => page.waitForResponse(part)));
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API' })).toBeVisible();
  const urls = (await fetched).map((response) => response.url());
  // Importing them again settles once the page's own imports of them have run.
  await page.evaluate(async (modules) => {
    await Promise.all(modules.map((url) => import(url)));
    await new Promise((resolve) => setTimeout(resolve, 0));
  }, urls);

  // Records the console's loading states (its "Loading the console…" status, the body
  // editor's plain-text stand-in) if they appear from the click on, however briefly. (The
  // operation's details still come from the definition worker, a round trip of a few ms.)
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { loadingSeen: string[] }).loadingSeen = seen;
    new MutationObserver(() => {
      for (const status of Array.from(document.querySelectorAll('[role="status"]'))) {
        const text = status.textContent?.trim() ?? '';
        if (text.startsWith('Loading the console') && !seen.includes(text)) seen.push(text);
      }
      if (document.querySelector('textarea.json-editor--plain') && !seen.includes('plain editor'))
        seen.push('plain editor');
    }).observe(document.body, { childList: true, subtree: true, characterData: true });
  });
  await page
    .getByRole('navigation', { name: 'Operations' })
    .getByRole('link', { name: 'RRS Execute' })
    .click();
  const form = page.getByRole('form', { name: 'Try it' });
  await expect(form.getByRole('button', { name: 'Send' })).toBeVisible();
  await expect(page.getByRole('heading', { level: 2, name: 'Responses' })).toBeVisible();
  expect(
    await page.evaluate(() => (window as unknown as { loadingSeen: string[] }).loadingSeen),
  ).toEqual([]);
});
