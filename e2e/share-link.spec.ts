import { expect, test } from './fixtures/csp-guard';
import { openOperation, setRequestBody } from './fixtures/portal-page';

const SHARED_BODY = JSON.stringify({
  Inputs: { input1: { ColumnNames: ['Col2'], Values: [['Shared from a colleague']] } },
  GlobalParameters: {},
});

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('a shared link opens the operation with the form filled, no key in it, nothing sent', async ({
      page,
      context,
      browser,
    }) => {
      await context.grantPermissions(['clipboard-read', 'clipboard-write']);
      await page.goto('./');
      await openOperation(page, 'RRS Execute');
      const form = page.getByRole('form', { name: 'Try it' });
      await form.getByLabel('details', { exact: true }).selectOption('false');
      await form.getByRole('button', { name: '+ Add header' }).click();
      await form.getByLabel('Custom header 1 name').fill('X-Api-Key');
      await form.getByLabel('Custom header 1 value').fill('my-private-key');
      await setRequestBody(page, SHARED_BODY);

      await form.getByRole('button', { name: 'Copy link' }).click();
      await expect(form.getByRole('status')).toContainText('Link copied');
      const link = await page.evaluate(() => navigator.clipboard.readText());
      expect(link).toMatch(
        /#\/apis\/azureml-demo\/operations\/RRS_Execute\/share\/[A-Za-z0-9+$-]+$/,
      );
      expect(link).not.toMatch(/e2e-demo-key|my-private-key/);

      // A fresh browser: no storage, no session. Opening the link sends nothing.
      const fresh = await browser.newContext({ colorScheme });
      const other = await fresh.newPage();
      const sent: string[] = [];
      other.on('request', (r) => {
        if (r.url().includes('/execute')) sent.push(r.url());
      });
      await other.goto(link);
      await expect(other.getByRole('heading', { level: 1, name: 'RRS Execute' })).toBeVisible();
      await expect(other).toHaveURL(/#\/apis\/azureml-demo\/operations\/RRS_Execute$/);
      const otherForm = other.getByRole('form', { name: 'Try it' });
      await expect(otherForm.getByLabel('details', { exact: true })).toHaveValue('false');
      await expect(otherForm.getByLabel('Custom header 1 name')).toHaveValue('X-Api-Key');
      await expect(otherForm.getByLabel('Custom header 1 value')).toHaveValue('');
      await expect(otherForm).toContainText('Shared from a colleague');
      await expect(
        other.getByRole('status').filter({ hasText: 'Opened from a shared link' }),
      ).toBeVisible();
      expect(other.url()).not.toMatch(/e2e-demo-key|my-private-key/);
      expect(sent).toEqual([]);

      // The recipient sends on purpose, with their own environment's key (the demo service
      // allows no custom headers, so the shared one goes first).
      await otherForm.getByRole('button', { name: 'Remove header 1' }).click();
      await otherForm.getByRole('button', { name: 'Send' }).click();
      await expect(
        other.getByRole('region', { name: 'Response', exact: true }).getByText('200 OK'),
      ).toBeVisible();
      await fresh.close();

      // A body too large for a link is refused with a message.
      await setRequestBody(
        page,
        JSON.stringify({
          rows: Array.from({ length: 3000 }, (_, i) => `${i * 7919}-${(i * 104729) % 9973}`),
        }),
      );
      await form.getByRole('button', { name: 'Copy link' }).click();
      await expect(form.getByRole('alert')).toContainText('This request is too large for a link');
    });
  });
}
