import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Socket } from 'node:net';
import { PassThrough } from 'node:stream';
import { Pool } from 'undici';
import type { GatewayCallRecord } from '../call-record';
import type { GatewayCore } from '../core/gateway-core';
import type { PipelineCache } from '../core/pipeline-cache';
import { JwtValidator, applyHeaderChanges, type PolicyCall } from '../policies/policy-engine';
import { sendGatewayError, sendKeyRefused } from './apim-errors';
import { fetchJson } from './fetch-json';

export const SUBSCRIPTION_KEY_HEADER = 'ocp-apim-subscription-key';
export const SUBSCRIPTION_KEY_QUERY = 'subscription-key';
export const REMAINING_CALLS_HEADER = 'X-RateLimit-Remaining';

/** Per-connection headers (RFC 9110 7.6.1) and what must not reach the other side. */
const NOT_FORWARDED = new Set([
  'connection',
  'keep-alive',
  'proxy-authenticate',
  'proxy-authorization',
  'proxy-connection',
  'te',
  'trailer',
  'transfer-encoding',
  'upgrade',
  'host',
  // The gateway has already answered `100 Continue` to its client; undici refuses the header.
  'expect',
  SUBSCRIPTION_KEY_HEADER,
  // The gateway answers CORS itself; the backend must not add a second set of headers.
  'origin',
  'access-control-request-method',
  'access-control-request-headers',
]);
const PROXIED_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD'] as const;

export interface ProxyOptions {
  core: GatewayCore;
  pipelines: PipelineCache;
  /**
   * Whether calls may be forwarded to this backend. An API's serviceUrl was checked when it was
   * published; checked again here because the trust settings may have changed since.
   */
  isTrustedBackend: (url: URL) => boolean;
  /** The trust setting named in the refusal. */
  trustSetting: string;
  onCall?: (record: GatewayCallRecord) => void;
  log: (message: string) => void;
}

export interface Proxy {
  close: () => Promise<void>;
}

/** Splits the subscription-key parameter off a raw query string, keeping the rest as sent. */
export function takeSubscriptionKey(
  query: string,
  parameter = SUBSCRIPTION_KEY_QUERY,
): { key: string | undefined; rest: string } {
  let key: string | undefined;
  const rest = query
    .split('&')
    .filter((part) => {
      if (part === '') return false;
      const equals = part.indexOf('=');
      const name = equals < 0 ? part : part.slice(0, equals);
      if (safeDecode(name) !== parameter) return true;
      key ??= equals < 0 ? '' : safeDecode(part.slice(equals + 1));
      return false;
    })
    .join('&');
  return { key, rest };
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}

interface CallState {
  record: GatewayCallRecord;
  started: number;
}

/**
 * Every call that is not a management or developer call: matched to a published API and
 * operation (as APIM matches them), its key checked, its policies run (limits, mocks, headers,
 * backend), then streamed to the backend and its answer back. Registered in a context of its
 * own whose content parser leaves the body unread, so that it is streamed rather than buffered.
 */
