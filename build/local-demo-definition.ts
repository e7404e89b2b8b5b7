/** The address public/apis/azureml-demo.openapi.json gives the emulator: its default port. */
export const DEFAULT_DEMO_SERVER = 'http://127.0.0.1:8790';

/**
 * The demo definition with its "Local demo stack" server pointed at the emulator that actually
 * runs (DEMO_SERVICE_PORT may move it), as the dev and preview servers do for the demo config:
 * the overview and the servers offered as environments then name a server that answers.
 * Any other document comes back unchanged.
 */
export function withRunningDemoServer(text: string, serviceUrl: string): string {
  const doc = JSON.parse(text) as { servers?: Array<{ url?: unknown }> };
  const local = doc.servers?.find((s) => s.url === DEFAULT_DEMO_SERVER);
  if (!local) return text;
  local.url = serviceUrl.replace(/\/+$/, '');
  return JSON.stringify(doc, null, 2);
}

/** The discovery document the demo definition's `portico_oidc` scheme names: the provider's default port. */
export const DEFAULT_DEMO_OIDC_DISCOVERY = 'http://127.0.0.1:8792/.well-known/openid-configuration';

/**
 * The demo definition with its OpenID Connect scheme pointed at the demo provider that actually
 * runs (OIDC_PORT may move it; `issuer` is its issuer URL). Any other document comes back unchanged.
 */
export function withRunningOidcProvider(text: string, issuer: string): string {
  const doc = JSON.parse(text) as {
    components?: { securitySchemes?: Record<string, { openIdConnectUrl?: unknown }> };
  };
  const schemes = Object.values(doc.components?.securitySchemes ?? {}).filter(
    (scheme) => scheme.openIdConnectUrl === DEFAULT_DEMO_OIDC_DISCOVERY,
  );
  if (schemes.length === 0) return text;
  for (const scheme of schemes)
    scheme.openIdConnectUrl = `${issuer.replace(/\/+$/, '')}/.well-known/openid-configuration`;
  return JSON.stringify(doc, null, 2);
}
