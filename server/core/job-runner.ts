import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  ContainerClient,
  StorageSharedKeyCredential,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import {
  openBlockBlob,
  parseBlobReference,
  redactSecrets,
  resultLocation,
  type BlobReference,
  type OwnStorage,
} from './blob-refs';
import {
  inputReference,
  parseSubmitBody,
  toStatusBody,
  type JobStatusBody,
  type StoredJob,
} from './batch-job';
import { JobFailure, hashCsvBlob } from './csv-hashing';
import { ServiceError, echo } from './errors';
import type { JobStore } from './job-store';
import { OUTPUT_NAME } from './score';
import { StorageTrust } from './trusted-storage';

/** Container in the service's own storage for results when a job names no output. */
export const DEFAULT_RESULTS_CONTAINER = 'portico-results';
export const RESULT_SAS_VALIDITY_MS = 24 * 60 * 60 * 1000;
/** One storage request of a job (one try) gives up after this long. */
export const DEFAULT_STORAGE_TRY_TIMEOUT_MS = 30_000;
/** A job that has not ended this long after its run began is Failed, freeing its slot. */
export const DEFAULT_JOB_DEADLINE_MS = 60 * 60 * 1000;

export interface BatchJobServiceOptions {
  store: JobStore;
  ownStorage: OwnStorage;
  /** Retry policy for the blobs that jobs read and write (kept short so failures show quickly). */
  pipelineOptions?: StoragePipelineOptions;
  /** A job is not Finished before this much time has passed since it started (demo pacing). */
  minRuntimeMs?: number;
  /** Runs that may begin for one job, counting resumptions after a restart. */
  maxAttempts?: number;
  /** Jobs streamed at the same time; more wait (still Running) so memory stays bounded. */
  maxConcurrentJobs?: number;
  /** Storage jobs may use; default: only the service's own. */
  trust?: StorageTrust;
  /** Per-try timeout of every storage request a job makes. */
  storageTryTimeoutMs?: number;
  /** Overall deadline of one run of a job. */
  jobDeadlineMs?: number;
  log?: (message: string) => void;
}

/**
 * The batch execution service without HTTP: submit, start, status, cancel or delete, and the
 * runs themselves. State changes of one job are serialised so that a cancel and a run that
 * finishes at the same moment cannot overwrite each other.
 */
export class BatchJobService {
  private readonly running = new Map<string, AbortController>();
  private readonly runs = new Set<Promise<void>>();
  private readonly locks = new Map<string, Promise<unknown>>();
  private closed = false;
  private freeSlots: number;
  private slotWaiters: Array<() => void> = [];
  private readonly trust: StorageTrust;
  private readonly tryTimeoutMs: number;
  private readonly deadlineMs: number;
  private readonly pipelineOptions: StoragePipelineOptions;

  constructor(private readonly options: BatchJobServiceOptions) {
    this.freeSlots = options.maxConcurrentJobs ?? 4;
    this.trust = options.trust ?? new StorageTrust(options.ownStorage.baseLocation);
    this.tryTimeoutMs = options.storageTryTimeoutMs ?? DEFAULT_STORAGE_TRY_TIMEOUT_MS;
    this.deadlineMs = options.jobDeadlineMs ?? DEFAULT_JOB_DEADLINE_MS;
    this.pipelineOptions = {
      ...options.pipelineOptions,
      retryOptions: {
        ...options.pipelineOptions?.retryOptions,
        tryTimeoutInMs: this.tryTimeoutMs,
      },
    };
  }

  /** Resolves once the job is stored: an acknowledged job survives a stop of the stack. */
  async submit(body: unknown): Promise<string> {
    const request = parseSubmitBody(body, (ref, field) => this.trust.check(ref, field));
    const id = randomUUID().replaceAll('-', '');
    await this.options.store.put({
      id,
      status: 'NotStarted',
      settings: request.settings,
      input: request.input,
      output: request.output,
      submittedAt: new Date().toISOString(),
      startedAt: null,
      endedAt: null,
      attempts: 0,
      rowsProcessed: 0,
      details: null,
      results: null,
    });
    return id;
  }

  async start(id: string): Promise<void> {
    await this.withLock(id, async () => {
      const job = await this.require(id);
      if (job.status !== 'NotStarted') {
        throw new ServiceError(
          'InvalidOperation',
          'CannotStartJob',
          `The job cannot be started because it is in ${job.status} state.`,
        );
      }
      job.status = 'Running';
      job.startedAt = new Date().toISOString();
      job.attempts = 1;
      await this.options.store.put(job);
      this.launch(job);
    });
  }

