import { validateBaseUrl } from '../config/environment-validation';

/**
 * An environment's `apim` block in portico.config.json: what the portal knows about the API
 * Management instance in front of it. With `local` (the demo stack's gateway) the portal can
 * subscribe and manage keys itself; with a real APIM it sends the user to that instance's
 * developer portal for a key.
 */
export interface ApimEnvironment {
  local: boolean;
  /** The local gateway's self-service root, e.g. http://127.0.0.1:8791/developer. */
  developerUrl?: string;
  /** The management root (local gateway or Azure Resource Manager). */
  managementUrl?: string;
  /** A real APIM's developer portal, where a consumer signs up and finds their keys. */
  developerPortalUrl?: string;
  /** The subscription the environment's configured key belongs to, when known. */
  subscriptionId?: string;
  /**
   * The local gateway's admin key, for the Usage view's publisher switch. Only the demo stack's
   * served config carries it (local only); a deployed config never should.
   */
  demoAdminKey?: string;
}

type Obj = Record<string, unknown>;

/**
 * Checks a parsed `apim` block; `fail(field, problem)` throws the config's own error so the
 * message names the file and the field.
 */
export function parseApimEnvironment(
  raw: unknown,
  at: string,
  fail: (field: string, problem: string) => never,
): ApimEnvironment {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return fail(at, 'must be an object such as { "local": true, "developerUrl": "..." }');
  }
  const entry = raw as Obj;
  if (entry.local !== undefined && typeof entry.local !== 'boolean') {
    fail(`${at}.local`, 'must be true or false');
  }
  const apim: ApimEnvironment = { local: entry.local === true };
  for (const field of ['developerUrl', 'managementUrl', 'developerPortalUrl'] as const) {
    const value = entry[field];
    if (value === undefined) continue;
    if (typeof value !== 'string' || value.trim() === '') {
      fail(`${at}.${field}`, 'must be a non-empty string');
    }
    const problem = validateBaseUrl(value);
    if (problem) fail(`${at}.${field}`, `is not usable: ${problem}`);
    apim[field] = value.trim().replace(/\/+$/, '');
  }
  if (entry.subscriptionId !== undefined) {
    if (typeof entry.subscriptionId !== 'string' || entry.subscriptionId.trim() === '') {
      fail(`${at}.subscriptionId`, 'must be a non-empty string');
    }
    apim.subscriptionId = entry.subscriptionId.trim();
  }
  if (typeof entry.demoAdminKey === 'string' && entry.demoAdminKey !== '') {
    if (!apim.local)
      fail(`${at}.demoAdminKey`, 'is for the local demo gateway only ("local": true)');
    apim.demoAdminKey = entry.demoAdminKey;
  }
  if (apim.local && !apim.developerUrl) {
    fail(`${at}.developerUrl`, 'is required for the local gateway ("local": true)');
  }
  return apim;
}
