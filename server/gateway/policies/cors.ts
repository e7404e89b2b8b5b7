/** A compiled `<cors>` policy. */
export interface CorsPolicy {
  allowCredentials: boolean;
  terminateUnmatchedRequest: boolean;
  /** Normalised origins (`URL.origin`), or `*`. */
  origins: '*' | readonly string[];
  /** Upper-case methods, or `*`. Absent `<allowed-methods>` means GET and POST. */
  methods: '*' | readonly string[];
  preflightResultMaxAge: number;
  /** Lower-case header names, or `*`. */
  headers: '*' | readonly string[];
  exposeHeaders: readonly string[];
}

export interface CorsRequest {
  method: string;
  origin?: string;
  accessControlRequestMethod?: string;
  accessControlRequestHeaders?: string;
}

export interface CorsAnswer {
  /** An OPTIONS call with Origin and Access-Control-Request-Method: only cors runs. */
  preflight: boolean;
  /** A cors policy matched the origin, method and (for a preflight) the headers. */
  allowed: boolean;
  /**
   * The gateway answers now with an empty 200 carrying `headers`: every preflight, and an
   * unmatched GET or HEAD when the deciding policy has terminate-unmatched-request="true".
   */
  answerNow: boolean;
  headers: Record<string, string>;
}

/**
 * APIM's cors policy (cors-policy.md). Policies are tried in pipeline order: the first that
 * matches answers; an unmatched one with terminate-unmatched-request="false" lets the next try.
 */
export function evaluateCors(
  policies: readonly CorsPolicy[],
  request: CorsRequest,
): CorsAnswer | undefined {
  if (policies.length === 0) return undefined;
  const method = request.method.toUpperCase();
  const preflight =
    method === 'OPTIONS' &&
    request.origin !== undefined &&
    request.accessControlRequestMethod !== undefined;
  if (request.origin === undefined)
    return { preflight: false, allowed: true, answerNow: false, headers: {} };
  const origin = request.origin;
  const wantedMethod = preflight
    ? (request.accessControlRequestMethod ?? '').toUpperCase()
    : method;
  const wantedHeaders = preflight
    ? (request.accessControlRequestHeaders ?? '')
        .split(',')
        .map((header) => header.trim().toLowerCase())
        .filter((header) => header !== '')
    : [];
  let terminate = false;
  for (const policy of policies) {
    if (
      originMatches(policy, origin) &&
      (policy.methods === '*' || policy.methods.includes(wantedMethod)) &&
      (policy.headers === '*' || wantedHeaders.every((header) => policy.headers.includes(header)))
    ) {
      return {
        preflight,
        allowed: true,
        answerNow: preflight,
        headers: corsHeaders(policy, request, preflight),
      };
    }
    if (policy.terminateUnmatchedRequest) {
      terminate = true;
      break;
    }
  }
  const simple = method === 'GET' || method === 'HEAD';
  return { preflight, allowed: false, answerNow: preflight || (simple && terminate), headers: {} };
}

function originMatches(policy: CorsPolicy, origin: string): boolean {
  if (policy.origins === '*') return true;
  const normalised = normaliseOrigin(origin);
  return normalised !== undefined && policy.origins.includes(normalised);
}

/** `https://Example.com:443` -> `https://example.com`; undefined for `null` and non-URLs. */
export function normaliseOrigin(origin: string): string | undefined {
  try {
    const url = new URL(origin);
    return url.origin === 'null' ? undefined : url.origin;
  } catch {
    return undefined;
  }
}

function corsHeaders(
  policy: CorsPolicy,
  request: CorsRequest,
  preflight: boolean,
): Record<string, string> {
  const headers: Record<string, string> = {};
  if (policy.origins === '*' && !policy.allowCredentials) {
    headers['Access-Control-Allow-Origin'] = '*';
  } else {
    headers['Access-Control-Allow-Origin'] = request.origin ?? '';
    headers['Vary'] = 'Origin';
  }
  if (policy.allowCredentials) headers['Access-Control-Allow-Credentials'] = 'true';
  if (preflight) {
    headers['Access-Control-Allow-Methods'] = (
      request.accessControlRequestMethod ?? ''
    ).toUpperCase();
    if (request.accessControlRequestHeaders?.trim())
      headers['Access-Control-Allow-Headers'] = request.accessControlRequestHeaders.trim();
    headers['Access-Control-Max-Age'] = String(policy.preflightResultMaxAge);
  } else if (policy.exposeHeaders.length > 0) {
    headers['Access-Control-Expose-Headers'] = policy.exposeHeaders.join(',');
  }
  return headers;
}
