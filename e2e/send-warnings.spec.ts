import { expect, test } from './fixtures/csp-guard';
import { openOperation } from './fixtures/portal-page';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('sending without a key or to a placeholder address is flagged beside Send', async ({
      page,
    }) => {
      await page.goto('./');
      await openOperation(page, 'RRS Execute');
      const form = page.getByRole('form', { name: 'Try it' });
      const warnings = form.getByRole('status').filter({ hasText: 'You can still send' });
      await expect(warnings).toBeHidden();

      const key = form.getByLabel('AzureML API key', { exact: true });
      await key.fill('');
      await expect(warnings).toContainText(
        '“Local demo” has no AzureML API key: the service will answer 401 without it.',
      );
      await warnings.getByRole('button', { name: 'Enter the AzureML API key' }).click();
      await expect(key).toBeFocused();

      // Sending on purpose still works, and shows the service's answer.
      await form.getByRole('button', { name: 'Send' }).click();
      await expect(page.getByRole('region', { name: 'Response', exact: true })).toContainText(
        '401',
      );

      await key.fill('e2e-demo-key');
      await expect(warnings).toBeHidden();

      await page.getByRole('combobox', { name: 'Environment' }).selectOption({
        label: 'Azure API Management',
      });
      await expect(warnings).toContainText(
        'The base URL of “Azure API Management” still has the placeholder YOUR-APIM-NAME',
      );
      await expect(warnings).toContainText('has no AzureML API key and APIM subscription key');
      await expect(warnings.getByRole('link', { name: 'Settings' })).toHaveAttribute(
        'href',
        '#/settings',
      );
    });
  });
}
