/**
 * Blob storage from the browser with @azure/storage-blob, loaded only when the batch view
 * needs it (the SDK is a large chunk the first page load must not pay for). Every client is
 * built from a SAS URL: an account key never enters the browser.
 */
import type * as BlobSdkModule from '@azure/storage-blob';
import { describeStorageError, isNetworkFailure } from './batch-storage-errors';
import { StorageFailure } from './storage-failure';
import { planUpload } from './batch-upload-plan';
import { probeNoCors } from '../util/no-cors-probe';

type BlobSdk = typeof BlobSdkModule;

let sdkPromise: Promise<BlobSdk> | undefined;

export function loadBlobSdk(): Promise<BlobSdk> {
  sdkPromise ??= import('@azure/storage-blob');
  // A failed chunk load (offline, redeploy) must not be cached forever.
  sdkPromise.catch(() => {
    sdkPromise = undefined;
  });
  return sdkPromise;
}

/** Blocks of a large file go up this many at a time. */
export const UPLOAD_CONCURRENCY = 4;

/**
 * The SDK retries network failures several times with exponential delays; a missing CORS
 * rule would then look like a hang. Fail fast and explain instead.
 */
const PIPELINE_OPTIONS = {
  retryOptions: { maxTries: 2, retryDelayInMs: 500, maxRetryDelayInMs: 2000 },
};

async function toFailure(err: unknown, url: string, action: string): Promise<StorageFailure> {
  // Without the query: the probe must not carry the SAS.
  const u = new URL(url);
  const reachable = isNetworkFailure(err)
    ? await probeNoCors(`${u.origin}${u.pathname}`, { timeoutMs: 3000 })
    : undefined;
  const problem = describeStorageError(err, {
    origin: globalThis.location?.origin,
    reachable,
    action,
  });
  return new StorageFailure(problem, err);
}

export interface UploadTarget {
  /** Container URL without query, e.g. https://acct.blob.core.windows.net/data */
  containerUrl: string;
  sasToken: string;
  blobName: string;
}

function blobUrl(target: UploadTarget): string {
  const path = target.blobName.split('/').map(encodeURIComponent).join('/');
  return `${target.containerUrl}/${path}${target.sasToken}`;
}

export async function uploadFile(
  file: Blob,
  target: UploadTarget,
  options: { onProgress: (loadedBytes: number) => void; signal: AbortSignal },
): Promise<{ durationMs: number }> {
  const url = blobUrl(target);
  const startedAt = performance.now();
  try {
    const { BlockBlobClient } = await loadBlobSdk();
    const client = new BlockBlobClient(url, undefined, PIPELINE_OPTIONS);
    const plan = planUpload(file.size);
    await client.uploadData(file, {
      blockSize: plan.blockSize,
      maxSingleShotSize: plan.maxSingleShotSize,
      concurrency: UPLOAD_CONCURRENCY,
      abortSignal: options.signal,
      onProgress: (event) => options.onProgress(event.loadedBytes),
      blobHTTPHeaders: { blobContentType: 'text/csv; charset=utf-8' },
    });
    return { durationMs: performance.now() - startedAt };
  } catch (err) {
    if (options.signal.aborted) {
      throw new StorageFailure(
        describeStorageError({ name: 'AbortError' }, { action: 'upload' }),
        err,
      );
    }
    throw await toFailure(err, url, 'upload the file');
  }
}

export interface RangeRead {
  bytes: Uint8Array;
  totalSize: number;
}

/** The first `count` bytes of a blob and its full size, without downloading the rest. */
export async function readBlobHead(
  url: string,
  count: number,
  signal?: AbortSignal,
): Promise<RangeRead> {
  try {
    const { BlobClient } = await loadBlobSdk();
    const client = new BlobClient(url, undefined, PIPELINE_OPTIONS);
    const response = await client.download(0, count, { abortSignal: signal });
    const body = await response.blobBody;
    const bytes = body ? new Uint8Array(await body.arrayBuffer()) : new Uint8Array(0);
    const total = /\/(\d+)$/.exec(response.contentRange ?? '')?.[1];
    return { bytes, totalSize: total ? Number(total) : (response.contentLength ?? bytes.length) };
  } catch (err) {
    // An empty blob has no byte 0 to read.
    if (
      typeof err === 'object' &&
      err !== null &&
      (err as { statusCode?: unknown }).statusCode === 416
    ) {
      return { bytes: new Uint8Array(0), totalSize: 0 };
    }
    throw await toFailure(err, url, 'read the result');
  }
}

/** The whole blob, for a download the user asked for. */
export async function downloadBlob(
  url: string,
  options: { onProgress?: (loadedBytes: number) => void; signal?: AbortSignal } = {},
): Promise<Blob> {
  try {
    const { BlobClient } = await loadBlobSdk();
    const client = new BlobClient(url, undefined, PIPELINE_OPTIONS);
    const response = await client.download(0, undefined, {
      abortSignal: options.signal,
      onProgress: options.onProgress ? (e) => options.onProgress?.(e.loadedBytes) : undefined,
    });
    const body = await response.blobBody;
    return body ?? new Blob([]);
  } catch (err) {
    throw await toFailure(err, url, 'download the result');
  }
}
