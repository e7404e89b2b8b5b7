import { evaluateCors, type CorsAnswer, type CorsRequest } from './cors';
import { applyHeaderChanges } from './header-changes';
import { mockResponse } from './mock-response';
import type { HeaderChange, PolicyCall, PolicyScopeKind } from './policy-call';
import { CounterStore, storageKey } from './policy-counters';
import {
  backendRefusal,
  type ChildLimit,
  type PolicyStep,
  type ValueSource,
} from './policy-document';
import { ExpressionEvaluationError } from './policy-expressions';
import type { PolicyPipeline, ScopedStep } from './policy-pipeline';
import { formatTimeSpan } from './time-span';
import { AnswerTokenCounter, TokenLimiter, type LlmTokenLimitStep } from './llm-token-limit';
import { rewriteUri } from './rewrite-uri';
import { jwtRefusal } from './validate-jwt';

// The gateway's one entry point: the management side and the proxy import the public API from here.
export {
  GLOBAL_POLICY_XML,
  PolicyValidationError,
  STARTER_POLICY_XML,
  parsePolicy,
  policyLimits,
  type ParsedPolicy,
  type PolicyParseOptions,
} from './policy-document';
export { composePipeline, type PolicyPipeline } from './policy-pipeline';
export type { HeaderChange, PolicyCall, PolicyScopeKind, ResponseContract } from './policy-call';
export { applyHeaderChanges } from './header-changes';
export { MOCKED_HEADER } from './mock-response';
export {
  JwtValidator,
  JWT_NOT_PRESENT,
  type JwtVerdict,
  type JwtVerdicts,
  type ValidateJwtStep,
} from './validate-jwt';
export type { CorsRequest } from './cors';

export type InboundOutcome =
  | {
      kind: 'respond';
      reason:
        | 'rate-limit'
        | 'quota'
        | 'llm-token-limit'
        | 'mock-response'
        | 'cors-preflight'
        | 'cors-refused'
        | 'validate-jwt'
        | 'policy-error';
      status: number;
      headers: Record<string, string>;
      body: string;
      /** policy-error only: what failed, for the gateway's log (the caller sees APIM's 500). */
      detail?: string;
    }
  | {
      kind: 'forward';
      /** From set-backend-service, else undefined (use the API's serviceUrl). */
      backendBaseUrl?: string;
      /** From `<forward-request timeout>`, else undefined (the gateway's own). */
      backendTimeoutSeconds?: number;
      /** From rewrite-uri: the path below the backend's base URL and the query to send instead of the call's. */
      rewrite?: { path: string; query: string };
      requestHeaders: HeaderChange[];
      /** Headers the gateway adds to the answer (X-RateLimit-Remaining, CORS). */
      responseHeaders: Record<string, string>;
    };

type Respond = Extract<InboundOutcome, { kind: 'respond' }>;

const JSON_TYPE = 'application/json; charset=utf-8';

/** A limit's count this call would add, applied only once the whole inbound has passed. */
type PendingCount =
  | { kind: 'sliding'; key: string; subscriptionId?: string; units: number; capacity: number }
  | { kind: 'fixed'; key: string; subscriptionId?: string; units: number; periodStart: number };

class PendingCounts {
  readonly counts: PendingCount[] = [];
  private readonly units = new Map<string, number>();

  of(key: string): number {
    return this.units.get(key) ?? 0;
  }

  add(count: PendingCount): void {
    this.counts.push(count);
    this.units.set(count.key, this.of(count.key) + count.units);
  }
}

type Check = { ok: true; remaining: number } | { ok: false; retryAfterSeconds: number | undefined };

/** A limit that applies to this call: the policy's own, or an `<api>` / `<operation>` child. */
interface ApplicableLimit {
  parts: string[];
  calls: number;
  renewalPeriod: number;
}

const SCOPE_RANK: Record<PolicyScopeKind, number> = { global: 0, product: 1, api: 2, operation: 3 };

/**
 * Runs composed pipelines against calls. Synchronous and free of I/O: limits are counted in
 * memory and handed out for writing behind (takeDirtyCounters).
 */
export class PolicyEngine {
  private readonly clock: () => number;
  private readonly isTrustedBackend: (url: URL) => boolean;
  private readonly counters: CounterStore;
  private readonly tokens: TokenLimiter;

