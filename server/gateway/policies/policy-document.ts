import { normaliseOrigin, type CorsPolicy } from './cors';
import type { PolicyScopeKind } from './policy-call';
import {
  ExpressionSyntaxError,
  isExpression,
  parseConditionExpression,
  parseStringExpression,
  type ConditionExpression,
  type StringExpression,
} from './policy-expressions';
import {
  XmlSyntaxError,
  parsePolicyXml,
  serializePolicyXml,
  type XmlDocument,
  type XmlElement,
} from './policy-xml';
import { compileRewriteUri, type RewriteUriStep } from './rewrite-uri';
import { compileLlmTokenLimit, type LlmTokenLimitStep } from './llm-token-limit';
import { compileValidateJwt, type ValidateJwtStep } from './validate-jwt';

/** A document refused at PUT (APIM answers 400 ValidationError). */
export class PolicyValidationError extends Error {
  constructor(
    message: string,
    readonly details: { line?: number; column?: number; target?: string },
  ) {
    super(message);
    this.name = 'PolicyValidationError';
  }
}

export interface PolicyParseOptions {
  /** Whether set-backend-service may send calls to this absolute base URL (trusted hosts only). */
  isTrustedBackend: (url: URL) => boolean;
  /** Named in the message when a backend is refused, e.g. "GATEWAY_TRUSTED_HOSTS". */
  trustSetting: string;
}

export type SectionName = 'inbound' | 'backend' | 'outbound' | 'on-error';
export const SECTIONS: readonly SectionName[] = ['inbound', 'backend', 'outbound', 'on-error'];

/** A literal, or an expression evaluated per call. */
export type ValueSource =
  { kind: 'literal'; value: string } | { kind: 'expression'; expression: StringExpression };

/** `<api>` / `<operation>` children of rate-limit and quota: their own, independent limits. */
export interface ChildLimit {
  id?: string;
  name?: string;
  calls: number;
  renewalPeriod: number;
  operations: ChildLimit[];
}

export type PolicyStep =
  | { kind: 'base' }
  | {
      kind: 'rate-limit';
      calls: number;
      renewalPeriod: number;
      apis: ChildLimit[];
      retryAfterHeaderName: string;
      remainingCallsHeaderName?: string;
      totalCallsHeaderName?: string;
    }
  | { kind: 'quota'; calls: number; renewalPeriod: number; apis: ChildLimit[] }
  | {
      kind: 'rate-limit-by-key';
      calls: number;
      renewalPeriod: number;
      counterKey: ValueSource;
      incrementCondition?: ConditionExpression;
      incrementCount: number;
      retryAfterHeaderName: string;
      remainingCallsHeaderName?: string;
      totalCallsHeaderName?: string;
    }
  | {
      kind: 'quota-by-key';
      calls: number;
      renewalPeriod: number;
      counterKey: ValueSource;
      incrementCondition?: ConditionExpression;
      firstPeriodStart: number;
    }
  | { kind: 'mock-response'; statusCode: number; contentType: string }
  | {
      kind: 'set-header';
      name: string;
      existsAction: 'override' | 'skip' | 'append' | 'delete';
      values: ValueSource[];
    }
  | { kind: 'set-backend-service'; baseUrl: ValueSource }
  | { kind: 'cors'; cors: CorsPolicy }
  | { kind: 'forward-request'; timeoutSeconds?: number }
  | ValidateJwtStep
  | RewriteUriStep
  | LlmTokenLimitStep;

export type PolicyKind = PolicyStep['kind'];

export interface ParsedPolicy {
  /** APIM's own serialization of the document; what GET returns as properties.value. */
  readonly xml: string;
  readonly scope: PolicyScopeKind;
  /** A section the document leaves out behaves as `<base />`. */
  readonly sections: Readonly<Partial<Record<SectionName, readonly PolicyStep[]>>>;
}

const ALL_SCOPES: readonly PolicyScopeKind[] = ['global', 'product', 'api', 'operation'];

/** Where APIM lets each policy stand (and what the local gateway supports of it). */
const PLACEMENT: Record<
  PolicyKind,
  { sections: readonly SectionName[]; scopes: readonly PolicyScopeKind[] }
