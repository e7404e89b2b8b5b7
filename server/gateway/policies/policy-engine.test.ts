import { describe, expect, it } from 'vitest';
import type { PolicyCall, PolicyScopeKind } from './policy-call';
import {
  GLOBAL_POLICY_XML,
  STARTER_POLICY_XML,
  parsePolicy,
  type ParsedPolicy,
} from './policy-document';
import { PolicyEngine, type InboundOutcome } from './policy-engine';
import { composePipeline, type PolicyPipeline } from './policy-pipeline';

const T0 = Date.UTC(2026, 10, 30, 12, 0, 0);
const options = {
  isTrustedBackend: (url: URL) => url.hostname === 'localhost',
  trustSetting: 'GATEWAY_TRUSTED_HOSTS',
};
const global = parsePolicy(GLOBAL_POLICY_XML, 'xml', 'global', options);
const starter = parsePolicy(STARTER_POLICY_XML, 'xml', 'product', options);

function doc(scope: PolicyScopeKind, inbound: string, rest = ''): ParsedPolicy {
  return parsePolicy(
    `<policies><inbound>${inbound}</inbound>${rest}</policies>`,
    'xml',
    scope,
    options,
  );
}

function setup(docs: Parameters<typeof composePipeline>[0] = { global, product: starter }) {
  const clock = { now: T0 };
  const engine = new PolicyEngine({
    clock: () => clock.now,
    isTrustedBackend: options.isTrustedBackend,
  });
  const pipeline = composePipeline(docs);
  return { clock, engine, pipeline };
}

function makeCall(overrides: Partial<PolicyCall> = {}): PolicyCall {
  return {
    requestId: 'req-1',
    method: 'POST',
    path: '/workspaces/w/services/s/execute',
    query: 'api-version=2.0',
    headers: {},
    ipAddress: '10.0.0.1',
    api: { id: 'azureml-demo', serviceUrl: 'http://localhost:9000' },
    operation: { id: 'rrs-execute', method: 'POST', urlTemplate: '/execute', responses: [] },
    subscription: { id: 'sub-1', key: 'key-1', startDate: T0 },
    product: { id: 'starter' },
    user: { id: 'user-1' },
    ...overrides,
  };
}

function status(outcome: InboundOutcome): number | 'forward' {
  return outcome.kind === 'forward' ? 'forward' : outcome.status;
}

function at(clock: { now: number }, seconds: number): void {
  clock.now = T0 + seconds * 1000;
}

describe('Starter', () => {
  it('admits 5 calls a minute with X-RateLimit-Remaining, then answers 429 with Retry-After and 0 left', () => {
    const { clock, engine, pipeline } = setup();
    const call = makeCall();
    const remaining: string[] = [];
    for (let i = 0; i < 5; i += 1) {
      at(clock, i);
      const outcome = engine.inbound(pipeline, call);
      if (outcome.kind !== 'forward') throw new Error('refused');
      remaining.push(outcome.responseHeaders['X-RateLimit-Remaining'] ?? '');
    }
    expect(remaining).toEqual(['4', '3', '2', '1', '0']);
    at(clock, 5);
    expect(engine.inbound(pipeline, call)).toEqual({
      kind: 'respond',
      reason: 'rate-limit',
      status: 429,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Retry-After': '55',
        'X-RateLimit-Remaining': '0',
      },
      body: '{"statusCode":429,"message":"Rate limit is exceeded. Try again in 55 seconds."}',
    });
    expect(engine.remainingCalls(pipeline, call)).toBe(0);
  });

  it('answers the 101st call of the week with 403, Retry-After and the TimeSpan until it renews', () => {
    const { clock, engine, pipeline } = setup();
    const call = makeCall();
    // 12 s apart: never more than 5 in a minute.
    for (let i = 0; i < 100; i += 1) {
      at(clock, i * 12);
      expect(status(engine.inbound(pipeline, call))).toBe('forward');
    }
    at(clock, 100 * 12);
    const refused = engine.inbound(pipeline, call);
    const left = 604_800 - 1200;
    expect(refused).toMatchObject({
      reason: 'quota',
      status: 403,
      headers: { 'Retry-After': String(left) },
      body: JSON.stringify({
        statusCode: 403,
        message: 'Out of call volume quota. Quota will be replenished in 6.23:40:00.',
      }),
    });
    // Calls at 1152, 1164, 1176 and 1188 s are in the window; the refused one took no slot.
    expect(engine.remainingCalls(pipeline, call)).toBe(1);
  });

  it('lets calls without a subscription pass rate-limit and quota uncounted', () => {
    const { engine, pipeline } = setup();
    const call = makeCall({ subscription: undefined });
    for (let i = 0; i < 10; i += 1) expect(status(engine.inbound(pipeline, call))).toBe('forward');
    expect(engine.remainingCalls(pipeline, call)).toBeUndefined();
  });
});

