import type { BlobReference, OwnStorage } from '../../../core/blob-refs';
import { echo } from '../../../core/errors';
import type { StorageTrust } from '../../../core/trusted-storage';
import { BatchEndpointError } from './batch-endpoint-error';
import type { DataKind } from './invoke-body';

/** Where an input or output URI points: a blob (UriFile) or a folder prefix (UriFolder). */
export interface DataLocation {
  kind: DataKind;
  /** Account endpoint with a trailing slash, as BlobReference has it. */
  baseLocation: string;
  container: string;
  /** The blob's name (UriFile), or the folder's prefix ending in '/' or '' (UriFolder). */
  path: string;
  auth: BlobReference['auth'];
}

const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

/**
 * Reads a data URI into a storage location. The endpoint's own storage (the stack's Azurite) is
 * read with its own key, as Azure ML reads the workspace's datastore with its identity; other
 * trusted storage is read with the SAS in the URI's query, or anonymously. An IP address or
 * localhost is path-style (`/<account>/<container>/...`, as Azurite and the Storage SDK take it).
 */
export function resolveDataUri(
  raw: string,
  kind: DataKind,
  field: string,
  own: OwnStorage,
  trust: StorageTrust,
): DataLocation {
  const refuse = (why: string): BatchEndpointError =>
    new BatchEndpointError('UserError', `${field}: ${why}`);
  if (/^azureml:/i.test(raw)) {
    throw refuse(
      `'${echo(raw)}' is a datastore or data asset reference; this endpoint has no datastores. Give the blob's URL in the stack's storage instead, e.g. ${own.baseLocation}<container>/<path>.`,
    );
  }
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw refuse(`'${echo(raw)}' is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw refuse(`the URI must be an http or https blob URL; got '${echo(url.protocol)}'.`);
  }
  if (url.hash) throw refuse('the URI must not carry a fragment (#...).');
  const rawPath = raw.replace(/^[a-z]+:\/\/[^/]*/i, '').split(/[?#]/)[0] ?? '';
  if (rawPath.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw refuse("the URI has a '.' or '..' segment; name the blob by its plain path.");
  }
  const ownBase = new URL(own.baseLocation);
  const isOwnHost = url.host.toLowerCase() === ownBase.host.toLowerCase();
  const pathStyle =
    isOwnHost || /^(\d+\.\d+\.\d+\.\d+|\[[0-9a-f:]+\]|localhost)$/i.test(url.hostname);
  const segments = url.pathname.split('/').slice(1);
  let accountPath = '';
  if (pathStyle) {
    const account = segments.shift() ?? '';
    if (account === '')
      throw refuse('the URI names no storage account (/<account>/<container>/...).');
    accountPath = `${account}/`;
    if (isOwnHost && `${url.origin}/${accountPath}` !== own.baseLocation) {
      throw refuse(
        `the account '${echo(account)}' is not this endpoint's storage account; use ${own.baseLocation}<container>/<path>.`,
      );
    }
  }
  const baseLocation = `${url.origin}/${accountPath}`;
  const container = segments.shift() ?? '';
  if (!CONTAINER_NAME.test(container)) {
    throw refuse(
      container === ''
        ? 'the URI names no container.'
        : `'${echo(container)}' is not a valid container name: use 3 to 63 lowercase letters, digits and single hyphens.`,
    );
  }
  let path = segments.map(decodeURIComponent).join('/');
  if (kind === 'UriFile') {
    if (path === '' || path.endsWith('/')) {
      throw refuse(
        'a UriFile must name a file (a blob), not a container or a folder ending in "/".',
      );
    }
  } else if (path !== '' && !path.endsWith('/')) {
    path = `${path}/`;
  }

  let auth: BlobReference['auth'];
  if (isOwnHost) {
    if (url.search)
      throw refuse("the stack's own storage needs no SAS in the URI; remove the query.");
    auth = { kind: 'account-key', accountName: own.accountName, accountKey: own.accountKey };
  } else if (url.search === '') {
    auth = { kind: 'sas', token: '' };
  } else if (/[?&]sig=/.test(url.search)) {
    auth = { kind: 'sas', token: url.search };
  } else {
    throw refuse(
      'the URI has a query but no SAS signature (sig=...); send the blob URL alone or with a SAS.',
    );
  }

  const location: DataLocation = { kind, baseLocation, container, path, auth };
  if (!trust.isTrusted(baseLocation)) throw refuse(trust.refusal(toBlobReference(location, path)));
  return location;
}

/** A blob of the location as the classic job code names blobs. */
export function toBlobReference(location: DataLocation, blobName: string): BlobReference {
  return {
    baseLocation: location.baseLocation,
    container: location.container,
    blobName,
    relativeLocation: `${location.container}/${blobName}`,
    auth: location.auth,
  };
}

/** The URI without any SAS, for job resources, messages and logs. */
export function publicDataUri(location: DataLocation): string {
  const path = location.path.split('/').map(encodeURIComponent).join('/');
  return `${location.baseLocation}${location.container}/${path}`;
}
