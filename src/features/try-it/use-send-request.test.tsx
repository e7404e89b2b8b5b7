// @vitest-environment happy-dom
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, renderHook, waitFor } from '@testing-library/react';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import type { ReactNode } from 'react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Environment } from '../../core/config/portal-config';
import type { ApiDefinition } from '../../core/definition/api-model';
import { loadDefinition } from '../../core/definition/load-definition';
import { buildRequest } from '../../core/request/build-request';
import { jobStore } from '../../hooks/use-stored-jobs';
import { useSendRequest } from './use-send-request';

const definition = readFileSync(resolve('public/apis/azureml-demo.openapi.json'), 'utf8');
const JOB_ID = '539d0bc2fde945b6ac986b851d0000f0';

describe('useSendRequest with a real QueryClient against a loopback BES', () => {
  let server: Server;
  let environment: Environment;
  let api: ApiDefinition;

  beforeAll(async () => {
    server = createServer((req, res) => {
      res.setHeader('Access-Control-Allow-Origin', '*');
      res.setHeader('Access-Control-Allow-Headers', 'authorization, content-type');
      if (req.method === 'OPTIONS') {
        res.statusCode = 204;
        res.end();
        return;
      }
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(JOB_ID));
    });
    await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
    const { port } = server.address() as AddressInfo;
    environment = {
      id: 'local',
      name: 'Local',
      baseUrl: `http://127.0.0.1:${port}`,
      credentials: { azureml: 'k' },
    };
    api = await loadDefinition({ text: definition, fileName: 'demo.json' }, { id: 'azureml-demo' });
  });
  afterAll(() => new Promise<void>((done) => server.close(() => done())));

  it('sends BES Submit and remembers the job it returned in the shared job memory', async () => {
    window.localStorage.clear();
    const operation = api.operations.find((o) => o.operationId === 'BES_Submit');
    if (!operation) throw new Error('the demo definition has BES Submit');
    const client = new QueryClient();
    const { result } = renderHook(
      () => useSendRequest({ api, operation, environment, timeoutMs: 5000 }),
      {
        wrapper: ({ children }: { children: ReactNode }) => (
          <QueryClientProvider client={client}>{children}</QueryClientProvider>
        ),
      },
    );
    expect(result.current.state).toEqual({ status: 'idle' });
    const body = JSON.stringify({
      Inputs: { input1: { RelativeLocation: 'c/in.csv', BaseLocation: 'b', SasBlobToken: '' } },
      Outputs: { output1: { RelativeLocation: 'c/out.csv', BaseLocation: 'b', SasBlobToken: '' } },
    });
    const values = {
      path: { workspace: 'ws', service: 'svc' },
      query: { 'api-version': '2.0' },
      headers: {},
      customHeaders: [],
      body,
      contentType: 'application/json',
    };
    // The object the preview and the code samples show is the one sent, not a rebuilt copy.
    const request = buildRequest(operation, values, environment, api.securitySchemes);
    act(() => result.current.send(request, values));
    expect(result.current.pending).toBe(true);
    await waitFor(() => expect(result.current.state.status).toBe('success'));
    expect(result.current.sent).toBe(request);
    expect(result.current.sent?.url).toBe(
      `${environment.baseUrl}/workspaces/ws/services/svc/jobs?api-version=2.0`,
    );
    expect(result.current.jobIds).toEqual([JOB_ID]);
    expect(jobStore().getSnapshot()[0]).toMatchObject({
      jobId: JOB_ID,
      apiId: 'azureml-demo',
      environmentId: 'local',
      workspace: 'ws',
      service: 'svc',
      inputs: ['c/in.csv'],
      outputs: ['c/out.csv'],
    });
  });
});