describe('rate-limit: an exact sliding window', () => {
  it('refuses at 59.999 s with Retry-After 1 and admits at 60.000 s', () => {
    const { clock, engine, pipeline } = setup();
    const call = makeCall();
    for (const second of [0, 10, 20, 30, 40]) {
      at(clock, second);
      expect(status(engine.inbound(pipeline, call))).toBe('forward');
    }
    at(clock, 59.999);
    expect(engine.inbound(pipeline, call)).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '1' },
    });
    at(clock, 60);
    const admitted = engine.inbound(pipeline, call);
    expect(admitted).toMatchObject({
      kind: 'forward',
      responseHeaders: { 'X-RateLimit-Remaining': '0' },
    });
    // The next slot frees when the call at 10 s leaves the window.
    at(clock, 61);
    expect(engine.inbound(pipeline, call)).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '9' },
    });
  });

  it('frees a burst all at once, a period after it', () => {
    const { clock, engine, pipeline } = setup();
    const call = makeCall();
    at(clock, 30);
    for (let i = 0; i < 5; i += 1) expect(status(engine.inbound(pipeline, call))).toBe('forward');
    for (const second of [30, 45, 89.5]) {
      at(clock, second);
      expect(status(engine.inbound(pipeline, call))).toBe(429);
    }
    at(clock, 90);
    expect(engine.remainingCalls(pipeline, call)).toBe(5);
    for (let i = 0; i < 5; i += 1) expect(status(engine.inbound(pipeline, call))).toBe('forward');
    expect(status(engine.inbound(pipeline, call))).toBe(429);
  });

  it('counts per subscription and per policy instance; <api>/<operation> children apply independently', () => {
    const product = doc(
      'product',
      `<rate-limit calls="10" renewal-period="60" remaining-calls-header-name="X-Left" total-calls-header-name="X-Total">
         <api name="Other" calls="1" renewal-period="60" />
         <api id="azureml-demo" name="Other" calls="3" renewal-period="60">
           <operation id="rrs-execute" calls="2" renewal-period="60" />
         </api>
       </rate-limit><base />`,
    );
    const { engine, pipeline } = setup({ global, product });
    const execute = makeCall();
    const submit = makeCall({ operation: { ...makeCall().operation, id: 'bes-submit' } });
    expect(engine.inbound(pipeline, execute)).toMatchObject({
      responseHeaders: { 'X-Left': '1', 'X-Total': '2' },
    });
    expect(status(engine.inbound(pipeline, execute))).toBe('forward');
    expect(engine.inbound(pipeline, execute)).toMatchObject({
      status: 429,
      headers: { 'X-Left': '0', 'X-Total': '2' },
    });
    // The API's limit (3) still has one call for another operation.
    expect(status(engine.inbound(pipeline, submit))).toBe('forward');
    expect(status(engine.inbound(pipeline, submit))).toBe(429);
    // Another subscription has counters of its own.
    const other = makeCall({ subscription: { id: 'sub-2', key: 'key-2', startDate: T0 } });
    expect(status(engine.inbound(pipeline, other))).toBe('forward');
  });

  it('takes the name of an <api> when it has no id', () => {
    const product = doc(
      'product',
      '<rate-limit calls="10" renewal-period="60"><api name="AzureML Demo API" calls="1" renewal-period="60" /></rate-limit>',
    );
    const { engine, pipeline } = setup({ global, product });
    const named = makeCall({
      api: { id: 'azureml-demo', name: 'AzureML Demo API', serviceUrl: 'http://localhost:9000' },
    });
    expect(status(engine.inbound(pipeline, named))).toBe('forward');
    expect(status(engine.inbound(pipeline, named))).toBe(429);
  });
});

