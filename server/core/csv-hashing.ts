import { Transform, type Readable, type TransformCallback } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { BlockBlobClient } from '@azure/storage-blob';
import { parse } from 'csv-parse';
import { redactSecrets } from './blob-refs';
import { FeatureHasher, featureColumnNames, type HashingSettings } from './feature-hashing';
import { describeStorageError } from './storage-errors';
import { TEXT_COLUMN } from './score';

/** A job failure whose message is written for the person reading the job's `Details`. */
export class JobFailure extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JobFailure';
  }
}

/** A quote that never closes would otherwise buffer the rest of the file as one field. */
const MAX_RECORD_CHARS = 1_000_000;
/** Rows hashed between two turns of the event loop, so RRS calls are served during a big job. */
const ROWS_PER_TURN = 200;
const SLICE_BYTES = 16 * 1024;
const MAX_BATCH_CHARS = 1 << 20;
const UPLOAD_BLOCK_BYTES = 2 * 1024 * 1024;
const UPLOAD_CONCURRENCY = 2;

/** RFC 4180 quoting: only cells with a comma, quote or line break need it. */
export function csvCell(text: string, delimiter: Delimiter = ','): string {
  const needsQuotes = delimiter === ',' ? /[",\r\n]/ : /["\t\r\n]/;
  return needsQuotes.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Comma-separated, or tab-separated (the real service also reads and writes TSV). */
export type Delimiter = ',' | '\t';

/** `.tsv` blobs are tab-separated; everything else is CSV. */
export function delimiterFor(blobName: string): Delimiter {
  return /\.tsv$/i.test(blobName) ? '\t' : ',';
}

export interface TableFormat {
  input: Delimiter;
  output: Delimiter;
}

/**
 * The two stages between input bytes and output bytes: the CSV parser, then a stage that
 * hashes Col2 and writes output CSV text. Both stream, so memory stays flat however long the
 * input is. Output rows are written by hand: they are one text cell and integers, and a
 * general CSV writer tripled the job's time.
 */
export function csvHashingStages(
  settings: HashingSettings,
  onRows: (rows: number) => void = () => {},
  format: TableFormat = { input: ',', output: ',' },
): [Transform, Transform, Transform] {
  const separator = format.output;
  const slicer = sliceInput();
  const parser = parse({
    bom: true,
    skip_empty_lines: true,
    max_record_size: MAX_RECORD_CHARS,
    delimiter: format.input,
  });
  const hasher = new FeatureHasher(settings);
  let textIndex = -1;
  let rows = 0;
  let batch = '';
  const hashing = new Transform({
    writableObjectMode: true,
    readableObjectMode: false,
    transform(record: string[], _encoding, callback: TransformCallback) {
      if (textIndex < 0) {
        try {
          textIndex = findTextColumn(record);
        } catch (error) {
          callback(error as Error);
          return;
        }
        const header = [TEXT_COLUMN, ...featureColumnNames(TEXT_COLUMN, settings.bitSize)];
        callback(null, `${header.map((name) => csvCell(name, separator)).join(separator)}\n`);
        return;
      }
      const text = record[textIndex] ?? '';
      batch += `${csvCell(text, separator)}${hasher.csvCounts(text, separator)}\n`;
      rows++;
      // Wide rows (a large bit size) flush by size, so one batch never holds much memory.
      if (rows % ROWS_PER_TURN !== 0 && batch.length < MAX_BATCH_CHARS) {
        callback();
        return;
      }
      const out = batch;
      batch = '';
      onRows(rows);
      setImmediate(() => callback(null, out));
    },
    flush(callback: TransformCallback) {
      onRows(rows);
      if (textIndex < 0) {
        callback(
          new JobFailure(
            `The input CSV is empty: it has no header row. The first row must name the columns, including ${TEXT_COLUMN}.`,
          ),
        );
        return;
      }
      callback(null, batch);
    },
  });
  return [slicer, parser, hashing];
}

/**
 * Hands the parser at most SLICE_BYTES at a time, one slice per turn of the event loop: the
 * parser handles a whole chunk synchronously, and a large chunk from storage would otherwise
 * hold up RRS calls for a noticeable time.
 */
function sliceInput(): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback: TransformCallback) {
      if (chunk.length <= SLICE_BYTES) {
        callback(null, chunk);
        return;
      }
      let offset = 0;
      const next = (): void => {
        const end = Math.min(offset + SLICE_BYTES, chunk.length);
        const slice = chunk.subarray(offset, end);
        offset = end;
        if (offset >= chunk.length) {
          callback(null, slice);
          return;
        }
        this.push(slice);
        setImmediate(next);
      };
      next();
    },
  });
}

function findTextColumn(header: string[]): number {
  const text = header.join(',');
  if (text.includes('\u0000') || text.includes('\ufffd')) {
    throw new JobFailure(
      'The input does not look like a UTF-8 CSV text file (its first row holds binary data).',
    );
  }
  const index = header.findIndex((name) => name.trim() === TEXT_COLUMN);
  if (index < 0) {
    const shown = header
      .slice(0, 10)
      .map((name) => JSON.stringify(name.slice(0, 40)))
      .join(', ');
    throw new JobFailure(
      `The input CSV has no '${TEXT_COLUMN}' column. Its header row is ${shown}${header.length > 10 ? ', ...' : ''}. This web service hashes the text in a column named ${TEXT_COLUMN}: rename the column or add a header row.`,
    );
  }
  return index;
}

