import { createHash } from 'node:crypto';
import type { ContainerClient } from '@azure/storage-blob';
import { statusCodeOf } from '../../../core/storage-errors';
import { isJobName, type BatchJobStatus, type StoredBatchJob } from './batch-job';

/**
 * Jobs as JSON blobs in the endpoint's own storage (`jobs/<name>.json`, status mirrored in
 * metadata so finding unfinished jobs is one listing), and the `repeatability-request-id`s it
 * has seen (`repeatability/<sha256>.json` -> job name), so a restart forgets neither.
 */
export class BatchJobStore {
  /** What this instance last wrote: polls need no storage read. */
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly container: ContainerClient,
    private readonly timeoutMs = 15_000,
  ) {}

  async ensure(): Promise<void> {
    await this.container.createIfNotExists({ abortSignal: this.deadline() });
  }

  async get(name: string): Promise<StoredBatchJob | undefined> {
    if (!isJobName(name)) return undefined;
    const cached = this.cache.get(name);
    if (cached !== undefined) return JSON.parse(cached) as StoredBatchJob;
    const text = await this.read(`jobs/${name}.json`);
    if (text === undefined) return undefined;
    this.remember(name, text);
    return JSON.parse(text) as StoredBatchJob;
  }

  async put(job: StoredBatchJob): Promise<void> {
    const text = JSON.stringify(job);
    await this.container
      .getBlockBlobClient(`jobs/${job.name}.json`)
      .upload(text, Buffer.byteLength(text), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
        metadata: { status: job.status },
        abortSignal: this.deadline(),
      });
    this.remember(job.name, text);
  }

  /** Every job, newest first, at most `limit`. */
  async list(limit: number): Promise<StoredBatchJob[]> {
    const names: Array<{ name: string; created: number }> = [];
    for await (const blob of this.container.listBlobsFlat({ prefix: 'jobs/' })) {
      const name = blob.name.slice('jobs/'.length, -'.json'.length);
      if (isJobName(name)) names.push({ name, created: blob.properties.createdOn?.getTime() ?? 0 });
    }
    names.sort((a, b) => b.created - a.created);
    const jobs: StoredBatchJob[] = [];
    for (const { name } of names.slice(0, limit)) {
      const job = await this.get(name);
      if (job) jobs.push(job);
    }
    return jobs;
  }

  async namesWithStatus(statuses: readonly BatchJobStatus[]): Promise<string[]> {
    const names: string[] = [];
    for await (const blob of this.container.listBlobsFlat({
      prefix: 'jobs/',
      includeMetadata: true,
    })) {
      const status = blob.metadata?.status as BatchJobStatus | undefined;
      if (status === undefined || !statuses.includes(status)) continue;
      const name = blob.name.slice('jobs/'.length, -'.json'.length);
      if (isJobName(name)) names.push(name);
    }
    return names;
  }

  /**
   * Records `name` for a repeatability id unless one is recorded already; returns the name
   * that holds it (the earlier one on a repeat). The write is conditional (If-None-Match: *),
   * so two instances racing on one id agree on one job.
   */
  async claimRepeatability(requestId: string, name: string): Promise<string> {
    const blob = this.container.getBlockBlobClient(`repeatability/${digest(requestId)}.json`);
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
    const existing = await this.read(blob.name);
    const parsed =
      existing === undefined ? undefined : (JSON.parse(existing) as { name?: unknown });
    if (typeof parsed?.name !== 'string')
      throw new Error('a repeatability record without a job name');
    return parsed.name;
  }

  private async read(blobName: string): Promise<string | undefined> {
    try {
      return (
        await this.container
          .getBlockBlobClient(blobName)
          .downloadToBuffer(undefined, undefined, { abortSignal: this.deadline() })
      ).toString('utf8');
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.timeoutMs);
  }

  private remember(name: string, text: string): void {
    this.cache.delete(name);
    this.cache.set(name, text);
    if (this.cache.size > 1000) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}

/** Ids are the caller's text: hashed so any id makes a valid, fixed-length blob name. */
function digest(requestId: string): string {
  return createHash('sha256').update(requestId).digest('hex');
}