describe('quota: fixed periods counted from the subscription start', () => {
  it('is full at 12:59 and renews at 13:00 for a subscription that started at 12:00', () => {
    const product = doc('product', '<quota calls="2" renewal-period="3600" />');
    const { clock, engine, pipeline } = setup({ global, product });
    const call = makeCall();
    at(clock, 30 * 60);
    expect(status(engine.inbound(pipeline, call))).toBe('forward');
    at(clock, 58 * 60);
    expect(status(engine.inbound(pipeline, call))).toBe('forward');
    at(clock, 59 * 60);
    expect(engine.inbound(pipeline, call)).toMatchObject({
      status: 403,
      headers: { 'Retry-After': '60' },
      body: JSON.stringify({
        statusCode: 403,
        message: 'Out of call volume quota. Quota will be replenished in 00:01:00.',
      }),
    });
    at(clock, 60 * 60);
    expect(status(engine.inbound(pipeline, call))).toBe('forward');
    expect(status(engine.inbound(pipeline, call))).toBe('forward');
    at(clock, 119 * 60);
    expect(status(engine.inbound(pipeline, call))).toBe(403);
  });

  it('never renews with renewal-period 0', () => {
    const product = doc('product', '<quota calls="1" renewal-period="0" />');
    const { clock, engine, pipeline } = setup({ global, product });
    expect(status(engine.inbound(pipeline, makeCall()))).toBe('forward');
    at(clock, 86_400 * 365);
    const refused = engine.inbound(pipeline, makeCall());
    expect(refused).toMatchObject({ status: 403 });
    if (refused.kind !== 'respond') throw new Error('forwarded');
    expect(refused.headers['Retry-After']).toBeUndefined();
    expect(refused.body).toBe(
      '{"statusCode":403,"message":"Out of call volume quota. Quota will not be replenished."}',
    );
  });
});

