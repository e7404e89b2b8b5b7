import { expect, test } from './fixtures/test';

for (const colorScheme of ['light', 'dark'] as const) {
  test.describe(`${colorScheme} theme`, () => {
    test.use({ colorScheme });

    test('sending without a key or to a placeholder address is flagged beside Send', async ({
      page,
      portal,
    }) => {
      await page.goto('./');
      await portal.openOperation('RRS Execute');
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

test.describe('dark theme', () => {
  test.use({ colorScheme: 'dark' });

  test('a refused key is named with its environment, and the guidance leads to where to fix it', async ({
    page,
    portal,
    axe,
  }) => {
    await page.goto('./');
    await portal.openOperation('RRS Execute');
    const form = page.getByRole('form', { name: 'Try it' });
    const response = page.getByRole('region', { name: 'Response', exact: true });
    const key = form.getByLabel('AzureML API key', { exact: true });

    // A wrong Azure ML key: the gateway lets the call through, Azure ML refuses it.
    await key.fill('not-the-key');
    await form.getByRole('button', { name: 'Send' }).click();
    const guidance = response.getByRole('alert');
    await expect(guidance).toContainText('Azure ML refused the key (401)');
    await expect(guidance).toContainText(
      'Azure ML refused the Authorization bearer key of environment “Local demo” (ScoreRequestUnauthorized: Invalid credentials provided.)',
    );
    await expect(guidance).toContainText(
      'Enter the right AzureML API key in its field above or in Settings under “Local demo”.',
    );
    await expect(response).not.toContainText('Unauthorized: Unauthorized.');
    await expect(guidance.getByRole('link', { name: 'Settings' })).toHaveAttribute(
      'href',
      '#/settings',
    );
    await guidance.getByRole('button', { name: 'Enter the AzureML API key' }).click();
    await expect(key).toBeFocused();
    await key.fill('e2e-demo-key');

    // No subscription key for the gateway: flagged before sending, explained after, and the
    // API Management keys page is one click away.
    const apimKey = form.getByLabel('APIM subscription key', { exact: true });
    await apimKey.fill('');
    const warnings = form.getByRole('status').filter({ hasText: 'You can still send' });
    await expect(warnings).toContainText('“Local demo” has no APIM subscription key');
    await expect(warnings.getByRole('link', { name: 'Subscriptions and keys' })).toHaveAttribute(
      'href',
      '#/subscriptions',
    );
    await form.getByRole('button', { name: 'Send' }).click();
    await expect(guidance).toContainText('Subscription key missing (401)');
    await expect(guidance).toContainText(
      'API Management wants the Ocp-Apim-Subscription-Key, and environment “Local demo” has none',
    );
    // (Checked here: Azure ML's longer error body shows the code view's gutter contrast issue.)
    await axe('an operation with a refused subscription key');
    await guidance.getByRole('link', { name: 'Subscriptions and keys' }).click();
    await expect(page.getByRole('heading', { level: 1, name: /Subscriptions/ })).toBeVisible();
  });
});