  constructor(options: { clock?: () => number; isTrustedBackend: (url: URL) => boolean }) {
    this.clock = options.clock ?? Date.now;
    this.isTrustedBackend = options.isTrustedBackend;
    this.counters = new CounterStore(this.clock);
    this.tokens = new TokenLimiter(this.clock);
  }

  /**
   * Evaluates inbound (and the backend section's set-backend-service and forward-request),
   * counting the call in every limit it passes. A refused call counts in no limit.
   */
  inbound(pipeline: PolicyPipeline, call: PolicyCall): InboundOutcome {
    const now = this.clock();
    const corsRequest = corsRequestOf(call);
    let cors: CorsAnswer | undefined;
    if (pipeline.cors.length > 0) {
      cors = evaluateCors(pipeline.cors, corsRequest);
      // Only cors runs on a preflight, wherever it stands in inbound.
      if (cors?.preflight) return respond('cors-preflight', 200, cors.headers, '');
    }
    const corsHeaders: Record<string, string> = {};
    const responseHeaders: Record<string, string> = {};
    const requestHeaders: HeaderChange[] = [];
    const pending = new PendingCounts();
    let backendBaseUrl: string | undefined;
    let backendTimeoutSeconds: number | undefined;
    let rewrite: { path: string; query: string } | undefined;
    let corsDone = false;
    try {
      for (const { scope, step } of pipeline.inbound) {
        switch (step.kind) {
          case 'cors':
            if (corsDone || !cors) break;
            corsDone = true;
            if (cors.answerNow) return respond('cors-refused', 200, {}, '');
            Object.assign(corsHeaders, cors.headers);
            break;
          case 'rate-limit':
          case 'rate-limit-by-key': {
            const refusal = this.rateLimit(scope, step, call, now, pending, responseHeaders);
            if (refusal) return withHeaders(refusal, corsHeaders);
            break;
          }
          case 'quota':
          case 'quota-by-key': {
            const refusal = this.quota(scope, step, call, now, pending);
            if (refusal) return withHeaders(refusal, corsHeaders);
            break;
          }
          case 'llm-token-limit': {
            const admission = this.tokens.admit(
              step,
              evaluate(step.counterKey, call),
              Number(firstHeader(call, 'content-length') ?? 0) || 0,
            );
            if (!admission.ok)
              return withHeaders(
                respond('llm-token-limit', admission.status, admission.headers, admission.body),
                corsHeaders,
              );
            Object.assign(responseHeaders, admission.headers);
            break;
          }
          case 'mock-response': {
            this.commit(pending, now);
            const mocked = mockResponse(
              call.operation.responses,
              step.statusCode,
              step.contentType,
            );
            return respond(
              'mock-response',
              mocked.status,
              {
                ...responseHeaders,
                ...corsHeaders,
                ...mocked.headers,
              },
              mocked.body,
            );
          }
          case 'set-header':
            requestHeaders.push(headerChange(step, call));
            break;
          case 'set-backend-service':
            backendBaseUrl = this.backendUrl(step.baseUrl, call);
            break;
          case 'validate-jwt': {
            const refusal = jwtRefusal(step, call);
            if (refusal)
              return respond(
                'validate-jwt',
                refusal.status,
                { ...corsHeaders, 'Content-Type': JSON_TYPE },
                JSON.stringify({ statusCode: refusal.status, message: refusal.message }),
              );
            break;
          }
          case 'rewrite-uri':
            rewrite = rewriteUri(step, call);
            break;
          case 'forward-request':
            break;
        }
      }
      for (const { step } of pipeline.backend) {
        if (step.kind === 'set-backend-service')
          backendBaseUrl = this.backendUrl(step.baseUrl, call);
        if (step.kind === 'forward-request') {
          backendTimeoutSeconds = step.timeoutSeconds;
          break;
        }
      }
    } catch (error) {
      if (!(error instanceof ExpressionEvaluationError || error instanceof BackendRefusedError))
        throw error;
      return this.policyError(pipeline, call, error.message, corsHeaders);
    }
    this.commit(pending, now);
    return {
      kind: 'forward',
      ...(backendBaseUrl === undefined ? {} : { backendBaseUrl }),
      ...(backendTimeoutSeconds === undefined ? {} : { backendTimeoutSeconds }),
      ...(rewrite === undefined ? {} : { rewrite }),
      requestHeaders,
      responseHeaders: { ...responseHeaders, ...corsHeaders },
    };
  }

