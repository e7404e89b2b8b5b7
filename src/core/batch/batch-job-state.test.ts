import { describe, expect, it } from 'vitest';
import {
  JobStatusError,
  isTerminalState,
  jobActions,
  parseJobState,
  parseJobStatus,
  resultBlobUrl,
} from './batch-job-state';

describe('parseJobState', () => {
  it('accepts the names in any letter case and the numbers 0-4', () => {
    expect(parseJobState('NotStarted')).toBe('NotStarted');
    expect(parseJobState('running')).toBe('Running');
    expect(parseJobState(' FINISHED ')).toBe('Finished');
    expect([0, 1, 2, 3, 4].map(parseJobState)).toEqual([
      'NotStarted',
      'Running',
      'Failed',
      'Cancelled',
      'Finished',
    ]);
    expect(parseJobState('3')).toBe('Cancelled');
  });

  it('rejects anything else', () => {
    expect(parseJobState(5)).toBeUndefined();
    expect(parseJobState(1.5)).toBeUndefined();
    expect(parseJobState('Done')).toBeUndefined();
    expect(parseJobState(null)).toBeUndefined();
  });
});

describe('isTerminalState', () => {
  it('is true for Failed, Cancelled and Finished only', () => {
    expect(isTerminalState('NotStarted')).toBe(false);
    expect(isTerminalState('Running')).toBe(false);
    expect(isTerminalState('Failed')).toBe(true);
    expect(isTerminalState('Cancelled')).toBe(true);
    expect(isTerminalState('Finished')).toBe(true);
  });
});

describe('parseJobStatus', () => {
  it('reads a finished status with its results', () => {
    expect(
      parseJobStatus({
        StatusCode: 'Finished',
        Results: {
          output1: {
            ConnectionString: null,
            RelativeLocation: 'mycontainer/myresultsblob.csv',
            BaseLocation: 'https://acct.blob.core.windows.net/',
            SasBlobToken: '?sv=1&sr=b&sig=x&se=y&sp=r',
          },
        },
        Details: null,
      }),
    ).toEqual({
      state: 'Finished',
      results: [
        {
          output: 'output1',
          baseLocation: 'https://acct.blob.core.windows.net/',
          relativeLocation: 'mycontainer/myresultsblob.csv',
          sasBlobToken: '?sv=1&sr=b&sig=x&se=y&sp=r',
        },
      ],
      details: null,
    });
  });

  it('reads a numeric failed status with its details', () => {
    expect(parseJobStatus({ StatusCode: 2, Results: null, Details: 'Blob not found' })).toEqual({
      state: 'Failed',
      results: [],
      details: 'Blob not found',
    });
  });

  it('names what is wrong with a bad body', () => {
    expect(() => parseJobStatus('Running')).toThrow(
      new JobStatusError('The status response is not a JSON object.'),
    );
    expect(() => parseJobStatus({})).toThrow('The status response has no "StatusCode" field.');
    expect(() => parseJobStatus({ StatusCode: 'Paused' })).toThrow(
      'The status response has an unknown StatusCode "Paused".',
    );
  });
});

describe('resultBlobUrl', () => {
  it('joins the parts whatever their slashes and question marks', () => {
    expect(
      resultBlobUrl({
        baseLocation: 'https://acct.blob.core.windows.net/',
        relativeLocation: '/c/out.csv',
        sasBlobToken: 'sv=1&sig=x',
      }),
    ).toBe('https://acct.blob.core.windows.net/c/out.csv?sv=1&sig=x');
    expect(
      resultBlobUrl({
        baseLocation: 'http://127.0.0.1:10000/devstoreaccount1',
        relativeLocation: 'c/out.csv',
        sasBlobToken: '?sig=x',
      }),
    ).toBe('http://127.0.0.1:10000/devstoreaccount1/c/out.csv?sig=x');
  });
});

describe('jobActions', () => {
  it('allows start only before running, cancel until the end, delete after it', () => {
    expect(jobActions('NotStarted')).toEqual({ start: true, cancel: true, delete: false });
    expect(jobActions('Running')).toEqual({ start: false, cancel: true, delete: false });
    for (const state of ['Failed', 'Cancelled', 'Finished'] as const) {
      expect(jobActions(state)).toEqual({ start: false, cancel: false, delete: true });
    }
  });
});
