/** The demo definition's operation that needs a signed-in caller (public/apis/azureml-demo.openapi.json). */
export const SIGNED_IN_OPERATION_ID = 'executeSignedIn';

/**
 * The operation policy the demo API is published with: the caller's access token checked as APIM
 * checks an Entra ID token (issuer, audience, scope, signature from the provider's JWKS), then the
 * call sent to RRS Execute with the web service's own key in place of the token.
 */
export function signedInScorePolicy(options: { issuer: string; backendKey: string }): string {
  const issuer = options.issuer.replace(/\/+$/, '');
  return [
    '<policies>',
    '  <inbound>',
    '    <base />',
    '    <validate-jwt header-name="Authorization" failed-validation-httpcode="401" require-scheme="Bearer">',
    `      <openid-config url="${escapeXml(`${issuer}/.well-known/openid-configuration`)}" />`,
    '      <audiences>',
    '        <audience>api://portico-demo</audience>',
    '      </audiences>',
    '      <issuers>',
    `        <issuer>${escapeXml(issuer)}</issuer>`,
    '      </issuers>',
    '      <required-claims>',
    '        <claim name="scope" match="any" separator=" ">',
    '          <value>scores.read</value>',
    '        </claim>',
    '      </required-claims>',
    '    </validate-jwt>',
    '    <set-header name="Authorization" exists-action="override">',
    `      <value>Bearer ${escapeXml(options.backendKey)}</value>`,
    '    </set-header>',
    '    <rewrite-uri template="/workspaces/{workspace}/services/{service}/execute" />',
    '  </inbound>',
    '  <backend>',
    '    <base />',
    '  </backend>',
    '  <outbound>',
    '    <base />',
    '  </outbound>',
    '  <on-error>',
    '    <base />',
    '  </on-error>',
    '</policies>',
  ].join('\r\n');
}

function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}