> = {
  base: { sections: SECTIONS, scopes: ALL_SCOPES },
  'rate-limit': { sections: ['inbound'], scopes: ['product', 'api', 'operation'] },
  quota: { sections: ['inbound'], scopes: ['product'] },
  'rate-limit-by-key': { sections: ['inbound'], scopes: ALL_SCOPES },
  'quota-by-key': { sections: ['inbound'], scopes: ALL_SCOPES },
  'mock-response': { sections: ['inbound'], scopes: ALL_SCOPES },
  'set-header': { sections: ['inbound', 'outbound', 'on-error'], scopes: ALL_SCOPES },
  'set-backend-service': { sections: ['inbound', 'backend'], scopes: ALL_SCOPES },
  cors: { sections: ['inbound'], scopes: ALL_SCOPES },
  'forward-request': { sections: ['backend'], scopes: ALL_SCOPES },
  'validate-jwt': { sections: ['inbound'], scopes: ALL_SCOPES },
  'rewrite-uri': { sections: ['inbound'], scopes: ALL_SCOPES },
  'llm-token-limit': { sections: ['inbound'], scopes: ALL_SCOPES },
};

function isPolicyKind(name: string): name is PolicyKind {
  return Object.hasOwn(PLACEMENT, name);
}

/** The sliding window of rate-limit and rate-limit-by-key is at most 300 s (APIM's maximum). */
export const MAX_SLIDING_PERIOD_SECONDS = 300;
/** quota-by-key's shortest fixed window (0 = never renews). */
export const MIN_QUOTA_BY_KEY_PERIOD_SECONDS = 300;
const MAX_INT = 2_147_483_647;
const DEFAULT_FIRST_PERIOD_START = Date.parse('0001-01-01T00:00:00Z');

/**
 * A document laid out as APIM returns it (two-space indents, CRLF) whose inbound section holds
 * `inbound` (lines indented relative to the section) and whose other sections inherit (`<base />`):
 * the shape of every document the demo stack publishes.
 */
export function inboundPolicyXml(inbound: readonly string[]): string {
  const inherited = (['backend', 'outbound', 'on-error'] as const).flatMap((section) => [
    `  <${section}>`,
    '    <base />',
    `  </${section}>`,
  ]);
  return [
    '<policies>',
    '  <inbound>',
    ...inbound.map((line) => `    ${line}`),
    '  </inbound>',
    ...inherited,
    '</policies>',
  ].join('\r\n');
}

/** Starter's product policy (APIM's default product, `docs/reference/apim-management.md`). */
export const STARTER_POLICY_XML = inboundPolicyXml([
  '<rate-limit calls="5" renewal-period="60" remaining-calls-header-name="X-RateLimit-Remaining" />',
  '<quota calls="100" renewal-period="604800" />',
  '<base />',
]);

/** The global document a new service starts with. */
export const GLOBAL_POLICY_XML = [
  '<policies>',
  '  <inbound />',
  '  <backend>',
  '    <forward-request />',
  '  </backend>',
  '  <outbound />',
  '  <on-error />',
  '</policies>',
].join('\r\n');

/**
 * Parses and validates a policy document once, at PUT: everything the local gateway cannot do
 * as APIM would is refused here, naming it, rather than accepted and ignored.
 */
export function parsePolicy(
  value: string,
  format: 'xml' | 'rawxml',
  scope: PolicyScopeKind,
  options: PolicyParseOptions,
): ParsedPolicy {
  let document: XmlDocument;
  try {
    document = parsePolicyXml(value, format);
  } catch (error) {
    if (error instanceof XmlSyntaxError) {
      throw new PolicyValidationError(error.message, {
        ...(error.line === undefined ? {} : { line: error.line }),
        ...(error.column === undefined ? {} : { column: error.column }),
      });
    }
    throw error;
  }
  const compiler = new DocumentCompiler(document, scope, options);
  const sections = compiler.compile();
  return { xml: serializePolicyXml(document), scope, sections };
}

/** The simple limits a product's document states, for the portal. */
export function policyLimits(policy: ParsedPolicy | undefined): {
  rateLimit?: { calls: number; renewalPeriod: number };
  quota?: { calls: number; renewalPeriod: number };
} {
  const limits: {
    rateLimit?: { calls: number; renewalPeriod: number };
    quota?: { calls: number; renewalPeriod: number };
  } = {};
  for (const step of policy?.sections.inbound ?? []) {
    if (step.kind === 'rate-limit')
      limits.rateLimit = { calls: step.calls, renewalPeriod: step.renewalPeriod };
    if (step.kind === 'quota')
      limits.quota = { calls: step.calls, renewalPeriod: step.renewalPeriod };
  }
  return limits;
}