  async status(id: string): Promise<JobStatusBody> {
    return toStatusBody(await this.require(id));
  }

  /** DELETE: a job not yet ended is cancelled (and keeps its record); an ended one is deleted. */
  async cancelOrDelete(id: string): Promise<void> {
    await this.withLock(id, async () => {
      const job = await this.require(id);
      if (job.status === 'Running' || job.status === 'NotStarted') {
        this.running.get(id)?.abort();
        job.status = 'Cancelled';
        job.endedAt = new Date().toISOString();
        job.details = 'The job was cancelled by a DELETE request.';
        await this.options.store.put(job);
      } else {
        await this.options.store.delete(id);
      }
    });
  }

  /** Whether this instance is running the job now (its stream has not settled). */
  isRunning(id: string): boolean {
    return this.running.has(id);
  }

  /** At startup: a job left Running by a stopped service is run again, up to maxAttempts. */
  async resumeInterrupted(): Promise<void> {
    const maxAttempts = this.options.maxAttempts ?? 3;
    for (const id of await this.options.store.idsWithStatus('Running')) {
      await this.withLock(id, async () => {
        const job = await this.options.store.get(id);
        if (!job || job.status !== 'Running' || this.running.has(id)) return;
        if (job.attempts >= maxAttempts) {
          job.status = 'Failed';
          job.endedAt = new Date().toISOString();
          job.details = `The demo service stopped ${job.attempts} times while this job was running, so it was not resumed again. Submit the job again.`;
          await this.options.store.put(job);
          this.log(`job ${id}: marked Failed after ${job.attempts} interrupted runs`);
          return;
        }
        job.attempts += 1;
        await this.options.store.put(job);
        this.log(
          `job ${id}: resumed after a restart (run ${job.attempts} of at most ${maxAttempts})`,
        );
        this.launch(job);
      });
    }
  }

