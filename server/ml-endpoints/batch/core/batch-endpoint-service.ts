import { randomUUID } from 'node:crypto';
import { setTimeout as delay } from 'node:timers/promises';
import {
  AnonymousCredential,
  ContainerClient,
  StorageSharedKeyCredential,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import { openBlockBlob, redactSecrets, type OwnStorage } from '../../../core/blob-refs';
import { JobFailure } from '../../../core/csv-hashing';
import { echo } from '../../../core/errors';
import { DEMO_HASHING, type HashingSettings } from '../../../core/feature-hashing';
import type { StorageTrust } from '../../../core/trusted-storage';
import { BatchEndpointError } from './batch-endpoint-error';
import {
  PREDICTIONS_FILE,
  isTerminal,
  toJobResource,
  type BatchJobResource,
  type StoredBatchJob,
} from './batch-job';
import type { BatchJobStore } from './batch-job-store';
import { publicDataUri, resolveDataUri, toBlobReference, type DataLocation } from './data-uri';
import { hashToPredictions, type InputFile } from './hash-to-predictions';
import { parseInvokeBody, type DataBinding } from './invoke-body';

export interface BatchDeployment {
  name: string;
  settings: HashingSettings;
}

/**
 * The endpoint's deployments: the tutorial's hashing model (8 features) as the default, and a
 * newer version with 16, so targeting a deployment changes the output visibly.
 */
export const BATCH_DEPLOYMENTS: readonly BatchDeployment[] = [
  { name: 'hashing-v1', settings: { ...DEMO_HASHING } },
  { name: 'hashing-v2', settings: { ...DEMO_HASHING, bitSize: 4 } },
];
export const DEFAULT_BATCH_DEPLOYMENT = 'hashing-v1';
/** Where a job that names no output writes, in the endpoint's own storage. */
export const DEFAULT_OUTPUTS_CONTAINER = 'portico-batch-outputs';
/** The newest jobs `GET /jobs` lists. */
export const JOB_LIST_LIMIT = 100;

export interface BatchEndpointServiceOptions {
  store: BatchJobStore;
  ownStorage: OwnStorage;
  trust: StorageTrust;
  /**
   * A job is not Completed sooner than this after it was created (demo pacing): it stays
   * NotStarted for a fifth of it, Queued for the next fifth, and Running for the rest.
   */
  minRuntimeMs?: number;
  /** Runs that may begin for one job, counting resumptions after a restart. */
  maxAttempts?: number;
  pipelineOptions?: StoragePipelineOptions;
  log?: (message: string) => void;
}

export interface InvokeOptions {
  /** `azureml-model-deployment`; the default deployment when absent. */
  deployment?: string;
  /** `repeatability-request-id`: a repeat answers with the job the first request created. */
  repeatabilityId?: string;
}

/**
 * The batch endpoint without HTTP: invoke, poll, list, and the jobs' runs. Each job has one
 * run loop that alone writes its state, so no two writers race.
 */
export class BatchEndpointService {
  private readonly running = new Map<string, AbortController>();
  private readonly runs = new Set<Promise<void>>();
  private readonly claims = new Map<string, Promise<BatchJobResource>>();
  private closed = false;

  constructor(private readonly options: BatchEndpointServiceOptions) {}

  /** Resolves once the job is stored: an acknowledged job survives a stop of the stack. */
  async invoke(body: unknown, invoke: InvokeOptions = {}): Promise<BatchJobResource> {
    const request = parseInvokeBody(body);
    const deployment = this.deployment(invoke.deployment);
    // Checked now so a bad URI is a 400, not a job that fails later.
    const input = this.locate(request.input, 'InputData');
    const output = request.output ? this.locate(request.output, 'OutputData') : null;
    const create = async (name: string): Promise<BatchJobResource> => {
      const job: StoredBatchJob = {
        name,
        status: 'NotStarted',
        deployment: deployment.name,
        input: request.input,
        output: request.output,
        outputFolder: output ? publicDataUri(output) : this.defaultOutputFolder(name),
        createdAt: new Date().toISOString(),
        startedAt: null,
        endedAt: null,
        attempts: 0,
        rowsProcessed: 0,
        error: null,
      };
      await this.options.store.put(job);
      this.launch(job);
      return toJobResource(job, publicDataUri(input));
    };
    const name = `batchjob-${randomUUID()}`;
    const id = invoke.repeatabilityId;
    if (id === undefined) return create(name);
    // One claim per id at a time in this process; the store's conditional write covers others.
    const pending = this.claims.get(id);
    if (pending) return pending;
    const claim = (async () => {
      const holder = await this.options.store.claimRepeatability(id, name);
      if (holder === name) return create(name);
      const earlier = await this.options.store.get(holder);
      // Claimed by a request whose job was never stored (the service stopped in between).
      return earlier ? this.resource(earlier) : create(holder);
    })();
    this.claims.set(id, claim);
    try {
      return await claim;
    } finally {
      this.claims.delete(id);
    }
  }

  async get(name: string): Promise<BatchJobResource> {
    const job = await this.options.store.get(name);
    if (!job) {
      throw new BatchEndpointError(
        'NotFound',
        `No job named '${echo(name)}' exists on this batch endpoint. GET /jobs lists its jobs.`,
      );
    }
    return this.resource(job);
  }

  async list(): Promise<BatchJobResource[]> {
    return (await this.options.store.list(JOB_LIST_LIMIT)).map((job) => this.resource(job));
  }

  /** At startup: every job that had not ended is taken up again where it was. */
  async resumeInterrupted(): Promise<void> {
    const names = await this.options.store.namesWithStatus(['NotStarted', 'Queued', 'Running']);
    for (const name of names) {
      const job = await this.options.store.get(name);
      if (!job || isTerminal(job.status) || this.running.has(name)) continue;
      this.log(`job ${name}: resumed after a restart (${job.status})`);
      this.launch(job);
    }
  }

  /** Stops the runs without recording an outcome: their jobs resume on the next start. */
  async close(): Promise<void> {
    this.closed = true;
    for (const controller of this.running.values()) controller.abort();
    await Promise.allSettled([...this.runs]);
  }

  private deployment(requested: string | undefined): BatchDeployment {
    const name = requested?.trim() || DEFAULT_BATCH_DEPLOYMENT;
    const found = BATCH_DEPLOYMENTS.find((d) => d.name === name);
    if (!found) {
      throw new BatchEndpointError(
        'UserError',
        `Deployment '${echo(name)}' does not exist on endpoint portico-batch. Its deployments are ${BATCH_DEPLOYMENTS.map((d) => d.name).join(', ')}; leave azureml-model-deployment out for the default (${DEFAULT_BATCH_DEPLOYMENT}).`,
      );
    }
    return found;
  }

  private locate(binding: DataBinding, section: string): DataLocation {
    return resolveDataUri(
      binding.uri,
      binding.kind,
      `${section}.${echo(binding.name)}`,
      this.options.ownStorage,
      this.options.trust,
    );
  }

  private defaultOutputFolder(name: string): string {
    return `${this.options.ownStorage.baseLocation}${DEFAULT_OUTPUTS_CONTAINER}/${name}/score/`;
  }

  private resource(job: StoredBatchJob): BatchJobResource {
    let input: string;
    try {
      input = publicDataUri(this.locate(job.input, 'InputData'));
    } catch {
      // No longer trusted (the setting changed): still shown, without its query.
      input = job.input.uri.split('?')[0] ?? '';
    }
    return toJobResource(job, input);
  }

  private launch(job: StoredBatchJob): void {
    if (this.closed) return;
    const controller = new AbortController();
    this.running.set(job.name, controller);
    const run = this.run(job, controller.signal)
      .catch((error: unknown) => {
        if (!controller.signal.aborted)
          this.log(`job ${job.name}: ${redactSecrets(String(error))}`);
      })
      .finally(() => {
        this.running.delete(job.name);
        this.runs.delete(run);
      });
    this.runs.add(run);
  }

  private async run(job: StoredBatchJob, signal: AbortSignal): Promise<void> {
    const minRuntime = this.options.minRuntimeMs ?? 0;
    const created = Date.parse(job.createdAt);
    const until = async (at: number): Promise<void> => {
      const wait = at - Date.now();
      if (wait > 0) await delay(wait, undefined, { signal });
    };
    if (job.status === 'NotStarted') {
      await until(created + minRuntime / 5);
      job.status = 'Queued';
      await this.options.store.put(job);
    }
    if (job.status === 'Queued') {
      await until(created + (2 * minRuntime) / 5);
      job.status = 'Running';
      job.startedAt = new Date().toISOString();
      await this.options.store.put(job);
    }
    const maxAttempts = this.options.maxAttempts ?? 3;
    if (job.attempts >= maxAttempts) {
      await this.finish(job, {
        status: 'Failed',
        error: {
          code: 'SystemError',
          message: `The endpoint stopped ${job.attempts} times while this job was running, so it was not resumed again. Invoke the endpoint again.`,
        },
      });
      return;
    }
    job.attempts += 1;
    await this.options.store.put(job);
    try {
      const rows = await this.score(job, signal);
      job.rowsProcessed = rows;
      await until(created + minRuntime);
      await this.finish(job, { status: 'Completed', error: null });
    } catch (error) {
      if (signal.aborted) return;
      await this.finish(job, { status: 'Failed', error: failure(error) });
    }
  }

  private async score(job: StoredBatchJob, signal: AbortSignal): Promise<number> {
    // The trust list may have changed since the job was accepted (a restart, new settings).
    const input = this.locate(job.input, 'InputData');
    const output = job.output
      ? this.locate(job.output, 'OutputData')
      : resolveDataUri(
          job.outputFolder,
          'UriFolder',
          'OutputData',
          this.options.ownStorage,
          this.options.trust,
        );
    const files = await this.inputFiles(input, signal);
    const pipeline = this.options.pipelineOptions ?? {};
    const targetRef = toBlobReference(output, `${output.path}${PREDICTIONS_FILE}`);
    if (output.auth.kind === 'account-key') {
      // The endpoint's own storage: it may create the output container, as a datastore would.
      await new ContainerClient(
        `${output.baseLocation}${output.container}`,
        new StorageSharedKeyCredential(output.auth.accountName, output.auth.accountKey),
        pipeline,
      )
        .createIfNotExists({ abortSignal: signal })
        .catch(() => undefined);
    }
    const deployment = this.deployment(job.deployment);
    const { rows } = await hashToPredictions({
      files,
      target: openBlockBlob(targetRef, pipeline),
      targetLabel: `'${targetRef.relativeLocation}' at ${targetRef.baseLocation}`,
      settings: deployment.settings,
      signal,
    });
    return rows;
  }

  /** A UriFile is its blob; a UriFolder is every .csv blob under it, in name order. */
  private async inputFiles(input: DataLocation, signal: AbortSignal): Promise<InputFile[]> {
    const pipeline = this.options.pipelineOptions ?? {};
    const label = (blobName: string): string =>
      `'${input.container}/${blobName}' at ${input.baseLocation}`;
    if (input.kind === 'UriFile') {
      return [
        {
          blob: openBlockBlob(toBlobReference(input, input.path), pipeline),
          label: label(input.path),
        },
      ];
    }
    const container =
      input.auth.kind === 'account-key'
        ? new ContainerClient(
            `${input.baseLocation}${input.container}`,
            new StorageSharedKeyCredential(input.auth.accountName, input.auth.accountKey),
            pipeline,
          )
        : new ContainerClient(
            `${input.baseLocation}${input.container}${input.auth.token}`,
            new AnonymousCredential(),
            pipeline,
          );
    const names: string[] = [];
    try {
      for await (const blob of container.listBlobsFlat({
        prefix: input.path,
        abortSignal: signal,
      })) {
        if (/\.csv$/i.test(blob.name)) names.push(blob.name);
      }
    } catch (error) {
      if (signal.aborted) throw error;
      throw new JobFailure(
        `Could not list the input folder ${label(input.path)}: ${redactSecrets(error instanceof Error ? error.message : String(error))}`,
      );
    }
    if (names.length === 0) {
      throw new JobFailure(
        `The input folder ${label(input.path)} holds no .csv file. Upload the CSV to score into it, or send a UriFile.`,
      );
    }
    names.sort();
    return names.map((name) => ({
      blob: openBlockBlob(toBlobReference(input, name), pipeline),
      label: label(name),
    }));
  }

  private async finish(
    job: StoredBatchJob,
    outcome: Pick<StoredBatchJob, 'status' | 'error'>,
  ): Promise<void> {
    Object.assign(job, outcome, { endedAt: new Date().toISOString() });
    await this.options.store.put(job);
    this.log(`job ${job.name}: ${job.status} (${job.rowsProcessed} rows)`);
  }

  private log(message: string): void {
    this.options.log?.(message);
  }
}

/** A failed job's `error`: our own sentences as they are, anything else redacted. */
function failure(error: unknown): { code: string; message: string } {
  if (error instanceof JobFailure || error instanceof BatchEndpointError) {
    return { code: 'UserError', message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: 'SystemError', message: `The job failed unexpectedly: ${redactSecrets(message)}` };
}
