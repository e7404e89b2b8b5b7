import type { UseFormReturn } from 'react-hook-form';

/** What the new-job form holds; a file and an upload are not form values. */
export interface NewJobValues {
  workspace: string;
  service: string;
  sasUrl: string;
  outputName: string;
  /** The submit body as shown: the SAS hidden unless revealed. */
  body: string;
}

export type NewJobForm = UseFormReturn<NewJobValues>;

export interface SubmittedJob {
  jobId: string;
  workspace: string;
  service: string;
  fileName?: string;
  inputs: string[];
  outputs: string[];
}
