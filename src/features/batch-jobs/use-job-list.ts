import { useCallback, useEffect, useRef, useState } from 'react';
import {
  JOB_LIST_STORAGE_KEY,
  parseStoredJobs,
  serializeJobs,
  type StoredJob,
} from '../../core/batch/batch-job-list';

/** Undefined when storage is unavailable (private mode, policy): the view then works in memory. */
function readJobs(): StoredJob[] | undefined {
  try {
    return parseStoredJobs(window.localStorage.getItem(JOB_LIST_STORAGE_KEY));
  } catch {
    return undefined;
  }
}

function writeJobs(jobs: StoredJob[]): void {
  try {
    window.localStorage.setItem(JOB_LIST_STORAGE_KEY, serializeJobs(jobs));
  } catch {
    // See readJobs: the in-memory list is all there is.
  }
}

/** The persisted job list (core batch-job-list), kept in step with other tabs. */
export function useJobList(): {
  jobs: StoredJob[];
  updateJobs: (update: (jobs: StoredJob[]) => StoredJob[]) => void;
} {
  const [jobs, setJobs] = useState<StoredJob[]>(() => readJobs() ?? []);
  const latest = useRef(jobs);

  useEffect(() => {
    const onStorage = (event: StorageEvent): void => {
      if (event.key !== JOB_LIST_STORAGE_KEY) return;
      const next = readJobs() ?? latest.current;
      latest.current = next;
      setJobs(next);
    };
    window.addEventListener('storage', onStorage);
    return () => window.removeEventListener('storage', onStorage);
  }, []);

  const updateJobs = useCallback((update: (jobs: StoredJob[]) => StoredJob[]) => {
    // Read-modify-write against storage so that two tabs watching jobs do not undo each other.
    const next = update(readJobs() ?? latest.current);
    latest.current = next;
    writeJobs(next);
    setJobs(next);
  }, []);

  return { jobs, updateJobs };
}
