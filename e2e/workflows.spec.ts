import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { expect, test } from './fixtures/test';
import { E2E_DEMO_API_KEY, E2E_UNLIMITED_KEY } from '../playwright.config';

// A control that never appears fails in seconds, not at the journey's long timeout.
test.use({ actionTimeout: 15_000 });

const GATEWAY_URL = `http://127.0.0.1:${process.env.E2E_GATEWAY_PORT ?? 18791}`;
// The gateway's Starter product: 5 calls a minute, so a polled job meets its 429.
const STARTER_KEY = 'portico-starter-key';
const BATCH_WORKFLOW = 'Score a CSV of reviews with a batch (BES) job';

/** Redocly's own Arazzo runner on a file: its exit code and what it printed. */
function respect(file: string, args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['redocly', 'respect', file, ...args], {
      env: { ...process.env, NO_COLOR: '1', REDOCLY_TELEMETRY: 'off' },
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, output }));
  });
}

test('calls from the console saved as a workflow from History: wired, keyless, green under Redocly respect, run in the portal and on Mock with nothing sent', async ({
  page,
  portal,
  axe,
}, testInfo) => {
  test.setTimeout(180_000);
  // Two chained calls in the console: BES Submit, then BES Status of the job it returned.
  await page.goto('./#/apis/azureml-demo/operations/BES_Submit');
  const form = page.getByRole('form', { name: 'Try it' });
  await form.getByRole('button', { name: 'Send' }).click();
  const content = page.getByRole('region', { name: 'Response content' });
  await expect(content).toContainText(/"[0-9a-f]{32}"/);
  // The sidebar's workflows (loaded once the page is idle) leave the operations above reachable.
  await expect(page.getByRole('navigation', { name: 'Workflows' })).toBeVisible();
  await portal.openOperation('BES Status');
  await form.getByRole('button', { name: 'Use last job id' }).click();
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(content).toContainText('NotStarted');

  // History -> Save as workflow: picked in order, the YAML generated and checked.
  await page.goto('./#/apis/azureml-demo/history');
  await page.getByRole('link', { name: 'Save as workflow' }).click();
  await expect(
    page.getByRole('heading', { level: 1, name: 'Save calls as a workflow' }),
  ).toBeVisible();
  await page.getByRole('checkbox', { name: /BES Submit/ }).check();
  await page.getByRole('checkbox', { name: /BES Status/ }).check();
  await expect(page.getByRole('list', { name: 'Picked calls' }).getByRole('listitem')).toHaveText([
    /^BES Submit/,
    /^BES Status/,
  ]);
  await page.getByRole('button', { name: 'Generate workflow' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'A valid Arazzo document with 2 steps' }),
  ).toBeVisible();
  await axe('Save as workflow with a generated document');

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^Download / }).click();
  const file = testInfo.outputPath('calls.arazzo.yaml');
  await (await download).saveAs(file);
  const text = await readFile(file, 'utf8');
  // The job id is wired to Submit's response, not copied; no key is in the file.
  expect(text).toMatch(/\$steps\.[A-Za-z]+\.outputs\./);
  expect(text).not.toContain(E2E_DEMO_API_KEY);
  expect(text).not.toContain(E2E_UNLIMITED_KEY);
  const document = parse(text) as {
    sourceDescriptions: Array<{ name: string }>;
    workflows: Array<{ workflowId: string; inputs?: { properties?: Record<string, unknown> } }>;
  };
  const inputs = Object.keys(document.workflows[0]?.inputs?.properties ?? {});
  expect(inputs).toEqual(expect.arrayContaining(['azureml', 'apimSubscriptionKey']));
  // The SAS tokens History masked in Submit's body are inputs too; the job is never started.
  const keys: Record<string, string> = {
    azureml: E2E_DEMO_API_KEY,
    apimSubscriptionKey: E2E_UNLIMITED_KEY,
  };
  const values = Object.fromEntries(
    inputs.map((name) => [name, keys[name] ?? '?sv=2025-01-05&sr=c&sp=rl&sig=e2e-placeholder']),
  );

  // An independent runner agrees: Redocly's respect runs the file against the stack.
  const source = document.sourceDescriptions[0]?.name ?? '';
  const result = await respect(file, [
    '--input',
    JSON.stringify(values),
    '--server',
    `${source}=${GATEWAY_URL}/azureml-demo`,
    '--verbose',
  ]);
  expect(result.output).not.toContain(E2E_DEMO_API_KEY);
  expect(result.code, result.output).toBe(0);

  // Added to the portal, it runs there too, its keys from the environment.
  await page.getByRole('button', { name: 'Add to workflows' }).click();
  await expect(page.getByRole('heading', { level: 2, name: 'Inputs' })).toBeVisible();
  await expect(page.getByLabel('azureml', { exact: true })).toHaveAttribute('type', 'password');
  for (const name of inputs.filter((n) => !(n in keys)))
    await page.getByLabel(name, { exact: true }).fill(values[name] ?? '');
  await page.getByRole('button', { name: 'Run' }).click();
  const run = page.getByRole('region', { name: 'Run' });
  await expect(run.getByRole('status')).toContainText('Succeeded');
  const timeline = run.getByRole('list', { name: 'Run timeline' });
  await expect(timeline.getByRole('listitem', { name: /: Passed$/ })).toHaveCount(2);
  // On Mock the same workflow is answered in the browser from the definition: nothing is sent.
  const sent: string[] = [];
  page.on('request', (request) => {
    if (request.url().includes('/workspaces/')) sent.push(request.url());
  });
  await page.getByLabel('Environment for azureml-demo').selectOption({ label: 'Mock' });
  await page.getByRole('button', { name: 'Run' }).click();
  await expect(run.getByRole('status')).toContainText(/Succeeded in .+ on Mock/);
  await expect(timeline.getByRole('listitem', { name: /: Passed$/ })).toHaveCount(2);
  expect(sent).toEqual([]);

  // The sidebar lists it with its steps; a step's link points at it on the same page.
  const nav = page.getByRole('navigation', { name: 'Workflows' });
  await expect(nav.getByRole('link', { name: '2 calls from History' })).toHaveAttribute(
    'aria-current',
    'page',
  );
  await nav.getByRole('link', { name: 'besStatus' }).click();
  await expect(run.getByRole('status')).toContainText('Succeeded');
  await axe('a workflow page after a run');
});

