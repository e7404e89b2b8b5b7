import type { ContainerClient } from '@azure/storage-blob';
import { isJobId, type JobStatusCode, type StoredJob } from './batch-job';

/**
 * Jobs live as JSON blobs in the service's own storage (`jobs/<id>.json`), so that a restart of
 * the service loses nothing. The status is mirrored in blob metadata so that finding the jobs
 * that were running needs one listing, not a read of every job.
 */
export class JobStore {
  constructor(private readonly container: ContainerClient) {}

  async ensure(): Promise<void> {
    await this.container.createIfNotExists();
  }

  async get(id: string): Promise<StoredJob | undefined> {
    if (!isJobId(id)) return undefined;
    try {
      const buffer = await this.container.getBlockBlobClient(blobName(id)).downloadToBuffer();
      return JSON.parse(buffer.toString('utf8')) as StoredJob;
    } catch (error) {
      if (statusCodeOf(error) === 404) return undefined;
      throw error;
    }
  }

  async put(job: StoredJob): Promise<void> {
    const text = JSON.stringify(job);
    await this.container
      .getBlockBlobClient(blobName(job.id))
      .upload(text, Buffer.byteLength(text), {
        blobHTTPHeaders: { blobContentType: 'application/json' },
        metadata: { status: job.status },
      });
  }

  async delete(id: string): Promise<void> {
    await this.container.getBlockBlobClient(blobName(id)).deleteIfExists();
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

export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const code = (error as { statusCode: unknown }).statusCode;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}
