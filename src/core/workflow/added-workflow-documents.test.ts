import { describe, expect, it } from 'vitest';
import type { StorageLike } from '../util/browser-storage';
import { AddedWorkflowStore, parseAddedWorkflows } from './added-workflow-documents';
import { newRunRecord, endRun } from './workflow-run-record';
import { readLastRun, writeLastRun } from './workflow-run-store';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

describe('parseAddedWorkflows', () => {
  it('keeps whole entries and skips the rest', () => {
    expect(
      parseAddedWorkflows(
        JSON.stringify([
          { id: 'a', title: 'A', kind: 'url', url: 'https://x/a.arazzo.yaml' },
          { id: 'b', title: 'B', kind: 'text', fileName: 'b.yaml', text: 'arazzo: 1.0.1' },
          { id: 'c', title: 'C', kind: 'url' },
          'junk',
        ]),
      ),
    ).toEqual([
      { id: 'a', title: 'A', kind: 'url', url: 'https://x/a.arazzo.yaml' },
      { id: 'b', title: 'B', kind: 'text', fileName: 'b.yaml', text: 'arazzo: 1.0.1' },
    ]);
    expect(parseAddedWorkflows('{')).toEqual([]);
    expect(parseAddedWorkflows(null)).toEqual([]);
  });
});

describe('AddedWorkflowStore', () => {
  it('writes through, replaces by id, removes, and tells its listeners', () => {
    const storage = memoryStorage();
    const store = new AddedWorkflowStore(storage);
    let heard = 0;
    store.subscribe(() => heard++);
    store.put({ id: 'a', title: 'A', kind: 'url', url: 'u1' });
    store.put({ id: 'a', title: 'A2', kind: 'url', url: 'u2' });
    expect(new AddedWorkflowStore(storage).getSnapshot()).toEqual([
      { id: 'a', title: 'A2', kind: 'url', url: 'u2' },
    ]);
    store.remove('a');
    expect(store.getSnapshot()).toEqual([]);
    expect(heard).toBe(3);
  });

  it('keeps working in memory without storage', () => {
    const store = new AddedWorkflowStore(undefined);
    expect(store.put({ id: 'a', title: 'A', kind: 'url', url: 'u' })).toBe(false);
    expect(store.getSnapshot()).toHaveLength(1);
  });
});

describe('last run', () => {
  it('keeps a finished run per document and workflow, never a running one', () => {
    const storage = memoryStorage();
    const running = newRunRecord('batch', { workspace: 'ws' }, 'Local demo', 1);
    expect(writeLastRun(storage, 'demo', running)).toBe(false);
    expect(writeLastRun(storage, 'demo', endRun(running, { kind: 'cancelled' }, 2))).toBe(true);
    expect(readLastRun(storage, 'demo', 'batch')?.status).toBe('cancelled');
    expect(readLastRun(storage, 'other', 'batch')).toBeUndefined();
    storage.data.set('portico.workflow-run.v1:demo/batch', '{');
    expect(readLastRun(storage, 'demo', 'batch')).toBeUndefined();
  });
});
