/**
 * Who the demo OpenID provider knows: its clients, its one user and the APIs (resources) it issues
 * tokens for. Fixed by contract with the portal (docs/reference/oidc-and-validate-jwt.md); the
 * portal's served config and the demo definition name the same values.
 */

export const DEFAULT_OIDC_PORT = 8792;
export const DEFAULT_ACCESS_TOKEN_TTL_SECONDS = 600;
export const OIDC_CLIENT_SECRET_VARIABLE = 'DEMO_OIDC_CLIENT_SECRET';
export const OIDC_ACCESS_TOKEN_TTL_VARIABLE = 'OIDC_ACCESS_TOKEN_TTL';

/** The browser client: public, code + PKCE (S256), refresh tokens, device code. */
export const DEMO_SPA_CLIENT_ID = 'portico-demo-spa';
/** The service client: confidential, client credentials only. */
export const DEMO_SERVICE_CLIENT_ID = 'portico-demo-service';
export const DEFAULT_DEMO_CLIENT_SECRET = 'portico-demo-secret';

export const DEMO_USER = {
  login: 'demo',
  password: 'portico-demo',
  name: 'Demo User',
  email: 'demo@portico.example',
} as const;

/** The page the portal ships to receive the authorization response (public/oauth-callback.html). */
export const CALLBACK_PATH = '/oauth-callback.html';

export interface DemoResource {
  /** The resource indicator, which becomes the access token's `aud`. */
  indicator: string;
  /** The one scope this API understands. */
  scope: string;
}

/** The demo API behind the gateway; the default when a request names no resource. */
export const DEMO_API_RESOURCE: DemoResource = {
  indicator: 'api://portico-demo',
  scope: 'scores.read',
};
/** Another API, so that a token for the wrong audience can be shown. */
export const OTHER_API_RESOURCE: DemoResource = {
  indicator: 'api://portico-other',
  scope: 'other.read',
};
/** Azure ML's audience, as the batch endpoint emulator expects it. */
export const AZURE_ML_RESOURCE: DemoResource = {
  indicator: 'https://ml.azure.com',
  scope: 'user_impersonation',
};
export const DEMO_RESOURCES: readonly DemoResource[] = [
  DEMO_API_RESOURCE,
  OTHER_API_RESOURCE,
  AZURE_ML_RESOURCE,
];

const OIDC_SCOPES = ['openid', 'profile', 'email', 'offline_access'];

/** What the SPA may ask for. */
export const SPA_SCOPES = [...OIDC_SCOPES, ...DEMO_RESOURCES.map((r) => r.scope)];
/** What the service client may ask for (no user, so no OpenID scopes). */
export const SERVICE_SCOPES = DEMO_RESOURCES.map((r) => r.scope);
/**
 * Every scope the provider recognises. oidc-provider refuses with `invalid_scope` only a scope it
 * recognises that the client may not have: `admin.write` (which the demo definition lists) is
 * recognised so that asking for it is refused rather than silently dropped.
 */
export const KNOWN_SCOPES = [...SPA_SCOPES, 'admin.write'];
