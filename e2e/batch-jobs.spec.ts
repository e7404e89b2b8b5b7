import { expect, test } from './fixtures/test';
import { readFileSync, writeFileSync } from 'node:fs';
import { KNOWN_FEATURES, KNOWN_REVIEW, writeReviewsCsv } from './fixtures/batch-reviews';

test('a CSV of 1,000 reviews runs to Finished, survives a reload mid-job, previews and downloads', async ({
  page,
  batch,
}, testInfo) => {
  const csv = writeReviewsCsv(testInfo.outputPath('reviews.csv'));
  const empty = testInfo.outputPath('empty.csv');
  writeFileSync(empty, '');
  const binary = testInfo.outputPath('picture.csv');
  writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]));
  const noCol2 = testInfo.outputPath('no-col2.csv');
  writeFileSync(noCol2, 'Review,Stars\ngreat,5\n');

  // A newcomer reaches the view from the API's pages.
  await page.goto('./');
  await page.getByRole('link', { name: 'Batch jobs' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Batch jobs' })).toBeVisible();
  await expect(page).toHaveURL(/#\/apis\/azureml-demo\/batch$/);

  // Bad files are refused before anything is uploaded, each with its own reason.
  const fileInput = page.getByLabel('CSV file');
  await fileInput.setInputFiles(empty);
  await expect(page.getByRole('alert')).toContainText('"empty.csv" is empty.');
  await fileInput.setInputFiles(binary);
  await expect(page.getByRole('alert')).toContainText('looks like a binary file, not CSV text');
  await fileInput.setInputFiles(noCol2);
  await expect(page.getByRole('alert')).toContainText(
    'has no "Col2" column (found "Review", "Stars")',
  );
  await expect(page.getByRole('button', { name: 'Upload', exact: true })).toBeDisabled();

  // A SAS URL without signature is explained next to the field, and what was typed stays.
  const sasField = page.getByLabel('Container SAS URL');
  // The empty field's hint ends before the Show button starts.
  const overlap = await sasField.evaluate((input) => {
    const style = getComputedStyle(input);
    const textEnd = input.getBoundingClientRect().right - parseFloat(style.paddingRight);
    const toggle = input.parentElement?.querySelector('button')?.getBoundingClientRect();
    const ctx = document.createElement('canvas').getContext('2d');
    if (!ctx || !toggle) return 'no toggle';
    ctx.font = style.font;
    const hintEnd =
      input.getBoundingClientRect().left +
      parseFloat(style.paddingLeft) +
      ctx.measureText((input as HTMLInputElement).placeholder).width;
    return Math.min(textEnd, hintEnd) <= toggle.left
      ? 'none'
      : `${Math.min(textEnd, hintEnd)} > ${toggle.left}`;
  });
  expect(overlap).toBe('none');
  await sasField.fill('https://acct.blob.core.windows.net/data?sv=2025-01-05&sp=rw');
  await sasField.blur();
  await expect(page.getByText('The URL has no SAS signature ("sig" is missing).')).toBeVisible();
  await expect(sasField).toHaveValue('https://acct.blob.core.windows.net/data?sv=2025-01-05&sp=rw');

  // A SAS whose signature storage rejects: the 403 becomes a sentence.
  await batch.getDemoSas();
  const goodSas = await sasField.inputValue();
  // The raw call that fetched it masks the signature as the field does, until revealed.
  const signature = /[?&]sig=([^&]+)/.exec(goodSas)?.[1] ?? 'no signature';
  const newJobCalls = page.getByRole('region', { name: 'HTTP calls for the new job' });
  await newJobCalls.getByText('Demo SAS', { exact: true }).click();
  const sasCall = newJobCalls.getByRole('region', { name: 'Demo SAS' });
  await expect(sasCall).toContainText('sig=••••••');
  await expect(sasCall).not.toContainText(signature);
  await sasCall.getByRole('button', { name: 'Reveal secrets' }).click();
  await expect(sasCall).toContainText(signature);
  await sasField.fill(
    goodSas.replace(/sig=[^&]+/, 'sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D'),
  );
  await fileInput.setInputFiles(csv);
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  // Azure says AuthenticationFailed for a bad signature, Azurite AuthorizationFailure.
  await expect(page.getByRole('alert')).toContainText(
    /Storage refused the SAS \((AuthenticationFailed|AuthorizationFailure)\): it has expired, was revoked/,
  );

  // Storage that answers but whose response the browser blocks (no CORS rules for this origin).
  await sasField.fill(goodSas);
  const blockPuts = (url: URL): boolean => url.pathname.includes('/portico-uploads/inputs/');
  await page.route(blockPuts, (route) =>
    route.request().method() === 'PUT' ? route.abort('failed') : route.continue(),
  );
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByRole('alert')).toContainText(
    `The storage account needs CORS rules for ${new URL(page.url()).origin}.`,
  );
  await expect(page.getByRole('alert')).toContainText('allowed methods PUT, GET, HEAD, OPTIONS');
  await page.unroute(blockPuts);

  // An upload that hangs can be cancelled, and nothing entered is lost.
  const hangPuts = (url: URL): boolean => url.pathname.includes('/portico-uploads/inputs/');
  await page.route(hangPuts, (route) =>
    route.request().method() === 'PUT' ? new Promise<void>(() => {}) : route.continue(),
  );
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await page.getByRole('button', { name: 'Cancel upload' }).click();
  await expect(page.getByRole('alert')).toContainText('The upload was cancelled.');
  await expect(sasField).toHaveValue(goodSas);
  await page.unroute(hangPuts);

  // The real upload, then the editable body with the SAS hidden until revealed.
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByText(/^Uploaded reviews\.csv/)).toBeVisible();
  const body = await batch.submitBodyEditor();
  await expect(body).toContainText('"SasBlobToken": "<hidden SAS token>"');
  await expect(body).not.toContainText('sig=');
  await page.getByRole('button', { name: 'Show SAS token' }).click();
  await expect(body).toContainText('sig=');
  await page.getByRole('button', { name: 'Hide SAS token' }).click();
  await page.getByLabel('Output blob').fill('outputs/e2e-reviews-scored.csv');
  await expect(body).toContainText(
    '"RelativeLocation": "portico-uploads/outputs/e2e-reviews-scored.csv"',
  );

  const resultReads: Array<string | null> = [];
  page.on('request', (request) => {
    if (request.method() === 'GET' && request.url().includes('/outputs/e2e-reviews-scored.csv')) {
      resultReads.push(request.headers()['x-ms-range'] ?? null);
    }
  });
  const jobId = await batch.submitAndStart();

  // The service stops answering mid-poll: the job is kept and watching goes on trying.
  const statusCalls = (url: URL): boolean => url.pathname.endsWith(`/jobs/${jobId}`);
  await page.route(statusCalls, (route) => route.abort('connectionrefused'));
  const watching = page.getByRole('region', { name: `Job ${jobId}` });
  await expect(watching.getByRole('alert')).toContainText('Could not read the status.');
  await expect(watching.getByRole('alert')).toContainText('The job is kept; trying again in');
  await page.unroute(statusCalls);

  // A reload in the middle of the running job: the job is still listed and watching resumes.
  await page.reload();
  const job = page.getByRole('region', { name: `Job ${jobId}` });
  await expect(job.getByRole('list', { name: 'Job status timeline' })).toContainText('Running');
  await expect(job.getByText('State: Finished')).toBeVisible({ timeout: 30_000 });
  const timeline = job.getByRole('list', { name: 'Job status timeline' }).getByRole('listitem');
  await expect(timeline).toHaveText([/Submitted \(NotStarted\)/, /Running/, /Finished/]);
  expect(await page.evaluate(() => localStorage.getItem('portico.batch-jobs.v1'))).not.toMatch(
    /sig=|e2e-demo-key/,
  );

  // The preview shows the hashed columns of the known row exactly.
  const preview = job.getByRole('region', { name: 'Preview of output1' });
  const headers = preview.getByRole('columnheader');
  await expect(headers).toHaveText([
    'Col2',
    ...KNOWN_FEATURES.map((_, i) => `Col2_HashingFeature.${i}`),
  ]);
  const knownRow = preview.getByRole('row').filter({ hasText: KNOWN_REVIEW });
  await expect(knownRow.getByRole('cell')).toHaveText([KNOWN_REVIEW, ...KNOWN_FEATURES]);

  // The preview read only the first 64 KB of the result, not the whole file.
  expect(resultReads.length).toBeGreaterThan(0);
  expect(new Set(resultReads)).toEqual(new Set(['bytes=0-65535']));

  // The whole file downloads.
  const downloadPromise = page.waitForEvent('download');
  await job.getByRole('button', { name: 'Download output1' }).click();
  const download = await downloadPromise;
  expect(download.suggestedFilename()).toBe('e2e-reviews-scored.csv');
  const text = readFileSync(await download.path(), 'utf8');
  const lines = text.trim().split(/\r?\n/);
  expect(lines).toHaveLength(1001);
  expect(lines[1]).toBe(`${KNOWN_REVIEW},${KNOWN_FEATURES.join(',')}`);

  // Every step can be opened as the raw HTTP call.
  const calls = job.getByRole('region', { name: 'HTTP calls for this job' });
  await calls.getByText('BES Status', { exact: true }).click();
  await expect(calls.getByRole('region', { name: 'BES Status' })).toContainText('200');
  // ...and its answer checked against the definition.
  await expect(
    calls
      .getByRole('region', { name: 'BES Status' })
      .getByRole('region', { name: 'Definition check' }),
  ).toContainText('Matches the definition (200, application/json)');
});

