import { useSyncExternalStore } from 'react';
import {
  JOB_LIST_STORAGE_KEY,
  submittedJob,
  upsertJob,
  type StoredJob,
} from '../core/batch/batch-job-list';
import { JobStore } from '../core/batch/job-store';
import { browserStorage } from '../core/util/browser-storage';

let store: JobStore | undefined;

/** The one job memory of this browser (created on first use, kept in step with other tabs). */
export function jobStore(): JobStore {
  if (!store) {
    const created = new JobStore(browserStorage('local'));
    window.addEventListener('storage', (event) => {
      if (event.key === JOB_LIST_STORAGE_KEY) created.reload();
    });
    store = created;
  }
  return store;
}

/** Jobs submitted from this browser, from the Batch jobs view or the BES Submit operation. */
export function useStoredJobs(): StoredJob[] {
  const jobs = jobStore();
  return useSyncExternalStore(jobs.subscribe, jobs.getSnapshot);
}

/** Remembers a job just submitted (the one place both ways of submitting write it). */
export function rememberSubmittedJob(job: Parameters<typeof submittedJob>[0]): void {
  jobStore().update((list) => upsertJob(list, submittedJob(job, Date.now())));
}
