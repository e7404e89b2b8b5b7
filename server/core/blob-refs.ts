import {
  AnonymousCredential,
  BlobSASPermissions,
  BlockBlobClient,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import { ServiceError, echo } from './errors';

/**
 * A blob named in a BES job, in either documented form:
 * `{ ConnectionString, RelativeLocation }` (account key or BlobEndpoint + SharedAccessSignature)
 * or `{ BaseLocation, RelativeLocation, SasBlobToken }`.
 */
export interface BlobReference {
  /** Account endpoint with a trailing slash, e.g. `https://acct.blob.core.windows.net/`. */
  baseLocation: string;
  container: string;
  blobName: string;
  /** `container/blob`, as the status body reports it (no leading slash). */
  relativeLocation: string;
  auth:
    | { kind: 'account-key'; accountName: string; accountKey: string }
    | { kind: 'sas'; token: string };
}

export interface ResultLocation {
  ConnectionString: null;
  RelativeLocation: string;
  BaseLocation: string;
  SasBlobToken: string;
}

/** The service's own storage account: it can sign read-only SAS tokens for blobs in it. */
export interface OwnStorage {
  baseLocation: string;
  accountName: string;
  accountKey: string;
}

const CONTAINER_NAME = /^(?=.{3,63}$)[a-z0-9]+(-[a-z0-9]+)*$/;

export function parseConnectionString(text: string): Map<string, string> {
  const parts = new Map<string, string>();
  for (const segment of text.split(';')) {
    if (segment.trim() === '') continue;
    const eq = segment.indexOf('=');
    if (eq <= 0) throw new Error(`'${redactSecrets(segment)}' is not a Name=Value pair`);
    // Values such as SharedAccessSignature contain '=' themselves: split on the first only.
    parts.set(segment.slice(0, eq).trim().toLowerCase(), segment.slice(eq + 1).trim());
  }
  return parts;
}

/**
 * A service's own account from its storage connection string: BlobEndpoint when given (Azurite),
 * else the account's endpoint from the protocol and suffix, as the storage SDK derives it.
 */
export function ownStorageOf(connectionString: string): OwnStorage {
  const parts = parseConnectionString(connectionString);
  const accountName = parts.get('accountname');
  const accountKey = parts.get('accountkey');
  if (!accountName || !accountKey) {
    throw new Error('The storage connection string needs AccountName and AccountKey.');
  }
  const endpoint =
    parts.get('blobendpoint') ??
    `${parts.get('defaultendpointsprotocol') ?? 'https'}://${accountName}.blob.${parts.get('endpointsuffix') ?? 'core.windows.net'}`;
  return {
    baseLocation: endpoint.endsWith('/') ? endpoint : `${endpoint}/`,
    accountName,
    accountKey,
  };
}

export function parseBlobReference(raw: unknown, field: string): BlobReference {
  const invalid = (why: string): ServiceError =>
    new ServiceError('BadArgument', 'InvalidBlob', `${field}: ${why}`);
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    throw invalid(
      'a blob reference must be an object with ConnectionString and RelativeLocation, or BaseLocation, RelativeLocation and SasBlobToken.',
    );
  }
  const ref = raw as Record<string, unknown>;
  const relative = readString(ref.RelativeLocation);
  if (!relative) throw invalid('RelativeLocation is missing; give it as "/container/blob.csv".');
  const { container, blobName } = splitRelativeLocation(relative, invalid);

  const connectionString = readString(ref.ConnectionString);
  if (connectionString) {
    let parts: Map<string, string>;
    try {
      parts = parseConnectionString(connectionString);
    } catch (error) {
      throw invalid(`ConnectionString is malformed: ${(error as Error).message}.`);
    }
    const accountName = parts.get('accountname');
    const accountKey = parts.get('accountkey');
    const sas = parts.get('sharedaccesssignature');
    const blobEndpoint = parts.get('blobendpoint');
    if (accountName && accountKey) {
      const protocol = parts.get('defaultendpointsprotocol') ?? 'https';
      const suffix = parts.get('endpointsuffix') ?? 'core.windows.net';
      const endpoint = blobEndpoint ?? `${protocol}://${accountName}.blob.${suffix}`;
      return {
        baseLocation: normaliseBase(endpoint, invalid, 'BlobEndpoint'),
        container,
        blobName,
        relativeLocation: `${container}/${blobName}`,
        auth: { kind: 'account-key', accountName, accountKey },
      };
    }
    if (sas && blobEndpoint) {
      return {
        baseLocation: normaliseBase(blobEndpoint, invalid, 'BlobEndpoint'),
        container,
        blobName,
        relativeLocation: `${container}/${blobName}`,
        auth: { kind: 'sas', token: normaliseSas(sas, invalid) },
      };
    }
    throw invalid(
      'ConnectionString needs AccountName and AccountKey, or BlobEndpoint and SharedAccessSignature.',
    );
  }

  const base = readString(ref.BaseLocation);
  const token = readString(ref.SasBlobToken);
  if (base || token) {
    if (!base)
      throw invalid(
        'BaseLocation is missing (the storage account URL, e.g. https://acct.blob.core.windows.net/).',
      );
    if (!token) throw invalid('SasBlobToken is missing (a SAS token starting with "?sv=").');
    return {
      baseLocation: normaliseBase(base, invalid, 'BaseLocation'),
      container,
      blobName,
      relativeLocation: `${container}/${blobName}`,
      auth: { kind: 'sas', token: normaliseSas(token, invalid) },
    };
  }
  throw invalid(
    'give ConnectionString, or BaseLocation with SasBlobToken, next to RelativeLocation.',
  );
}

