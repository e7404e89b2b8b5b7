import type { OAuthFlowKind, SecurityScheme } from '../definition/api-model';

/**
 * What a provider's discovery document says about itself, as far as choosing a flow goes
 * (RFC 8414 / OpenID Connect Discovery member names).
 */
export interface ProviderMetadata {
  issuer: string;
  authorization_endpoint?: string;
  token_endpoint?: string;
  device_authorization_endpoint?: string;
  revocation_endpoint?: string;
  grant_types_supported?: string[];
  scopes_supported?: string[];
}

export type SignInFlowKind = OAuthFlowKind | 'deviceCode';

/** One way to get a token for a scheme, with everything needed to run it. */
export interface SignInFlow {
  kind: SignInFlowKind;
  authorizationUrl?: string;
  tokenUrl?: string;
  deviceAuthorizationUrl?: string;
  /** Scope name to its description, from the definition or the provider's list. */
  scopes: Record<string, string>;
  /**
   * Implicit and password: the OAuth 2.0 Security BCP (RFC 9700) says not to use them, so they
   * are offered only when the user asks to see them.
   */
  deprecated: boolean;
}

const ORDER: SignInFlowKind[] = [
  'authorizationCode',
  'clientCredentials',
  'deviceCode',
  'password',
  'implicit',
];
const DEPRECATED = new Set<SignInFlowKind>(['implicit', 'password']);

// Discovery's grant names; OpenID Connect Discovery says an absent list means these two.
const GRANTS: Record<string, SignInFlowKind> = {
  authorization_code: 'authorizationCode',
  client_credentials: 'clientCredentials',
  'urn:ietf:params:oauth:grant-type:device_code': 'deviceCode',
  implicit: 'implicit',
  password: 'password',
};
const DEFAULT_GRANTS = ['authorization_code', 'implicit'];

function resolve(url: string | undefined, base: string | undefined): string | undefined {
  if (url === undefined) return undefined;
  try {
    return new URL(url, base).href;
  } catch {
    return url;
  }
}

function byOrder(a: SignInFlow, b: SignInFlow): number {
  return ORDER.indexOf(a.kind) - ORDER.indexOf(b.kind);
}

/**
 * The flows a scheme allows. An oauth2 scheme lists its own (Swagger 2.0's flow already mapped
 * by the definition's normaliser); an openIdConnect scheme's come from its provider's discovery
 * document, so they are known only once it has been read. Relative URLs resolve against the
 * definition's URL.
 */
export function schemeFlows(
  scheme: SecurityScheme,
  discovery?: ProviderMetadata,
  definitionUrl?: string,
): SignInFlow[] {
  if (scheme.type === 'oauth2') {
    const flows: SignInFlow[] = [];
    for (const [kind, flow] of Object.entries(scheme.flows ?? {}) as Array<
      [OAuthFlowKind, NonNullable<NonNullable<typeof scheme.flows>[OAuthFlowKind]>]
    >) {
      const authorizationUrl = resolve(flow.authorizationUrl, definitionUrl);
      const tokenUrl = resolve(flow.tokenUrl, definitionUrl);
      flows.push({
        kind,
        ...(authorizationUrl ? { authorizationUrl } : {}),
        ...(tokenUrl ? { tokenUrl } : {}),
        scopes: { ...flow.scopes },
        deprecated: DEPRECATED.has(kind),
      });
    }
    return flows.sort(byOrder);
  }
  if (scheme.type !== 'openIdConnect' || !discovery) return [];
  const scopes: Record<string, string> = {};
  for (const name of discovery.scopes_supported ?? []) scopes[name] = '';
  const kinds = new Set<SignInFlowKind>();
  for (const grant of discovery.grant_types_supported ?? DEFAULT_GRANTS) {
    const kind = GRANTS[grant];
    if (kind) kinds.add(kind);
  }
  // A provider may list the device grant's endpoint without naming the grant.
  if (discovery.device_authorization_endpoint) kinds.add('deviceCode');
  const flows: SignInFlow[] = [];
  for (const kind of kinds) {
    if (kind === 'deviceCode' && !discovery.device_authorization_endpoint) continue;
    if ((kind === 'authorizationCode' || kind === 'implicit') && !discovery.authorization_endpoint)
      continue;
    flows.push({
      kind,
      ...(discovery.authorization_endpoint && kind !== 'clientCredentials'
        ? { authorizationUrl: discovery.authorization_endpoint }
        : {}),
      ...(discovery.token_endpoint ? { tokenUrl: discovery.token_endpoint } : {}),
      ...(kind === 'deviceCode' && discovery.device_authorization_endpoint
        ? { deviceAuthorizationUrl: discovery.device_authorization_endpoint }
        : {}),
      scopes: { ...scopes },
      deprecated: DEPRECATED.has(kind),
    });
  }
  return flows.sort(byOrder);
}

/** The flows to offer: the deprecated ones only when the user opted in to see them. */
export function offeredFlows(flows: SignInFlow[], showDeprecated: boolean): SignInFlow[] {
  return flows.filter((flow) => showDeprecated || !flow.deprecated);
}

/** Whether the scheme is one a user signs in for (rather than pasting a key). */
export function isSignInScheme(scheme: SecurityScheme): boolean {
  return scheme.type === 'oauth2' || scheme.type === 'openIdConnect';
}

/** The flow's name as a person reads it. */
export function flowLabel(kind: SignInFlowKind): string {
  switch (kind) {
    case 'authorizationCode':
      return 'Authorization code with PKCE';
    case 'clientCredentials':
      return 'Client credentials';
    case 'deviceCode':
      return 'Device code';
    case 'implicit':
      return 'Implicit (deprecated)';
    case 'password':
      return 'Password (deprecated)';
  }
}