  /**
   * Counts the calls of by-key limits with an increment-condition: they depend on the answer,
   * so they are counted once it is known. Call it once per call whose inbound outcome was
   * `forward` or a `mock-response`, with the status the caller got.
   */
  afterResponse(pipeline: PolicyPipeline, call: PolicyCall, status: number): void {
    const now = this.clock();
    const pending = new PendingCounts();
    for (const { step } of pipeline.inbound) {
      if (step.kind === 'mock-response') break;
      if (step.kind !== 'rate-limit-by-key' && step.kind !== 'quota-by-key') continue;
      if (!step.incrementCondition?.test({ statusCode: status })) continue;
      let key: string;
      try {
        key = evaluate(step.counterKey, call);
      } catch (error) {
        if (error instanceof ExpressionEvaluationError) continue;
        throw error;
      }
      if (step.kind === 'rate-limit-by-key') {
        pending.add({
          kind: 'sliding',
          key: storageKey(['rlk', key]),
          units: step.incrementCount,
          capacity: step.calls,
        });
      } else {
        const { parts, anchor } = quotaByKeyCounter(step, key);
        pending.add({
          kind: 'fixed',
          key: storageKey(parts),
          units: 1,
          periodStart: periodStart(anchor, step.renewalPeriod, now),
        });
      }
    }
    this.commit(pending, now);
  }

  /**
   * For a forwarded call whose pipeline has llm-token-limit: what counts the answer's tokens as
   * the proxy passes its bytes on (write each chunk, then end). Undefined when nothing counts.
   */
  answerTokenCounter(
    pipeline: PolicyPipeline,
    call: PolicyCall,
    response: { status: number; headers: Record<string, string | string[] | undefined> },
  ): AnswerTokenCounter | undefined {
    if (response.status < 200 || response.status >= 300) return undefined;
    const limits: Array<{ step: LlmTokenLimitStep; key: string }> = [];
    for (const { step } of pipeline.inbound) {
      if (step.kind !== 'llm-token-limit') continue;
      try {
        limits.push({ step, key: evaluate(step.counterKey, call) });
      } catch (error) {
        if (!(error instanceof ExpressionEvaluationError)) throw error;
      }
    }
    if (limits.length === 0) return undefined;
    const type = response.headers['content-type'];
    const events = /^text\/event-stream/i.test(
      Array.isArray(type) ? (type[0] ?? '') : (type ?? ''),
    );
    return new AnswerTokenCounter(events ? 'events' : 'json', (tokens) => {
      for (const { step, key } of limits) this.tokens.add(step, key, tokens);
    });
  }

  /** Outbound section: response header changes (set-header) for the answer with this status. */
  outbound(
    pipeline: PolicyPipeline,
    call: PolicyCall,
    _response: { status: number; headers: Record<string, string | string[] | undefined> },
  ): HeaderChange[] {
    return headerChanges(pipeline.outbound, call);
  }

  /** on-error section: header changes for an answer the gateway makes after a failure. */
  onError(
    pipeline: PolicyPipeline,
    call: PolicyCall,
    _response: { status: number; headers: Record<string, string | string[] | undefined> },
  ): HeaderChange[] {
    return headerChanges(pipeline.onError, call);
  }

  /** The pipeline's cors policies for this request; undefined when it has none. */
  cors(
    pipeline: PolicyPipeline,
    request: CorsRequest,
  ):
    | { preflight: boolean; allowed: boolean; answerNow: boolean; headers: Record<string, string> }
    | undefined {
    return evaluateCors(pipeline.cors, request);
  }

  /** Calls left now in the narrowest rate-limit of this pipeline for this subscription. */
  remainingCalls(
    pipeline: PolicyPipeline,
    call: Pick<PolicyCall, 'subscription' | 'api' | 'operation' | 'product'>,
  ): number | undefined {
    const subscription = call.subscription;
    if (!subscription) return undefined;
    let narrowest:
      { scope: PolicyScopeKind; step: Extract<PolicyStep, { kind: 'rate-limit' }> } | undefined;
    for (const { scope, step } of pipeline.inbound) {
      if (
        step.kind === 'rate-limit' &&
        (!narrowest || SCOPE_RANK[scope] >= SCOPE_RANK[narrowest.scope])
      )
        narrowest = { scope, step };
    }
    if (!narrowest) return undefined;
    const now = this.clock();
    const base = ['rl', ...scopeParts(narrowest.scope, call), subscription.id];
    let remaining = Number.POSITIVE_INFINITY;
    for (const limit of applicableLimits(narrowest.step, call)) {
      const window = this.counters.sliding(storageKey([...base, ...limit.parts]), subscription.id);
      const counted = window.countAfter(now - limit.renewalPeriod * 1000, limit.calls);
      remaining = Math.min(remaining, Math.max(0, limit.calls - counted));
    }
    return remaining;
  }