/** The blob's URL without any secret, safe for messages and logs. */
export function publicBlobUrl(ref: BlobReference): string {
  return `${ref.baseLocation}${encodePath(ref.container, ref.blobName)}`;
}

export function openBlockBlob(
  ref: BlobReference,
  options: StoragePipelineOptions = {},
): BlockBlobClient {
  const url = publicBlobUrl(ref);
  if (ref.auth.kind === 'account-key') {
    return new BlockBlobClient(
      url,
      new StorageSharedKeyCredential(ref.auth.accountName, ref.auth.accountKey),
      options,
    );
  }
  return new BlockBlobClient(`${url}${ref.auth.token}`, new AnonymousCredential(), options);
}

/**
 * Where a finished job's result can be downloaded: a read-only SAS valid for `validForMs`,
 * signed with the reference's account key, or with the service's own key when the blob lives
 * in the service's storage (the portal's uploads use a container SAS there). A SAS for some
 * other account cannot be re-signed, so the caller's own token is returned as given.
 */
export function resultLocation(
  ref: BlobReference,
  own: OwnStorage | undefined,
  validForMs: number,
  now = new Date(),
): ResultLocation {
  const credential =
    ref.auth.kind === 'account-key'
      ? new StorageSharedKeyCredential(ref.auth.accountName, ref.auth.accountKey)
      : own && sameBase(own.baseLocation, ref.baseLocation)
        ? new StorageSharedKeyCredential(own.accountName, own.accountKey)
        : undefined;
  let token = ref.auth.kind === 'sas' ? ref.auth.token : '';
  if (credential) {
    token = `?${generateBlobSASQueryParameters(
      {
        containerName: ref.container,
        blobName: ref.blobName,
        permissions: BlobSASPermissions.parse('r'),
        startsOn: new Date(now.getTime() - 5 * 60_000),
        expiresOn: new Date(now.getTime() + validForMs),
      },
      credential,
    ).toString()}`;
  }
  return {
    ConnectionString: null,
    RelativeLocation: ref.relativeLocation,
    BaseLocation: ref.baseLocation,
    SasBlobToken: token,
  };
}

/** Removes account keys and SAS signatures from text that may end up in a status or a log. */
export function redactSecrets(text: string): string {
  return text
    .replace(/(AccountKey|SharedAccessSignature)=[^;\s]*/gi, '$1=***')
    .replace(/([?&]sig=)[^&\s"']*/gi, '$1***');
}

function readString(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

function splitRelativeLocation(
  relative: string,
  invalid: (why: string) => ServiceError,
): { container: string; blobName: string } {
  const path = relative.replace(/^\/+/, '');
  const slash = path.indexOf('/');
  const container = slash > 0 ? path.slice(0, slash) : '';
  const blobName = slash > 0 ? path.slice(slash + 1) : '';
  if (!container || !blobName) {
    throw invalid(
      `RelativeLocation '${echo(relative)}' must name a container and a blob, as "/container/blob.csv".`,
    );
  }
  if (!CONTAINER_NAME.test(container)) {
    throw invalid(
      `'${echo(container)}' is not a valid container name: use 3 to 63 lowercase letters, digits and single hyphens.`,
    );
  }
  // A URL resolves '.' and '..', so they would reach another container or account path.
  if (blobName.split('/').some((segment) => segment === '.' || segment === '..')) {
    throw invalid(
      `RelativeLocation '${echo(relative)}' has a '.' or '..' segment; name the blob by its plain path, as "/container/folder/blob.csv".`,
    );
  }
  return { container, blobName };
}

function normaliseBase(
  value: string,
  invalid: (why: string) => ServiceError,
  name: string,
): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw invalid(`${name} '${echo(value)}' is not an absolute URL.`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw invalid(`${name} must be an http or https URL.`);
  }
  if (url.search || url.hash) {
    throw invalid(`${name} must not carry a query: put the SAS token in SasBlobToken.`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
}

function normaliseSas(token: string, invalid: (why: string) => ServiceError): string {
  const query = token.startsWith('?') ? token : `?${token}`;
  if (!/[?&]sig=/.test(query)) throw invalid('the SAS token has no signature (sig=...).');
  return query;
}

function encodePath(container: string, blobName: string): string {
  return [container, ...blobName.split('/')].map(encodeURIComponent).join('/');
}

function sameBase(a: string, b: string): boolean {
  return new URL(a).href === new URL(b).href;
}
