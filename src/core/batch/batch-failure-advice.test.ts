import { describe, expect, it } from 'vitest';
import { adviseOnFailure } from './batch-failure-advice';

describe('adviseOnFailure', () => {
  it('recognises the causes a user can fix', () => {
    expect(adviseOnFailure('The input has no Col2 column.')).toMatch(
      /^The input needs a header row with a "Col2"/,
    );
    expect(adviseOnFailure('Input blob portico-uploads/x.csv not found (BlobNotFound).')).toMatch(
      /^The job could not find its input blob\./,
    );
    expect(
      adviseOnFailure('Server failed to authenticate the request (AuthenticationFailed).'),
    ).toMatch(/^Storage refused the job's SAS\./);
    expect(adviseOnFailure('Unreadable CSV: Invalid Closing Quote at line 3')).toMatch(
      /^The input could not be read as CSV\./,
    );
    expect(adviseOnFailure('connect ECONNREFUSED 127.0.0.1:10000')).toMatch(
      /^The service could not reach blob storage\./,
    );
  });

  it('falls back to general advice', () => {
    expect(adviseOnFailure(null)).toBe(
      'Read the details above, fix the input or the submit body, and submit a new job. The HTTP calls below show exactly what was sent.',
    );
  });
});
