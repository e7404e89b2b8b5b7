import { describe, expect, it } from 'vitest';
import { describeStorageError, statusCodeOf } from './storage-errors';

const label = "'box/in.csv' at http://127.0.0.1:1/devstoreaccount1/";

describe('describeStorageError', () => {
  it('says which blob was not found, or that its container is missing', () => {
    expect(describeStorageError({ statusCode: 404, code: 'BlobNotFound' }, 'read', label)).toBe(
      `The input blob ${label} was not found. Check RelativeLocation and that the upload finished.`,
    );
    expect(
      describeStorageError({ statusCode: 404, code: 'ContainerNotFound' }, 'write', label),
    ).toBe(
      `Could not write the output blob ${label}: its container does not exist. Check RelativeLocation.`,
    );
  });

  it('explains a refused key or SAS with the permission the job needed', () => {
    expect(
      describeStorageError(
        { statusCode: 403, code: 'AuthorizationPermissionMismatch' },
        'write',
        label,
      ),
    ).toBe(
      `Storage refused to let the job write the output blob ${label} (403 AuthorizationPermissionMismatch): the account key or SAS token is wrong, has expired, or lacks the write and create permission.`,
    );
  });

  it('names an unreachable storage without leaking a signature', () => {
    const text = describeStorageError(
      { code: 'ECONNREFUSED', message: 'connect ECONNREFUSED http://h/c/b?sig=SECRET' },
      'read',
      label,
    );
    expect(text).toBe(
      `Could not reach storage to read the input blob ${label} (ECONNREFUSED). Check the connection string or BaseLocation, and that the storage account is running.`,
    );
    expect(
      describeStorageError(new Error('socket hang up ?sig=SECRET'), 'read', label),
    ).not.toContain('SECRET');
  });

  it('reports any other answer with its status and code', () => {
    expect(describeStorageError({ statusCode: 500, code: 'InternalError' }, 'read', label)).toBe(
      `Storage answered 500 InternalError when the job tried to read the input blob ${label}.`,
    );
    expect(statusCodeOf({ statusCode: '500' })).toBeUndefined();
    expect(statusCodeOf(null)).toBeUndefined();
  });
});