test('a throttled status is waited out, and a running job can be cancelled', async ({
  page,
  batch,
}, testInfo) => {
  const csv = writeReviewsCsv(testInfo.outputPath('cancel.csv'), 200);
  await batch.openBatchView();
  await batch.uploadFile(csv);
  const jobId = await batch.submit();
  const job = page.getByRole('region', { name: `Job ${jobId}` });

  // A job nobody started is checked once, not polled: it changes only when started.
  await expect(job.getByRole('status')).toContainText(
    'not started. Watching begins when you start it.',
  );

  // The first status answer after Start is throttled (503 with Retry-After): waited out as told.
  const origin = new URL(page.url()).origin;
  await page.route(
    (url) => url.pathname.endsWith(`/jobs/${jobId}`),
    (route) =>
      route.request().method() === 'GET'
        ? route.fulfill({
            status: 503,
            headers: {
              'Access-Control-Allow-Origin': origin,
              'Access-Control-Expose-Headers': 'Retry-After',
              'Retry-After': '1',
              'Content-Type': 'application/json',
            },
            body: JSON.stringify({
              error: {
                code: 'ServiceUnavailable',
                message: 'Service is temporarily unavailable.',
                details: [{ code: 'RequestThrottled', message: 'Too many requests.' }],
              },
            }),
          })
        : route.continue(),
    { times: 1 },
  );
  await job.getByRole('button', { name: 'Start job' }).click();
  const throttled = job.getByRole('alert').filter({ hasText: 'Could not read the status.' });
  await expect(throttled).toContainText('503');
  await expect(throttled).toContainText('Retry after 1 second.');
  await expect(throttled).toContainText(/The job is kept; trying again in [01] s\./);
  await expect(job.getByRole('list', { name: 'Job status timeline' })).toContainText('Running');
  await expect(throttled).toHaveCount(0);

  await job.getByRole('button', { name: 'Cancel job' }).click();
  await expect(job.getByText('State: Cancelled')).toBeVisible();
  await expect(
    job.getByRole('list', { name: 'Job status timeline' }).getByRole('listitem'),
  ).toHaveText([/Submitted/, /Running/, /Cancelled/]);
  await expect(job.getByRole('button', { name: 'Cancel job' })).toHaveCount(0);
});

