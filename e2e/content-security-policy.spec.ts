import { expect, test } from './fixtures/test';

// The one journey that provokes violations on purpose, so it listens for them itself; the
// failOnCspViolation fixture, which fails every other journey on the first one, stands aside.
test.use({ cspViolationsExpected: true });

test("the page policy allows only the portal's own scripts and reports an injected one", async ({
  page,
}) => {
  const blocked: string[] = [];
  await page.exposeBinding('__reportViolation', (_source, directive: string) => {
    blocked.push(directive);
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as Record<string, (d: string) => void>).__reportViolation?.(
        `${event.effectiveDirective} ${event.blockedURI}`,
      );
    });
  });
  const answer = await page.goto('./');
  // What the preview server sends, as the hosts' config files tell a static host to.
  expect(answer?.headers()).toMatchObject({
    'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
  });
  await expect(page.getByRole('link', { name: 'Settings' })).toBeVisible();

  // An inline script as an injection would add it; eval cannot be tried from here (Playwright's
  // evaluate is exempt), so the policy text is checked for it instead, and the journeys that
  // validate definitions (portal-settings) run the validators under this policy.
  const inlineRan = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true';
    document.head.appendChild(script);
    await new Promise((resolve) => setTimeout(resolve, 100));
    return (window as unknown as { __injected?: boolean }).__injected === true;
  });
  expect(inlineRan).toBe(false);
  // Reported once per policy that blocks it: the header's and the meta tag's.
  await expect.poll(() => new Set(blocked)).toEqual(new Set(['script-src-elem inline']));
  const policy = await page
    .locator('meta[http-equiv="Content-Security-Policy"]')
    .getAttribute('content');
  const scriptSources = /script-src ([^;]*)/.exec(policy ?? '')?.[1];
  expect(scriptSources).toBe("'self'");
});
