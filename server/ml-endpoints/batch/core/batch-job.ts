import type { DataBinding } from './invoke-body';

/**
 * A batch endpoint job's states as Azure ML reports them in `properties.status`. The terminal
 * success state is `Completed` (the job resource's own enum); the reference notes samples that
 * loop on `Succeeded` too, but a job resource never reports it. `Preparing` and `Canceled` are
 * in Azure's enum; this endpoint never enters them (no environment to build, no cancel call).
 */
export const BATCH_JOB_STATUSES = [
  'NotStarted',
  'Queued',
  'Running',
  'Completed',
  'Failed',
] as const;
export type BatchJobStatus = (typeof BATCH_JOB_STATUSES)[number];

export function isTerminal(status: BatchJobStatus): boolean {
  return status === 'Completed' || status === 'Failed';
}

/** The file an MLflow batch deployment writes into its output folder. */
export const PREDICTIONS_FILE = 'predictions.csv';

export const ENDPOINT_NAME = 'portico-batch';
/** The ARM scope jobs are named under (`id`), as a workspace's jobs are. */
export const WORKSPACE_SCOPE =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/portico-demo/providers/Microsoft.MachineLearningServices/workspaces/demo-workspace';

/** A job as it is kept in storage: the caller's URIs as given (a SAS included), never shown. */
export interface StoredBatchJob {
  name: string;
  status: BatchJobStatus;
  deployment: string;
  input: DataBinding;
  output: DataBinding | null;
  /** Public URI (no SAS) of the output folder, the default one when the caller named none. */
  outputFolder: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  /** Runs begun, counting resumptions after a restart. */
  attempts: number;
  rowsProcessed: number;
  error: { code: string; message: string } | null;
}

/** The job resource (ARM shape) an invoke, a poll and the list answer with. */
export interface BatchJobResource {
  id: string;
  name: string;
  type: 'Microsoft.MachineLearningServices/workspaces/jobs';
  systemData: { createdAt: string; lastModifiedAt: string };
  properties: {
    jobType: 'Pipeline';
    displayName: string;
    experimentName: string;
    status: BatchJobStatus;
    endpointName: string;
    deploymentName: string;
    inputData: Record<string, { jobInputType: string; uri: string }>;
    outputData: Record<string, { jobOutputType: 'UriFolder'; uri: string }>;
    startTime: string | null;
    endTime: string | null;
    rowsProcessed: number;
    error: { code: string; message: string } | null;
  };
}

export const DEFAULT_OUTPUT_NAME = 'score';

export function isJobName(value: string): boolean {
  return /^batchjob-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
}

/**
 * `publicInputUri` is the input's URI without its SAS: a job resource goes to whoever polls
 * with a token, and to logs, so a caller's signature is never echoed.
 */
export function toJobResource(job: StoredBatchJob, publicInputUri: string): BatchJobResource {
  return {
    id: `${WORKSPACE_SCOPE}/jobs/${job.name}`,
    name: job.name,
    type: 'Microsoft.MachineLearningServices/workspaces/jobs',
    systemData: {
      createdAt: job.createdAt,
      lastModifiedAt: job.endedAt ?? job.startedAt ?? job.createdAt,
    },
    properties: {
      jobType: 'Pipeline',
      displayName: job.name,
      experimentName: ENDPOINT_NAME,
      status: job.status,
      endpointName: ENDPOINT_NAME,
      deploymentName: job.deployment,
      inputData: { [job.input.name]: { jobInputType: job.input.kind, uri: publicInputUri } },
      outputData: {
        [job.output?.name ?? DEFAULT_OUTPUT_NAME]: {
          jobOutputType: 'UriFolder',
          uri: job.outputFolder,
        },
      },
      startTime: job.startedAt,
      endTime: job.endedAt,
      rowsProcessed: job.rowsProcessed,
      error: job.error,
    },
  };
}
