import { inboundPolicyXml } from '../policies/policy-document';
import { escapeAttribute, escapeText } from '../policies/policy-xml';

/** The demo definition's operation that needs a signed-in caller (public/apis/azureml-demo.openapi.json). */
export const SIGNED_IN_OPERATION_ID = 'executeSignedIn';

/**
 * The operation policy the demo API is published with: the caller's access token checked as APIM
 * checks an Entra ID token (issuer, audience, scope, signature from the provider's JWKS), then the
 * call sent to RRS Execute with the web service's own key in place of the token.
 */
export function signedInScorePolicy(options: { issuer: string; backendKey: string }): string {
  const issuer = options.issuer.replace(/\/+$/, '');
  return inboundPolicyXml([
    '<base />',
    '<validate-jwt header-name="Authorization" failed-validation-httpcode="401" require-scheme="Bearer">',
    `  <openid-config url="${escapeAttribute(`${issuer}/.well-known/openid-configuration`)}" />`,
    '  <audiences>',
    '    <audience>api://portico-demo</audience>',
    '  </audiences>',
    '  <issuers>',
    `    <issuer>${escapeText(issuer)}</issuer>`,
    '  </issuers>',
    '  <required-claims>',
    '    <claim name="scope" match="any" separator=" ">',
    '      <value>scores.read</value>',
    '    </claim>',
    '  </required-claims>',
    '</validate-jwt>',
    '<set-header name="Authorization" exists-action="override">',
    `  <value>Bearer ${escapeText(options.backendKey)}</value>`,
    '</set-header>',
    '<rewrite-uri template="/workspaces/{workspace}/services/{service}/execute" />',
  ]);
}
