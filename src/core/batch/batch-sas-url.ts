/**
 * A container SAS URL as a user pastes it from the Azure portal or Storage Explorer
 * ("https://acct.blob.core.windows.net/container?sv=...&sig=..."), or as the demo stack hands
 * it out (Azurite's path-style "http://127.0.0.1:10000/devstoreaccount1/container?..."),
 * checked before anything is uploaded so that a bad one gets a specific message.
 */

export interface ContainerSas {
  /** The container URL without the query, no trailing slash. */
  containerUrl: string;
  /** Account endpoint with a trailing slash: BaseLocation of a BES blob reference. */
  accountUrl: string;
  container: string;
  /** The SAS query with its leading "?": SasBlobToken of a BES blob reference. */
  sasToken: string;
  expiresOn: Date;
  permissions: string;
}

export type SasCheck = { ok: true; sas: ContainerSas } | { ok: false; message: string };

/** Reading the input and writing the output are what a BES job needs of the container. */
export const REQUIRED_SAS_PERMISSIONS = 'rw';

const PERMISSION_NAMES: Record<string, string> = {
  r: 'read',
  a: 'add',
  c: 'create',
  w: 'write',
  d: 'delete',
  l: 'list',
};

/**
 * Emulators (Azurite) and IP endpoints put the account name in the path instead of the host,
 * the same rule the storage SDK applies.
 */
function isPathStyle(url: URL): boolean {
  const host = url.hostname;
  return (
    host === 'localhost' ||
    /^\d{1,3}(\.\d{1,3}){3}$/.test(host) ||
    host.startsWith('[') ||
    host === 'host.docker.internal'
  );
}

export function parseContainerSasUrl(
  input: string,
  now: Date,
  requiredPermissions: string = REQUIRED_SAS_PERMISSIONS,
): SasCheck {
  const text = input.trim();
  if (text === '') return { ok: false, message: 'Paste a container SAS URL.' };
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return {
      ok: false,
      message:
        'This is not a URL. A container SAS URL looks like https://<account>.blob.core.windows.net/<container>?sv=...&sig=...',
    };
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    return { ok: false, message: `A SAS URL must start with https:// (found ${url.protocol}//).` };
  }
  const params = url.searchParams;
  if (!params.get('sig')) {
    return {
      ok: false,
      message:
        'The URL has no SAS signature ("sig" is missing). Copy the full "Blob SAS URL" of the container, including everything after "?".',
    };
  }
  const segments = url.pathname.split('/').filter((s) => s !== '');
  const pathStyle = isPathStyle(url);
  const containerIndex = pathStyle ? 1 : 0;
  const container = segments[containerIndex];
  if (pathStyle && segments.length === 0) {
    return {
      ok: false,
      message: 'The URL names no storage account: expected /<account>/<container>.',
    };
  }
  if (!container) {
    return {
      ok: false,
      message:
        'The URL names no container. Use the SAS URL of a container, not of the whole account.',
    };
  }
  const sr = params.get('sr');
  if (segments.length > containerIndex + 1 || (sr !== null && sr !== 'c')) {
    return {
      ok: false,
      message:
        'This is a SAS for a single blob. Generate the SAS on the container (signed resource "c") so the job can read its input and write its output there.',
    };
  }
  const se = params.get('se');
  if (!se) {
    return { ok: false, message: 'The SAS has no expiry time ("se" is missing).' };
  }
  const expiresOn = new Date(se);
  if (Number.isNaN(expiresOn.getTime())) {
    return { ok: false, message: `The SAS expiry "${se}" is not a date.` };
  }
  if (expiresOn.getTime() <= now.getTime()) {
    return {
      ok: false,
      message: `The SAS expired at ${expiresOn.toISOString()}. Generate a new one.`,
    };
  }
  const st = params.get('st');
  if (st) {
    const startsOn = new Date(st);
    if (!Number.isNaN(startsOn.getTime()) && startsOn.getTime() > now.getTime() + 5 * 60_000) {
      return {
        ok: false,
        message: `The SAS is not valid before ${startsOn.toISOString()}.`,
      };
    }
  }
  const permissions = params.get('sp') ?? '';
  const missing = [...requiredPermissions].filter((p) => !permissions.includes(p));
  if (missing.length > 0) {
    const names = missing.map((p) => PERMISSION_NAMES[p] ?? p).join(' and ');
    return {
      ok: false,
      message: `The SAS lacks ${names} permission (it grants "${permissions || 'none'}"). A batch job needs at least read and write on the container.`,
    };
  }
  const accountPath = pathStyle ? `/${segments[0]}/` : '/';
  const accountUrl = `${url.protocol}//${url.host}${accountPath}`;
  return {
    ok: true,
    sas: {
      containerUrl: `${accountUrl}${container}`,
      accountUrl,
      container: decodeURIComponent(container),
      sasToken: url.search,
      expiresOn,
      permissions,
    },
  };
}