describe('by-key limits', () => {
  it('share one counter per key value across scopes', () => {
    const byIp =
      '<rate-limit-by-key calls="3" renewal-period="60" counter-key="@(context.Request.IpAddress)" />';
    const { engine, pipeline } = setup({
      global: doc('global', byIp, '<backend><forward-request /></backend>'),
      api: doc('api', `<base />${byIp}`),
    });
    // Each call is counted twice in the same counter: by the global and by the API policy.
    expect(status(engine.inbound(pipeline, makeCall()))).toBe('forward');
    expect(engine.inbound(pipeline, makeCall())).toMatchObject({
      status: 429,
      headers: { 'Retry-After': '60' },
    });
  });

  it('keys by IP address or by subscription as the expression says', () => {
    const { engine, pipeline } = setup({
      global,
      api: doc(
        'api',
        `<rate-limit-by-key calls="1" renewal-period="60" counter-key="@(context.Request.IpAddress)" />
         <rate-limit-by-key calls="2" renewal-period="60" counter-key="@(context.Subscription.Id)" remaining-calls-header-name="X-Sub-Left" />`,
      ),
    });
    const sub1 = (ip: string) => makeCall({ ipAddress: ip });
    expect(engine.inbound(pipeline, sub1('10.0.0.1'))).toMatchObject({
      responseHeaders: { 'X-Sub-Left': '1' },
    });
    expect(status(engine.inbound(pipeline, sub1('10.0.0.1')))).toBe(429);
    expect(status(engine.inbound(pipeline, sub1('10.0.0.2')))).toBe('forward');
    // sub-1 has used its 2; a refused call took none of them.
    expect(engine.inbound(pipeline, sub1('10.0.0.3'))).toMatchObject({ status: 429 });
    const sub2 = makeCall({
      ipAddress: '10.0.0.4',
      subscription: { id: 'sub-2', key: 'k', startDate: T0 },
    });
    expect(status(engine.inbound(pipeline, sub2))).toBe('forward');
  });

  it('counts a call with an increment-condition once its answer is known', () => {
    const { engine, pipeline } = setup({
      global,
      api: doc(
        'api',
        '<rate-limit-by-key calls="2" renewal-period="60" counter-key="@(context.Request.Headers.GetValueOrDefault(&quot;X-Client&quot;, &quot;anonymous&quot;))" increment-condition="@(context.Response.StatusCode &gt;= 200 &amp;&amp; context.Response.StatusCode &lt; 300)" />',
      ),
    });
    const call = makeCall({ headers: { 'x-client': 'c1' } });
    for (const answer of [500, 404, 200]) {
      expect(status(engine.inbound(pipeline, call))).toBe('forward');
      engine.afterResponse(pipeline, call, answer);
    }
    expect(status(engine.inbound(pipeline, call))).toBe('forward');
    engine.afterResponse(pipeline, call, 204);
    expect(status(engine.inbound(pipeline, call))).toBe(429);
    expect(status(engine.inbound(pipeline, makeCall()))).toBe('forward');
  });

  it('counts quota-by-key in fixed windows from first-period-start', () => {
    const { clock, engine, pipeline } = setup({
      global,
      api: doc(
        'api',
        '<quota-by-key calls="1" renewal-period="3600" counter-key="@(context.Request.IpAddress)" first-period-start="2026-11-30T11:30:00Z" />',
      ),
    });
    expect(status(engine.inbound(pipeline, makeCall()))).toBe('forward');
    at(clock, 29 * 60);
    expect(engine.inbound(pipeline, makeCall())).toMatchObject({
      status: 403,
      headers: { 'Retry-After': '60' },
    });
    at(clock, 30 * 60);
    expect(status(engine.inbound(pipeline, makeCall()))).toBe('forward');
  });

  it("answers APIM's 500 when an expression reads a member of an absent object, counting nothing", () => {
    const { engine, pipeline } = setup({
      global: doc(
        'global',
        '',
        '<backend><forward-request /></backend><on-error><set-header name="X-Failed" exists-action="override"><value>yes</value></set-header></on-error>',
      ),
      api: doc(
        'api',
        '<rate-limit-by-key calls="1" renewal-period="60" counter-key="@(context.Subscription.Id)" />',
      ),
    });
    expect(engine.inbound(pipeline, makeCall({ subscription: undefined }))).toEqual({
      kind: 'respond',
      reason: 'policy-error',
      status: 500,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'X-Failed': 'yes' },
      body: '{"statusCode":500,"message":"Internal server error","activityId":"req-1"}',
      detail: 'context.Subscription is null for this call (no context.Subscription was involved)',
    });
    expect(engine.takeDirtyCounters()).toEqual([]);
  });
});

describe('mock-response, set-header, set-backend-service', () => {
  it('answers with the example of the operation, marked as mocked, counting the call', () => {
    const { engine, pipeline } = setup({
      global,
      product: starter,
      operation: doc(
        'operation',
        '<base /><mock-response status-code="200" content-type="application/json" />',
      ),
    });
    const call = makeCall({
      operation: {
        ...makeCall().operation,
        responses: [
          {
            statusCode: 200,
            representations: [
              { contentType: 'application/json', examples: { default: { value: { ok: true } } } },
            ],
          },
        ],
      },
    });
    expect(engine.inbound(pipeline, call)).toEqual({
      kind: 'respond',
      reason: 'mock-response',
      status: 200,
      headers: {
        'X-RateLimit-Remaining': '4',
        'Content-Type': 'application/json',
        'X-Portico-Mocked': 'true',
      },
      body: '{"ok":true}',
    });
    expect(engine.remainingCalls(pipeline, call)).toBe(4);
  });

  it('hands the request header changes, the backend and its timeout to the caller', () => {
    const { engine, pipeline } = setup({
      global: doc(
        'global',
        '<set-header name="X-Request" exists-action="skip"><value>@(context.RequestId.ToString())</value></set-header>',
        '<backend><set-backend-service base-url="http://localhost:9100/v2" /><forward-request timeout="30" /></backend><outbound><set-header name="X-Powered-By" exists-action="delete" /></outbound>',
      ),
      api: doc(
        'api',
        '<base /><set-header name="X-User"><value>@(context.User.Id)</value><value>@(context.Product.Id)</value></set-header>',
      ),
    });
    const call = makeCall();
    expect(engine.inbound(pipeline, call)).toEqual({
      kind: 'forward',
      backendBaseUrl: 'http://localhost:9100/v2',
      backendTimeoutSeconds: 30,
      requestHeaders: [
        { name: 'X-Request', action: 'skip', values: ['req-1'] },
        { name: 'X-User', action: 'override', values: ['user-1', 'starter'] },
      ],
      responseHeaders: {},
    });
    expect(engine.outbound(pipeline, call, { status: 200, headers: {} })).toEqual([
      { name: 'X-Powered-By', action: 'delete', values: [] },
    ]);
  });

  it('checks a backend from an expression at call time', () => {
    const { engine, pipeline } = setup({
      global,
      api: doc(
        'api',
        '<set-backend-service base-url="@(context.Request.Headers.GetValueOrDefault(&quot;X-Backend&quot;, &quot;http://localhost:9000&quot;))" />',
      ),
    });
    expect(engine.inbound(pipeline, makeCall())).toMatchObject({
      backendBaseUrl: 'http://localhost:9000',
    });
    const refused = engine.inbound(
      pipeline,
      makeCall({ headers: { 'x-backend': 'https://evil.example' } }),
    );
    expect(refused).toMatchObject({ reason: 'policy-error', status: 500 });
    expect(refused.kind === 'respond' && refused.detail).toMatch(
      /'evil\.example' is not a trusted backend/,
    );
  });
});