class DocumentCompiler {
  constructor(
    private readonly document: XmlDocument,
    private readonly scope: PolicyScopeKind,
    private readonly options: PolicyParseOptions,
  ) {}

  fail(message: string, element: XmlElement, target: string, attribute?: string): never {
    const offset =
      attribute === undefined ? element.offset : this.document.attributeOffset(element, attribute);
    const { line, column } = this.document.position(offset);
    throw new PolicyValidationError(message, { line, column, target });
  }

  compile(): Partial<Record<SectionName, readonly PolicyStep[]>> {
    const root = this.document.root;
    if (root.name !== 'policies')
      this.fail(`The root element must be <policies>, not <${root.name}>.`, root, root.name);
    this.reader(root, 'policies').done();
    const sections: Partial<Record<SectionName, readonly PolicyStep[]>> = {};
    for (const element of this.elements(root, 'policies')) {
      const section = SECTIONS.find((name) => name === element.name);
      if (!section)
        this.fail(
          `<${element.name}> is not a policy section: <policies> holds inbound, backend, outbound and on-error.`,
          element,
          element.name,
        );
      if (sections[section]) this.fail(`The ${section} section appears twice.`, element, section);
      this.reader(element, section).done();
      sections[section] = this.section(section, element);
    }
    return sections;
  }

  private section(section: SectionName, element: XmlElement): PolicyStep[] {
    const steps: PolicyStep[] = [];
    const seen = new Set<PolicyKind>();
    for (const child of this.elements(element, section)) {
      const name = child.name;
      if (!isPolicyKind(name))
        this.fail(
          `The policy <${name}> is not supported by the local gateway (supported: ${Object.keys(PLACEMENT).join(', ')}).`,
          child,
          name,
        );
      const placement = PLACEMENT[name];
      if (!placement.sections.includes(section))
        this.fail(
          `<${name}> cannot be used in the ${section} section: it is allowed in ${placement.sections.join(', ')}.`,
          child,
          `${section}/${name}`,
        );
      if (!placement.scopes.includes(this.scope))
        this.fail(
          `<${name}> cannot be used at ${this.scope} scope: it is allowed at ${placement.scopes.join(', ')} scope.`,
          child,
          name,
        );
      if (seen.has(name) && ONCE_PER_SECTION.has(name))
        this.fail(
          `<${name}> can be used only once in a ${ONCE_WHERE[name] ?? 'section'}.`,
          child,
          name,
        );
      seen.add(name);
      const step = this.step(name, child);
      if (
        section === 'backend' &&
        step.kind === 'set-backend-service' &&
        seen.has('forward-request')
      )
        this.fail(
          '<set-backend-service> after <forward-request> would have no effect: put it before.',
          child,
          name,
        );
      steps.push(step);
    }
    if (
      section === 'backend' &&
      !seen.has('forward-request') &&
      !(seen.has('base') && this.scope !== 'global')
    )
      this.fail(
        this.scope === 'global'
          ? 'The global backend section must contain <forward-request />: the local gateway always forwards the calls inbound lets through.'
          : 'The backend section must contain <forward-request /> or <base />: the local gateway always forwards the calls inbound lets through.',
        element,
        'backend',
      );
    return steps;
  }

  private step(name: PolicyKind, element: XmlElement): PolicyStep {
    switch (name) {
      case 'base':
        this.reader(element, name).done();
        this.noChildren(element, name);
        return { kind: 'base' };
      case 'forward-request':
        return this.forwardRequest(element);
      case 'rate-limit':
        return this.rateLimit(element);
      case 'quota':
        return this.quota(element);
      case 'rate-limit-by-key':
        return this.rateLimitByKey(element);
      case 'quota-by-key':
        return this.quotaByKey(element);
      case 'mock-response':
        return this.mockResponse(element);
      case 'set-header':
        return this.setHeader(element);
      case 'set-backend-service':
        return this.setBackendService(element);
      case 'cors':
        return this.cors(element);
      case 'validate-jwt':
        return compileValidateJwt(this, element, this.options);
      case 'rewrite-uri':
        return compileRewriteUri(this, element);
      case 'llm-token-limit':
        return compileLlmTokenLimit(this, element);
    }
  }