  takeDirtyCounters(): Array<[key: string, value: string]> {
    return this.counters.takeDirty();
  }

  markDirty(keys: string[]): void {
    this.counters.markDirty(keys);
  }

  restoreCounters(entries: Iterable<[string, string]>): void {
    this.counters.restore(entries);
  }

  forgetSubscription(subscriptionId: string): void {
    this.counters.forgetSubscription(subscriptionId);
  }

  private rateLimit(
    scope: PolicyScopeKind,
    step: Extract<PolicyStep, { kind: 'rate-limit' | 'rate-limit-by-key' }>,
    call: PolicyCall,
    now: number,
    pending: PendingCounts,
    responseHeaders: Record<string, string>,
  ): Respond | undefined {
    let base: string[];
    let limits: ApplicableLimit[];
    let units: number;
    let subscriptionId: string | undefined;
    if (step.kind === 'rate-limit') {
      // rate-limit counts per subscription: a call without one passes it uncounted.
      if (!call.subscription) return undefined;
      subscriptionId = call.subscription.id;
      base = ['rl', ...scopeParts(scope, call), subscriptionId];
      limits = applicableLimits(step, call);
      units = 1;
    } else {
      base = ['rlk', evaluate(step.counterKey, call)];
      limits = [{ parts: [], calls: step.calls, renewalPeriod: step.renewalPeriod }];
      // With an increment-condition the call is counted after the answer (afterResponse).
      units = step.incrementCondition ? 0 : step.incrementCount;
    }
    let tightest: { remaining: number; calls: number } | undefined;
    for (const limit of limits) {
      const check = this.slidingCheck(
        storageKey([...base, ...limit.parts]),
        subscriptionId,
        limit,
        units,
        now,
        pending,
      );
      if (!check.ok) {
        const seconds = check.retryAfterSeconds ?? limit.renewalPeriod;
        const headers: Record<string, string> = {
          'Content-Type': JSON_TYPE,
          [step.retryAfterHeaderName]: String(seconds),
        };
        if (step.remainingCallsHeaderName) headers[step.remainingCallsHeaderName] = '0';
        if (step.totalCallsHeaderName) headers[step.totalCallsHeaderName] = String(limit.calls);
        return respond(
          'rate-limit',
          429,
          headers,
          JSON.stringify({
            statusCode: 429,
            message: `Rate limit is exceeded. Try again in ${seconds} seconds.`,
          }),
        );
      }
      if (!tightest || check.remaining < tightest.remaining)
        tightest = { remaining: check.remaining, calls: limit.calls };
    }
    if (tightest && step.remainingCallsHeaderName)
      responseHeaders[step.remainingCallsHeaderName] = String(tightest.remaining);
    if (tightest && step.totalCallsHeaderName)
      responseHeaders[step.totalCallsHeaderName] = String(tightest.calls);
    return undefined;
  }

  private slidingCheck(
    key: string,
    subscriptionId: string | undefined,
    limit: ApplicableLimit,
    units: number,
    now: number,
    pending: PendingCounts,
  ): Check {
    const window = this.counters.sliding(key, subscriptionId);
    const period = limit.renewalPeriod * 1000;
    const before = pending.of(key);
    const counted = window.countAfter(now - period, limit.calls);
    if (counted + before >= limit.calls) {
      // The call fits once the entry `calls - before` places from the newest leaves the window.
      const oldest = window.newest(limit.calls - before);
      return {
        ok: false,
        retryAfterSeconds:
          oldest === undefined ? undefined : Math.max(1, Math.ceil((oldest + period - now) / 1000)),
      };
    }
    if (units > 0)
      pending.add({
        kind: 'sliding',
        key,
        ...(subscriptionId === undefined ? {} : { subscriptionId }),
        units,
        capacity: limit.calls,
      });
    return { ok: true, remaining: Math.max(0, limit.calls - counted - before - units) };
  }

