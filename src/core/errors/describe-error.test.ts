import { describe, expect, it } from 'vitest';
import { BesCallError } from '../batch/bes-call-error';
import { describeStorageError } from '../batch/batch-storage-errors';
import { StorageFailure } from '../batch/storage-failure';
import { ReportsError } from '../apim/reports-error';
import { describeError } from './describe-error';

describe('describeError for batch errors', () => {
  it('titles a BES failure with the call it came from', () => {
    const error = new BesCallError(
      'BES Submit',
      'BES Submit was answered with 401.',
      401,
      undefined,
    );
    expect(describeError(error)).toEqual({
      title: 'BES Submit failed',
      message: 'BES Submit was answered with 401.',
    });
  });

  it('passes a storage problem through as it was worded', () => {
    const problem = describeStorageError({ name: 'AbortError' }, { action: 'upload' });
    expect(describeError(new StorageFailure(problem, undefined))).toEqual({
      title: problem.title,
      message: problem.message,
      ...(problem.hint ? { hint: problem.hint } : {}),
    });
    expect(problem.message).toBe('The upload was cancelled. Nothing else was changed.');
  });
});

describe('describeError for the reports API', () => {
  it('says whether the reports API refused or could not be reached, with what to do', () => {
    expect(
      describeError(
        new ReportsError('$filter is required.', 400, 'ValidationError', 'Choose a range.'),
      ),
    ).toEqual({
      title: 'The reports API refused (ValidationError)',
      message: '$filter is required.',
      hint: 'Choose a range.',
    });
    expect(
      describeError(
        new ReportsError('The reports API at x could not be reached.', 0, 'Unreachable'),
      ),
    ).toEqual({
      title: 'The reports API could not be reached',
      message: 'The reports API at x could not be reached.',
    });
  });
});
