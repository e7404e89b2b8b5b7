import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import { expect, test } from './fixtures/test';
import { E2E_DEMO_API_KEY, E2E_UNLIMITED_KEY } from '../playwright.config';

const GATEWAY_URL = `http://127.0.0.1:${process.env.E2E_GATEWAY_PORT ?? 18791}`;

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

test('calls from the console saved as a workflow from History: wired, keyless, run in the portal and green under Redocly respect', async ({
  page,
  axe,
}, testInfo) => {
  test.setTimeout(180_000);
  // Two chained calls in the console: BES Submit, then BES Status of the job it returned.
  await page.goto('./#/apis/azureml-demo/operations/BES_Submit');
  const form = page.getByRole('form', { name: 'Try it' });
  await form.getByRole('button', { name: 'Send' }).click();
  const content = page.getByRole('region', { name: 'Response content' });
  await expect(content).toContainText(/"[0-9a-f]{32}"/);
  await page.goto('./#/apis/azureml-demo/operations/BES_Status');
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
