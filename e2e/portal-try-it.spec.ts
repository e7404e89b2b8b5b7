import { expect, test, type Request } from './fixtures/test';

const SERVICE_PORT = Number(process.env.E2E_DEMO_SERVICE_PORT ?? 18790);
const toService = (r: Request) => new URL(r.url()).port === String(SERVICE_PORT);

const RRS_BODY = JSON.stringify(
  {
    Inputs: { input1: { ColumnNames: ['Col2'], Values: [['This is a good day']] } },
    GlobalParameters: {},
  },
  null,
  2,
);

test('a newcomer picks RRS Execute, sends it and reads the scored result', async ({
  page,
  portal,
}) => {
  await page.goto('./');
  await expect(page.getByRole('heading', { level: 1, name: 'AzureML Demo API' })).toBeVisible();
  // The definition's local server is the emulator actually running, not its default port.
  await expect(page.getByText(`http://127.0.0.1:${SERVICE_PORT}`, { exact: true })).toBeVisible();
  await expect(page.getByText('http://127.0.0.1:8790')).toHaveCount(0);

  // The sidebar's API Management links sit under a heading of their own.
  await expect(
    page
      .getByRole('navigation', { name: 'API Management' })
      .getByRole('heading', { name: 'API Management' }),
  ).toBeVisible();

  await portal.openOperation('RRS Execute');
  const form = page.getByRole('form', { name: 'Try it' });
  // On a laptop screen the console sits beside the documentation, Send in view.
  await page.setViewportSize({ width: 1440, height: 900 });
  await expect(form.getByRole('button', { name: 'Send' })).toBeInViewport();
  await expect(page.getByRole('heading', { name: 'Parameters', exact: true })).toBeInViewport();
  await expect(form.getByLabel('workspace', { exact: true })).toHaveValue('demo-workspace');
  await expect(form.getByLabel('service', { exact: true })).toHaveValue('simple-feature-hashing');
  await expect(form.getByLabel('api-version', { exact: true })).toHaveValue('2.0');
  await expect(form.getByLabel('details', { exact: true })).toHaveValue('true');

  // The key is masked until revealed.
  const key = form.getByLabel('AzureML API key', { exact: true });
  await expect(key).toHaveAttribute('type', 'password');
  // The first key field is the AzureML key; its toggle controls that input.
  const toggle = form.getByRole('button', { name: 'Show key' }).first();
  await expect(toggle).toHaveAttribute('aria-controls', (await key.getAttribute('id')) ?? '');
  await toggle.click();
  await expect(key).toHaveAttribute('type', 'text');
  await expect(key).toHaveValue('e2e-demo-key');

  // The URL the form would call is shown as it is typed, path values encoded.
  const workspace = form.getByLabel('workspace', { exact: true });
  await workspace.fill('a b/../c');
  await expect(form).toContainText(
    '/workspaces/a%20b%2F..%2Fc/services/simple-feature-hashing/execute',
  );
  await workspace.fill('demo-workspace');

  await portal.setRequestBody(RRS_BODY);
  await form.getByRole('button', { name: 'Send' }).click();

  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('200 OK')).toBeVisible();
  await expect(response.getByText('Requested URL')).toBeVisible();
  await expect(response).toContainText(
    '/workspaces/demo-workspace/services/simple-feature-hashing/execute?api-version=2.0&details=true',
  );
  await expect(response.getByText(/^Headers/).first()).toBeVisible();
  await expect(response).toContainText(/content-type/i);

  const content = page.getByRole('region', { name: 'Response content' });
  await expect(content).toContainText('Col2_HashingFeature.7');
  const row = content.getByRole('row').filter({ hasText: 'This is a good day' });
  await expect(row.getByRole('cell')).toHaveText([
    'This is a good day',
    '1',
    '1',
    '2',
    '2',
    '0',
    '2',
    '0',
    '1',
  ]);
});

test('a missing required field is explained next to it and nothing is sent', async ({ page }) => {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (toService(r)) sent.push(r.url());
  });
  await page.goto('./#/apis/azureml-demo/operations/RRS_Execute');
  const form = page.getByRole('form', { name: 'Try it' });
  const workspace = form.getByLabel('workspace', { exact: true });
  await workspace.fill('');
  await form.getByRole('button', { name: 'Send' }).click();

  await expect(workspace).toHaveAttribute('aria-invalid', 'true');
  await expect(workspace).toHaveAccessibleDescription(/workspace is required/);
  await expect(workspace).toBeFocused();
  // Typing fixes it at once; the other values were kept.
  await workspace.fill('demo-workspace');
  await expect(workspace).not.toHaveAttribute('aria-invalid', 'true');
  await expect(form.getByLabel('api-version', { exact: true })).toHaveValue('2.0');
  expect(sent).toEqual([]);
});

test('invalid JSON is pinned to its line and column and blocks sending', async ({
  page,
  portal,
}) => {
  const sent: string[] = [];
  page.on('request', (r) => {
    if (toService(r)) sent.push(r.url());
  });
  await page.goto('./#/apis/azureml-demo/operations/RRS_Execute');
  const form = page.getByRole('form', { name: 'Try it' });
  await portal.setRequestBody('{\n  "Inputs": {\n    "input1": oops\n  }\n}');
  await form.getByRole('button', { name: 'Send' }).click();

  const error = form.getByRole('alert').filter({ hasText: 'Invalid JSON' });
  await expect(error).toContainText('line 3, column 15');
  expect(sent).toEqual([]);

  // Format refuses to touch broken JSON, and the text the user typed is still there.
  await form.getByRole('button', { name: 'Format' }).click();
  await expect(page.locator('[contenteditable="true"][aria-label="Request body"]')).toContainText(
    '"input1": oops',
  );
});

