import type { ContainerClient } from '@azure/storage-blob';
import { statusCodeOf } from './storage-errors';

export interface JobBlobsOptions<T> {
  container: ContainerClient;
  /** Whether a key may name a job (any other is not looked up, and its blobs are not listed). */
  isKey: (key: string) => boolean;
  keyOf: (job: T) => string;
  /** How long one store operation may wait for storage; a call then fails with 503, not hangs. */
  timeoutMs: number;
}

/**
 * Jobs as JSON blobs in a service's own storage (`jobs/<key>.json`), so that a restart loses
 * nothing. The status is mirrored in blob metadata so that finding the jobs that were running
 * needs one listing, not a read of every job. The demo service's BES jobs (job-store.ts) and the
 * batch endpoint's jobs (batch-job-store.ts) are kept so.
 */
export class JobBlobs<T extends { status: string }> {
  /**
   * What this instance last wrote, so status polls need no storage read. It also sidesteps
   * Azurite serving a half-written blob to a read that overlaps an overwrite.
   */
  private readonly cache = new Map<string, string>();

  constructor(protected readonly options: JobBlobsOptions<T>) {}

  async ensure(): Promise<void> {
    await this.options.container.createIfNotExists({ abortSignal: this.deadline() });
  }

  async get(key: string): Promise<T | undefined> {
    if (!this.options.isKey(key)) return undefined;
    const cached = this.cache.get(key);
    if (cached !== undefined) return JSON.parse(cached) as T;
    for (let attempt = 1; ; attempt++) {
      const text = await this.readText(blobName(key));
      if (text === undefined) return undefined;
      try {
        const job = JSON.parse(text) as T;
        this.remember(key, text);
        return job;
      } catch (error) {
        // A read that overlapped a write of another instance: read again.
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  async put(job: T): Promise<void> {
    const key = this.options.keyOf(job);
    const text = JSON.stringify(job);
    await this.options.container
      .getBlockBlobClient(blobName(key))
      .upload(text, Buffer.byteLength(text), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
        metadata: { status: job.status },
        abortSignal: this.deadline(),
      });
    this.remember(key, text);
  }

  async delete(key: string): Promise<void> {
    await this.options.container
      .getBlockBlobClient(blobName(key))
      .deleteIfExists({ abortSignal: this.deadline() });
    this.cache.delete(key);
  }

  /** The keys of the jobs whose stored status is one of `statuses`. */
  async keysWithStatus(statuses: readonly T['status'][]): Promise<string[]> {
    const keys: string[] = [];
    for await (const blob of this.options.container.listBlobsFlat({
      prefix: 'jobs/',
      includeMetadata: true,
    })) {
      const status = blob.metadata?.status;
      if (status === undefined || !statuses.includes(status)) continue;
      const key = keyOfBlob(blob.name);
      if (this.options.isKey(key)) keys.push(key);
    }
    return keys;
  }

  /** Every job's key, the most recently created first. */
  async keysNewestFirst(): Promise<string[]> {
    const keys: Array<{ key: string; created: number }> = [];
    for await (const blob of this.options.container.listBlobsFlat({ prefix: 'jobs/' })) {
      const key = keyOfBlob(blob.name);
      if (this.options.isKey(key))
        keys.push({ key, created: blob.properties.createdOn?.getTime() ?? 0 });
    }
    return keys.sort((a, b) => b.created - a.created).map(({ key }) => key);
  }

  /** A blob of the container as text, or undefined when there is none. */
  protected async readText(name: string): Promise<string | undefined> {
    try {
      return (
        await this.options.container
          .getBlockBlobClient(name)
          .downloadToBuffer(undefined, undefined, { abortSignal: this.deadline() })
      ).toString('utf8');
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  /** The abort signal of one store operation. */
  protected deadline(): AbortSignal {
    return AbortSignal.timeout(this.options.timeoutMs);
  }

  private remember(key: string, text: string): void {
    this.cache.delete(key);
    this.cache.set(key, text);
    if (this.cache.size > 1000) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }
}

function blobName(key: string): string {
  return `jobs/${key}.json`;
}

function keyOfBlob(name: string): string {
  return name.slice('jobs/'.length, -'.json'.length);
}