  private forwardRequest(element: XmlElement): PolicyStep {
    const attributes = this.reader(element, 'forward-request');
    const timeout = attributes.integer('timeout', { min: 1, max: 3600 });
    attributes.done(
      'the local gateway forwards with its own settings; only timeout (seconds) is supported',
    );
    this.noChildren(element, 'forward-request');
    return {
      kind: 'forward-request',
      ...(timeout === undefined ? {} : { timeoutSeconds: timeout }),
    };
  }

  private rateLimit(element: XmlElement): PolicyStep {
    const attributes = this.reader(element, 'rate-limit');
    const calls = attributes.requiredInteger('calls', { min: 1 });
    const renewalPeriod = attributes.requiredInteger('renewal-period', {
      min: 1,
      max: MAX_SLIDING_PERIOD_SECONDS,
    });
    const headers = this.limitHeaders(attributes);
    attributes.done();
    return {
      kind: 'rate-limit',
      calls,
      renewalPeriod,
      apis: this.childLimits(element, 'rate-limit', MAX_SLIDING_PERIOD_SECONDS, 1),
      ...headers,
    };
  }

  private quota(element: XmlElement): PolicyStep {
    const attributes = this.reader(element, 'quota');
    this.refuseBandwidth(attributes);
    const calls = attributes.requiredInteger('calls', { min: 1 });
    const renewalPeriod = attributes.requiredInteger('renewal-period', { min: 0 });
    attributes.done();
    return {
      kind: 'quota',
      calls,
      renewalPeriod,
      apis: this.childLimits(element, 'quota', MAX_INT, 0),
    };
  }

  private rateLimitByKey(element: XmlElement): PolicyStep {
    const target = 'rate-limit-by-key';
    const attributes = this.reader(element, target);
    const calls = attributes.requiredInteger('calls', { min: 1 });
    const renewalPeriod = attributes.requiredInteger('renewal-period', {
      min: 1,
      max: MAX_SLIDING_PERIOD_SECONDS,
    });
    const counterKey = attributes.value('counter-key');
    const incrementCondition = attributes.condition('increment-condition');
    const incrementCount = attributes.integer('increment-count', { min: 1 }) ?? 1;
    const headers = this.limitHeaders(attributes);
    attributes.done();
    this.noChildren(element, target);
    return {
      kind: 'rate-limit-by-key',
      calls,
      renewalPeriod,
      counterKey,
      ...(incrementCondition ? { incrementCondition } : {}),
      incrementCount,
      ...headers,
    };
  }

  private quotaByKey(element: XmlElement): PolicyStep {
    const target = 'quota-by-key';
    const attributes = this.reader(element, target);
    this.refuseBandwidth(attributes);
    const calls = attributes.requiredInteger('calls', { min: 1 });
    const renewalPeriod = attributes.requiredInteger('renewal-period', { min: 0 });
    if (renewalPeriod !== 0 && renewalPeriod < MIN_QUOTA_BY_KEY_PERIOD_SECONDS)
      this.fail(
        `quota-by-key's renewal-period must be 0 (never renews) or at least ${MIN_QUOTA_BY_KEY_PERIOD_SECONDS} seconds, not ${renewalPeriod}.`,
        element,
        `${target}/@renewal-period`,
        'renewal-period',
      );
    const counterKey = attributes.value('counter-key');
    const incrementCondition = attributes.condition('increment-condition');
    const start = attributes.literal('first-period-start');
    let firstPeriodStart = DEFAULT_FIRST_PERIOD_START;
    if (start !== undefined) {
      firstPeriodStart = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(
        start,
      )
        ? Date.parse(start)
        : Number.NaN;
      if (Number.isNaN(firstPeriodStart))
        this.fail(
          `first-period-start must be an ISO 8601 date and time with a zone, e.g. 2026-01-01T00:00:00Z, not '${start}'.`,
          element,
          `${target}/@first-period-start`,
          'first-period-start',
        );
    }
    attributes.done();
    this.noChildren(element, target);
    return {
      kind: 'quota-by-key',
      calls,
      renewalPeriod,
      counterKey,
      ...(incrementCondition ? { incrementCondition } : {}),
      firstPeriodStart,
    };
  }

