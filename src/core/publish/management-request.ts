import type { HttpRequest } from '../request/http-request';
import { ARM_API_VERSION } from '../apim/arm-token-store';

/**
 * Where the Publish area sends its management calls and with which credential: the local
 * gateway's `/management` with the demo's admin key, or a real APIM's Azure Resource Manager
 * root with a pasted ARM token. The credential travels in a header only: never in a URL, a
 * query key or the call log (which masks it).
 */
export interface ManagementTarget {
  /** Names the target in query keys: no secret in it. */
  id: string;
  /** The management root, without a trailing slash. */
  managementUrl: string;
  /** The bearer credential: the local admin key or an ARM access token. */
  token: string;
  kind: 'local' | 'arm';
}

export type ManagementMethod = 'GET' | 'PUT' | 'PATCH' | 'DELETE' | 'HEAD';

export interface ManagementCallSpec {
  method: ManagementMethod;
  /** Below the management root, segments already encoded (see managementPath). */
  path: string;
  /** An absolute URL the service handed out (an import's Location, a nextLink); replaces path. */
  url?: string;
  query?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
  /** The entity's ETag as read, or `*`. */
  ifMatch?: string;
}

/** `/apis/my%20api/operations/x` from its segments, each encoded. */
export function managementPath(...segments: string[]): string {
  return segments.map((s) => `/${encodeURIComponent(s)}`).join('');
}

/** The one request object of a management call: what is sent is what the call log shows. */
export function managementRequest(target: ManagementTarget, spec: ManagementCallSpec): HttpRequest {
  let url: string;
  if (spec.url) {
    url = spec.url;
  } else {
    const params = new URLSearchParams({ 'api-version': ARM_API_VERSION, ...spec.query });
    url = `${target.managementUrl.replace(/\/+$/, '')}${spec.path}?${params.toString()}`;
  }
  const headers: HttpRequest['headers'] = [
    { name: 'Authorization', value: `Bearer ${target.token}`, secret: true },
  ];
  if (spec.body !== undefined) headers.push({ name: 'Content-Type', value: 'application/json' });
  if (spec.ifMatch !== undefined) headers.push({ name: 'If-Match', value: spec.ifMatch });
  return {
    method: spec.method,
    url,
    headers,
    ...(spec.body !== undefined ? { body: JSON.stringify(spec.body) } : {}),
  };
}
