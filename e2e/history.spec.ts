import { expect, test } from './fixtures/test';

test('History keeps sent requests without keys, across reloads and tabs, and restores the form', async ({
  page,
  portal,
  context,
}) => {
  await page.goto('./');
  await portal.openOperation('RRS Execute');
  const form = page.getByRole('form', { name: 'Try it' });
  await form.getByLabel('details', { exact: true }).selectOption('false');
  await form.getByRole('button', { name: 'Send' }).click();
  const response = page.getByRole('region', { name: 'Response', exact: true });
  await expect(response.getByText('200 OK')).toBeVisible();

  // A second tab sees the entry, and the next send, without a reload.
  const other = await context.newPage();
  await other.goto('./#/apis/azureml-demo/history');
  await expect(other.getByRole('heading', { level: 1, name: 'History' })).toBeVisible();
  const allHistory = other.getByRole('list', { name: 'History of AzureML Demo API' });
  await expect(allHistory.getByRole('listitem')).toHaveCount(1);
  // Once the form changes, the old response says it answers the earlier request.
  const stale = page.getByRole('status').filter({ hasText: 'The form has changed' });
  await expect(stale).toBeHidden();
  await form.getByLabel('details', { exact: true }).selectOption('true');
  await expect(stale).toBeVisible();
  await form.getByRole('button', { name: 'Send' }).click();
  await expect(response.getByText('200 OK')).toBeVisible();
  await expect(stale).toBeHidden();
  await expect(allHistory.getByRole('listitem')).toHaveCount(2);
  await expect(allHistory.getByRole('listitem').first()).toContainText('RRS Execute');
  await expect(allHistory.getByRole('listitem').first()).toContainText('details=true');
  await other.close();

  // After a reload the operation's panel still lists both; nothing secret was stored.
  await page.reload();
  await page.getByText('Request history').click();
  const list = page.getByRole('list', { name: 'History of RRS Execute' });
  await expect(list.getByRole('listitem')).toHaveCount(2);
  await expect(list.getByRole('listitem').last()).toContainText('details=false');
  await expect(list.getByRole('listitem').first()).toContainText('200');
  const stored = await page.evaluate(async () => {
    const open = indexedDB.open('portico-history');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error ?? new Error('Could not open the history database.'));
    });
    const all = db.transaction('entries').objectStore('entries').getAll();
    return new Promise<string>((resolve) => {
      all.onsuccess = () => resolve(JSON.stringify(all.result));
    });
  });
  expect(stored).toContain('RRS_Execute');
  expect(stored).not.toContain('e2e-demo-key');

  // One click restores the older form (details=false) and its response; nothing is sent.
  let sent = 0;
  page.on('request', (r) => {
    if (r.url().includes('/execute')) sent += 1;
  });
  await list
    .getByRole('listitem')
    .last()
    .getByRole('button', { name: /^Restore with response/ })
    .click();
  await expect(form.getByLabel('details', { exact: true })).toHaveValue('false');
  await expect(page.getByRole('status').filter({ hasText: 'Restored the request' })).toBeVisible();
  await expect(response.getByText('200 OK')).toBeVisible();
  expect(sent).toBe(0);

  // From the whole-API page, Restore opens the operation with that form.
  await page.goto('./#/apis/azureml-demo/history');
  await page
    .getByRole('list', { name: 'History of AzureML Demo API' })
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: /^Restore the form/ })
    .click();
  await expect(page.getByRole('heading', { level: 1, name: 'RRS Execute' })).toBeVisible();
  await expect(form.getByLabel('details', { exact: true })).toHaveValue('true');
  await page.reload();
  await expect(form.getByLabel('details', { exact: true })).toHaveValue('true');

  // Delete one, then clear the operation's history.
  await page.getByText('Request history').click();
  await list
    .getByRole('listitem')
    .first()
    .getByRole('button', { name: /^Delete/ })
    .click();
  await expect(list.getByRole('listitem')).toHaveCount(1);
  page.once('dialog', (d) => void d.accept());
  await page.getByRole('button', { name: "Clear this operation's history" }).click();
  await expect(page.getByText('No requests sent yet.')).toBeVisible();
});