  private mockResponse(element: XmlElement): PolicyStep {
    const attributes = this.reader(element, 'mock-response');
    const statusCode = attributes.integer('status-code', { min: 100, max: 599 }) ?? 200;
    const contentType = attributes.literal('content-type') ?? 'application/json';
    if (!/^[\w.+-]+\/[\w.+-]+(\s*;.*)?$/.test(contentType))
      this.fail(
        `content-type '${contentType}' is not a media type.`,
        element,
        'mock-response/@content-type',
        'content-type',
      );
    attributes.done();
    this.noChildren(element, 'mock-response');
    return { kind: 'mock-response', statusCode, contentType };
  }

  private setHeader(element: XmlElement): PolicyStep {
    const attributes = this.reader(element, 'set-header');
    const name = attributes.literal('name', true);
    if (!HEADER_NAME.test(name))
      this.fail(`'${name}' is not a valid header name.`, element, 'set-header/@name', 'name');
    const action = attributes.literal('exists-action') ?? 'override';
    if (action !== 'override' && action !== 'skip' && action !== 'append' && action !== 'delete')
      this.fail(
        `exists-action must be override, skip, append or delete, not '${action}'.`,
        element,
        'set-header/@exists-action',
        'exists-action',
      );
    attributes.done();
    const values: ValueSource[] = [];
    for (const child of this.elements(element, 'set-header')) {
      if (child.name !== 'value')
        this.fail(
          `<set-header> holds <value> elements only, not <${child.name}>.`,
          child,
          `set-header/${child.name}`,
        );
      this.reader(child, 'set-header/value').done();
      values.push(
        this.valueSource(this.textOf(child, 'set-header/value'), child, 'set-header/value'),
      );
    }
    if (action === 'delete' && values.length > 0)
      this.fail('exists-action="delete" takes no <value>.', element, 'set-header/value');
    if (action !== 'delete' && values.length === 0)
      this.fail(
        '<set-header> needs at least one <value> (or exists-action="delete").',
        element,
        'set-header',
      );
    return { kind: 'set-header', name, existsAction: action, values };
  }

  private setBackendService(element: XmlElement): PolicyStep {
    const target = 'set-backend-service';
    for (const attribute of element.attributes) {
      if (attribute.name === 'backend-id')
        this.fail(
          'set-backend-service/@backend-id is not supported by the local gateway (it has no backend entities): use base-url.',
          element,
          `${target}/@backend-id`,
          'backend-id',
        );
      if (attribute.name.startsWith('sf-'))
        this.fail(
          `set-backend-service/@${attribute.name} (Service Fabric) is not supported by the local gateway.`,
          element,
          `${target}/@${attribute.name}`,
          attribute.name,
        );
    }
    const attributes = this.reader(element, target);
    const baseUrl = attributes.value('base-url');
    attributes.done();
    this.noChildren(element, target);
    if (baseUrl.kind === 'literal') {
      const refusal = backendRefusal(baseUrl.value, this.options);
      if (refusal) this.fail(refusal, element, `${target}/@base-url`, 'base-url');
    }
    return { kind: 'set-backend-service', baseUrl };
  }

