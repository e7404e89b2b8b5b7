import { describe, expect, it } from 'vitest';
import {
  buildInvokeRequest,
  jobsUrlOf,
  parseBatchJob,
  predictionsInContainer,
} from './batch-endpoint-calls';
import { batchEndpointSettings, blobUriOf, outputFolderFor } from './batch-endpoint-settings';
import { observeState } from './batch-endpoint-timeline';

describe('batch endpoint calls', () => {
  it('builds the invoke in the documented shape, the token a secret header', () => {
    expect(
      buildInvokeRequest({
        jobsUrl: 'http://127.0.0.1:8794/jobs',
        token: ' eyJ.x.y ',
        inputUri: 'http://127.0.0.1:10000/devstoreaccount1/up/in.csv',
        inputKind: 'UriFile',
        outputFolderUri: 'http://127.0.0.1:10000/devstoreaccount1/up/out/',
        deployment: 'hashing-v2',
        requestId: 'r-1',
      }),
    ).toEqual({
      method: 'POST',
      url: 'http://127.0.0.1:8794/jobs',
      headers: [
        { name: 'Authorization', value: 'Bearer eyJ.x.y', secret: true },
        { name: 'Content-Type', value: 'application/json' },
        { name: 'repeatability-request-id', value: 'r-1' },
        { name: 'azureml-model-deployment', value: 'hashing-v2' },
      ],
      body: JSON.stringify(
        {
          properties: {
            InputData: {
              input: {
                JobInputType: 'UriFile',
                Uri: 'http://127.0.0.1:10000/devstoreaccount1/up/in.csv',
              },
            },
            OutputData: {
              score: {
                JobOutputType: 'UriFolder',
                Uri: 'http://127.0.0.1:10000/devstoreaccount1/up/out/',
              },
            },
          },
        },
        null,
        2,
      ),
    });
    expect(jobsUrlOf('https://ep.westeurope.inference.ml.azure.com/')).toBe(
      'https://ep.westeurope.inference.ml.azure.com/jobs',
    );
    expect(jobsUrlOf('http://127.0.0.1:8794/jobs/')).toBe('http://127.0.0.1:8794/jobs');
  });

  it('reads a job resource, and refuses what is not one', () => {
    expect(
      parseBatchJob({
        name: 'batchjob-1',
        properties: {
          status: 'Failed',
          deploymentName: 'hashing-v1',
          outputData: { score: { jobOutputType: 'UriFolder', uri: 'http://a/acct/c/out/' } },
          error: { code: 'UserError', message: 'No Col2.' },
        },
      }),
    ).toEqual({
      name: 'batchjob-1',
      state: 'Failed',
      deployment: 'hashing-v1',
      outputName: 'score',
      outputFolder: 'http://a/acct/c/out/',
      error: 'No Col2.',
    });
    expect(() => parseBatchJob({ name: 'x', properties: { status: 'Succeeded' } })).toThrow(
      /unknown status "Succeeded"/,
    );
    expect(() => parseBatchJob('batchjob-1')).toThrow(/not a job resource/);
  });

  it('finds predictions.csv in the container the SAS opens, and only there', () => {
    expect(
      predictionsInContainer(
        'http://127.0.0.1:10000/devstoreaccount1/up/batch-endpoint-outputs/in-1/',
        'http://127.0.0.1:10000/devstoreaccount1/up',
      ),
    ).toEqual({
      baseLocation: 'http://127.0.0.1:10000/devstoreaccount1/',
      relativeLocation: 'up/batch-endpoint-outputs/in-1/predictions.csv',
    });
    expect(
      predictionsInContainer(
        'http://127.0.0.1:10000/devstoreaccount1/other/x/',
        'http://127.0.0.1:10000/devstoreaccount1/up',
      ),
    ).toBeUndefined();
  });
});

describe('batch endpoint settings', () => {
  it("reads the environment's block, with Entra ID's scope by default", () => {
    const config = {
      environments: [
        { id: 'a' },
        {
          id: 'local-demo',
          batchEndpoint: {
            scoringUri: 'http://127.0.0.1:8794/jobs',
            tokenIssuer: 'http://127.0.0.1:8792',
            confidentialClientId: 'portico-demo-service',
            resource: 'https://ml.azure.com',
            scopes: ['user_impersonation'],
          },
        },
      ],
    };
    expect(batchEndpointSettings(config, 'local-demo')).toEqual({
      scoringUri: 'http://127.0.0.1:8794/jobs',
      tokenIssuer: 'http://127.0.0.1:8792',
      confidentialClientId: 'portico-demo-service',
      resource: 'https://ml.azure.com',
      scopes: ['user_impersonation'],
    });
    expect(batchEndpointSettings(config, 'a')).toEqual({
      scopes: ['https://ml.azure.com/.default'],
    });
    expect(batchEndpointSettings(null, 'a').scopes).toEqual(['https://ml.azure.com/.default']);
  });

  it('puts the output beside the input, and names blobs without a SAS', () => {
    expect(
      outputFolderFor(
        'http://h/acct/up/',
        'inputs/my file.csv',
        new Date('2026-12-07T00:15:30.123Z'),
      ),
    ).toBe('http://h/acct/up/batch-endpoint-outputs/my%20file-20261207T001530Z/');
    expect(blobUriOf('http://h/acct/up', 'a b/c.csv')).toBe('http://h/acct/up/a%20b/c.csv');
  });

  it('keeps one timeline entry per state change', () => {
    let timeline = observeState<string>([], 'NotStarted', 1);
    timeline = observeState(timeline, 'NotStarted', 2);
    timeline = observeState(timeline, 'Running', 5);
    expect(timeline).toEqual([
      { state: 'NotStarted', at: 1, lastSeenAt: 2 },
      { state: 'Running', at: 5, lastSeenAt: 5 },
    ]);
  });
});