export interface HashBlobOptions {
  source: BlockBlobClient;
  target: BlockBlobClient;
  /** How the blobs are named in messages (no secrets). */
  sourceLabel: string;
  targetLabel: string;
  settings: HashingSettings;
  signal: AbortSignal;
  /**
   * How long storage may stay silent: for the answer to the download, then for any progress of
   * the download or the upload while streaming. Unset: no limit but the caller's signal.
   */
  tryTimeoutMs?: number;
  onRows?: (rows: number) => void;
}

/** Streams the input CSV from blob storage through the hasher into the output blob. */
export async function hashCsvBlob(options: HashBlobOptions): Promise<{ rows: number }> {
  const { source, target, signal } = options;
  let rows = 0;
  const onRows = (n: number): void => {
    rows = n;
    options.onRows?.(n);
  };

  const tryTimeoutMs = options.tryTimeoutMs ?? 0;
  const seconds = formatSeconds(tryTimeoutMs);
  let body: NodeJS.ReadableStream;
  const answer = new AbortController();
  const stopAnswer = (): void => answer.abort();
  signal.addEventListener('abort', stopAnswer, { once: true });
  let answerTimedOut = false;
  const answerTimer =
    tryTimeoutMs > 0
      ? setTimeout(() => {
          answerTimedOut = true;
          answer.abort();
        }, tryTimeoutMs)
      : undefined;
  try {
    const download = await source.download(0, undefined, { abortSignal: answer.signal });
    if (!download.readableStreamBody) throw new Error('the download has no body');
    body = download.readableStreamBody;
  } catch (error) {
    if (signal.aborted) throw error;
    if (answerTimedOut) {
      throw new JobFailure(
        `Storage did not answer within ${seconds} when the job tried to read the input blob ${options.sourceLabel}. Check that the storage account is running and reachable.`,
      );
    }
    throw new JobFailure(describeStorageError(error, 'read', options.sourceLabel));
  } finally {
    clearTimeout(answerTimer);
  }

  // Either side failing stops the other; the first real failure is the one reported.
  const local = new AbortController();
  const stopLocal = (): void => local.abort();
  signal.addEventListener('abort', stopLocal, { once: true });
  // The download's own abort listener stays until its body ends: the stream's stop is local.
  signal.removeEventListener('abort', stopAnswer);
  local.signal.addEventListener('abort', stopAnswer, { once: true });
  const failures: unknown[] = [];
  let readFailure: unknown;
  body.once('error', (error: unknown) => {
    readFailure ??= error;
  });
  let lastProgress = Date.now();
  let downloadEnded = false;
  body.on('data', () => {
    lastProgress = Date.now();
  });
  body.once('end', () => {
    downloadEnded = true;
  });
  let stalled: JobFailure | undefined;
  const watchdog =
    tryTimeoutMs > 0
      ? setInterval(
          () => {
            if (Date.now() - lastProgress < tryTimeoutMs) return;
            // A stalled upload backs the pipeline up until the download is paused.
            const writing = downloadEnded || (body as Readable).isPaused();
            stalled = new JobFailure(
              writing
                ? `Storage did not answer within ${seconds} while the job was writing the output blob ${options.targetLabel}. Check that the storage account is running and reachable.`
                : `Storage sent nothing for ${seconds} while the job was reading the input blob ${options.sourceLabel}. Check that the storage account is running and reachable.`,
            );
            local.abort();
          },
          Math.min(1000, Math.max(50, tryTimeoutMs / 4)),
        )
      : undefined;
  const stages = csvHashingStages(options.settings, onRows, {
    input: delimiterFor(options.source.name),
    output: delimiterFor(options.target.name),
  });
  const writer = stages[2];
  const piping = pipeline(body, ...stages, { signal: local.signal }).catch((error: unknown) => {
    failures.push(error);
    local.abort();
  });
  const uploading = target
    .uploadStream(writer, UPLOAD_BLOCK_BYTES, UPLOAD_CONCURRENCY, {
      abortSignal: local.signal,
      blobHTTPHeaders: { blobContentType: 'text/csv; charset=utf-8' },
      onProgress: () => {
        lastProgress = Date.now();
      },
    })
    .catch((error: unknown) => {
      failures.push({ upload: error });
      local.abort();
    });
  try {
    await Promise.all([piping, uploading]);
  } finally {
    clearInterval(watchdog);
    signal.removeEventListener('abort', stopLocal);
  }
  if (signal.aborted) throw new DOMException('The job was stopped.', 'AbortError');
  if (stalled) throw stalled;
  if (failures.length > 0) throw explain(failures, readFailure, options);
  return { rows };
}

function explain(failures: unknown[], readFailure: unknown, options: HashBlobOptions): JobFailure {
  const direct = failures.find((f) => f instanceof JobFailure);
  if (direct instanceof JobFailure) return direct;
  const csv = failures.find(isCsvError);
  if (csv) {
    return new JobFailure(
      `The input CSV could not be parsed: ${(csv as Error).message}. Check quoting and that every row has as many fields as the header.`,
    );
  }
  if (readFailure !== undefined && !isAbort(readFailure)) {
    return new JobFailure(describeStorageError(readFailure, 'read', options.sourceLabel));
  }
  const upload = failures.find(
    (f): f is { upload: unknown } => typeof f === 'object' && f !== null && 'upload' in f,
  );
  if (upload && !isAbort(upload.upload)) {
    return new JobFailure(describeStorageError(upload.upload, 'write', options.targetLabel));
  }
  const other = failures.find((f) => !isAbort(f)) ?? failures[0];
  return new JobFailure(
    `The job stopped with an error while streaming: ${redactSecrets(messageOf(other))}`,
  );
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function isCsvError(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('CSV_');
}

function isAbort(error: unknown): boolean {
  return (error as { name?: unknown } | null)?.name === 'AbortError';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
