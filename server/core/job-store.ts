import type { ContainerClient } from '@azure/storage-blob';
import { isJobId, type JobStatusCode, type StoredJob } from './batch-job';
import { JobBlobs } from './job-blobs';

/** The demo service's BES jobs, by id (`jobs/<id>.json`; job-blobs.ts has the layout). */
export class JobStore extends JobBlobs<StoredJob> {
  /**
   * @param timeoutMs how long one store operation may wait for the service's own storage; a
   * Submit or a status poll then fails with 503 instead of hanging.
   */
  constructor(container: ContainerClient, timeoutMs = 15_000) {
    super({ container, isKey: isJobId, keyOf: (job) => job.id, timeoutMs });
  }

  async idsWithStatus(status: JobStatusCode): Promise<string[]> {
    return this.keysWithStatus([status]);
  }
}
