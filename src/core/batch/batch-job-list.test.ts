import { describe, expect, it } from 'vitest';
import {
  MAX_STORED_JOBS,
  currentState,
  isJobDone,
  parseStoredJobs,
  recordState,
  stayText,
  removeJob,
  serializeJobs,
  upsertJob,
  type StoredJob,
  submittedJob,
} from './batch-job-list';

const job: StoredJob = {
  jobId: '539d0bc2fde945b6ac986b851d0000f0',
  apiId: 'azureml-demo',
  environmentId: 'local-demo',
  workspace: 'demo-workspace',
  service: 'simple-feature-hashing',
  fileName: 'reviews.csv',
  inputs: ['portico-uploads/inputs/reviews.csv'],
  outputs: ['portico-uploads/outputs/reviews-scored.csv'],
  submittedAt: 1000,
  timeline: [{ state: 'NotStarted', at: 1000 }],
};

describe('recordState', () => {
  it('appends a new state with its time and ignores repeats', () => {
    const running = recordState(job, 'Running', 2000);
    expect(running.timeline).toEqual([
      { state: 'NotStarted', at: 1000 },
      { state: 'Running', at: 2000 },
    ]);
    expect(recordState(running, 'Running', 1500)).toBe(running);
    expect(currentState(running)).toBe('Running');
    expect(isJobDone(running)).toBe(false);
  });

  it('keeps when a state was last seen, apart from when the next one was', () => {
    const running = recordState(job, 'Running', 2000);
    const seen = recordState(running, 'Running', 3000);
    expect(seen.timeline).toEqual([
      { state: 'NotStarted', at: 1000 },
      { state: 'Running', at: 2000, lastSeenAt: 3000 },
    ]);
    const done = recordState(seen, 'Finished', 33_000);
    expect(parseStoredJobs(serializeJobs([done]))[0]?.timeline).toEqual(done.timeline);
    const [, runningEntry, finishedEntry] = done.timeline;
    expect(stayText(runningEntry!, finishedEntry, 40_000)).toBe(
      'took 1.0 s–31 s (not checked for 30 s)',
    );
    // Checked often enough: the time to the next state is the stay.
    expect(
      stayText(
        { state: 'Running', at: 2000, lastSeenAt: 6000 },
        finishedEntry && { ...finishedEntry, at: 7000 },
        0,
      ),
    ).toBe('took 5.0 s');
    expect(stayText({ state: 'Running', at: 2000 }, undefined, 14_000)).toBe('for 12 s');
    expect(stayText(finishedEntry!, undefined, 40_000)).toBeUndefined();
  });

  it('keeps a terminal state final and stores failure details', () => {
    const failed = recordState(job, 'Failed', 2000, 'Blob not found');
    expect(failed.details).toBe('Blob not found');
    expect(isJobDone(failed)).toBe(true);
    expect(recordState(failed, 'Running', 3000)).toBe(failed);
  });

  it('starts from NotStarted when the timeline is empty', () => {
    expect(currentState({ ...job, timeline: [] })).toBe('NotStarted');
  });
});

describe('submittedJob', () => {
  it('is the one shape a submitted job is remembered in, from either way of submitting', () => {
    expect(
      submittedJob(
        {
          jobId: 'abc',
          apiId: 'azureml-demo',
          environmentId: 'local-demo',
          workspace: 'w',
          service: 's',
          inputs: ['/in/a.csv'],
          outputs: ['/out/a.csv'],
          fileName: 'a.csv',
        },
        1000,
      ),
    ).toEqual({
      jobId: 'abc',
      apiId: 'azureml-demo',
      environmentId: 'local-demo',
      workspace: 'w',
      service: 's',
      inputs: ['/in/a.csv'],
      outputs: ['/out/a.csv'],
      fileName: 'a.csv',
      submittedAt: 1000,
      timeline: [{ state: 'NotStarted', at: 1000 }],
    });
  });
});

describe('upsertJob and removeJob', () => {
  it('keeps the newest first, replaces by id, and caps the list', () => {
    const older = { ...job, jobId: 'a', submittedAt: 1 };
    const newer = { ...job, jobId: 'b', submittedAt: 2 };
    let list = upsertJob(upsertJob([], older), newer);
    expect(list.map((j) => j.jobId)).toEqual(['b', 'a']);
    list = upsertJob(list, { ...older, fileName: 'x.csv' });
    expect(list.map((j) => [j.jobId, j.fileName])).toEqual([
      ['b', 'reviews.csv'],
      ['a', 'x.csv'],
    ]);
    expect(removeJob(list, 'b').map((j) => j.jobId)).toEqual(['a']);
    let many: StoredJob[] = [];
    for (let i = 0; i < MAX_STORED_JOBS + 5; i += 1) {
      many = upsertJob(many, { ...job, jobId: `j${i}`, submittedAt: i });
    }
    expect(many).toHaveLength(MAX_STORED_JOBS);
    expect(many[0]?.jobId).toBe(`j${MAX_STORED_JOBS + 4}`);
  });
});

describe('serializeJobs and parseStoredJobs', () => {
  it('round-trips a job', () => {
    const done = recordState(recordState(job, 'Running', 2000), 'Finished', 9000);
    expect(parseStoredJobs(serializeJobs([done]))).toEqual([done]);
  });

  it('never writes fields that are not part of a job, such as a SAS or a key', () => {
    const leaky = { ...job, sasToken: '?sig=secret', apiKey: 'k' } as StoredJob;
    const text = serializeJobs([leaky]);
    expect(text).not.toContain('secret');
    expect(text).not.toContain('apiKey');
  });

  it('drops what it cannot read instead of failing', () => {
    expect(parseStoredJobs(null)).toEqual([]);
    expect(parseStoredJobs('not json')).toEqual([]);
    expect(parseStoredJobs('{"jobs": 3}')).toEqual([]);
    const text = JSON.stringify({
      version: 1,
      jobs: [
        { ...job, timeline: [{ state: 1, at: 5 }, { state: 'Paused', at: 6 }, 'x'] },
        { ...job, jobId: '../evil' },
        { jobId: 'x' },
      ],
    });
    expect(parseStoredJobs(text)).toEqual([{ ...job, timeline: [{ state: 'Running', at: 5 }] }]);
  });
});