  private cors(element: XmlElement): PolicyStep {
    const attributes = this.reader(element, 'cors');
    const allowCredentials = attributes.boolean('allow-credentials') ?? false;
    const terminateUnmatchedRequest = attributes.boolean('terminate-unmatched-request') ?? true;
    attributes.done();
    let origins: '*' | string[] | undefined;
    let methods: '*' | string[] = ['GET', 'POST'];
    let preflightResultMaxAge = 0;
    let headers: '*' | string[] | undefined;
    let exposeHeaders: string[] = [];
    const seen = new Set<string>();
    for (const child of this.elements(element, 'cors')) {
      const path = `cors/${child.name}`;
      if (seen.has(child.name)) this.fail(`<${child.name}> appears twice in <cors>.`, child, path);
      seen.add(child.name);
      switch (child.name) {
        case 'allowed-origins': {
          this.reader(child, path).done();
          const list = this.list(child, path, 'origin');
          origins = this.star(list, child, path, (origin, at) => {
            const normalised = normaliseOrigin(origin);
            let url: URL | undefined;
            try {
              url = new URL(origin);
            } catch {
              url = undefined;
            }
            if (
              !normalised ||
              !url ||
              (url.protocol !== 'http:' && url.protocol !== 'https:') ||
              url.pathname !== '/' ||
              url.search ||
              url.hash ||
              url.username
            )
              this.fail(
                `'${origin}' is not an origin: give * or scheme://host[:port].`,
                at,
                `${path}/origin`,
              );
            return normalised;
          });
          break;
        }
        case 'allowed-methods': {
          const reader = this.reader(child, path);
          preflightResultMaxAge = reader.integer('preflight-result-max-age', { min: 0 }) ?? 0;
          reader.done();
          methods = this.star(this.list(child, path, 'method'), child, path, (method, at) => {
            if (!/^[A-Za-z]+$/.test(method))
              this.fail(`'${method}' is not an HTTP method.`, at, `${path}/method`);
            return method.toUpperCase();
          });
          break;
        }
        case 'allowed-headers':
        case 'expose-headers': {
          this.reader(child, path).done();
          const list = this.star(this.list(child, path, 'header'), child, path, (header, at) => {
            if (!HEADER_NAME.test(header))
              this.fail(`'${header}' is not a header name.`, at, `${path}/header`);
            return header.toLowerCase();
          });
          if (child.name === 'allowed-headers') headers = list;
          else if (list === '*')
            this.fail('expose-headers takes header names, not *.', child, `${path}/header`);
          else exposeHeaders = list;
          break;
        }
        default:
          this.fail(
            `<cors> holds allowed-origins, allowed-methods, allowed-headers and expose-headers, not <${child.name}>.`,
            child,
            path,
          );
      }
    }
    if (!origins) this.fail('<cors> needs <allowed-origins>.', element, 'cors/allowed-origins');
    if (!headers) this.fail('<cors> needs <allowed-headers>.', element, 'cors/allowed-headers');
    if (origins === '*' && allowCredentials)
      this.fail(
        'allow-credentials="true" cannot be combined with the origin *: browsers refuse it; list the origins.',
        element,
        'cors/@allow-credentials',
        'allow-credentials',
      );
    return {
      kind: 'cors',
      cors: {
        allowCredentials,
        terminateUnmatchedRequest,
        origins,
        methods,
        preflightResultMaxAge,
        headers,
        exposeHeaders,
      },
    };
  }

  private list(
    element: XmlElement,
    path: string,
    item: string,
  ): Array<{ text: string; element: XmlElement }> {
    const items: Array<{ text: string; element: XmlElement }> = [];
    for (const child of this.elements(element, path)) {
      if (child.name !== item)
        this.fail(
          `<${element.name}> holds <${item}> elements only, not <${child.name}>.`,
          child,
          `${path}/${child.name}`,
        );
      this.reader(child, `${path}/${item}`).done();
      const text = this.textOf(child, `${path}/${item}`).trim();
      if (isExpression(text))
        this.fail(`Expressions are not supported in ${path}/${item}.`, child, `${path}/${item}`);
      items.push({ text, element: child });
    }
    if (items.length === 0)
      this.fail(`<${element.name}> needs at least one <${item}>.`, element, path);
    return items;
  }

  private star(
    items: Array<{ text: string; element: XmlElement }>,
    element: XmlElement,
    path: string,
    each: (text: string, at: XmlElement) => string,
  ): '*' | string[] {
    if (items.some((item) => item.text === '*')) {
      if (items.length > 1)
        this.fail(`* must be the only entry of <${element.name}>.`, element, path);
      return '*';
    }
    return items.map((item) => each(item.text, item.element));
  }

  private limitHeaders(attributes: AttributeReader): {
    retryAfterHeaderName: string;
    remainingCallsHeaderName?: string;
    totalCallsHeaderName?: string;
  } {
    const retryAfter = attributes.headerName('retry-after-header-name') ?? 'Retry-After';
    const remaining = attributes.headerName('remaining-calls-header-name');
    const total = attributes.headerName('total-calls-header-name');
    // Variables are accepted for documents written for APIM; no supported expression reads them.
    attributes.variableName('retry-after-variable-name');
    attributes.variableName('remaining-calls-variable-name');
    return {
      retryAfterHeaderName: retryAfter,
      ...(remaining === undefined ? {} : { remainingCallsHeaderName: remaining }),
      ...(total === undefined ? {} : { totalCallsHeaderName: total }),
    };
  }

