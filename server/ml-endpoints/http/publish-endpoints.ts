import type { Catalog } from '../../gateway/core/catalog';
import { importOpenApi } from '../../gateway/core/openapi-import';
import { inboundPolicyXml } from '../../gateway/policies/policy-document';
import { escapeText } from '../../gateway/policies/policy-xml';
import type { OnlineEndpointServer } from './create-online-endpoint';

export const HASHING_API_ID = 'hashing-endpoint';
export const ASSISTANT_API_ID = 'assistant-endpoint';
export const PUBLISHED_IN_PRODUCTS = ['starter', 'unlimited'] as const;
/** The header in which Starter tells a caller how many tokens the last minute has left. */
export const REMAINING_TOKENS_HEADER = 'x-ratelimit-remaining-tokens';

/**
 * Starter's token limits for the assistant: about three answers a minute, a hundred a day.
 * Counted per subscription from the streamed answer (llm-token-limit.ts has the rule).
 */
export const STARTER_TOKEN_LIMIT_XML =
  '<llm-token-limit counter-key="@(context.Subscription.Id)" tokens-per-minute="500" token-quota="20000" token-quota-period="Daily" remaining-tokens-header-name="x-ratelimit-remaining-tokens" remaining-quota-tokens-header-name="x-ratelimit-remaining-quota-tokens" />';

export interface EndpointToPublish {
  server: OnlineEndpointServer;
  apiId: string;
  displayName: string;
}

/**
 * Publishes the online endpoints as a publisher would on APIM: each imported from its own
 * `/swagger.json` (fetched with the endpoint's key, as the front door asks for one), backed by
 * the endpoint, with `set-header Authorization` carrying the endpoint key so that callers need
 * only their subscription key; in Starter and Unlimited; Starter's policy gains llm-token-limit.
 * Runs on the catalog's first open only: what a publisher changes or deletes later stays so.
 */
export async function publishOnlineEndpoints(
  catalog: Catalog,
  endpoints: readonly EndpointToPublish[],
): Promise<void> {
  for (const { server, apiId, displayName } of endpoints) {
    const base = server.url();
    const key = server.credentials.keys().primaryKey;
    const answer = await fetch(`${base}/swagger.json`, {
      headers: { Authorization: `Bearer ${key}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (!answer.ok)
      throw new Error(`${server.model.name} answered ${answer.status} for its /swagger.json.`);
    const imported = importOpenApi(await answer.text(), 'swagger-json');
    await catalog.putApi(
      apiId,
      {
        displayName,
        description: imported.properties.description,
        serviceUrl: base,
        path: apiId,
        protocols: ['http', 'https'],
      },
      { imported },
    );
    await catalog.putPolicy({ kind: 'api', apiId }, endpointKeyPolicyXml(key), 'xml');
    for (const productId of PUBLISHED_IN_PRODUCTS) await catalog.linkApi(productId, apiId);
  }
  const starter = catalog.policy({ kind: 'product', productId: 'starter' });
  if (starter && !starter.value.includes('<llm-token-limit'))
    await catalog.putPolicy(
      { kind: 'product', productId: 'starter' },
      withTokenLimit(starter.value),
      'xml',
    );
}

/** The API policy that sends the endpoint's key; the caller's own Authorization is replaced. */
export function endpointKeyPolicyXml(key: string): string {
  return inboundPolicyXml([
    '<base />',
    '<set-header name="Authorization" exists-action="override">',
    `  <value>Bearer ${escapeText(key)}</value>`,
    '</set-header>',
  ]);
}

/** Starter's document with llm-token-limit first in inbound. */
export function withTokenLimit(xml: string): string {
  const inbound = /<inbound>(\r?\n)/.exec(xml);
  if (!inbound) return xml.replace('<inbound />', `<inbound>${STARTER_TOKEN_LIMIT_XML}</inbound>`);
  const at = inbound.index + inbound[0].length;
  return `${xml.slice(0, at)}    ${STARTER_TOKEN_LIMIT_XML}${inbound[1]}${xml.slice(at)}`;
}
