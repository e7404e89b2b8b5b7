import type { ContainerClient } from '@azure/storage-blob';
import { isJobId, type JobStatusCode, type StoredJob } from './batch-job';
import { statusCodeOf } from './storage-errors';

/**
 * Jobs live as JSON blobs in the service's own storage (`jobs/<id>.json`), so that a restart of
 * the service loses nothing. The status is mirrored in blob metadata so that finding the jobs
 * that were running needs one listing, not a read of every job.
 */
export class JobStore {
  /**
   * What this instance last wrote, so status polls need no storage read. It also sidesteps
   * Azurite serving a half-written blob to a read that overlaps an overwrite.
   */
  private readonly cache = new Map<string, string>();

  /**
   * @param timeoutMs how long one store operation may wait for the service's own storage; a
   * Submit or a status poll then fails with 503 instead of hanging.
   */
  constructor(
    private readonly container: ContainerClient,
    private readonly timeoutMs = 15_000,
  ) {}

  async ensure(): Promise<void> {
    await this.container.createIfNotExists({ abortSignal: this.deadline() });
  }

  private deadline(): AbortSignal {
    return AbortSignal.timeout(this.timeoutMs);
  }

  async get(id: string): Promise<StoredJob | undefined> {
    if (!isJobId(id)) return undefined;
    const cached = this.cache.get(id);
    if (cached !== undefined) return JSON.parse(cached) as StoredJob;
    for (let attempt = 1; ; attempt++) {
      let text: string;
      try {
        text = (
          await this.container
            .getBlockBlobClient(blobName(id))
            .downloadToBuffer(undefined, undefined, { abortSignal: this.deadline() })
        ).toString('utf8');
      } catch (error) {
        if (statusCodeOf(error) === 404) return undefined;
        throw error;
      }
      try {
        const job = JSON.parse(text) as StoredJob;
        this.remember(id, text);
        return job;
      } catch (error) {
        // A read that overlapped a write of another instance: read again.
        if (attempt >= 5) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
      }
    }
  }

  async put(job: StoredJob): Promise<void> {
    const text = JSON.stringify(job);
    await this.container
      .getBlockBlobClient(blobName(job.id))
      .upload(text, Buffer.byteLength(text), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
        metadata: { status: job.status },
        abortSignal: this.deadline(),
      });
    this.remember(job.id, text);
  }

  async delete(id: string): Promise<void> {
    await this.container
      .getBlockBlobClient(blobName(id))
      .deleteIfExists({ abortSignal: this.deadline() });
    this.cache.delete(id);
  }

  private remember(id: string, text: string): void {
    this.cache.delete(id);
    this.cache.set(id, text);
    if (this.cache.size > 1000) {
      const oldest = this.cache.keys().next();
      if (!oldest.done) this.cache.delete(oldest.value);
    }
  }

  async idsWithStatus(status: JobStatusCode): Promise<string[]> {
    const ids: string[] = [];
    for await (const blob of this.container.listBlobsFlat({
      prefix: 'jobs/',
      includeMetadata: true,
    })) {
      if (blob.metadata?.status !== status) continue;
      const id = blob.name.slice('jobs/'.length, -'.json'.length);
      if (isJobId(id)) ids.push(id);
    }
    return ids;
  }
}

function blobName(id: string): string {
  return `jobs/${id}.json`;
}
