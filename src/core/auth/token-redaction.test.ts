/**
 * A signed-in token goes where a pasted key goes: the scheme's credential, sent as a secret
 * Authorization header. These tests hold that path to "never in links, history, code samples,
 * logs" with the real functions that make each of them (query keys: oauth-queries.test.ts).
 */
import { describe, expect, it } from 'vitest';
import type { ApiOperation, SecurityScheme } from '../definition/api-model';
import { buildRequest } from '../request/build-request';
import { redactRequest } from '../request/redact-request';
import { generateSnippet, SNIPPET_TARGETS } from '../request/code-samples';
import { encodeShareState } from '../request/share-link';
import { makeHistoryEntry, formSnapshotOf } from '../history/history-entry';
import { accessTokensIn, SignedInTokens } from './token-store';
import { maskTokensInText } from './jwt-view';

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const TOKEN = `${b64url({ alg: 'RS256' })}.${b64url({ aud: 'api://portico-demo', sub: 'demo' })}.c2lnbmF0dXJlLXNpZ25hdHVyZQ`;

const schemes: Record<string, SecurityScheme> = {
  portico_oidc: {
    id: 'portico_oidc',
    type: 'openIdConnect',
    openIdConnectUrl: 'http://127.0.0.1:8792/.well-known/openid-configuration',
  },
};
const operation: ApiOperation = {
  slug: 'executeSignedIn',
  operationId: 'executeSignedIn',
  method: 'post',
  path: '/signed-in/execute',
  summary: 'Score as a signed-in user',
  tags: [],
  deprecated: false,
  parameters: [],
  responses: [],
  security: [['portico_oidc']],
};
const values = { path: {}, query: {}, headers: {}, customHeaders: [], body: '{}' };

function signedInRequest() {
  const store = new SignedInTokens(undefined);
  store.set(
    'local-demo',
    'portico_oidc',
    { accessToken: TOKEN, tokenType: 'bearer', flow: 'authorizationCode', obtainedAt: 0 },
    false,
  );
  const environment = {
    baseUrl: 'http://127.0.0.1:8791/azureml-demo',
    credentials: accessTokensIn(store.getSnapshot(), 'local-demo'),
  };
  return buildRequest(operation, values, environment, schemes);
}

describe('a signed-in token on its way through the portal', () => {
  it('is sent as a secret Authorization: Bearer header', () => {
    expect(signedInRequest().headers).toContainEqual({
      name: 'Authorization',
      value: `Bearer ${TOKEN}`,
      secret: true,
      schemeId: 'portico_oidc',
    });
  });

  it('is masked in the request the panel shows and History keeps', () => {
    const request = signedInRequest();
    expect(JSON.stringify(redactRequest(request))).not.toContain(TOKEN);
    const entry = makeHistoryEntry({
      id: '1',
      apiId: 'azureml-demo',
      operationSlug: operation.slug,
      operationSummary: operation.summary,
      request,
      form: formSnapshotOf(values),
      at: 0,
      outcome: {
        kind: 'response',
        status: 401,
        statusText: 'Unauthorized',
        headers: [],
        body: new TextEncoder().encode('{"statusCode":401}'),
      },
    });
    expect(JSON.stringify(entry)).not.toContain(TOKEN);
  });

  it('is a placeholder in every code sample', async () => {
    const request = signedInRequest();
    for (const target of SNIPPET_TARGETS.map((t) => t.id)) {
      const sample = await generateSnippet(request, target);
      expect(sample).not.toContain(TOKEN);
      expect(sample, target).toMatch(/PORTICO_OIDC/i);
    }
  });

  it('never enters a share link or a logged message', () => {
    const encoded = encodeShareState(formSnapshotOf(values));
    expect(encoded.ok && encoded.payload).not.toContain(TOKEN.slice(0, 20));
    expect(maskTokensInText(`Bearer ${TOKEN} refused`)).toBe('Bearer ••• refused');
  });
});
