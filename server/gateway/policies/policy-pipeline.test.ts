import { describe, expect, it } from 'vitest';
import type { PolicyCall, PolicyScopeKind } from './policy-call';
import { GLOBAL_POLICY_XML, parsePolicy, type ParsedPolicy } from './policy-document';
import { PolicyEngine } from './policy-engine';
import { composePipeline } from './policy-pipeline';

const options = { isTrustedBackend: () => true, trustSetting: 'GATEWAY_TRUSTED_HOSTS' };

function doc(scope: PolicyScopeKind, sections: string): ParsedPolicy {
  return parsePolicy(`<policies>${sections}</policies>`, 'xml', scope, options);
}

const header = (value: string) =>
  `<set-header name="X-Order" exists-action="append"><value>${value}</value></set-header>`;

const call: PolicyCall = {
  requestId: 'r1',
  method: 'GET',
  path: '/things',
  query: '',
  headers: {},
  ipAddress: '10.0.0.1',
  api: { id: 'demo', serviceUrl: 'http://localhost:9000' },
  operation: { id: 'list', method: 'GET', urlTemplate: '/things', responses: [] },
};

function order(docs: Parameters<typeof composePipeline>[0]): {
  inbound: string[];
  outbound: string[];
} {
  const pipeline = composePipeline(docs);
  const engine = new PolicyEngine({ isTrustedBackend: () => true });
  const outcome = engine.inbound(pipeline, call);
  if (outcome.kind !== 'forward') throw new Error(outcome.kind);
  return {
    inbound: outcome.requestHeaders.flatMap((change) => change.values),
    outbound: engine
      .outbound(pipeline, call, { status: 200, headers: {} })
      .flatMap((change) => change.values),
  };
}

describe('composePipeline', () => {
  it('runs the narrowest document, with <base /> running the wider ones at its place', () => {
    expect(
      order({
        global: doc(
          'global',
          `<inbound>${header('global')}</inbound><backend><forward-request /></backend><outbound>${header('global')}</outbound>`,
        ),
        product: doc(
          'product',
          `<inbound>${header('product before')}<base />${header('product after')}</inbound><outbound><base />${header('product')}</outbound>`,
        ),
        api: doc(
          'api',
          `<inbound><base />${header('api')}</inbound><outbound>${header('api')}<base /></outbound>`,
        ),
        operation: doc(
          'operation',
          `<inbound>${header('operation')}<base /></inbound><outbound><base />${header('operation')}</outbound>`,
        ),
      }),
    ).toEqual({
      inbound: ['operation', 'product before', 'global', 'product after', 'api'],
      outbound: ['api', 'global', 'product', 'operation'],
    });
  });

  it("drops the wider documents' section when a document leaves <base /> out", () => {
    expect(
      order({
        global: doc(
          'global',
          `<inbound>${header('global')}</inbound><backend><forward-request /></backend><outbound>${header('global')}</outbound>`,
        ),
        product: doc('product', `<inbound>${header('product')}</inbound>`),
        api: doc('api', `<inbound><base />${header('api')}</inbound><outbound />`),
      }),
    ).toEqual({ inbound: ['product', 'api'], outbound: [] });
  });

  it('treats a missing document, or a missing section, as <base />', () => {
    expect(
      order({
        global: doc(
          'global',
          `<inbound>${header('global')}</inbound><backend><forward-request /></backend><outbound>${header('global')}</outbound>`,
        ),
        operation: doc('operation', `<inbound><base />${header('operation')}</inbound>`),
      }),
    ).toEqual({ inbound: ['global', 'operation'], outbound: ['global'] });
  });

  it('gives an empty pipeline for no documents, and refuses a document given at the wrong scope', () => {
    expect(composePipeline({})).toEqual({
      inbound: [],
      backend: [],
      outbound: [],
      onError: [],
      cors: [],
    });
    const global = parsePolicy(GLOBAL_POLICY_XML, 'xml', 'global', options);
    expect(() => composePipeline({ api: global })).toThrow(
      /global-scope document was given as the api/,
    );
  });
});
