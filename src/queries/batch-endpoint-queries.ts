import { queryOptions } from '@tanstack/react-query';
import { isBatchEndpointTerminal, pollBatchJob } from '../core/batch/batch-endpoint-calls';
import { batchEndpointSettings } from '../core/batch/batch-endpoint-settings';
import { portalConfigQuery } from './definition-queries';

export const batchEndpointKeys = {
  all: ['batch-endpoint'] as const,
  settings: (environmentId: string) =>
    [...batchEndpointKeys.all, 'settings', environmentId] as const,
  job: (jobsUrl: string, name: string) => [...batchEndpointKeys.all, 'job', jobsUrl, name] as const,
};

/**
 * The environment's `batchEndpoint` block, checked from the loaded config's file when the flow
 * opens (not by the first page's loader: see batch-endpoint-settings.ts). No block: none.
 */
export function batchEndpointSettingsQuery(environmentId: string) {
  return queryOptions({
    queryKey: batchEndpointKeys.settings(environmentId),
    queryFn: async ({ client }) =>
      batchEndpointSettings(
        (await client.ensureQueryData(portalConfigQuery())).file,
        environmentId,
      ),
    staleTime: Infinity,
    retry: false,
  });
}

/** Polls the job every second until it ends; the token is used, not part of the key. */
export function batchEndpointJobQuery(jobsUrl: string, name: string, token: string) {
  // A token is a credential, and a new one reads the same job: it stays out of the key.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: batchEndpointKeys.job(jobsUrl, name),
    queryFn: ({ signal }) => pollBatchJob(jobsUrl, name, token, { signal }),
    refetchInterval: (query) => {
      const state = query.state.data?.job.state;
      if (query.state.error) return false;
      return state && isBatchEndpointTerminal(state) ? false : 1000;
    },
    retry: false,
    staleTime: 0,
  });
}