  private refuseBandwidth(attributes: AttributeReader): void {
    attributes.refuse(
      'bandwidth',
      'is not supported by the local gateway: it counts calls only; use calls',
    );
  }

  private childLimits(
    element: XmlElement,
    policy: 'rate-limit' | 'quota',
    maxPeriod: number,
    minPeriod: number,
  ): ChildLimit[] {
    const limits: ChildLimit[] = [];
    for (const api of this.elements(element, policy)) {
      if (api.name !== 'api')
        this.fail(
          `<${policy}> holds <api> elements only, not <${api.name}>.`,
          api,
          `${policy}/${api.name}`,
        );
      const operations: ChildLimit[] = [];
      for (const operation of this.elements(api, `${policy}/api`)) {
        if (operation.name !== 'operation')
          this.fail(
            `<api> in <${policy}> holds <operation> elements only, not <${operation.name}>.`,
            operation,
            `${policy}/api/${operation.name}`,
          );
        this.noChildren(operation, `${policy}/api/operation`);
        operations.push(
          this.childLimit(operation, `${policy}/api/operation`, maxPeriod, minPeriod, []),
        );
      }
      limits.push(this.childLimit(api, `${policy}/api`, maxPeriod, minPeriod, operations));
    }
    return limits;
  }

  private childLimit(
    element: XmlElement,
    path: string,
    maxPeriod: number,
    minPeriod: number,
    operations: ChildLimit[],
  ): ChildLimit {
    const attributes = this.reader(element, path);
    if (path.startsWith('quota')) this.refuseBandwidth(attributes);
    const name = attributes.literal('name');
    const id = attributes.literal('id');
    const calls = attributes.requiredInteger('calls', { min: 1 });
    const renewalPeriod = attributes.requiredInteger('renewal-period', {
      min: minPeriod,
      max: maxPeriod,
    });
    attributes.done();
    if (name === undefined && id === undefined)
      this.fail(`<${element.name}> needs a name or an id.`, element, path);
    return {
      ...(id === undefined ? {} : { id }),
      ...(name === undefined ? {} : { name }),
      calls,
      renewalPeriod,
      operations,
    };
  }

  private valueSource(
    text: string,
    element: XmlElement,
    target: string,
    attribute?: string,
  ): ValueSource {
    if (!isExpression(text)) return { kind: 'literal', value: text };
    try {
      return { kind: 'expression', expression: parseStringExpression(text) };
    } catch (error) {
      if (error instanceof ExpressionSyntaxError)
        this.fail(error.message, element, target, attribute);
      throw error;
    }
  }

  /** Child elements; comments are skipped, text other than whitespace is refused. */
  elements(element: XmlElement, path: string): XmlElement[] {
    const elements: XmlElement[] = [];
    for (const child of element.children) {
      if (child.kind === 'element') elements.push(child);
      else if (child.kind === 'text' && child.text.trim() !== '')
        this.fail(`<${element.name}> cannot hold text ('${child.text.trim()}').`, element, path);
    }
    return elements;
  }

  textOf(element: XmlElement, path: string): string {
    let text = '';
    for (const child of element.children) {
      if (child.kind === 'element')
        this.fail(
          `<${element.name}> holds text only, not <${child.name}>.`,
          child,
          `${path}/${child.name}`,
        );
      if (child.kind === 'text') text += child.text;
    }
    return text;
  }

  private noChildren(element: XmlElement, path: string): void {
    const child = this.elements(element, path)[0];
    if (child)
      this.fail(`<${element.name}> takes no <${child.name}>.`, child, `${path}/${child.name}`);
  }

  reader(element: XmlElement, path: string): AttributeReader {
    return new AttributeReader(this, element, path);
  }

  parseValue(text: string, element: XmlElement, target: string, attribute: string): ValueSource {
    return this.valueSource(text, element, target, attribute);
  }
}

const ONCE_PER_SECTION = new Set<PolicyKind>([
  'base',
  'rate-limit',
  'quota',
  'cors',
  'forward-request',
]);
const ONCE_WHERE: Partial<Record<PolicyKind, string>> = {
  'rate-limit': 'document',
  quota: 'document',
};
/** RFC 9110 token. */
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

/** Reads an element's attributes; `done()` refuses any it was not asked about. */
class AttributeReader {
  private readonly used = new Set<string>();