describe('cors', () => {
  const cors = (terminate = 'true') =>
    `<cors allow-credentials="true" terminate-unmatched-request="${terminate}">
       <allowed-origins><origin>https://portal.test</origin></allowed-origins>
       <allowed-methods preflight-result-max-age="300"><method>GET</method><method>POST</method></allowed-methods>
       <allowed-headers><header>Ocp-Apim-Subscription-Key</header><header>Content-Type</header></allowed-headers>
       <expose-headers><header>X-RateLimit-Remaining</header></expose-headers>
     </cors>`;

  it('answers a matching preflight itself, counting nothing', () => {
    const { engine, pipeline } = setup({
      global: doc('global', cors(), '<backend><forward-request /></backend>'),
      product: starter,
    });
    const preflight = makeCall({
      method: 'OPTIONS',
      headers: {
        origin: 'https://portal.test',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'ocp-apim-subscription-key, content-type',
      },
    });
    expect(engine.inbound(pipeline, preflight)).toEqual({
      kind: 'respond',
      reason: 'cors-preflight',
      status: 200,
      headers: {
        'Access-Control-Allow-Origin': 'https://portal.test',
        Vary: 'Origin',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Allow-Methods': 'POST',
        'Access-Control-Allow-Headers': 'ocp-apim-subscription-key, content-type',
        'Access-Control-Max-Age': '300',
      },
      body: '',
    });
    expect(engine.remainingCalls(pipeline, preflight)).toBe(5);
  });

  it('answers an unmatched preflight with an empty 200', () => {
    const { engine, pipeline } = setup({
      global: doc('global', cors(), '<backend><forward-request /></backend>'),
    });
    for (const [origin, method, headers] of [
      ['https://elsewhere.test', 'POST', 'content-type'],
      ['https://portal.test', 'DELETE', 'content-type'],
      ['https://portal.test', 'POST', 'authorization'],
    ] as const) {
      const request = {
        method: 'OPTIONS',
        origin,
        accessControlRequestMethod: method,
        accessControlRequestHeaders: headers,
      };
      expect(engine.cors(pipeline, request)).toEqual({
        preflight: true,
        allowed: false,
        answerNow: true,
        headers: {},
      });
    }
  });

  it('adds CORS headers to a matching call, and ends an unmatched GET when told to', () => {
    const { engine, pipeline } = setup({
      global: doc('global', cors(), '<backend><forward-request /></backend>'),
      product: starter,
    });
    const matching = makeCall({ headers: { origin: 'https://PORTAL.test:443' } });
    expect(engine.inbound(pipeline, matching)).toMatchObject({
      kind: 'forward',
      responseHeaders: {
        'X-RateLimit-Remaining': '4',
        'Access-Control-Allow-Origin': 'https://PORTAL.test:443',
        'Access-Control-Allow-Credentials': 'true',
        'Access-Control-Expose-Headers': 'x-ratelimit-remaining',
      },
    });
    const unmatchedGet = makeCall({ method: 'GET', headers: { origin: 'https://elsewhere.test' } });
    expect(engine.inbound(pipeline, unmatchedGet)).toEqual({
      kind: 'respond',
      reason: 'cors-refused',
      status: 200,
      headers: {},
      body: '',
    });
    const unmatchedPost = makeCall({ headers: { origin: 'https://elsewhere.test' } });
    expect(engine.inbound(pipeline, unmatchedPost)).toMatchObject({
      kind: 'forward',
      responseHeaders: { 'X-RateLimit-Remaining': '3' },
    });
  });

  it('lets the next cors policy try when terminate-unmatched-request is false', () => {
    const wide =
      '<cors><allowed-origins><origin>*</origin></allowed-origins><allowed-methods><method>*</method></allowed-methods><allowed-headers><header>*</header></allowed-headers></cors>';
    const { engine, pipeline } = setup({
      global: doc('global', wide, '<backend><forward-request /></backend>'),
      api: doc('api', `${cors('false')}<base />`),
    });
    expect(engine.cors(pipeline, { method: 'GET', origin: 'https://elsewhere.test' })).toEqual({
      preflight: false,
      allowed: true,
      answerNow: false,
      headers: { 'Access-Control-Allow-Origin': '*' },
    });
    expect(
      engine.cors(setup({ global }).pipeline, { method: 'GET', origin: 'https://a.test' }),
    ).toBeUndefined();
  });
});

