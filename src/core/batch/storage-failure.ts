import type { StorageProblem } from './batch-storage-errors';

// Its own module so that describeError (on the first page load) does not pull in the storage code.
/** A storage call that failed, carrying the sentence describeStorageError made of it. */
export class StorageFailure extends Error {
  override name = 'StorageFailure';
  constructor(
    readonly problem: StorageProblem,
    cause: unknown,
  ) {
    super(problem.message, { cause });
  }
}