  constructor(
    private readonly compiler: DocumentCompiler,
    private readonly element: XmlElement,
    private readonly path: string,
  ) {}

  private raw(name: string): string | undefined {
    this.used.add(name);
    return this.element.attributes.find((attribute) => attribute.name === name)?.value;
  }

  private fail(message: string, name: string): never {
    return this.compiler.fail(message, this.element, `${this.path}/@${name}`, name);
  }

  literal(name: string, required: true): string;
  literal(name: string, required?: false): string | undefined;
  literal(name: string, required = false): string | undefined {
    const value = this.raw(name);
    if (value === undefined) {
      if (required) this.fail(`<${this.element.name}> needs the attribute ${name}.`, name);
      return undefined;
    }
    if (isExpression(value))
      this.fail(
        `Expressions are not supported in ${this.path}/@${name} by the local gateway: ${value.trim()}`,
        name,
      );
    return value;
  }

  value(name: string): ValueSource {
    const value = this.raw(name);
    if (value === undefined)
      return this.fail(`<${this.element.name}> needs the attribute ${name}.`, name);
    if (value.trim() === '') return this.fail(`${this.path}/@${name} cannot be empty.`, name);
    return this.compiler.parseValue(value, this.element, `${this.path}/@${name}`, name);
  }

  condition(name: string): ConditionExpression | undefined {
    const value = this.raw(name);
    if (value === undefined) return undefined;
    if (!isExpression(value))
      this.fail(
        `${name} must be a condition expression such as @(context.Response.StatusCode == 200).`,
        name,
      );
    try {
      return parseConditionExpression(value);
    } catch (error) {
      if (error instanceof ExpressionSyntaxError) this.fail(error.message, name);
      throw error;
    }
  }

  integer(name: string, range: { min: number; max?: number }): number | undefined {
    const value = this.literal(name);
    if (value === undefined) return undefined;
    const max = range.max ?? MAX_INT;
    const number = /^\s*\d+\s*$/.test(value) ? Number(value) : Number.NaN;
    if (!Number.isSafeInteger(number))
      this.fail(`${this.path}/@${name} must be a whole number, not '${value}'.`, name);
    if (number < range.min || number > max)
      this.fail(
        `${this.path}/@${name} must be between ${range.min} and ${max}, not ${number}.`,
        name,
      );
    return number;
  }

  requiredInteger(name: string, range: { min: number; max?: number }): number {
    const value = this.integer(name, range);
    if (value === undefined)
      return this.fail(`<${this.element.name}> needs the attribute ${name}.`, name);
    return value;
  }

  boolean(name: string): boolean | undefined {
    const value = this.literal(name);
    if (value === undefined) return undefined;
    if (value !== 'true' && value !== 'false')
      this.fail(`${this.path}/@${name} must be true or false, not '${value}'.`, name);
    return value === 'true';
  }

  headerName(name: string): string | undefined {
    const value = this.literal(name);
    if (value !== undefined && !HEADER_NAME.test(value))
      this.fail(`${this.path}/@${name}: '${value}' is not a valid header name.`, name);
    return value;
  }

  variableName(name: string): string | undefined {
    const value = this.literal(name);
    if (value !== undefined && !/^[A-Za-z_][\w-]*$/.test(value))
      this.fail(`${this.path}/@${name}: '${value}' is not a valid variable name.`, name);
    return value;
  }

  refuse(name: string, why: string): void {
    if (this.raw(name) !== undefined) this.fail(`${this.path}/@${name} ${why}.`, name);
  }

  /** Refuses every attribute not read. */
  done(why?: string): void {
    for (const attribute of this.element.attributes) {
      if (!this.used.has(attribute.name))
        this.fail(
          `<${this.element.name}> has no attribute ${attribute.name} the local gateway supports${why ? ` (${why})` : ''}.`,
          attribute.name,
        );
    }
  }
}

/** Why `value` may not be a set-backend-service base-url, or undefined when it may. */
export function backendRefusal(
  value: string,
  options: { isTrustedBackend: (url: URL) => boolean; trustSetting?: string },
): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return `base-url '${value}' is not an absolute URL.`;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return `base-url '${value}' must be an http or https URL.`;
  if (!options.isTrustedBackend(url))
    return `base-url host '${url.host}' is not a trusted backend${options.trustSetting ? `: add it to ${options.trustSetting}` : ''}.`;
  return undefined;
}
