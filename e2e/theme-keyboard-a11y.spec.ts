import { expect, test, type Page } from './fixtures/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeReviewsCsv } from './fixtures/batch-reviews';

const theme = (page: Page) => page.evaluate(() => document.documentElement.dataset.theme);

test.describe('a dark system theme', () => {
  test.use({ colorScheme: 'dark' });

  test('the theme follows the system, the header toggle is remembered, and every shortcut works from the keyboard', async ({
    page,
  }) => {
    await page.goto('./');
    await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API' })).toBeVisible();
    await expect.poll(() => theme(page)).toBe('dark');
    const toggle = page.getByRole('button', { name: 'Dark theme' });
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');

    await toggle.click();
    await expect.poll(() => theme(page)).toBe('light');
    await page.reload();
    await expect(page.getByRole('button', { name: 'Dark theme' })).toHaveAttribute(
      'aria-pressed',
      'false',
    );
    await expect.poll(() => theme(page)).toBe('light');

    // "?" lists the shortcuts; Esc closes the dialog.
    await page.locator('body').press('?');
    const dialog = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('row')).toHaveCount(8);
    await expect(dialog).toContainText('Next operation');
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // t toggles the theme back, and that is remembered too.
    await page.keyboard.press('t');
    await expect.poll(() => theme(page)).toBe('dark');

    // j / k move between operations; / filters; Ctrl+Enter sends; Esc cancels.
    await page.keyboard.press('j');
    await expect(page.getByRole('heading', { level: 1, name: 'RRS Execute' })).toBeVisible();
    await page.keyboard.press('j');
    await expect(
      page.getByRole('heading', { level: 1, name: 'Score as a signed-in user' }),
    ).toBeVisible();
    await page.keyboard.press('k');
    await expect(page.getByRole('heading', { level: 1, name: 'RRS Execute' })).toBeVisible();
    await page.keyboard.press('/');
    await expect(page.getByRole('searchbox', { name: 'Filter operations' })).toBeFocused();
    await page.keyboard.press('Escape');
    await page
      .getByRole('form', { name: 'Try it' })
      .getByLabel('workspace', { exact: true })
      .focus();
    await page.route('**/execute**', async (route) => {
      await new Promise((r) => setTimeout(r, 3000));
      await route.continue().catch(() => undefined);
    });
    await page.keyboard.press('ControlOrMeta+Enter');
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(page.getByRole('button', { name: 'Cancel' })).toBeHidden();
    await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText(
      /cancel/i,
    );
  });
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('overview, operation with a response, History, Settings and a finished batch job pass axe', async ({
      page,
      portal,
      axe,
    }) => {
      test.setTimeout(120_000);
      await page.goto('./');
      await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API' })).toBeVisible();
      await expect.poll(() => theme(page)).toBe(colorScheme);
      await axe('the overview');

      await portal.openOperation('RRS Execute');
      await page
        .getByRole('form', { name: 'Try it' })
        .getByRole('button', { name: 'Send' })
        .click();
      await expect(
        page.getByRole('region', { name: 'Response', exact: true }).getByText('200 OK'),
      ).toBeVisible();
      await page.getByText('Request history').click();
      await axe('an operation with a response');

      await page.getByRole('link', { name: 'History', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
      await axe('History');

      await page.getByRole('link', { name: 'Settings', exact: true }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Settings' })).toBeVisible();
      await axe('Settings');

      await page.getByRole('link', { name: 'Batch jobs' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Batch jobs' })).toBeVisible();
      await page.getByRole('button', { name: 'Get a demo SAS' }).click();
      await expect(page.getByLabel('Container SAS URL')).toHaveValue(/[?&]sig=/);
      const dir = mkdtempSync(join(tmpdir(), 'portico-a11y-'));
      await page.getByLabel('CSV file').setInputFiles(writeReviewsCsv(join(dir, 'a11y.csv'), 50));
      await page.getByRole('button', { name: 'Upload', exact: true }).click();
      await expect(page.getByText(/^Uploaded /)).toBeVisible();
      await page.getByRole('button', { name: 'Submit job' }).click();
      const submitted = page.getByRole('status').filter({ hasText: 'Submitted job' });
      const jobId = (await submitted.locator('code').textContent()) ?? '';
      const job = page.getByRole('region', { name: `Job ${jobId}` });
      await job.getByRole('button', { name: 'Start job' }).click();
      await expect(job.getByText('State: Finished')).toBeVisible({ timeout: 30_000 });
      await expect(job.getByRole('region', { name: 'Preview of output1' })).toBeVisible();
      await page.getByText('Run this workflow as a script').click();
      await axe('Batch jobs with a finished job');
    });
  });
}
