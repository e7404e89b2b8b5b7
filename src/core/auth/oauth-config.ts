/**
 * An environment's `oauth` block in portico.config.json: per security scheme, the client the
 * portal signs in as and what it asks for. A deployed config names clients only; a secret has no
 * place in a file every visitor downloads.
 */
export interface OAuthClientConfig {
  /** The public client (authorization code + PKCE, device code). */
  clientId?: string;
  /** The confidential client for client credentials; its secret is typed by the user. */
  confidentialClientId?: string;
  /** The scopes chosen at first (the user may change them). */
  scopes?: string[];
  /** RFC 8707 resource indicator (Entra ID v1, oidc-provider's resourceIndicators). */
  resource?: string;
  /** Auth0-style audience. */
  audience?: string;
  /** OpenID Connect prompt: none, login, consent, select_account. */
  prompt?: string;
}

type Obj = Record<string, unknown>;

const STRING_FIELDS = [
  'clientId',
  'confidentialClientId',
  'resource',
  'audience',
  'prompt',
] as const;
const PROMPTS = new Set(['none', 'login', 'consent', 'select_account', 'create']);

/**
 * Checks an environment's `oauth` block; `fail(field, problem)` throws the config's own error so
 * the message names the file and the field.
 */
export function parseOAuthConfig(
  raw: unknown,
  at: string,
  fail: (field: string, problem: string) => never,
): Record<string, OAuthClientConfig> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    return fail(at, 'must map security scheme ids to { "clientId": "...", "scopes": [...] }');
  const out: Record<string, OAuthClientConfig> = {};
  for (const [schemeId, value] of Object.entries(raw as Obj)) {
    const field = `${at}.${schemeId}`;
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return fail(field, 'must be an object such as { "clientId": "...", "scopes": [...] }');
    const entry = value as Obj;
    if ('clientSecret' in entry)
      fail(
        `${field}.clientSecret`,
        'must not be in the config: every visitor can read it. Users type the secret in the console',
      );
    const config: OAuthClientConfig = {};
    for (const name of STRING_FIELDS) {
      const v = entry[name];
      if (v === undefined) continue;
      if (typeof v !== 'string' || v.trim() === '')
        fail(`${field}.${name}`, 'must be a non-empty string');
      config[name] = v.trim();
    }
    if (config.prompt !== undefined && !PROMPTS.has(config.prompt))
      fail(`${field}.prompt`, 'must be one of none, login, consent, select_account, create');
    if (entry.scopes !== undefined) {
      const scopes = entry.scopes;
      if (!Array.isArray(scopes) || !scopes.every((s) => typeof s === 'string' && /^\S+$/.test(s)))
        fail(`${field}.scopes`, 'must be a list of scope names without spaces');
      config.scopes = [...(scopes as string[])];
    }
    const unknown = Object.keys(entry).filter(
      (k) => k !== 'scopes' && !(STRING_FIELDS as readonly string[]).includes(k),
    );
    if (unknown.length > 0)
      fail(
        `${field}.${unknown[0]}`,
        `is not a setting Portico knows (known: clientId, confidentialClientId, scopes, resource, audience, prompt)`,
      );
    out[schemeId] = config;
  }
  return out;
}

/** An environment's sign-in clients, or the sentence that says what is wrong with its block. */
export type EnvironmentOAuth =
  | { clients: Record<string, OAuthClientConfig>; problem?: undefined }
  | { clients: Record<string, never>; problem: string };

/**
 * The environment's `oauth` block, read from the config file where sign-in is used rather than
 * by the first page's loader (whose every byte counts, ADR 0013): no file, no such environment
 * or no block, no clients; a wrong block, the sentence naming its field.
 */
export function environmentOAuth(
  config: unknown,
  environmentId: string,
  file = 'portico.config.json',
): EnvironmentOAuth {
  const environments = (config as { environments?: unknown } | null)?.environments;
  if (!Array.isArray(environments)) return { clients: {} };
  const index = environments.findIndex((e) => (e as { id?: unknown } | null)?.id === environmentId);
  const block = (environments[index] as { oauth?: unknown } | undefined)?.oauth;
  if (index === -1 || block === undefined) return { clients: {} };
  try {
    return {
      clients: parseOAuthConfig(block, `environments[${index}].oauth`, (field, problem) => {
        throw new Error(`${file}: "${field}" ${problem}`);
      }),
    };
  } catch (error) {
    return { clients: {}, problem: (error as Error).message };
  }
}