describe('counters written behind', () => {
  function starterCalls(engine: PolicyEngine, pipeline: PolicyPipeline, n: number): void {
    for (let i = 0; i < n; i += 1) engine.inbound(pipeline, makeCall());
  }

  it('hands out what changed, with keys safe as Azure Table row keys, and restores them', () => {
    const first = setup();
    starterCalls(first.engine, first.pipeline, 3);
    const written = first.engine.takeDirtyCounters();
    expect(written.map(([key]) => key)).toEqual([
      'rl-product-starter-sub.2D1',
      'q-product-starter-sub.2D1',
    ]);
    for (const [key, value] of written) {
      expect(key).toMatch(/^[A-Za-z0-9_.-]{1,500}$/);
      expect(value.length).toBeLessThan(30_000);
    }
    expect(first.engine.takeDirtyCounters()).toEqual([]);

    const second = setup();
    second.engine.restoreCounters([
      ...written,
      ['rl-bad', 'not json'],
      ['bad key!', '{"v":1,"p":0,"c":1}'],
    ]);
    expect(second.engine.remainingCalls(second.pipeline, makeCall())).toBe(2);
    starterCalls(second.engine, second.pipeline, 3);
    expect(status(second.engine.inbound(second.pipeline, makeCall()))).toBe(429);
    at(second.clock, 60);
    expect(second.engine.remainingCalls(second.pipeline, makeCall())).toBe(5);
    // 3 counted before the restart and 2 after it; the refused call is not among them.
    expect(second.engine.takeDirtyCounters()).toEqual([
      [
        'rl-product-starter-sub.2D1',
        expect.stringMatching(/^\{"v":1,"w":"[0-9a-z]+\*5","s":"sub-1"\}$/),
      ],
      ['q-product-starter-sub.2D1', `{"v":1,"p":${T0},"c":5,"s":"sub-1"}`],
    ]);
  });

  it('re-queues keys whose write failed, and forgets a deleted subscription', () => {
    const { engine, pipeline } = setup();
    starterCalls(engine, pipeline, 5);
    const keys = engine.takeDirtyCounters().map(([key]) => key);
    engine.markDirty(keys);
    expect(engine.takeDirtyCounters().map(([key]) => key)).toEqual(keys);
    engine.forgetSubscription('sub-1');
    const forgotten = engine.takeDirtyCounters();
    expect(forgotten).toEqual([
      [keys[0], '{"v":1,"w":""}'],
      [keys[1], '{"v":1,"p":0,"c":0}'],
    ]);
    expect(status(engine.inbound(pipeline, makeCall()))).toBe('forward');
  });
});
