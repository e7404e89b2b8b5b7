import { describe, expect, it } from 'vitest';
import {
  GLOBAL_POLICY_XML,
  PolicyValidationError,
  STARTER_POLICY_XML,
  parsePolicy,
  policyLimits,
  type PolicyParseOptions,
} from './policy-document';
import type { PolicyScopeKind } from './policy-call';

const options: PolicyParseOptions = {
  isTrustedBackend: (url) => url.hostname === 'localhost' || url.hostname === 'backend.test',
  trustSetting: 'GATEWAY_TRUSTED_HOSTS',
};

function refusal(
  xml: string,
  scope: PolicyScopeKind = 'api',
  format: 'xml' | 'rawxml' = 'xml',
): PolicyValidationError {
  try {
    parsePolicy(xml, format, scope, options);
  } catch (error) {
    if (error instanceof PolicyValidationError) return error;
    throw error;
  }
  throw new Error(`accepted: ${xml}`);
}

const inbound = (body: string) => `<policies><inbound>${body}</inbound></policies>`;

describe('parsePolicy serialization', () => {
  it("writes APIM's own serialization: \\r\\n, two spaces a level, <x /> for empty elements", () => {
    const sent =
      '<policies> <inbound /> <backend>    <forward-request />  </backend>  <outbound /></policies>';
    expect(parsePolicy(sent, 'xml', 'api', options).xml).toBe(
      '<policies>\r\n  <inbound />\r\n  <backend>\r\n    <forward-request />\r\n  </backend>\r\n  <outbound />\r\n</policies>',
    );
  });

  it('keeps the default documents as they are, and serializing twice changes nothing', () => {
    for (const [xml, scope] of [
      [STARTER_POLICY_XML, 'product'],
      [GLOBAL_POLICY_XML, 'global'],
    ] as const) {
      const parsed = parsePolicy(xml, 'xml', scope, options);
      expect(parsed.xml).toBe(xml);
      expect(parsePolicy(parsed.xml, 'xml', scope, options).xml).toBe(xml);
    }
  });

  it('reads Starter as exported by real instances, leading comment kept', () => {
    const exported = `<!-- IMPORTANT: keep this -->\n<policies>\n\t<inbound>\n\t\t<rate-limit calls="5" renewal-period="60" />\n\t\t<quota calls="100" renewal-period="604800" />\n\t\t<base />\n\t</inbound>\n\t<backend><base /></backend>\n\t<outbound><base /></outbound>\n</policies>`;
    const parsed = parsePolicy(exported, 'xml', 'product', options);
    expect(parsed.xml).toBe(
      [
        '<!-- IMPORTANT: keep this -->',
        '<policies>',
        '  <inbound>',
        '    <rate-limit calls="5" renewal-period="60" />',
        '    <quota calls="100" renewal-period="604800" />',
        '    <base />',
        '  </inbound>',
        '  <backend>',
        '    <base />',
        '  </backend>',
        '  <outbound>',
        '    <base />',
        '  </outbound>',
        '</policies>',
      ].join('\r\n'),
    );
    expect(policyLimits(parsed)).toEqual({
      rateLimit: { calls: 5, renewalPeriod: 60 },
      quota: { calls: 100, renewalPeriod: 604800 },
    });
  });

  it('takes rawxml expressions as written and returns them XML-encoded (=> as =&gt;)', () => {
    const raw = inbound(
      `<rate-limit-by-key calls="3" renewal-period="10" counter-key="@(context.Request.Headers.GetValueOrDefault("X-Key", "a=>b"))" /><set-header name="X-Id"><value>@(context.Request.Headers.GetValueOrDefault("a", "x && y < z"))</value></set-header>`,
    );
    const parsed = parsePolicy(raw, 'rawxml', 'api', options);
    expect(parsed.xml).toBe(
      [
        '<policies>',
        '  <inbound>',
        '    <rate-limit-by-key calls="3" renewal-period="10" counter-key="@(context.Request.Headers.GetValueOrDefault(&quot;X-Key&quot;, &quot;a=&gt;b&quot;))" />',
        '    <set-header name="X-Id">',
        '      <value>@(context.Request.Headers.GetValueOrDefault("a", "x &amp;&amp; y &lt; z"))</value>',
        '    </set-header>',
        '  </inbound>',
        '</policies>',
      ].join('\r\n'),
    );
    // What GET returned reads back as xml to the same document.
    expect(parsePolicy(parsed.xml, 'xml', 'api', options).xml).toBe(parsed.xml);
  });

  it('decodes character references once', () => {
    const parsed = parsePolicy(
      inbound('<set-header name="X-A"><value>&#65;&amp;#66;&#x43;</value></set-header>'),
      'xml',
      'api',
      options,
    );
    expect(parsed.sections.inbound?.[0]).toMatchObject({
      values: [{ kind: 'literal', value: 'A&#66;C' }],
    });
  });

  it('states no limits for a document without them, or none at all', () => {
    expect(policyLimits(undefined)).toEqual({});
    expect(policyLimits(parsePolicy(GLOBAL_POLICY_XML, 'xml', 'global', options))).toEqual({});
  });
});

