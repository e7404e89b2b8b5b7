import { createHash } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { JobBlobs } from '../../../core/job-blobs';
import { statusCodeOf } from '../../../core/storage-errors';
import { isJobName, type BatchJobStatus, type StoredBatchJob } from './batch-job';

/**
 * The batch endpoint's jobs, by name (`jobs/<name>.json`; job-blobs.ts has the layout), and the
 * `repeatability-request-id`s it has seen (`repeatability/<sha256>.json` -> job name), so a
 * restart forgets neither.
 */
export class BatchJobStore extends JobBlobs<StoredBatchJob> {
  constructor(container: ContainerClient, timeoutMs = 15_000) {
    super({ container, isKey: isJobName, keyOf: (job) => job.name, timeoutMs });
  }

  /** Every job, newest first, at most `limit`. */
  async list(limit: number): Promise<StoredBatchJob[]> {
    const jobs: StoredBatchJob[] = [];
    for (const name of (await this.keysNewestFirst()).slice(0, limit)) {
      const job = await this.get(name);
      if (job) jobs.push(job);
    }
    return jobs;
  }

  async namesWithStatus(statuses: readonly BatchJobStatus[]): Promise<string[]> {
    return this.keysWithStatus(statuses);
  }

  /**
   * Records `name` for a repeatability id unless one is recorded already; returns the name
   * that holds it (the earlier one on a repeat). The write is conditional (If-None-Match: *),
   * so two instances racing on one id agree on one job.
   */
  async claimRepeatability(requestId: string, name: string): Promise<string> {
    const blob = this.options.container.getBlockBlobClient(
      `repeatability/${digest(requestId)}.json`,
    );
    const text = JSON.stringify({ name });
    try {
      await blob.upload(text, Buffer.byteLength(text), {
        conditions: { ifNoneMatch: '*' },
        abortSignal: this.deadline(),
      });
      return name;
    } catch (error) {
      if (statusCodeOf(error) !== 409 && statusCodeOf(error) !== 412) throw error;
    }
    const existing = await this.readText(blob.name);
    const parsed =
      existing === undefined ? undefined : (JSON.parse(existing) as { name?: unknown });
    if (typeof parsed?.name !== 'string')
      throw new Error('a repeatability record without a job name');
    return parsed.name;
  }
}

/** Ids are the caller's text: hashed so any id makes a valid, fixed-length blob name. */
function digest(requestId: string): string {
  return createHash('sha256').update(requestId).digest('hex');
}
