import { PassThrough, Transform, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlockBlobClient } from '@azure/storage-blob';
import { redactSecrets } from '../../../core/blob-refs';
import { JobFailure, csvHashingStages } from '../../../core/csv-hashing';
import type { HashingSettings } from '../../../core/feature-hashing';
import { describeStorageError, statusCodeOf } from '../../../core/storage-errors';

const UPLOAD_BLOCK_BYTES = 2 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 2;

export interface InputFile {
  blob: BlockBlobClient;
  /** How the file is named in messages (no secrets). */
  label: string;
}

export interface HashToPredictionsOptions {
  files: readonly InputFile[];
  target: BlockBlobClient;
  targetLabel: string;
  settings: HashingSettings;
  signal: AbortSignal;
  onRows?: (rows: number) => void;
}

/**
 * Streams every input CSV through the classic service's hashing stages (server/core) into one
 * `predictions.csv`: the header row once, then the rows of each file in turn, so a folder of
 * files gives one table as an MLflow batch deployment's output does. Memory stays flat.
 */
export async function hashToPredictions(
  options: HashToPredictionsOptions,
): Promise<{ rows: number }> {
  const { files, target, signal } = options;
  const out = new PassThrough();
  const local = new AbortController();
  const stop = (): void => local.abort();
  signal.addEventListener('abort', stop, { once: true });
  let uploadFailure: unknown;
  const uploading = target
    .uploadStream(out, UPLOAD_BLOCK_BYTES, UPLOAD_CONCURRENCY, {
      abortSignal: local.signal,
      blobHTTPHeaders: { blobContentType: 'text/csv; charset=utf-8' },
    })
    .catch((error: unknown) => {
      uploadFailure = error;
      local.abort();
    });
  let done = 0;
  let rows = 0;
  try {
    for (const [index, file] of files.entries()) {
      let body: NodeJS.ReadableStream;
      try {
        const download = await file.blob.download(0, undefined, { abortSignal: local.signal });
        if (!download.readableStreamBody) throw new Error('the download has no body');
        body = download.readableStreamBody;
      } catch (error) {
        throw readFailure(error, file.label, local.signal);
      }
      const stages = csvHashingStages(options.settings, (n) => {
        rows = done + n;
        options.onRows?.(rows);
      });
      try {
        await pipeline(body, ...stages, skipFirstLine(index > 0), out, {
          signal: local.signal,
          end: false,
        });
      } catch (error) {
        throw readFailure(error, file.label, local.signal);
      }
      done = rows;
    }
    out.end();
    await uploading;
  } catch (error) {
    // An upload that failed first is the cause; one failing after the stop below is its effect.
    const uploadFailedFirst = uploadFailure;
    // With an error, so the upload's reader stops too (a bare destroy leaves it waiting).
    out.destroy(new Error('The job stopped reading its input.'));
    local.abort();
    await uploading;
    if (uploadFailedFirst !== undefined && !signal.aborted) {
      throw new JobFailure(describeStorageError(uploadFailedFirst, 'write', options.targetLabel));
    }
    throw error;
  } finally {
    signal.removeEventListener('abort', stop);
  }
  if (signal.aborted) throw new DOMException('The job was stopped.', 'AbortError');
  if (uploadFailure !== undefined) {
    throw new JobFailure(describeStorageError(uploadFailure, 'write', options.targetLabel));
  }
  return { rows };
}

/** The second and later files' header rows are dropped: the table has one header. */
function skipFirstLine(skip: boolean): Transform {
  let skipping = skip;
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (!skipping) {
        callback(null, chunk);
        return;
      }
      const newline = chunk.indexOf(10);
      if (newline < 0) {
        callback();
        return;
      }
      skipping = false;
      callback(null, chunk.subarray(newline + 1));
    },
  });
}

function readFailure(error: unknown, label: string, signal: AbortSignal): unknown {
  if (signal.aborted) return error;
  if (error instanceof JobFailure) return error;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && code.startsWith('CSV_')) {
    return new JobFailure(
      `The input CSV ${label} could not be parsed: ${(error as Error).message}. Check quoting and that every row has as many fields as the header.`,
    );
  }
  if (statusCodeOf(error) === 404) {
    // The classic wording names RelativeLocation; here the caller gave a Uri.
    return new JobFailure(
      `The input file ${label} was not found. Check the input's Uri and that the upload finished.`,
    );
  }
  if ((error as { name?: unknown } | null)?.name === 'RestError') {
    return new JobFailure(describeStorageError(error, 'read', label));
  }
  return new JobFailure(
    `The job stopped with an error while reading ${label}: ${redactSecrets(error instanceof Error ? error.message : String(error))}`,
  );
}