  private quota(
    scope: PolicyScopeKind,
    step: Extract<PolicyStep, { kind: 'quota' | 'quota-by-key' }>,
    call: PolicyCall,
    now: number,
    pending: PendingCounts,
  ): Respond | undefined {
    let base: string[];
    let limits: ApplicableLimit[];
    let anchor: number;
    let units = 1;
    let subscriptionId: string | undefined;
    if (step.kind === 'quota') {
      if (!call.subscription) return undefined;
      subscriptionId = call.subscription.id;
      base = ['q', ...scopeParts(scope, call), subscriptionId];
      limits = applicableLimits(step, call);
      // APIM: "calculated relative to the start time of the subscription".
      anchor = call.subscription.startDate;
    } else {
      const counter = quotaByKeyCounter(step, evaluate(step.counterKey, call));
      base = counter.parts;
      anchor = counter.anchor;
      limits = [{ parts: [], calls: step.calls, renewalPeriod: step.renewalPeriod }];
      if (step.incrementCondition) units = 0;
    }
    for (const limit of limits) {
      const key = storageKey([...base, ...limit.parts]);
      const window = this.counters.fixed(key, subscriptionId);
      const start = periodStart(anchor, limit.renewalPeriod, now);
      const counted = window.periodStart === start ? window.count : 0;
      if (counted + pending.of(key) >= limit.calls) {
        if (limit.renewalPeriod === 0)
          return respond(
            'quota',
            403,
            { 'Content-Type': JSON_TYPE },
            JSON.stringify({
              statusCode: 403,
              message: 'Out of call volume quota. Quota will not be replenished.',
            }),
          );
        const seconds = Math.max(1, Math.ceil((start + limit.renewalPeriod * 1000 - now) / 1000));
        return respond(
          'quota',
          403,
          { 'Content-Type': JSON_TYPE, 'Retry-After': String(seconds) },
          JSON.stringify({
            statusCode: 403,
            message: `Out of call volume quota. Quota will be replenished in ${formatTimeSpan(seconds)}.`,
          }),
        );
      }
      if (units > 0)
        pending.add({
          kind: 'fixed',
          key,
          ...(subscriptionId === undefined ? {} : { subscriptionId }),
          units,
          periodStart: start,
        });
    }
    return undefined;
  }

  private commit(pending: PendingCounts, now: number): void {
    for (const count of pending.counts) {
      if (count.kind === 'sliding') {
        this.counters
          .sliding(count.key, count.subscriptionId)
          .add(now, count.units, count.capacity);
      } else {
        const window = this.counters.fixed(count.key, count.subscriptionId);
        if (window.periodStart !== count.periodStart) {
          window.periodStart = count.periodStart;
          window.count = 0;
        }
        window.count += count.units;
      }
      this.counters.touch(count.key);
    }
  }

  private backendUrl(source: ValueSource, call: PolicyCall): string {
    const url = evaluate(source, call);
    if (source.kind === 'expression') {
      const refusal = backendRefusal(url, { isTrustedBackend: this.isTrustedBackend });
      if (refusal)
        throw new BackendRefusedError(
          `set-backend-service ${source.expression.source}: ${refusal}`,
        );
    }
    return url;
  }

  private policyError(
    pipeline: PolicyPipeline,
    call: PolicyCall,
    detail: string,
    corsHeaders: Record<string, string>,
  ): Respond {
    const status = 500;
    const base = { ...corsHeaders, 'Content-Type': JSON_TYPE };
    let headers: Record<string, string> = base;
    try {
      const changed = applyHeaderChanges(
        base,
        this.onError(pipeline, call, { status, headers: base }),
      );
      headers = Object.fromEntries(
        Object.entries(changed).map(([name, value]) => [
          name,
          Array.isArray(value) ? value.join(', ') : value,
        ]),
      );
    } catch (error) {
      if (!(error instanceof ExpressionEvaluationError)) throw error;
    }
    return {
      ...respond(
        'policy-error',
        status,
        headers,
        JSON.stringify({
          statusCode: status,
          message: 'Internal server error',
          activityId: call.requestId,
        }),
      ),
      detail,
    };
  }
}

class BackendRefusedError extends Error {}

