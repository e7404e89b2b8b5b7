import { describe, expect, it } from 'vitest';
import {
  describeManagementError,
  fieldOfError,
  parseArmError,
  policyErrorPosition,
} from './management-error';
import { describeError } from '../errors/describe-error';

const arm = (code: string, message: string, target?: string) => ({
  error: { code, message, details: [{ code, message, ...(target ? { target } : {}) }] },
});

describe('management errors', () => {
  it('names the other API when a suffix is taken, at the suffix field', () => {
    const error = parseArmError(
      'Saving the API',
      409,
      'Conflict',
      arm(
        'Conflict',
        'The API "azureml-demo" already has the path "azureml-demo": each API needs a URL suffix of its own.',
        'properties.path',
      ),
      'local',
    );
    expect(fieldOfError(error)).toBe('path');
    expect(describeError(error)).toEqual({
      title: 'Saving the API: already taken',
      message:
        'The API "azureml-demo" already has the path "azureml-demo": each API needs a URL suffix of its own.',
      hint: 'Choose another Web API URL suffix.',
    });
  });

  it('reads the field of a Conflict without details from its sentence', () => {
    const error = parseArmError(
      'Adding the API',
      409,
      'Conflict',
      {
        error: {
          code: 'Conflict',
          message:
            'The API "azureml-demo" already has the path "azureml-demo": each API needs a URL suffix of its own.',
        },
      },
      'local',
    );
    expect([error.target, fieldOfError(error)]).toEqual(['properties.path', 'path']);
    const twin = parseArmError(
      'Adding the operation',
      409,
      'Conflict',
      { error: { code: 'Conflict', message: 'The operation "a" already answers GET /a.' } },
      'local',
    );
    expect(fieldOfError(twin)).toBe('urlTemplate');
  });

  it('says which host is not trusted and the setting that allows it', () => {
    const message =
      'The gateway forwards only to trusted hosts, and "example.org" is not one. Start the stack with GATEWAY_TRUSTED_HOSTS=example.org to allow it.';
    const error = parseArmError(
      'Adding the API',
      400,
      'Bad Request',
      arm('ValidationError', message, 'properties.serviceUrl'),
      'local',
    );
    expect(fieldOfError(error)).toBe('serviceUrl');
    expect(describeManagementError(error)).toEqual({
      title: 'Adding the API: the gateway does not trust that host',
      message,
      hint: 'Use the address of a service the stack runs, or restart the stack with GATEWAY_TRUSTED_HOSTS set as the message says.',
    });
  });

  it('reads the line and column of a refused policy', () => {
    const error = parseArmError(
      'Saving the policy',
      400,
      'Bad Request',
      arm(
        'ValidationError',
        "Element 'bandwidth' is not supported by the local gateway. (line 4, column 5)",
        'bandwidth',
      ),
      'local',
    );
    expect(policyErrorPosition(error)).toEqual({
      line: 4,
      column: 5,
      message: "Element 'bandwidth' is not supported by the local gateway. (line 4, column 5)",
    });
    expect(describeManagementError(error).hint).toBe(
      'Fix line 4 (marked in the editor) and save again.',
    );
    expect(policyErrorPosition(new Error('x'))).toBeUndefined();
  });

  it('offers to reload on 412 and asks for a new ARM token on 401', () => {
    const conflict = parseArmError(
      'Saving the operation',
      412,
      'Precondition Failed',
      arm('PreconditionFailed', 'The entity has been modified.', 'If-Match'),
      'arm',
    );
    expect(describeManagementError(conflict)).toEqual({
      title: 'Saving the operation: someone else changed it first',
      message: 'It was changed after you opened it, so your change was not applied.',
      hint: 'Press "Reload the latest": your edits stay in the form; check them against the latest and save again.',
    });
    const expired = parseArmError(
      'Listing the APIs',
      401,
      'Unauthorized',
      {
        error: {
          code: 'ExpiredAuthenticationToken',
          message: 'The access token expiry UTC time is earlier than current UTC time.',
        },
      },
      'arm',
    );
    expect(describeManagementError(expired)).toMatchObject({
      title: 'Listing the APIs: your ARM token was refused',
      message: 'The access token expiry UTC time is earlier than current UTC time.',
    });
    expect(expired.message).toBe(
      'Listing the APIs was refused (401 ExpiredAuthenticationToken). The access token expiry UTC time is earlier than current UTC time.',
    );
  });

  it('keeps the status when the body is not ARM’s', () => {
    const error = parseArmError('Deleting the API', 502, 'Bad Gateway', undefined, 'local');
    expect(describeManagementError(error)).toEqual({
      title: 'Deleting the API failed',
      message: 'The service answered 502 Bad Gateway.',
      hint: 'Nothing was changed. Try again in a moment.',
    });
  });
});