  /** Stops running jobs without recording an outcome: they stay Running and resume next start. */
  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.running.values()) controller.abort();
    await Promise.allSettled([...this.runs]);
  }

  private launch(job: StoredJob): void {
    if (this.closed) return;
    const controller = new AbortController();
    this.running.set(job.id, controller);
    const run = this.run(job, controller.signal)
      .catch((error: unknown) => this.log(`job ${job.id}: ${redactSecrets(String(error))}`))
      .finally(() => {
        this.running.delete(job.id);
        this.runs.delete(run);
      });
    this.runs.add(run);
  }

  /**
   * `stopped` is a cancel or the service closing: whoever aborted owns the job's state. The
   * deadline is the run's own: it ends the job Failed, saying what it was waiting for.
   */
  private async run(job: StoredJob, stopped: AbortSignal): Promise<void> {
    const started = Date.parse(job.startedAt ?? new Date().toISOString());
    const deadline = AbortSignal.timeout(this.deadlineMs);
    const signal = AbortSignal.any([stopped, deadline]);
    let phase = 'waiting to start';
    let outcome: Pick<StoredJob, 'status' | 'details' | 'results'>;
    let rows = 0;
    try {
      const input = inputReference(job);
      const output = this.outputReference(job);
      // The trust list may have changed since the job was submitted (a restart, new settings).
      for (const ref of [input, output]) {
        if (!this.trust.isTrusted(ref.baseLocation)) throw new JobFailure(this.trust.refusal(ref));
      }
      const target = openBlockBlob(output, this.pipelineOptions);
      if (output.auth.kind === 'account-key') {
        phase = `creating the container of the output blob ${describeBlob(output)}`;
        // A key may create the output container; a SAS usually cannot.
        await this.createContainer(output.baseLocation, output.container, output.auth, signal);
      }
      phase = "waiting for one of the service's job slots";
      await this.acquireSlot(signal);
      try {
        phase = `streaming the input blob ${describeBlob(input)} to the output blob ${describeBlob(output)}`;
        ({ rows } = await hashCsvBlob({
          source: openBlockBlob(input, this.pipelineOptions),
          target,
          sourceLabel: describeBlob(input),
          targetLabel: describeBlob(output),
          settings: job.settings,
          signal,
          tryTimeoutMs: this.tryTimeoutMs,
          onRows: (n) => {
            rows = n;
          },
        }));
      } finally {
        this.releaseSlot();
      }
      phase = "waiting out the demo's minimum job runtime";
      const remaining = started + (this.options.minRuntimeMs ?? 0) - Date.now();
      if (remaining > 0) await delay(remaining, undefined, { signal });
      outcome = {
        status: 'Finished',
        details: null,
        results: {
          [OUTPUT_NAME]: resultLocation(output, this.options.ownStorage, RESULT_SAS_VALIDITY_MS),
        },
      };
    } catch (error) {
      if (stopped.aborted) return;
      outcome = {
        status: 'Failed',
        details: deadline.aborted
          ? `The job did not end within ${formatDuration(this.deadlineMs)}, the service's limit for one run; it was ${phase} (${rows} rows done). Its job slot was freed.`
          : failureDetails(error),
        results: null,
      };
    }
    await this.record(job.id, stopped, outcome, rows);
  }

  private async acquireSlot(signal: AbortSignal): Promise<void> {
    while (this.freeSlots === 0) {
      await new Promise<void>((resolve) => {
        const wake = (): void => {
          signal.removeEventListener('abort', wake);
          resolve();
        };
        this.slotWaiters.push(wake);
        signal.addEventListener('abort', wake, { once: true });
      });
      signal.throwIfAborted();
    }
    this.freeSlots--;
  }

  private releaseSlot(): void {
    this.freeSlots++;
    // Every waiter checks again; one that was cancelled meanwhile simply leaves.
    for (const wake of this.slotWaiters.splice(0)) wake();
  }

  /** Writes the outcome, retrying while the service's own storage is briefly unavailable. */
  private async record(
    id: string,
    signal: AbortSignal,
    outcome: Pick<StoredJob, 'status' | 'details' | 'results'>,
    rows: number,
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await this.withLock(id, async () => {
          if (signal.aborted) return;
          const current = await this.options.store.get(id);
          if (!current || current.status !== 'Running') return;
          Object.assign(current, outcome, {
            endedAt: new Date().toISOString(),
            rowsProcessed: rows,
          });
          await this.options.store.put(current);
        });
        this.log(`job ${id}: ${outcome.status} (${rows} rows)`);
        return;
      } catch (error) {
        if (attempt >= 5 || signal.aborted) throw error;
        await delay(1000 * attempt);
      }
    }
  }

  private outputReference(job: StoredJob): BlobReference {
    if (job.output !== null && job.output !== undefined) {
      return parseBlobReference(job.output, `Outputs.${OUTPUT_NAME}`);
    }
    const own = this.options.ownStorage;
    const blobName = `${job.id}/${OUTPUT_NAME}.csv`;
    return {
      baseLocation: own.baseLocation,
      container: DEFAULT_RESULTS_CONTAINER,
      blobName,
      relativeLocation: `${DEFAULT_RESULTS_CONTAINER}/${blobName}`,
      auth: { kind: 'account-key', accountName: own.accountName, accountKey: own.accountKey },
    };
  }

  private async createContainer(
    baseLocation: string,
    container: string,
    auth: { accountName: string; accountKey: string },
    signal: AbortSignal,
  ): Promise<void> {
    try {
      await new ContainerClient(
        `${baseLocation}${container}`,
        new StorageSharedKeyCredential(auth.accountName, auth.accountKey),
        this.pipelineOptions,
      ).createIfNotExists({ abortSignal: signal });
    } catch (error) {
      if (signal.aborted) throw error;
      // The upload reports a missing container or a refused key with a better message.
    }
  }

  private async require(id: string): Promise<StoredJob> {
    const job = await this.options.store.get(id);
    if (!job) {
      throw new ServiceError(
        'NotFound',
        'JobNotFound',
        `No job with id '${echo(id)}' exists in this web service.`,
      );
    }
    return job;
  }

  private async withLock<T>(id: string, action: () => Promise<T>): Promise<T> {
    const previous = this.locks.get(id) ?? Promise.resolve();
    const next = previous.catch(() => undefined).then(action);
    this.locks.set(id, next);
    try {
      return await next;
    } finally {
      if (this.locks.get(id) === next) this.locks.delete(id);
    }
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}

function formatDuration(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}

function describeBlob(ref: BlobReference): string {
  return `'${ref.relativeLocation}' at ${ref.baseLocation}`;
}

/** The `Details` of a failed job: our own sentences as they are, anything else redacted. */
function failureDetails(error: unknown): string {
  if (error instanceof JobFailure) return error.message;
  if (error instanceof ServiceError) return error.details[0]?.message ?? error.message;
  const message = error instanceof Error ? error.message : String(error);
  return `The job failed unexpectedly: ${redactSecrets(message)}`;
}
