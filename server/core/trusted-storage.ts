import { publicBlobUrl, type BlobReference } from './blob-refs';
import { ServiceError, echo } from './errors';
import { matchesHostPattern } from './host-patterns';

/** Env var of the dev stack that adds storage hosts jobs may read from and write to. */
export const TRUSTED_STORAGE_HOSTS_VARIABLE = 'DEMO_TRUSTED_STORAGE_HOSTS';

/** Azure Storage's public blob endpoints: trusted over https only. */
const AZURE_BLOB_SUFFIX = '.blob.core.windows.net';

/**
 * Which storage a job may touch. A job's blob reference is a URL the caller hands the service,
 * so without this check the service would fetch from and write to any host the caller names
 * (a port on the developer's own machine included) and quote what it read in `Details`.
 */
export class StorageTrust {
  private readonly ownHost: string;
  private readonly extraHosts: string[];

  /**
   * @param ownBaseLocation the service's own storage endpoint (the stack's Azurite).
   * @param extraHosts `host` or `host:port` as a URL spells it (no default port), or `*.suffix`.
   */
  constructor(
    private readonly ownBaseLocation: string,
    extraHosts: readonly string[] = [],
  ) {
    this.ownHost = new URL(ownBaseLocation).host.toLowerCase();
    this.extraHosts = extraHosts.map((h) => h.trim().toLowerCase()).filter(Boolean);
  }

  isTrusted(baseLocation: string): boolean {
    let url: URL;
    try {
      url = new URL(baseLocation);
    } catch {
      return false;
    }
    const host = url.host.toLowerCase();
    if (host === this.ownHost) return true;
    if (
      url.protocol === 'https:' &&
      url.port === '' &&
      host.endsWith(AZURE_BLOB_SUFFIX) &&
      host.length > AZURE_BLOB_SUFFIX.length
    ) {
      return true;
    }
    return matchesHostPattern(host, this.extraHosts);
  }

  /** Throws the 400 a Submit gets for a reference outside trusted storage. */
  check(ref: BlobReference, field: string): void {
    if (this.isTrusted(ref.baseLocation)) return;
    throw new ServiceError('BadArgument', 'InvalidBlob', `${field}: ${this.refusal(ref)}`);
  }

  /** Why a reference is refused, naming its host and how to allow it. */
  refusal(ref: BlobReference): string {
    const url = new URL(ref.baseLocation);
    return `the storage host '${url.host}' (${echo(publicBlobUrl(ref))}) is not trusted by this service. It reads and writes blobs only in its own storage (${this.ownBaseLocation}), in https://*${AZURE_BLOB_SUFFIX}, and on hosts its operator allows: start it with ${TRUSTED_STORAGE_HOSTS_VARIABLE}=${url.host} to allow this one.`;
  }
}
