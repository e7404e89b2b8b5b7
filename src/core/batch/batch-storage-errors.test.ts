import { describe, expect, it } from 'vitest';
import { describeStorageError, isNetworkFailure } from './batch-storage-errors';

function restError(statusCode: number | undefined, code: string): Error {
  return Object.assign(new Error(`${code} message\nRequestId:1`), {
    name: 'RestError',
    statusCode,
    code,
  });
}

describe('describeStorageError', () => {
  it('turns a 403 AuthenticationFailed into a sentence', () => {
    expect(
      describeStorageError(restError(403, 'AuthenticationFailed'), { action: 'upload the file' }),
    ).toEqual({
      kind: 'auth',
      title: 'SAS refused',
      message:
        'Storage refused the SAS (AuthenticationFailed): it has expired, was revoked, or was copied incompletely.',
      hint: 'Generate a new container SAS URL (or press "Get a demo SAS" in the Local demo) and try again.',
    });
  });

  it('names missing permissions', () => {
    expect(
      describeStorageError(restError(403, 'AuthorizationPermissionMismatch'), {
        action: 'upload the file',
      }),
    ).toMatchObject({
      kind: 'permission',
      message:
        'Storage refused to upload the file: the SAS does not grant this operation (AuthorizationPermissionMismatch).',
    });
  });

  it('explains a blocked response as missing CORS rules for the origin', () => {
    const problem = describeStorageError(new TypeError('Failed to fetch'), {
      origin: 'http://127.0.0.1:5173',
      action: 'upload the file',
      reachable: true,
    });
    expect(problem).toEqual({
      kind: 'cors',
      title: 'Blocked by the browser (CORS)',
      message:
        'The browser blocked the storage response, so it could not upload the file. The storage account needs CORS rules for http://127.0.0.1:5173.',
      hint: 'In the storage account, under Resource sharing (CORS) for the Blob service, add a rule: allowed origin http://127.0.0.1:5173, allowed methods PUT, GET, HEAD, OPTIONS, allowed headers *, exposed headers *.',
    });
    expect(isNetworkFailure(restError(undefined, 'REQUEST_SEND_ERROR'))).toBe(true);
    expect(describeStorageError(restError(undefined, 'REQUEST_SEND_ERROR')).kind).toBe('cors');
  });

  it('says unreachable when the endpoint does not answer at all', () => {
    expect(describeStorageError(new TypeError('Failed to fetch'), { reachable: false }).kind).toBe(
      'unreachable',
    );
  });

  it('recognises cancel, not found and anything else', () => {
    const abort = Object.assign(new Error('The operation was aborted.'), { name: 'AbortError' });
    expect(describeStorageError(abort, { action: 'upload' })).toEqual({
      kind: 'cancelled',
      title: 'Cancelled',
      message: 'The upload was cancelled. Nothing else was changed.',
    });
    expect(describeStorageError(restError(404, 'ContainerNotFound')).message).toBe(
      'The container does not exist (ContainerNotFound), so storage could not reach blob storage.',
    );
    expect(describeStorageError(restError(500, 'InternalError')).message).toBe(
      'Could not reach blob storage: InternalError message (HTTP 500)',
    );
  });
});