function respond(
  reason: Respond['reason'],
  status: number,
  headers: Record<string, string>,
  body: string,
): Respond {
  return { kind: 'respond', reason, status, headers, body };
}

function withHeaders(answer: Respond, headers: Record<string, string>): Respond {
  return { ...answer, headers: { ...headers, ...answer.headers } };
}

function evaluate(source: ValueSource, call: PolicyCall): string {
  return source.kind === 'literal' ? source.value : source.expression.evaluate(call);
}

function headerChange(
  step: Extract<PolicyStep, { kind: 'set-header' }>,
  call: PolicyCall,
): HeaderChange {
  return {
    name: step.name,
    action: step.existsAction,
    values: step.values.map((value) => evaluate(value, call)),
  };
}

/** An expression that fails (a member of an absent object) leaves its header unchanged. */
function headerChanges(steps: readonly ScopedStep[], call: PolicyCall): HeaderChange[] {
  const changes: HeaderChange[] = [];
  for (const { step } of steps) {
    if (step.kind !== 'set-header') continue;
    try {
      changes.push(headerChange(step, call));
    } catch (error) {
      if (!(error instanceof ExpressionEvaluationError)) throw error;
    }
  }
  return changes;
}

function corsRequestOf(call: PolicyCall): CorsRequest {
  const origin = firstHeader(call, 'origin');
  const method = firstHeader(call, 'access-control-request-method');
  const headers = call.headers['access-control-request-headers'];
  return {
    method: call.method,
    ...(origin === undefined ? {} : { origin }),
    ...(method === undefined ? {} : { accessControlRequestMethod: method }),
    ...(headers === undefined
      ? {}
      : { accessControlRequestHeaders: Array.isArray(headers) ? headers.join(',') : headers }),
  };
}

function firstHeader(call: PolicyCall, name: string): string | undefined {
  const value = call.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Which instance of a scope a policy belongs to, from the call. */
function scopeParts(
  scope: PolicyScopeKind,
  call: Pick<PolicyCall, 'api' | 'operation' | 'product'>,
): string[] {
  switch (scope) {
    case 'global':
      return ['global'];
    case 'product':
      return ['product', call.product?.id ?? ''];
    case 'api':
      return ['api', call.api.id];
    case 'operation':
      return ['operation', call.api.id, call.operation.id];
  }
}

function childMatches(child: ChildLimit, target: { id: string; name?: string }): boolean {
  return child.id !== undefined ? child.id === target.id : child.name === target.name;
}

function childPart(kind: string, child: ChildLimit): string {
  return child.id !== undefined ? `${kind}-id:${child.id}` : `${kind}-name:${child.name ?? ''}`;
}

/** The policy's own limit, then each matching `<api>` and its matching `<operation>`. */
function applicableLimits(
  step: { calls: number; renewalPeriod: number; apis: readonly ChildLimit[] },
  call: Pick<PolicyCall, 'api' | 'operation'>,
): ApplicableLimit[] {
  const limits: ApplicableLimit[] = [
    { parts: [], calls: step.calls, renewalPeriod: step.renewalPeriod },
  ];
  for (const api of step.apis) {
    if (!childMatches(api, call.api)) continue;
    const apiPart = childPart('api', api);
    limits.push({ parts: [apiPart], calls: api.calls, renewalPeriod: api.renewalPeriod });
    for (const operation of api.operations) {
      if (!childMatches(operation, call.operation)) continue;
      limits.push({
        parts: [apiPart, childPart('operation', operation)],
        calls: operation.calls,
        renewalPeriod: operation.renewalPeriod,
      });
    }
  }
  return limits;
}

/**
 * quota-by-key counters are shared by key value across scopes; the period settings are part of
 * the counter so that two policies with different windows do not reset each other's count.
 */
function quotaByKeyCounter(
  step: Extract<PolicyStep, { kind: 'quota-by-key' }>,
  key: string,
): { parts: string[]; anchor: number } {
  return {
    parts: ['qk', String(step.renewalPeriod), String(step.firstPeriodStart), key],
    anchor: step.firstPeriodStart,
  };
}

/** The start of the fixed period containing `now`; `anchor` itself when it never renews. */
function periodStart(anchor: number, renewalPeriodSeconds: number, now: number): number {
  if (renewalPeriodSeconds === 0) return anchor;
  const period = renewalPeriodSeconds * 1000;
  return anchor + Math.floor((now - anchor) / period) * period;
}
