import { redactSecrets } from './blob-refs';

/** The HTTP status of a storage SDK error; undefined when the request never got an answer. */
export function statusCodeOf(error: unknown): number | undefined {
  if (typeof error === 'object' && error !== null && 'statusCode' in error) {
    const code = error.statusCode;
    return typeof code === 'number' ? code : undefined;
  }
  return undefined;
}

/** Turns a storage SDK error into a sentence for `Details`, with no key or SAS in it. */
export function describeStorageError(
  error: unknown,
  action: 'read' | 'write',
  label: string,
): string {
  const what = action === 'read' ? `the input blob ${label}` : `the output blob ${label}`;
  const status = statusCodeOf(error);
  const code = (error as { code?: unknown } | null)?.code;
  const codeText = typeof code === 'string' ? code : '';
  if (status === 404) {
    if (codeText === 'ContainerNotFound') {
      return `Could not ${action} ${what}: its container does not exist. Check RelativeLocation.`;
    }
    return action === 'read'
      ? `The input blob ${label} was not found. Check RelativeLocation and that the upload finished.`
      : `Could not write ${what}: storage answered 404 ${codeText}.`;
  }
  if (status === 403 || status === 401) {
    return `Storage refused to let the job ${action} ${what} (${status} ${codeText}): the account key or SAS token is wrong, has expired, or lacks the ${action === 'read' ? 'read' : 'write and create'} permission.`;
  }
  if (status === undefined || status === 0) {
    return `Could not reach storage to ${action} ${what} (${redactSecrets(codeText || messageOf(error))}). Check the connection string or BaseLocation, and that the storage account is running.`;
  }
  return `Storage answered ${status} ${codeText} when the job tried to ${action} ${what}.`;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
