import { expect, test, type Locator, type Page } from './fixtures/test';
import { E2E_OIDC_ISSUER } from '../playwright.config';
import type { PortalPage } from './fixtures/portal-page';

const PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT ?? 14173);
const REDIRECT_URI = `http://127.0.0.1:${PORTAL_PORT}/oauth-callback.html`;

/** The demo provider's development sign-in page, then its consent page when it shows one. */
async function signInAtProvider(window: Page): Promise<void> {
  await window.getByPlaceholder('Enter any login').fill('demo');
  await window.getByPlaceholder('and password').fill('portico-demo');
  await window.getByRole('button', { name: 'Sign-in' }).click();
  // Consent is asked once per grant; when the provider remembers it, the window goes straight
  // back (a pop-up closes). Whichever comes first decides, however slow the machine is.
  const consent = window.getByRole('button', { name: 'Continue' });
  const next = await Promise.race([
    consent.waitFor({ timeout: 0 }).then(
      () => 'consent' as const,
      () => 'gone' as const,
    ),
    window
      .waitForURL((url) => !url.href.startsWith(E2E_OIDC_ISSUER), { timeout: 0 })
      .then(
        () => 'back' as const,
        () => 'gone' as const,
      ),
    window.waitForEvent('close', { timeout: 0 }).then(
      () => 'gone' as const,
      () => 'gone' as const,
    ),
  ]);
  if (next === 'consent') await consent.click();
}

async function openSignedInOperation(
  page: Page,
  portal: PortalPage,
): Promise<{ form: Locator; signIn: Locator }> {
  await page.goto('./');
  await portal.openOperation('Score as a signed-in user');
  const form = page.getByRole('form', { name: 'Try it' });
  const signIn = form.getByRole('group', { name: /Sign in for “portico_oidc”/ });
  await expect(signIn.getByRole('combobox', { name: 'Flow' })).toHaveValue('authorizationCode');
  return { form, signIn };
}

const claimsOf = (signIn: Locator) => signIn.getByLabel('Token claims');

test('sign in with code + PKCE in a pop-up, call the protected operation, refresh, sign out', async ({
  page,
  portal,
  axe,
}) => {
  const { form, signIn } = await openSignedInOperation(page, portal);
  await expect(signIn).toContainText(REDIRECT_URI);
  await expect(signIn.getByLabel('Client ID', { exact: true })).toHaveValue('portico-demo-spa');
  await expect(signIn.getByRole('checkbox', { name: 'scores.read' })).toBeChecked();
  await expect(signIn.getByRole('checkbox', { name: 'admin.write' })).not.toBeChecked();

  const popupOpened = page.waitForEvent('popup');
  const authorization = page
    .context()
    .waitForEvent('request', (r) => r.url().startsWith(`${E2E_OIDC_ISSUER}/auth?`));
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  const popup = await popupOpened;
  const query = new URL((await authorization).url()).searchParams;
  expect(query.get('code_challenge_method')).toBe('S256');
  expect(query.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
  expect(query.get('redirect_uri')).toBe(REDIRECT_URI);
  expect(query.get('state')).toBeTruthy();
  expect(query.get('nonce')).toBeTruthy();
  await signInAtProvider(popup);

  await expect(signIn.getByRole('status').filter({ hasText: 'Signed in' })).toContainText(
    /Expires in \d+ s/,
  );
  // The callback page handed the answer back and closed its window.
  expect(popup.isClosed()).toBe(true);
  const claims = claimsOf(signIn);
  await expect(claims).toContainText('"aud": "api://portico-demo"');
  await expect(claims).toContainText(`"iss": "${E2E_OIDC_ISSUER}"`);
  await expect(signIn).toContainText(/Signature hidden/);
  await axe('the signed-in token');

  // The token goes out as the scheme's Bearer credential, masked wherever it is shown.
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('200 OK')).toBeVisible();
  const response = page.getByRole('region', { name: 'Response', exact: true });
  // "This is a good day" hashed: the score came through the gateway's validate-jwt.
  await expect(response).toContainText('This is a good day11220201');
  await expect(response).toContainText('AuthorizationBearer ••••••');
  await expect(page.locator('body')).not.toContainText('eyJ');

  // The 20 s token is refreshed before it expires, and the call still goes through.
  const before = await claims.textContent();
  await expect(claims).not.toHaveText(before ?? '', { timeout: 30_000 });
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('200 OK')).toBeVisible();

  await signIn.getByRole('button', { name: 'Sign out' }).click();
  await expect(signIn.getByRole('status').filter({ hasText: 'Signed out' })).toContainText(
    'the provider revoked the grant',
  );
  await expect(claims).toHaveCount(0);
});

