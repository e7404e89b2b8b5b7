/**
 * Blob storage failures turned into sentences a user can act on. Errors come from
 * @azure/storage-blob (RestError with statusCode and a storage error code), from fetch (a
 * TypeError when the browser blocks the response for want of CORS rules), or from aborting.
 * Duck-typed, so core never imports the SDK.
 */

export interface StorageProblem {
  title: string;
  message: string;
  hint?: string;
  kind: 'auth' | 'permission' | 'not-found' | 'cors' | 'unreachable' | 'cancelled' | 'other';
}

export interface StorageErrorContext {
  /** The page's origin, named in the CORS hint. */
  origin?: string;
  /**
   * Whether the storage endpoint answered an opaque (no-cors) probe after the failure: if it
   * did, the browser blocked the response (CORS); if not, the endpoint is unreachable.
   */
  reachable?: boolean;
  /** What was being done, e.g. "upload" or "read the result". */
  action?: string;
}

function field(err: unknown, name: string): unknown {
  return typeof err === 'object' && err !== null
    ? (err as Record<string, unknown>)[name]
    : undefined;
}

function storageCode(err: unknown): string | undefined {
  const code = field(err, 'code');
  if (typeof code === 'string') return code;
  const details = field(err, 'details');
  const fromDetails = field(details, 'errorCode');
  return typeof fromDetails === 'string' ? fromDetails : undefined;
}

export function isNetworkFailure(err: unknown): boolean {
  if (err instanceof TypeError) return true;
  return storageCode(err) === 'REQUEST_SEND_ERROR' && field(err, 'statusCode') === undefined;
}

export function describeStorageError(
  err: unknown,
  context: StorageErrorContext = {},
): StorageProblem {
  const action = context.action ?? 'reach blob storage';
  const name = field(err, 'name');
  if (name === 'AbortError' || storageCode(err) === 'ABORT_ERR') {
    return {
      kind: 'cancelled',
      title: 'Cancelled',
      message: `The ${action} was cancelled. Nothing else was changed.`,
    };
  }
  if (isNetworkFailure(err)) {
    if (context.reachable === false) {
      return {
        kind: 'unreachable',
        title: 'Storage unreachable',
        message: `Could not ${action}: the storage endpoint did not answer.`,
        hint: 'Check the account name in the SAS URL and your network connection. For the Local demo, is `npm start` still running?',
      };
    }
    const origin = context.origin ?? 'this portal';
    return {
      kind: 'cors',
      title: 'Blocked by the browser (CORS)',
      message: `The browser blocked the storage response, so it could not ${action}. The storage account needs CORS rules for ${origin}.`,
      hint: `In the storage account, under Resource sharing (CORS) for the Blob service, add a rule: allowed origin ${origin}, allowed methods PUT, GET, HEAD, OPTIONS, allowed headers *, exposed headers *.`,
    };
  }
  const status = field(err, 'statusCode');
  const code = storageCode(err);
  if (status === 403 || code === 'AuthenticationFailed') {
    if (
      code === 'AuthorizationPermissionMismatch' ||
      code === 'AuthorizationResourceTypeMismatch'
    ) {
      return {
        kind: 'permission',
        title: 'SAS lacks permissions',
        message: `Storage refused to ${action}: the SAS does not grant this operation (${code}).`,
        hint: 'Generate a container SAS with read, add, create, write and list permissions.',
      };
    }
    return {
      kind: 'auth',
      title: 'SAS refused',
      message: `Storage refused the SAS (${code ?? `HTTP ${String(status)}`}): it has expired, was revoked, or was copied incompletely.`,
      hint: 'Generate a new container SAS URL (or press "Get a demo SAS" in the Local demo) and try again.',
    };
  }
  if (status === 404) {
    const what =
      code === 'ContainerNotFound'
        ? 'The container does not exist'
        : code === 'BlobNotFound'
          ? 'The blob does not exist'
          : 'Not found';
    return {
      kind: 'not-found',
      title: 'Not found',
      message: `${what} (${code ?? 'HTTP 404'}), so storage could not ${action}.`,
      hint: 'Check the container name in the SAS URL.',
    };
  }
  const message = field(err, 'message');
  const text = typeof message === 'string' && message !== '' ? message.split('\n')[0] : String(err);
  return {
    kind: 'other',
    title: 'Storage error',
    message: `Could not ${action}: ${text}${typeof status === 'number' ? ` (HTTP ${status})` : ''}`,
  };
}
