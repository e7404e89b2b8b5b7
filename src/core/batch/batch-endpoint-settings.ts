/**
 * An environment's batch endpoint, from the config's `environments[].batchEndpoint` block:
 * `{ scoringUri, tokenIssuer?, confidentialClientId?, resource?, scopes? }`. Read by the
 * Batch endpoint flow itself, when it opens, from the loaded config's file: the first
 * page's config loader stays as it is (its chunk is at the first-load budget, ADR 0013).
 */
export interface BatchEndpointSettings {
  scoringUri?: string;
  /** The OpenID provider that issues tokens for https://ml.azure.com (for "Get a token"). */
  tokenIssuer?: string;
  /** A confidential client of that provider; its secret is typed by the user, never configured. */
  confidentialClientId?: string;
  /** RFC 8707 resource, for providers that take one (the demo stack's); Entra ID v2 takes scopes. */
  resource?: string;
  scopes: string[];
}

/** What Entra ID v2 wants for a client-credentials token for Azure ML. */
export const DEFAULT_BATCH_SCOPES = ['https://ml.azure.com/.default'];

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/** The block of the environment `environmentId` in a parsed config; empty settings if none. */
export function batchEndpointSettings(
  config: unknown,
  environmentId: string,
): BatchEndpointSettings {
  const environments = (config as { environments?: unknown } | null)?.environments;
  const entry = Array.isArray(environments)
    ? (environments as unknown[]).find((e) => (e as { id?: unknown } | null)?.id === environmentId)
    : undefined;
  const block = (entry as { batchEndpoint?: unknown } | undefined)?.batchEndpoint;
  if (typeof block !== 'object' || block === null) return { scopes: DEFAULT_BATCH_SCOPES };
  const raw = block as Record<string, unknown>;
  const scopes = Array.isArray(raw.scopes)
    ? raw.scopes.filter((s): s is string => typeof s === 'string' && s.trim() !== '')
    : DEFAULT_BATCH_SCOPES;
  const settings: BatchEndpointSettings = { scopes };
  const scoringUri = text(raw.scoringUri);
  const tokenIssuer = text(raw.tokenIssuer);
  const confidentialClientId = text(raw.confidentialClientId);
  const resource = text(raw.resource);
  if (scoringUri) settings.scoringUri = scoringUri;
  if (tokenIssuer) settings.tokenIssuer = tokenIssuer;
  if (confidentialClientId) settings.confidentialClientId = confidentialClientId;
  if (resource) settings.resource = resource;
  return settings;
}

/**
 * A fresh output folder beside the input in the same container, so one container SAS reads
 * the input, and the result afterwards: `batch-endpoint-outputs/<input stem>-<time>/`.
 */
export function outputFolderFor(containerUrl: string, inputBlobName: string, now: Date): string {
  const stem = (inputBlobName.split('/').pop() ?? 'input').replace(/\.[^.]*$/, '') || 'input';
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  return `${containerUrl.replace(/\/+$/, '')}/batch-endpoint-outputs/${encodeURIComponent(stem)}-${stamp}/`;
}

/** The blob's URL without any SAS (what the endpoint is given; it reads with its own identity). */
export function blobUriOf(containerUrl: string, blobName: string): string {
  return `${containerUrl.replace(/\/+$/, '')}/${blobName.split('/').map(encodeURIComponent).join('/')}`;
}
