import type { Environment } from '../config/portal-config';
import type { ApimApi } from './apim-api-contracts';

/** The environment id of an API from API Management: the template's, per API. */
export function apimEnvironmentId(templateId: string, apiId: string): string {
  return `${templateId}~apim~${apiId}`;
}

/** `${gatewayUrl}/${path}`, or the gateway itself for an API at the root (path ""). */
export function gatewayBaseUrl(gatewayUrl: string, path: string): string {
  const root = gatewayUrl.replace(/\/+$/, '');
  const suffix = path.replace(/^\/+|\/+$/g, '');
  return suffix === '' ? root : `${root}/${suffix}`;
}

// APIM's export names its subscription-key schemes so; the template keeps the key under the
// portal's own name for it.
const EXPORTED_KEY_SCHEMES = ['apiKeyHeader', 'apiKeyQuery'] as const;

/**
 * One environment per API from API Management: the gateway at the API's suffix, with the
 * template's name, credentials, `apim` and `storage`. The template's subscription key
 * (`apimSubscriptionKey`) also fills the key schemes of APIM's export, so a key the user gives
 * the template (Settings, Subscriptions and keys) reaches every API; what the user typed for
 * one API's environment (`stored`, by environment id) wins.
 */
export function apimApiEnvironments(
  apis: readonly ApimApi[],
  template: Environment,
  gatewayUrl: string,
  stored: Readonly<Record<string, Record<string, string> | undefined>> = {},
): Environment[] {
  const key = template.credentials.apimSubscriptionKey ?? '';
  const keys = Object.fromEntries(EXPORTED_KEY_SCHEMES.map((scheme) => [scheme, key]));
  return apis.map((api): Environment => {
    const id = apimEnvironmentId(template.id, api.id);
    return {
      id,
      name: template.name,
      baseUrl: gatewayBaseUrl(gatewayUrl, api.path),
      credentials: { ...template.credentials, ...keys, ...stored[id] },
      ...(template.storage ? { storage: template.storage } : {}),
      ...(template.apim ? { apim: template.apim } : {}),
      builtIn: true,
      apiIds: [api.id],
    };
  });
}
