import { expect, test } from './fixtures/test';

test('the definition is downloaded once, by the worker index.html started, and opens at the deep link', async ({
  page,
}) => {
  const downloads: string[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/azureml-demo.openapi.json')) downloads.push(request.url());
  });
  await page.goto('./#/apis/azureml-demo/operations/RRS_Execute');
  await expect(
    page.getByRole('navigation', { name: 'Operations' }).getByRole('link', { name: /RRS Execute/ }),
  ).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: /RRS Execute/ })).toBeVisible();
  // The app took over the worker early-start.js started, rather than starting a second one.
  expect(page.workers()).toHaveLength(1);
  expect(downloads).toHaveLength(1);

  // A reload starts afresh and still downloads it once more, not twice.
  await page.reload();
  await expect(page.getByRole('heading', { level: 1, name: /RRS Execute/ })).toBeVisible();
  expect(downloads).toHaveLength(2);
});
