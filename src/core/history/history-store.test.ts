import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry } from './history-entry';
import {
  addHistoryEntry,
  clearHistory,
  deleteHistoryEntry,
  listHistory,
  onHistoryChange,
} from './history-store';

const entry = (id: string, at: number, apiId = 'api', operationSlug = 'op'): HistoryEntry => ({
  id,
  apiId,
  operationSlug,
  operationSummary: 'Op',
  method: 'GET',
  url: 'https://x/',
  at,
  form: { params: {}, customHeaders: [] },
});

describe('history store', () => {
  it('keeps the newest 200 per API, lists newest first, deletes and clears', async () => {
    const changes: Array<string | undefined> = [];
    const stop = onHistoryChange((apiId) => changes.push(apiId));
    for (let i = 0; i < 205; i += 1) await addHistoryEntry(entry(`e${i}`, i));
    await addHistoryEntry(entry('other', 1, 'other-api'));
    const list = await listHistory('api');
    expect(list).toHaveLength(200);
    expect(list[0]?.id).toBe('e204');
    expect(list.at(-1)?.id).toBe('e5');
    expect(await listHistory('other-api')).toHaveLength(1);

    await deleteHistoryEntry({ id: 'e204', apiId: 'api' });
    expect((await listHistory('api'))[0]?.id).toBe('e203');
    await addHistoryEntry(entry('x', 1000, 'api', 'other-op'));
    await clearHistory('api', 'op');
    expect((await listHistory('api')).map((e) => e.id)).toEqual(['x']);
    await clearHistory('api');
    expect(await listHistory('api')).toEqual([]);
    expect(await listHistory('other-api')).toHaveLength(1);
    expect(changes.at(-1)).toBe('api');
    stop();
  });
});
