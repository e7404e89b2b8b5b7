// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { upsertJob, type StoredJob } from '../../core/batch/batch-job-list';
import { findBesOperations } from '../../core/batch/batch-operations';
import type { BesContext } from '../../core/batch/bes-calls';
import { JobStore } from '../../core/batch/job-store';
import { loadDefinition } from '../../core/definition/load-definition';
import { jobStore, useStoredJobs } from '../../hooks/use-stored-jobs';
import { recordJobStatuses } from '../../queries/job-queries';
import { useJobStatus } from './use-job-status';

// Vitest runs from the repository root; happy-dom's URL cannot name a file.
const definition = readFileSync(resolve('public/apis/azureml-demo.openapi.json'), 'utf8');

/** A loopback BES: job "run-1" is Running for its first read, then Finished. */
function startBes(): Promise<{ server: Server; url: string; reads: () => number }> {
  let reads = 0;
  const server = createServer((req, res) => {
    res.setHeader('Access-Control-Allow-Origin', '*');
    res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    res.setHeader('Content-Type', 'application/json');
    if (req.url?.includes('/jobs/run-1')) {
      reads += 1;
      const state = reads === 1 ? 'Running' : 'Finished';
      res.end(JSON.stringify({ StatusCode: state, Results: null, Details: null }));
    } else {
      res.statusCode = 404;
      res.end('{"error":{"code":"NotFound","message":"No such job."}}');
    }
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({ server, url: `http://127.0.0.1:${port}`, reads: () => reads });
    }),
  );
}

const storedJob = (jobId: string): StoredJob => ({
  jobId,
  apiId: 'azureml-demo',
  environmentId: 'local',
  workspace: 'ws',
  service: 'svc',
  inputs: [],
  outputs: [],
  submittedAt: 1,
  timeline: [{ state: 'NotStarted', at: 1 }],
});

describe('useJobStatus with a real QueryClient against a loopback BES', () => {
  let bes: Awaited<ReturnType<typeof startBes>>;
  let context: BesContext;

  beforeAll(async () => {
    bes = await startBes();
    const api = await loadDefinition({ text: definition, fileName: 'demo.json' }, { id: 'd' });
    const lookup = findBesOperations(api);
    if (!lookup.ok) throw new Error('the demo definition has its BES operations');
    context = {
      api,
      environment: { id: 'local', name: 'Local', baseUrl: bes.url, credentials: { azureml: 'k' } },
      operations: lookup.operations,
      workspace: 'ws',
      service: 'svc',
    };
  });
  afterAll(() => new Promise<void>((resolve) => bes.server.close(() => resolve())));

  function wrapperFor(client: QueryClient) {
    return function Wrapper({ children }: { children: ReactNode }) {
      return <QueryClientProvider client={client}>{children}</QueryClientProvider>;
    };
  }

  it('polls a running job until it ends, and the reads land in the job list', async () => {
    const client = new QueryClient();
    const store = new JobStore(undefined);
    store.update((list) => upsertJob(list, storedJob('run-1')));
    const unsubscribe = recordJobStatuses(client, store);
    const { result, unmount } = renderHook(() => useJobStatus(context, 'run-1', true), {
      wrapper: wrapperFor(client),
    });

    await waitFor(() => expect(result.current.data?.lastStatus?.state).toBe('Running'));
    expect(result.current.watch?.nextDelayMs).toBe(1000);
    expect(result.current.data?.call).toMatchObject({
      label: 'BES Status',
      state: { status: 'success' },
    });
    await waitFor(() => expect(result.current.data?.lastStatus?.state).toBe('Finished'), {
      timeout: 5000,
    });
    expect(result.current.watch?.nextDelayMs).toBe(false);
    expect(store.getSnapshot()[0]?.timeline.map((t) => t.state)).toEqual([
      'NotStarted',
      'Running',
      'Finished',
    ]);
    const readsAtEnd = bes.reads();
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(bes.reads()).toBe(readsAtEnd);
    unsubscribe();
    unmount();
  });

  it('stops at a refusal, and reads again when restarted', async () => {
    const client = new QueryClient();
    const { result, unmount } = renderHook(() => useJobStatus(context, 'gone', true), {
      wrapper: wrapperFor(client),
    });
    await waitFor(() => expect(result.current.data?.outcome.kind).toBe('rejected'));
    expect(result.current.watch?.nextDelayMs).toBe(false);
    const firstRead = result.current.data?.readAt;
    await act(async () => {
      result.current.restart();
      await new Promise((resolve) => setTimeout(resolve, 50));
    });
    await waitFor(() => expect(result.current.data?.readAt).not.toBe(firstRead));
    unmount();
  });

  it('reads nothing without a context to read in', async () => {
    const client = new QueryClient();
    const { result, unmount } = renderHook(() => useJobStatus(undefined, 'run-1', true), {
      wrapper: wrapperFor(client),
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(result.current.data).toBeUndefined();
    unmount();
  });
});

describe('useStoredJobs', () => {
  it('shows what the shared job store holds, updated when it changes', () => {
    window.localStorage.clear();
    const { result } = renderHook(() => useStoredJobs());
    expect(result.current).toEqual([]);
    act(() => jobStore().update((list) => upsertJob(list, storedJob('from-try-it'))));
    expect(result.current.map((j) => j.jobId)).toEqual(['from-try-it']);
    expect(window.localStorage.getItem('portico.batch-jobs.v1')).toContain('from-try-it');
  });
});
