import { expect, test, type Page } from './fixtures/test';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { E2E_DEMO_API_KEY, E2E_UNLIMITED_KEY } from '../playwright.config';
import { KNOWN_FEATURES, KNOWN_REVIEW, writeReviewsCsv } from './fixtures/batch-reviews';

const SERVICE_URL = `http://127.0.0.1:${process.env.E2E_DEMO_SERVICE_PORT ?? 18790}`;
// Debian's interpreter: .ci/run installs python3-requests and python3-azure-storage for it.
const PYTHON = '/usr/bin/python3';

function pythonReady(): boolean {
  const probe = spawnSync(PYTHON, ['-c', 'import requests, azure.storage.blob'], {
    stdio: 'ignore',
  });
  return probe.status === 0;
}

/** A container SAS token from the demo stack, as a user would pass it in STORAGE_SAS. */
async function demoSasToken(): Promise<string> {
  const response = await fetch(`${SERVICE_URL}/demo/storage/sas`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${E2E_DEMO_API_KEY}` },
  });
  expect(response.status).toBe(200);
  const { containerUrl } = (await response.json()) as { containerUrl: string };
  return new URL(containerUrl).search.slice(1);
}

async function scriptFromPage(page: Page, language: 'Python' | 'Shell (curl)'): Promise<string> {
  await page.getByRole('radio', { name: language }).click();
  const label = language === 'Python' ? 'Python workflow script' : 'Shell workflow script';
  return (await page.getByLabel(label).textContent()) ?? '';
}

function expectTutorialFeatures(outputPath: string): void {
  const lines = readFileSync(outputPath, 'utf8').trim().split(/\r?\n/);
  expect(lines).toHaveLength(1001);
  expect(lines[0]).toBe(
    ['Col2', ...KNOWN_FEATURES.map((_, i) => `Col2_HashingFeature.${i}`)].join(','),
  );
  expect(lines[1]).toBe(`${KNOWN_REVIEW},${KNOWN_FEATURES.join(',')}`);
}

/**
 * Opens the scripts on the Batch jobs view with the demo storage filled in; the input CSV and
 * the environment a user would run the script with.
 */
async function openScripts(
  page: Page,
): Promise<{ dir: string; input: string; env: NodeJS.ProcessEnv }> {
  await page.goto('./#/apis/azureml-demo/batch');
  await expect(page.getByRole('heading', { level: 1, name: 'Batch jobs' })).toBeVisible();
  await page.getByText('Run this workflow as a script').click();
  await page.getByRole('button', { name: 'Use the demo storage' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Filled in the demo storage' }),
  ).toBeVisible();

  const dir = mkdtempSync(join(tmpdir(), 'portico-workflow-'));
  const input = writeReviewsCsv(join(dir, 'reviews.csv'));
  const env = {
    ...process.env,
    AZUREML_API_KEY: E2E_DEMO_API_KEY,
    APIM_SUBSCRIPTION_KEY: E2E_UNLIMITED_KEY,
    STORAGE_SAS: await demoSasToken(),
  };
  return { dir, input, env };
}

test('the Batch jobs view hands out the workflow as a shell script that runs against the demo stack', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const { dir, input, env } = await openScripts(page);
  const shell = await scriptFromPage(page, 'Shell (curl)');
  expect(shell).not.toMatch(/sig=|e2e-demo-key|e2e-unlimited-key/);

  // The shell script needs only curl and sed, so it always runs.
  writeFileSync(join(dir, 'workflow.sh'), shell);
  const shellOutput = join(dir, 'shell-output.csv');
  execFileSync('bash', [join(dir, 'workflow.sh'), input, shellOutput], { env, timeout: 90_000 });
  expectTutorialFeatures(shellOutput);
});

test('the Batch jobs view hands out the workflow as a Python script that runs against the demo stack', async ({
  page,
}) => {
  // The Python script needs azure-storage-blob and requests; CI installs them.
  test.skip(!process.env.CI && !pythonReady(), 'no python3 with requests and azure-storage-blob');
  test.setTimeout(120_000);
  const { dir, input, env } = await openScripts(page);
  const python = await scriptFromPage(page, 'Python');
  expect(python).toContain('AZUREML_API_KEY = os.environ["AZUREML_API_KEY"]');
  expect(python).not.toMatch(/sig=|e2e-demo-key|e2e-unlimited-key/);

  writeFileSync(join(dir, 'workflow.py'), python);
  const pythonOutput = join(dir, 'python-output.csv');
  execFileSync(PYTHON, [join(dir, 'workflow.py'), input, pythonOutput], { env, timeout: 90_000 });
  expectTutorialFeatures(pythonOutput);
});