test('the demo batch workflow runs to its output through the gateway, waiting out a Starter 429; a second run cancels at once mid-wait and the kept record holds no key', async ({
  page,
  axe,
}) => {
  test.setTimeout(300_000);
  // Adding a document: a broken one is refused with its problems named by place, text kept.
  await page.goto('./#/workflows');
  await expect(page.getByRole('heading', { level: 1, name: 'Workflows' })).toBeVisible();
  const broken = 'arazzo: 1.0.1\ninfo:\n  title: Broken\nsourceDescriptions: []\nworkflows: []\n';
  await page.getByLabel('Paste a document').fill(broken);
  await page.getByRole('button', { name: 'Add pasted document' }).click();
  const problems = page.getByRole('alert').filter({ hasText: 'not a valid Arazzo' });
  await expect(problems).toContainText('/info');
  await expect(page.getByLabel('Paste a document')).toHaveValue(broken);
  // The document the demo config lists, added once more by its URL as a user adds one.
  await page.getByLabel('Document URL').fill('workflows/azureml-demo.arazzo.yaml');
  await page.getByRole('button', { name: 'Add from URL' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Added “AzureML Demo workflows”' }),
  ).toBeVisible();
  await expect(
    page.getByRole('heading', { level: 2, name: 'AzureML Demo workflows' }).first(),
  ).toBeVisible();
  await axe('Workflows with a refused document');
  const sidebar = page.getByRole('navigation', { name: 'Workflows' });
  await sidebar.getByRole('link', { name: BATCH_WORKFLOW }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: BATCH_WORKFLOW })).toBeVisible();

  const inputs = page.getByRole('form', { name: 'Inputs' });
  await inputs
    .getByLabel('Environment for azureml')
    .selectOption({ label: `Local demo (${GATEWAY_URL}/azureml-demo)` });
  // The storage steps' APIs run in their own environments: the demo config's, on the stack.
  await expect(inputs.getByLabel('Environment for blob')).toHaveValue('blob-local-demo');
  // A key typed for this run only: Starter's, instead of the environment's Unlimited one.
  await inputs.getByLabel('subscriptionKey', { exact: true }).fill(STARTER_KEY);
  await inputs.getByRole('button', { name: 'Run' }).click();

  const run = page.getByRole('region', { name: 'Run', exact: true });
  const timeline = run.getByRole('list', { name: 'Run timeline' });
  // The sixth call in a minute gets the gateway's 429; its Retry-After overrules retryAfter.
  await expect(timeline).toContainText(/Retry-After: [\d.]+ s overruled retryAfter 10 s/, {
    timeout: 60_000,
  });
  await expect(run.getByRole('status')).toContainText('Succeeded', { timeout: 150_000 });
  await expect(
    timeline.getByRole('listitem', { name: /^downloadOutput, attempt 1: Passed$/ }),
  ).toBeVisible();
  const outputs = run.getByRole('definition').filter({ hasText: 'Col2_HashingFeature.0' });
  await expect(outputs.first()).toBeVisible();
  // A step's call opens in the console's response panel, its key masked.
  const submit = timeline.getByRole('listitem', { name: /^submitJob, attempt 1: Passed$/ });
  await submit.getByText('Request and response').click();
  const panel = submit.getByRole('region', { name: /^submitJob/ });
  await expect(panel).toContainText('200');
  await expect(panel).not.toContainText(STARTER_KEY);
  // Checked against the operation it called, as the console checks its responses.
  await expect(panel).toContainText('Matches the definition');
  await axe('a finished batch workflow with a call open');

  // The minute is not over: the next run meets a 429 at once, and Cancel ends its wait now.
  await inputs.getByLabel('subscriptionKey', { exact: true }).fill(STARTER_KEY);
  await inputs.getByRole('button', { name: 'Run' }).click();
  await expect(timeline.getByRole('listitem', { name: /: Waiting to retry$/ })).toBeVisible({
    timeout: 30_000,
  });
  await inputs.getByRole('button', { name: 'Cancel' }).click();
  await expect(run.getByRole('status')).toContainText('Cancelled');
  await expect(inputs.getByRole('button', { name: 'Run' })).toBeEnabled();

  // A reload keeps the record of the last run, without any key.
  await page.reload();
  const last = page.getByRole('region', { name: 'Last run' });
  await expect(last.getByRole('status')).toContainText('Cancelled');
  const kept = await page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('portico.workflow-run'))
      .map((k) => localStorage.getItem(k) ?? '')
      .join('\n'),
  );
  expect(kept).toContain('submitJob');
  expect(kept).not.toContain(STARTER_KEY);
  expect(kept).not.toContain(E2E_DEMO_API_KEY);
  expect(kept).not.toMatch(/sig=(?!••)/);
});
