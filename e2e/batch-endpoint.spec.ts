import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures/test';
import { KNOWN_FEATURES, KNOWN_REVIEW, writeReviewsCsv } from './fixtures/batch-reviews';

test('a batch endpoint job: upload, a token by client credentials, invoke, watch to Completed, preview and download predictions.csv', async ({
  page,
}, testInfo) => {
  const csv = writeReviewsCsv(testInfo.outputPath('reviews.csv'), 200);

  await page.goto('./');
  await page.getByRole('link', { name: 'Batch jobs' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Batch jobs' })).toBeVisible();

  // Beside the classic flow, which stays where it was.
  await page.getByRole('radio', { name: /^Batch endpoint/ }).check();
  const form = page.getByRole('form', { name: 'New batch endpoint job' });
  await expect(form).toBeVisible();
  await expect(page.getByRole('form', { name: 'New job' })).toBeHidden();
  // The served config names the stack's endpoint.
  await expect(form.getByLabel('Scoring URI')).toHaveValue(/^http:\/\/127\.0\.0\.1:\d+\/jobs$/);
  const invoke = form.getByRole('button', { name: 'Invoke batch endpoint' });
  await expect(invoke).toBeDisabled();
  await expect(
    form.getByText('Upload an input CSV (or use the stack’s sample) to invoke.'),
  ).toBeVisible();

  // The classic flow's storage and upload steps.
  await form.getByRole('button', { name: 'Get a demo SAS' }).click();
  await expect(form.getByLabel('Container SAS URL')).toHaveValue(/[?&]sig=/);
  await form.getByLabel('CSV file').setInputFiles(csv);
  await form.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(form.getByText(/^Uploaded reviews\.csv/)).toBeVisible();
  await expect(form.getByText('Add a token to invoke.')).toBeVisible();

  // A token that is not a JWT is refused by the endpoint, in a sentence.
  const token = form.getByLabel('Entra ID token (audience https://ml.azure.com)');
  await token.fill('not-a-token');
  await invoke.click();
  await expect(form.getByRole('alert')).toContainText(
    'Batch endpoint invoke was answered with 401 Unauthorized. Unauthorized: The bearer token is not a valid JWT',
  );

  // Client credentials through the demo provider: a wrong secret is refused, the right one works.
  const secret = form.getByLabel('Client secret of portico-demo-service');
  await secret.fill('wrong-secret');
  await form.getByRole('button', { name: 'Get a token' }).click();
  await expect(form.getByRole('alert').filter({ hasText: 'No token was issued' })).toBeVisible();
  await expect(token).toHaveValue('not-a-token');
  await secret.fill('portico-demo-secret');
  await form.getByRole('button', { name: 'Get a token' }).click();
  await expect(token).toHaveValue(/^eyJ[\w-]+\.[\w-]+\.[\w-]+$/);
  await expect(form.getByText(/^Token from http:\/\/127\.0\.0\.1:\d+, valid until/)).toBeVisible();

  // The first read of the job is refused (as when a token expires mid-watch): the watch stops,
  // says so, and goes on when asked.
  const jobReads = (url: URL): boolean => /\/jobs\/batchjob-/.test(url.pathname);
  await page.route(jobReads, (route) =>
    route.request().method() === 'GET'
      ? route.fulfill({
          status: 401,
          contentType: 'application/json',
          headers: { 'access-control-allow-origin': new URL(page.url()).origin },
          body: JSON.stringify({
            error: {
              code: 'Unauthorized',
              message: 'The token has expired. Get a new one and send it again.',
            },
          }),
        })
      : route.continue(),
  );
  await invoke.click();
  const job = page.getByRole('region', { name: 'Batch endpoint job' });
  await expect(job.getByRole('heading', { name: /^Job batchjob-/ })).toBeVisible();
  await expect(job.getByRole('alert')).toContainText('The token has expired.');
  await page.unroute(jobReads);
  await job.getByRole('button', { name: 'Check again' }).click();
  await expect(job.getByRole('status')).toContainText('deployment hashing-v1');
  await expect(job.getByRole('status')).toContainText('Completed', { timeout: 20_000 });
  const timeline = job
    .getByRole('list', { name: 'Batch endpoint job timeline' })
    .getByRole('listitem');
  await expect(timeline.first()).toContainText('Accepted (NotStarted)');
  await expect(timeline.filter({ hasText: 'Running' })).toHaveCount(1);
  await expect(timeline.last()).toContainText('Completed');

  // predictions.csv, previewed and downloaded with the classic flow's result panel.
  const preview = job.getByRole('region', { name: 'Preview of predictions.csv' });
  await expect(preview.getByRole('columnheader')).toHaveText([
    'Col2',
    ...KNOWN_FEATURES.map((_, i) => `Col2_HashingFeature.${i}`),
  ]);
  const knownRow = preview.getByRole('row').filter({ hasText: KNOWN_REVIEW });
  await expect(knownRow.getByRole('cell')).toHaveText([KNOWN_REVIEW, ...KNOWN_FEATURES]);
  const downloadPromise = page.waitForEvent('download');
  await job.getByRole('button', { name: 'Download predictions.csv' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('predictions.csv');
  const lines = readFileSync(await download.path(), 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(lines).toHaveLength(201);
  expect(lines[1]).toBe(`${KNOWN_REVIEW},${KNOWN_FEATURES.join(',')}`);

  // The invoke as sent, the token masked.
  const calls = page.getByRole('region', { name: 'HTTP calls for the batch endpoint job' });
  const invokeCalls = calls.getByText('Batch endpoint invoke', { exact: true });
  await invokeCalls.last().click();
  const invokeCall = calls.getByRole('region', { name: 'Batch endpoint invoke' }).last();
  await expect(invokeCall).toContainText('Bearer ••••••');
  await expect(invokeCall).not.toContainText('eyJ');

  // Back to the classic flow: it is as it was left.
  await page.getByRole('radio', { name: /^Classic web service/ }).check();
  await expect(page.getByRole('form', { name: 'New job' })).toBeVisible();
  await expect(form).toBeHidden();
});
