import { describe, expect, it } from 'vitest';
import { JOB_LIST_STORAGE_KEY, upsertJob, type StoredJob } from './batch-job-list';
import { JobStore } from './job-store';
import type { StorageLike } from '../util/browser-storage';

function memoryStorage(): StorageLike & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const job = (jobId: string, submittedAt: number): StoredJob => ({
  jobId,
  apiId: 'azureml-demo',
  environmentId: 'local',
  workspace: 'ws',
  service: 'svc',
  inputs: [],
  outputs: [],
  submittedAt,
  timeline: [{ state: 'NotStarted', at: submittedAt }],
});

describe('JobStore', () => {
  it('writes through to storage and tells its subscribers', () => {
    const storage = memoryStorage();
    const store = new JobStore(storage);
    let calls = 0;
    store.subscribe(() => (calls += 1));
    store.update((list) => upsertJob(list, job('a', 1)));
    expect(store.getSnapshot().map((j) => j.jobId)).toEqual(['a']);
    expect(calls).toBe(1);
    expect(new JobStore(storage).getSnapshot()).toEqual(store.getSnapshot());
  });

  it('updates on top of what another tab wrote, and reloads on demand', () => {
    const storage = memoryStorage();
    const mine = new JobStore(storage);
    const other = new JobStore(storage);
    other.update((list) => upsertJob(list, job('from-other-tab', 1)));
    mine.update((list) => upsertJob(list, job('mine', 2)));
    expect(mine.getSnapshot().map((j) => j.jobId)).toEqual(['mine', 'from-other-tab']);
    other.reload();
    expect(other.getSnapshot().map((j) => j.jobId)).toEqual(['mine', 'from-other-tab']);
  });

  it('keeps working in memory without storage, and never stores a stray field', () => {
    const store = new JobStore(undefined);
    store.update((list) => upsertJob(list, { ...job('a', 1), sas: 'sig=x' } as StoredJob));
    expect(store.getSnapshot()).toHaveLength(1);
    const storage = memoryStorage();
    const saved = new JobStore(storage);
    saved.update((list) => upsertJob(list, { ...job('a', 1), sas: 'sig=x' } as StoredJob));
    expect(storage.data.get(JOB_LIST_STORAGE_KEY)).not.toContain('sig=x');
  });
});