export async function registerProxyRoutes(
  app: FastifyInstance,
  options: ProxyOptions,
): Promise<Proxy> {
  const { core, onCall, log } = options;
  const { catalog, engine } = core;
  const pools = new Map<string, Pool>();
  const poolFor = (origin: string): Pool => {
    let pool = pools.get(origin);
    if (!pool) {
      pool = new Pool(origin, { connections: 64, keepAliveTimeout: 10_000 });
      pools.set(origin, pool);
    }
    return pool;
  };
  const calls = new WeakMap<FastifyRequest, CallState>();
  // validate-jwt's asynchronous half (keys fetched from trusted hosts), run before inbound.
  const jwt = new JwtValidator({
    isTrustedBackend: options.isTrustedBackend,
    trustSetting: options.trustSetting,
    clock: core.clock,
    fetchJson,
    log,
  });

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, _payload, done) => done(null));

    if (onCall) {
      scope.addHook('onResponse', async (request, reply) => {
        const call = calls.get(request);
        if (!call) return;
        const length = Number(reply.getHeader('content-length'));
        call.record.responseCode = reply.statusCode;
        call.record.responseSize = Number.isFinite(length) ? length : call.record.responseSize;
        call.record.apiTime = performance.now() - call.started;
        try {
          const result: unknown = onCall(call.record);
          // A careless async recorder must not turn into an unhandled rejection.
          if (result instanceof Promise)
            result.catch((error: unknown) => log(`onCall failed: ${String(error)}`));
        } catch (error) {
          log(`onCall failed: ${String(error)}`);
        }
      });
    }

    const handler = async (request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const started = performance.now();
      const raw = request.raw.url ?? request.url;
      const q = raw.indexOf('?');
      const path = q < 0 ? raw : raw.slice(0, q);
      // The management and developer roots are the gateway's own, whatever is published.
      if (/^\/(management|developer)(\/|$)/.test(path)) {
        reply.callNotFound();
        return reply;
      }
      const match = catalog.route(request.method, path);
      const api = match?.api;
      const keyNames = api?.properties.subscriptionKeyParameterNames;
      const keyHeader = (keyNames?.header ?? SUBSCRIPTION_KEY_HEADER).toLowerCase();
      const { key: queryKey, rest: query } = takeSubscriptionKey(
        q < 0 ? '' : raw.slice(q + 1),
        keyNames?.query ?? SUBSCRIPTION_KEY_QUERY,
      );
      const operation = match?.operation;
      const record: GatewayCallRecord = {
        timestamp: core.clock(),
        apiId: api ? `/apis/${api.id}` : '',
        operationId: api && operation ? `/apis/${api.id}/operations/${operation.id}` : '',
        productId: '',
        subscriptionId: '',
        userId: '',
        method: request.method,
        url: query ? `${path}?${query}` : path,
        ipAddress: request.ip,
        responseCode: 0,
        backendResponseCode: 0,
        requestSize: Number(request.headers['content-length'] ?? 0) || 0,
        responseSize: 0,
        apiTime: 0,
        serviceTime: 0,
        requestId: request.id,
      };
      calls.set(request, { record, started });
      // APIM matches the operation before it looks at the key.
      if (!match || !api || !operation) return sendGatewayError(reply, 404, 'Resource not found');

      const header = request.headers[keyHeader];
      const key = header === undefined ? queryKey : Array.isArray(header) ? header[0] : header;
      const admission = core.admit(api, key);
      const realm = `http://${request.headers.host}/${api.properties.path}`;
      if (admission.kind === 'missingKey') return sendKeyRefused(reply, realm, 'missing');
      if (admission.kind === 'invalidKey') return sendKeyRefused(reply, realm, 'invalid');
      const { subscription, productId } = admission;
      if (subscription) {
        record.subscriptionId = `/subscriptions/${subscription.sid}`;
        record.userId = subscription.ownerId;
      }
      if (productId) record.productId = `/products/${productId}`;

      const pipeline = options.pipelines.get(productId, api.id, operation.id);
      const call: PolicyCall = {
        requestId: request.id,
        method: request.method,
        path: match.below,
        query,
        headers: request.headers,
        ipAddress: request.ip,
        api: {
          id: api.id,
          serviceUrl: api.properties.serviceUrl ?? '',
          name: api.properties.displayName,
        },
        operation: {
          id: operation.id,
          method: operation.properties.method,
          urlTemplate: operation.properties.urlTemplate,
          responses: operation.properties.responses,
          name: operation.properties.displayName,
        },
        ...(subscription
          ? {
              subscription: {
                id: subscription.sid,
                key: key ?? '',
                startDate: Date.parse(subscription.startDate ?? subscription.createdDate),
              },
              user: { id: subscription.ownerId.replace(/^\/users\//, '') },
            }
          : {}),
        ...(productId ? { product: { id: productId } } : {}),
      };
      const verdicts = await jwt.verify(pipeline, call);
      if (verdicts) call.jwtVerdicts = verdicts;
      const outcome = engine.inbound(pipeline, call);
      if (outcome.kind === 'respond') {
        if (outcome.detail) log(`${request.method} ${path}: policy failed: ${outcome.detail}`);
        if (outcome.reason === 'mock-response')
          engine.afterResponse(pipeline, call, outcome.status);
        reply.code(outcome.status).headers(outcome.headers);
        return reply.send(outcome.body);
      }

      const base = outcome.backendBaseUrl ?? api.properties.serviceUrl;
      let target: URL;
      try {
        target = new URL(base ?? '');
      } catch {
        // An API published before its backend exists answers through mock-response only.
        return sendGatewayError(
          reply,
          500,
          `The API "${api.properties.displayName}" has no backend service URL. Set its serviceUrl, or turn on mock-response for this operation.`,
        );
      }
      if (!options.isTrustedBackend(target)) {
        log(`${request.method} ${path}: backend ${target.host} is not trusted`);
        return sendGatewayError(
          reply,
          500,
          `The gateway does not forward to ${target.host}: it is not a trusted backend host (${options.trustSetting}).`,
        );
      }
      const forwarded: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(request.headers)) {
        if (value !== undefined && !NOT_FORWARDED.has(name) && name !== keyHeader)
          forwarded[name] = value;
      }
      const headers = applyHeaderChanges(forwarded, outcome.requestHeaders);
      const hasBody =
        request.method !== 'GET' &&
        request.method !== 'HEAD' &&
        (Number(request.headers['content-length'] ?? 0) > 0 ||
          'transfer-encoding' in request.headers);
      const abort = new AbortController();
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) abort.abort();
      });
      // The backend answered before the whole body arrived (its 413, say), and undici has
      // dropped the rest of the upload: once the answer has gone out, the connection closes,
      // or a client that is still sending would hold it, and the gateway's shutdown, open.
      // (An injected request, in tests, has neither a socket of its own nor `complete`.)
      const socket = request.raw.socket as Partial<Socket> | null;
      reply.raw.once('finish', () => {
        if (hasBody && request.raw.complete === false) socket?.destroySoon?.();
      });
      const backendPath = outcome.rewrite?.path ?? match.below;
      const backendQuery = outcome.rewrite ? outcome.rewrite.query : query;
      const timeoutMs =
        outcome.backendTimeoutSeconds === undefined
          ? undefined
          : outcome.backendTimeoutSeconds * 1000;
      let answer: Awaited<ReturnType<Pool['request']>>;
      const sent = performance.now();
      try {
        answer = await poolFor(target.origin).request({
          path: `${target.pathname.replace(/\/$/, '')}${backendPath}${backendQuery ? `?${backendQuery}` : ''}`,
          method: request.method,
          headers,
          // undici destroys a body stream it could not send; a pass-through takes that, not the
          // client's request (destroying which would drop the client before its 502).
          body: hasBody ? request.raw.pipe(new PassThrough()) : undefined,
          signal: abort.signal,
          ...(timeoutMs === undefined ? {} : { headersTimeout: timeoutMs, bodyTimeout: timeoutMs }),
        });
      } catch (error) {
        log(`${request.method} ${path}: the backend did not answer: ${String(error)}`);
        reply.headers(
          applyHeaderChanges({}, engine.onError(pipeline, call, { status: 502, headers: {} })),
        );
        return sendGatewayError(
          reply,
          502,
          `The backend service at ${target.origin} did not answer. Is it running?`,
        );
      }
      record.serviceTime = performance.now() - sent;
      record.backendResponseCode = answer.statusCode;
      engine.afterResponse(pipeline, call, answer.statusCode);
      const answered: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value === undefined || NOT_FORWARDED.has(name) || name.startsWith('access-control-'))
          continue;
        answered[name] = value;
      }
      const outbound = engine.outbound(pipeline, call, {
        status: answer.statusCode,
        headers: answered,
      });
      reply.code(answer.statusCode);
      reply.headers(applyHeaderChanges({ ...answered, ...outcome.responseHeaders }, outbound));
      if (answer.headers['content-length'] === undefined) {
        answer.body.on('data', (chunk: Buffer) => {
          record.responseSize += chunk.length;
        });
      }
      // llm-token-limit counts the answer's tokens as they pass, a stream event by event; what
      // reached the client before it left counts too.
      const tokens = engine.answerTokenCounter(pipeline, call, {
        status: answer.statusCode,
        headers: answer.headers,
      });
      if (tokens) {
        answer.body.on('data', (chunk: Buffer) => tokens.write(chunk));
        answer.body.once('end', () => tokens.end());
        answer.body.once('error', () => tokens.end());
      }
      return reply.send(answer.body);
    };

    scope.route({ method: [...PROXIED_METHODS], url: '/*', handler });
  });
  return {
    close: async () => {
      await Promise.all([...pools.values()].map((pool) => pool.close()));
    },
  };
}
