import { readFileSync } from 'node:fs';
import { E2E_DIST } from '../playwright.config';
import { expect, test } from './fixtures/test';
import { KNOWN_FEATURES, KNOWN_REVIEW } from './fixtures/batch-reviews';

const AZURITE_PORT = Number(process.env.E2E_AZURITE_BLOB_PORT ?? 20000);
const GATEWAY_PORT = Number(process.env.E2E_GATEWAY_PORT ?? 18791);

test("BES Submit filled from the demo stack runs the tutorial's sample to its features", async ({
  page,
  portal,
  axe,
}) => {
  // The overview says where calls go now, beside what the definition declares.
  await page.goto('./');
  const servers = page.getByRole('definition').filter({ hasText: 'In use' });
  await expect(servers).toContainText(`http://127.0.0.1:${GATEWAY_PORT}/azureml-demo`);
  await expect(servers).toContainText('Local demo');
  await expect(servers).toContainText('Declared by the definition');
  await axe('the overview with its servers');

  await portal.openOperation('BES Submit');
  const form = page.getByRole('form', { name: 'Try it' });
  // The definition's example names a storage account to replace and a redacted SAS: marked
  // beside the body and beside Send.
  const note = form.getByRole('note').filter({ hasText: 'This example has placeholders:' });
  await expect(note).toContainText(
    'YOUR-STORAGE-ACCOUNT (in Inputs.input1.BaseLocation, Outputs.output1.BaseLocation); sig=REDACTED (in Inputs.input1.SasBlobToken, Outputs.output1.SasBlobToken)',
  );
  await expect(
    form.getByRole('status').filter({ hasText: 'still has placeholders' }),
  ).toBeVisible();
  await axe('BES Submit with a placeholder example');

  await form.getByRole('button', { name: 'Fill from the demo stack' }).click();
  await expect(
    form.getByRole('status').filter({ hasText: 'Filled from the demo stack' }),
  ).toContainText('Inputs.input1, Outputs.output1');
  const editor = page.locator('[contenteditable="true"][aria-label="Request body"]');
  await expect(editor).toContainText(`http://127.0.0.1:${AZURITE_PORT}/devstoreaccount1/`);
  await expect(editor).toContainText('portico-uploads/samples/tutorial-reviews.csv');
  await expect(editor).not.toContainText('REDACTED');
  await axe('BES Submit filled from the demo stack');
  await expect(
    form.getByRole('note').filter({ hasText: 'This example has placeholders:' }),
  ).toBeHidden();
  await expect(form.getByText('still has placeholders')).toBeHidden();

  await form.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('200 OK')).toBeVisible();
  const content = page.getByRole('region', { name: 'Response content' });
  await expect(content).toContainText(/"[0-9a-f]{32}"/);
  const jobId = /"([0-9a-f]{32})"/.exec((await content.textContent()) ?? '')?.[1] ?? '';
  expect(jobId).toMatch(/^[0-9a-f]{32}$/);

  await portal.openOperation('BES Start');
  const startForm = page.getByRole('form', { name: 'Try it' });
  await startForm.getByRole('button', { name: 'Use last job id' }).click();
  await expect(startForm.getByLabel('jobid', { exact: true })).toHaveValue(jobId);
  await startForm.getByRole('button', { name: 'Send' }).click();
  await expect(
    page.getByRole('region', { name: 'Response', exact: true }).getByText('200 OK'),
  ).toBeVisible();

  // The job reads the sample the stack uploaded, and writes the tutorial's features.
  await portal.operationsNav.getByRole('link', { name: 'Batch jobs' }).click();
  const job = page.getByRole('region', { name: `Job ${jobId}` });
  await expect(job.getByText('State: Finished')).toBeVisible({ timeout: 30_000 });
  const preview = job.getByRole('region', { name: 'Preview of output1' });
  const knownRow = preview.getByRole('row').filter({ hasText: KNOWN_REVIEW });
  await expect(knownRow.getByRole('cell')).toHaveText([KNOWN_REVIEW, ...KNOWN_FEATURES]);
});

test('outside the demo stack, placeholders in an example are marked and Send warns', async ({
  page,
  portal,
}) => {
  // The configuration a build ships (no demo stack): nothing to fill the example from.
  const built = readFileSync(`${E2E_DIST}/portico.config.json`, 'utf8');
  await page.route('**/portico.config.json', (route) =>
    route.fulfill({ contentType: 'application/json', body: built }),
  );
  await page.goto('./');
  const servers = page.getByRole('definition').filter({ hasText: 'In use' });
  await expect(servers).toContainText('https://YOUR-APIM-NAME.azure-api.net/azureml-demo');
  await expect(servers).toContainText('still a placeholder');

  await portal.openOperation('BES Submit');
  const form = page.getByRole('form', { name: 'Try it' });
  await portal.setRequestBody(
    JSON.stringify({
      Inputs: {
        input1: {
          ConnectionString:
            'DefaultEndpointsProtocol=https;AccountName=YOUR-STORAGE-ACCOUNT;AccountKey=<account-key>',
          RelativeLocation: '/mycontainer/reviews.csv',
        },
      },
      GlobalParameters: {},
    }),
  );
  await expect(
    form.getByRole('note').filter({ hasText: 'This example has placeholders:' }),
  ).toContainText(
    'YOUR-STORAGE-ACCOUNT (in Inputs.input1.ConnectionString); <account-key> (in Inputs.input1.ConnectionString)',
  );
  await expect(form.getByText('Put in your own values before sending.')).toBeVisible();
  await expect(form.getByRole('button', { name: 'Fill from the demo stack' })).toHaveCount(0);
  const warning = form.getByRole('status').filter({ hasText: 'still has placeholders' });
  await expect(warning).toContainText('YOUR-STORAGE-ACCOUNT');

  // Fixing the values clears the warning; the user could have sent anyway.
  await portal.setRequestBody(
    JSON.stringify({
      Inputs: {
        input1: {
          ConnectionString: 'DefaultEndpointsProtocol=https;AccountName=realacct;AccountKey=abc123',
          RelativeLocation: '/mycontainer/reviews.csv',
        },
      },
    }),
  );
  await expect(warning).toBeHidden();
  await expect(
    form.getByRole('note').filter({ hasText: 'This example has placeholders:' }),
  ).toBeHidden();
  await expect(form.getByRole('button', { name: 'Send' })).toBeEnabled();
});