test('a refused scope and a token for another audience are shown clearly', async ({
  page,
  portal,
}) => {
  const { form, signIn } = await openSignedInOperation(page, portal);

  // admin.write is known to the provider but not allowed to the demo client.
  await signIn.getByRole('checkbox', { name: 'admin.write' }).check();
  const refusedWindow = page.waitForEvent('popup');
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await refusedWindow;
  const refusedScope = signIn
    .getByRole('alert')
    .filter({ hasText: 'The provider refused a scope' });
  await expect(refusedScope).toContainText('invalid_scope');
  await expect(refusedScope).toContainText('admin.write');
  await expect(refusedScope).toContainText('Untick the scopes');
  await signIn.getByRole('checkbox', { name: 'admin.write' }).uncheck();

  // A token for api://portico-other: the gateway's validate-jwt refuses it, and the panel says
  // which claim.
  await signIn.getByText('Extra parameters').click();
  await signIn.getByLabel('Resource', { exact: true }).fill('api://portico-other');
  await signIn.getByRole('checkbox', { name: 'scores.read' }).uncheck();
  await signIn.getByRole('checkbox', { name: 'other.read' }).check();
  const popupOpened = page.waitForEvent('popup');
  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await signInAtProvider(await popupOpened);
  const claims = claimsOf(signIn);
  await expect(claims).toContainText('"aud": "api://portico-other"');
  const refused = await claims.textContent();
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('401 Unauthorized')).toBeVisible();
  // A 401 gets one refresh and one more try, no more: the new token is refused too.
  await expect(claims).not.toHaveText(refused ?? '');
  await expect(claims).toContainText('"aud": "api://portico-other"');
  const wrongAudience = signIn
    .getByRole('alert')
    .filter({ hasText: 'The API refused the signed-in token' });
  await expect(wrongAudience).toContainText(
    '"aud": the token is for api://portico-other, not api://portico-demo.',
  );
});

test('with pop-ups blocked the sign-in runs in the tab and comes back; client credentials get a token', async ({
  page,
  portal,
}) => {
  await page.addInitScript(() => {
    window.open = () => null;
  });
  const { form, signIn } = await openSignedInOperation(page, portal);
  const operationUrl = page.url();

  await signIn.getByRole('button', { name: 'Sign in', exact: true }).click();
  await page.waitForURL(`${E2E_OIDC_ISSUER}/**`);
  await signInAtProvider(page);
  // The callback page returns to the operation, where the console finishes the exchange.
  await page.waitForURL(operationUrl);
  const again = form.getByRole('group', { name: /Sign in for “portico_oidc”/ });
  await expect(again.getByRole('status').filter({ hasText: 'Signed in' })).toBeVisible();
  await expect(claimsOf(again)).toContainText('"aud": "api://portico-demo"');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('200 OK')).toBeVisible();
  await again.getByRole('button', { name: 'Sign out' }).click();
  await expect(claimsOf(again)).toHaveCount(0);

  // Client credentials: the confidential client's secret, typed by the user, warned about.
  await again.getByRole('combobox', { name: 'Flow' }).selectOption('Client credentials');
  await expect(again.getByLabel('Client ID (confidential client)')).toHaveValue(
    'portico-demo-service',
  );
  await expect(again).toContainText('visible to anyone with access to this page');
  await expect(again.getByRole('checkbox', { name: 'Remember on this device' })).not.toBeChecked();
  await again.getByLabel('Client secret').fill('portico-demo-secret');
  await again.getByRole('button', { name: 'Get token' }).click();
  await expect(again.getByRole('status').filter({ hasText: 'Signed in' })).toContainText(
    'Client credentials',
  );
  await expect(claimsOf(again)).toContainText('"aud": "api://portico-demo"');
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByText('200 OK')).toBeVisible();
  // The secret was not kept on the device.
  const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
  expect(stored).not.toContain('portico-demo-secret');
});

test('device code: the panel shows the code and where to enter it, and gets the token once approved', async ({
  page,
  portal,
  context,
}) => {
  const { signIn } = await openSignedInOperation(page, portal);
  await signIn.getByRole('combobox', { name: 'Flow' }).selectOption('Device code');
  await signIn.getByRole('button', { name: 'Start device sign-in' }).click();
  const instructions = signIn.getByRole('status').filter({ hasText: 'enter the code' });
  await expect(instructions).toContainText(`${E2E_OIDC_ISSUER}/device`);
  const userCode = (await instructions.locator('strong').textContent()) ?? '';
  expect(userCode).toMatch(/\w{4}/);

  // The user approves on "another device": a tab of its own.
  const devicePage = context.waitForEvent('page');
  await instructions.getByRole('link').click();
  const device = await devicePage;
  await expect(device.getByText(userCode)).toBeVisible();
  await device.getByRole('button', { name: 'Continue' }).click();
  await signInAtProvider(device);
  await device.close();

  await expect(signIn.getByRole('status').filter({ hasText: 'Signed in' })).toContainText(
    'Device code',
  );
  await expect(claimsOf(signIn)).toContainText('"aud": "api://portico-demo"');
});