describe('parsePolicy refusals name what they refuse, and where', () => {
  it.each([
    ['an unknown element', inbound('\n  <choose />'), 'choose', 2, 3, /<choose> is not supported/],
    [
      'an unknown attribute',
      inbound('<rate-limit calls="5" renewal-period="60" counter="x" />'),
      'rate-limit/@counter',
      1,
      62,
      /no attribute counter/,
    ],
    [
      'a bad number',
      inbound('<rate-limit calls="five" renewal-period="60" />'),
      'rate-limit/@calls',
      1,
      32,
      /whole number, not 'five'/,
    ],
    [
      'a renewal-period over 300',
      `<policies>\r\n  <inbound>\r\n    <rate-limit calls="5" renewal-period="301" />`.concat(
        '\r\n  </inbound>\r\n</policies>',
      ),
      'rate-limit/@renewal-period',
      3,
      27,
      /between 1 and 300, not 301/,
    ],
    [
      'a policy in a section where it is not allowed',
      '<policies><outbound><rate-limit calls="5" renewal-period="60" /></outbound></policies>',
      'outbound/rate-limit',
      1,
      21,
      /outbound section/,
    ],
    [
      'a second rate-limit in one document',
      inbound(
        '<rate-limit calls="5" renewal-period="60" /><rate-limit calls="6" renewal-period="60" />',
      ),
      'rate-limit',
      1,
      64,
      /only once in a document/,
    ],
    [
      'an unsupported expression',
      inbound(
        '<set-header name="X-A"><value>@(context.Variables.GetValueOrDefault("x", ""))</value></set-header>',
      ),
      'set-header/value',
      1,
      43,
      /Unsupported expression: @\(context\.Variables/,
    ],
    [
      'a multi-statement expression',
      inbound(
        '<rate-limit-by-key calls="1" renewal-period="1" counter-key="@{ return &quot;a&quot;; }" />',
      ),
      'rate-limit-by-key/@counter-key',
      1,
      68,
      /Multi-statement expressions/,
    ],
    [
      'an expression where only a literal is allowed',
      inbound('<rate-limit-by-key calls="@(context.Api.Id)" renewal-period="1" counter-key="a" />'),
      'rate-limit-by-key/@calls',
      1,
      39,
      /Expressions are not supported in rate-limit-by-key\/@calls/,
    ],
    [
      'an untrusted backend',
      inbound('<set-backend-service base-url="https://evil.example/api" />'),
      'set-backend-service/@base-url',
      1,
      41,
      /'evil\.example' is not a trusted backend: add it to GATEWAY_TRUSTED_HOSTS/,
    ],
    [
      'backend-id',
      inbound('<set-backend-service backend-id="b1" />'),
      'set-backend-service/@backend-id',
      1,
      41,
      /backend-id is not supported/,
    ],
    [
      'quota bandwidth',
      '<policies><inbound><quota calls="5" bandwidth="100" renewal-period="60" /></inbound></policies>',
      'quota/@bandwidth',
      1,
      37,
      /counts calls only/,
    ],
  ])('%s', (_what, xml, target, line, column, message) => {
    const error = refusal(xml, xml.includes('<quota ') ? 'product' : 'api');
    expect(error.details).toEqual({ target, line, column });
    expect(error.message).toMatch(message);
  });

  it('refuses a policy at a scope where APIM does not allow it', () => {
    const quota = refusal(inbound('<quota calls="5" renewal-period="60" />'), 'api');
    expect(quota.details.target).toBe('quota');
    expect(quota.message).toMatch(/at api scope: it is allowed at product scope/);
    expect(
      refusal(inbound('<rate-limit calls="5" renewal-period="60" />'), 'global').message,
    ).toMatch(/at global scope/);
  });

  it('refuses XML that is not well-formed, with its line and column', () => {
    const error = refusal('<policies>\n  <inbound>\n    <base></inbound>\n</policies>');
    expect(error.message).toMatch(/not well-formed XML/);
    expect(error.details).toMatchObject({ line: 3 });
  });

  it('maps rawxml positions back to the text as sent', () => {
    const error = refusal(
      inbound(
        '<set-header name="X-A"><value>@(context.Request.Headers.GetValueOrDefault("a", "b"))</value></set-header><foo />',
      ),
      'api',
      'rawxml',
    );
    expect(error.details).toEqual({ target: 'foo', line: 1, column: 125 });
  });

  it('refuses the rest of what it cannot do as APIM would', () => {
    const cases: Array<[string, RegExp, PolicyScopeKind?]> = [
      ['<policy />', /root element must be <policies>/],
      ['<policies><inbound /><inbound /></policies>', /inbound section appears twice/],
      ['<policies><outgoing /></policies>', /not a policy section/],
      ['<policies><inbound>text</inbound></policies>', /cannot hold text/],
      ['<policies><backend /></policies>', /must contain <forward-request \/> or <base \/>/],
      [
        '<policies><backend><base /></backend></policies>',
        /global backend section must contain <forward-request \/>/,
        'global',
      ],
      [
        '<policies><backend><forward-request follow-redirects="true" /></backend></policies>',
        /only timeout/,
      ],
      [inbound('<base /><base />'), /<base> can be used only once/],
      [
        inbound('<set-header name="X-A" exists-action="replace"><value>a</value></set-header>'),
        /override, skip, append or delete/,
      ],
      [inbound('<set-header name="X-A" />'), /at least one <value>/],
      [inbound('<set-header name="X A"><value>a</value></set-header>'), /not a valid header name/],
      [inbound('<mock-response status-code="42" />'), /between 100 and 599/],
      [inbound('<set-backend-service base-url="/relative" />'), /not an absolute URL/],
      [inbound('<set-backend-service base-url="ftp://localhost/" />'), /http or https/],
      [
        inbound('<rate-limit-by-key calls="5" renewal-period="60" />'),
        /needs the attribute counter-key/,
      ],
      [
        inbound(
          '<rate-limit-by-key calls="5" renewal-period="60" counter-key="a" increment-condition="@(context.Response.Body == 1)" />',
        ),
        /Unsupported condition/,
      ],
      [
        inbound('<quota-by-key calls="5" renewal-period="60" counter-key="a" />'),
        /0 \(never renews\) or at least 300/,
      ],
      [
        inbound(
          '<quota-by-key calls="5" renewal-period="3600" counter-key="a" first-period-start="yesterday" />',
        ),
        /first-period-start must be an ISO 8601/,
      ],
      [
        inbound(
          '<cors><allowed-origins><origin>https://a.test/path</origin></allowed-origins><allowed-headers><header>*</header></allowed-headers></cors>',
        ),
        /is not an origin/,
      ],
      [
        inbound(
          '<cors allow-credentials="true"><allowed-origins><origin>*</origin></allowed-origins><allowed-headers><header>*</header></allowed-headers></cors>',
        ),
        /cannot be combined with the origin \*/,
      ],
      [
        inbound('<cors><allowed-origins><origin>*</origin></allowed-origins></cors>'),
        /needs <allowed-headers>/,
      ],
      [
        inbound(
          '<cors /><cors><allowed-origins><origin>*</origin></allowed-origins><allowed-headers><header>*</header></allowed-headers></cors>',
        ),
        /needs <allowed-origins>/,
      ],
      [
        inbound(
          '<rate-limit calls="5" renewal-period="60"><api calls="1" renewal-period="10" /></rate-limit>',
        ),
        /needs a name or an id/,
      ],
      ['<!DOCTYPE policies [<!ENTITY a "b">]><policies />', /DOCTYPE/],
      [inbound('<set-header name="X-A"><value>&foo;</value></set-header>'), /Unknown entity &foo;/],
    ];
    for (const [xml, message, scope] of cases)
      expect(refusal(xml, scope ?? 'api').message).toMatch(message);
  });
});