test('a job whose input blob is missing fails and shows its Details', async ({
  page,
  batch,
}, testInfo) => {
  const csv = writeReviewsCsv(testInfo.outputPath('fail.csv'), 50);
  await batch.openBatchView();
  // The stack's sample input is one press away, as on BES Submit's page (a SAS is fetched then).
  await page.getByRole('button', { name: 'Use the stack’s sample input' }).click();
  await expect(page.getByLabel('Container SAS URL')).toHaveValue(/[?&]sig=/);
  await expect(
    page.getByRole('status').filter({ hasText: 'Using the stack’s sample input' }),
  ).toContainText('portico-uploads/samples/tutorial-reviews.csv');
  await expect(await batch.submitBodyEditor()).toContainText(
    '"RelativeLocation": "portico-uploads/samples/tutorial-reviews.csv"',
  );
  // Dropped rather than picked: the drop zone takes the file the same way.
  const dataTransfer = await page.evaluateHandle(
    (text) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([text], 'dropped.csv', { type: 'text/csv' }));
      return transfer;
    },
    readFileSync(csv, 'utf8'),
  );
  await page.getByText('Drop a CSV file here').dispatchEvent('drop', { dataTransfer });
  await expect(page.getByText('dropped.csv', { exact: true })).toBeVisible();
  await page.getByRole('button', { name: 'Upload', exact: true }).click();
  await expect(page.getByText(/^Uploaded dropped\.csv/)).toBeVisible();
  // An edit that makes the body invalid JSON is caught before sending, with its position.
  const original = JSON.parse((await (await batch.submitBodyEditor()).textContent()) ?? '') as {
    Inputs: { input1: { RelativeLocation: string } };
  };
  await batch.setSubmitBody(`${JSON.stringify(original, null, 2)},`);
  await page.getByRole('button', { name: 'Submit job' }).click();
  await expect(page.getByRole('alert')).toContainText(/Invalid JSON at line 19, column 2/);
  // Point the input at a blob that was never uploaded.
  original.Inputs.input1.RelativeLocation = 'portico-uploads/inputs/missing.csv';
  await batch.setSubmitBody(JSON.stringify(original, null, 2));
  const jobId = await batch.submitAndStart(false);
  const job = page.getByRole('region', { name: `Job ${jobId}` });
  const failure = job.getByRole('alert').filter({ hasText: 'Job failed' });
  await expect(failure).toBeVisible({ timeout: 30_000 });
  await expect(failure).toContainText('inputs/missing.csv');
  await expect(failure).toContainText('What to do: The job could not find its input blob.');

  // One memory of jobs: the BES Status operation page offers the job submitted here.
  await page.goto('./#/apis/azureml-demo/operations/BES_Status');
  const statusForm = page.getByRole('form', { name: 'Try it' });
  await statusForm.getByRole('button', { name: 'Use last job id' }).click();
  await expect(statusForm.getByLabel('jobid', { exact: true })).toHaveValue(jobId);
  await batch.openBatchView();

  // A failed job can be deleted on the service, which also takes it off the list.
  await job.getByRole('button', { name: 'Delete job' }).click();
  await expect(job).toHaveCount(0);
  await expect(page.getByText('No jobs yet.')).toBeVisible();
});
