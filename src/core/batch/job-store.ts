import {
  JOB_LIST_STORAGE_KEY,
  parseStoredJobs,
  serializeJobs,
  type StoredJob,
} from './batch-job-list';
import { readStored, writeStored, type StorageLike } from '../util/browser-storage';

/**
 * The one memory of submitted jobs (read with useSyncExternalStore): the Batch jobs view and
 * the BES Submit operation page both write here, so a job submitted in either shows in both.
 * Every update reads storage first, so two tabs watching jobs do not undo each other.
 */
export class JobStore {
  private snapshot: StoredJob[];
  private readonly listeners = new Set<() => void>();

  constructor(private readonly storage: StorageLike | undefined) {
    this.snapshot = parseStoredJobs(readStored(storage, JOB_LIST_STORAGE_KEY));
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): StoredJob[] => this.snapshot;

  update(change: (jobs: StoredJob[]) => StoredJob[]): void {
    const stored = readStored(this.storage, JOB_LIST_STORAGE_KEY);
    const base = stored === null ? this.snapshot : parseStoredJobs(stored);
    const next = change(base);
    if (next === base && base === this.snapshot) return;
    writeStored(this.storage, JOB_LIST_STORAGE_KEY, serializeJobs(next));
    this.set(next);
  }

  /** Another tab changed the list (a storage event). */
  reload(): void {
    this.set(parseStoredJobs(readStored(this.storage, JOB_LIST_STORAGE_KEY)));
  }

  private set(next: StoredJob[]): void {
    this.snapshot = next;
    for (const listener of this.listeners) listener();
  }
}