test('a deep link survives a reload, with what the user typed', async ({ page, portal }) => {
  await page.goto('./#/apis/azureml-demo/operations/BES_Status');
  await expect(page.getByRole('heading', { level: 1, name: 'BES Status' })).toBeVisible();
  const jobid = page.getByRole('form', { name: 'Try it' }).getByLabel('jobid', { exact: true });
  await jobid.fill('0123456789abcdef0123456789abcdef');

  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: 'BES Status' })).toBeVisible();
  await expect(page).toHaveURL(/#\/apis\/azureml-demo\/operations\/BES_Status$/);
  await expect(
    page.getByRole('form', { name: 'Try it' }).getByLabel('jobid', { exact: true }),
  ).toHaveValue('0123456789abcdef0123456789abcdef');
  await expect(portal.operationsNav.getByRole('link', { name: /BES Status/ })).toHaveAttribute(
    'aria-current',
    'page',
  );

  await page.getByRole('button', { name: 'Reset to defaults' }).click();
  const form = page.getByRole('form', { name: 'Try it' });
  // Back to the definition's example job id.
  await expect(form.getByLabel('jobid', { exact: true })).not.toHaveValue(
    '0123456789abcdef0123456789abcdef',
  );
  await expect(form.getByLabel('workspace', { exact: true })).toHaveValue('demo-workspace');
});

test('the filter narrows the catalog as you type, from the keyboard', async ({ page, portal }) => {
  await page.goto('./');
  const nav = portal.operationsNav;
  await expect(nav.getByRole('link', { name: /RRS Execute/ })).toBeVisible();

  await page.locator('body').press('/');
  const filter = page.getByRole('searchbox', { name: 'Filter operations' });
  await expect(filter).toBeFocused();
  await filter.pressSequentially('bes stat');
  await expect(nav.getByRole('link')).toHaveText([/API/, /Batch jobs/, /History/, /BES Status/]);

  await filter.fill('delete');
  await expect(nav.getByRole('link', { name: /BES Delete/ })).toBeVisible();
  await filter.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'BES Delete' })).toBeVisible();

  await filter.fill('no such operation');
  await expect(nav).toContainText('No operations match');
  await page.keyboard.press('ControlOrMeta+k');
  await expect(filter).toBeFocused();
});

test('the job id returned by BES Submit is offered to BES Status', async ({ page, portal }) => {
  await page.goto('./#/apis/azureml-demo/operations/BES_Submit');
  const form = page.getByRole('form', { name: 'Try it' });
  await form.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('200 OK')).toBeVisible();
  const content = page.getByRole('region', { name: 'Response content' });
  await expect(content).toContainText(/"[0-9a-f]{32}"/);
  const jobId = /"([0-9a-f]{32})"/.exec((await content.textContent()) ?? '')?.[1];
  expect(jobId).toBeDefined();

  await portal.operationsNav.getByRole('link', { name: /BES Status/ }).click();
  const statusForm = page.getByRole('form', { name: 'Try it' });
  await statusForm.getByRole('button', { name: 'Use last job id' }).click();
  await expect(statusForm.getByLabel('jobid', { exact: true })).toHaveValue(jobId ?? '');
  await statusForm.getByRole('button', { name: 'Send' }).click();
  await expect(page.getByRole('region', { name: 'Response content' })).toContainText('NotStarted');

  // One memory of jobs: the job submitted on the operation page is in the Batch jobs list.
  await portal.operationsNav.getByRole('link', { name: 'Batch jobs' }).click();
  const jobs = page.getByRole('list', { name: 'Jobs' });
  await expect(jobs).toContainText(`${jobId?.slice(0, 12)}…`);
  await expect(page.getByRole('region', { name: `Job ${jobId}` })).toContainText('NotStarted');
});

test('a storage key typed into a body is saved masked, never as typed', async ({
  page,
  portal,
}) => {
  await page.goto('./#/apis/azureml-demo/operations/BES_Submit');
  await expect(page.getByRole('heading', { level: 1, name: 'BES Submit' })).toBeVisible();
  await portal.setRequestBody(
    JSON.stringify({
      Inputs: {
        input1: {
          ConnectionString: 'AccountName=acct;AccountKey=typed-account-key;EndpointSuffix=x',
          RelativeLocation: 'c/in.csv',
        },
      },
      Outputs: { output1: { SasBlobToken: 'sig=typed-signature&sv=1', BaseLocation: 'x' } },
    }),
  );
  await expect
    .poll(() => page.evaluate(() => JSON.stringify(sessionStorage)))
    .toContain('AccountKey=••••••');
  expect(await page.evaluate(() => JSON.stringify(sessionStorage))).not.toMatch(
    /typed-account-key|typed-signature/,
  );

  await page.reload();
  const editor = page.locator('[contenteditable="true"][aria-label="Request body"]');
  await expect(editor).toContainText('AccountKey=••••••');
  await expect(editor).toContainText('sig=••••••');
});
