import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingHttpHeaders } from 'node:http';
import { Pool } from 'undici';
import type { GatewayCallRecord } from '../call-record';
import type { Admission, GatewayCore } from '../core/gateway-core';
import { formatTimeSpan } from '../core/call-limits';
import { productOfScope } from '../core/products';
import { matchOperation, type PublishedApi } from '../core/published-api';
import { sendGatewayError, sendKeyRefused } from './apim-errors';

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
  api: PublishedApi;
  /** The only place calls are forwarded to: the configured service, never a caller's choice. */
  backendUrl: string;
  onCall?: (record: GatewayCallRecord) => void;
  log: (message: string) => void;
}

/** Splits the subscription-key parameter off a raw query string, keeping the rest as sent. */
export function takeSubscriptionKey(query: string): { key: string | undefined; rest: string } {
  let key: string | undefined;
  const rest = query
    .split('&')
    .filter((part) => {
      if (part === '') return false;
      const equals = part.indexOf('=');
      const name = equals < 0 ? part : part.slice(0, equals);
      if (safeDecode(name) !== SUBSCRIPTION_KEY_QUERY) return true;
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
 * `/{suffix}/...`: matches the operation, checks the key and the product's limits, and streams
 * the call to the backend and its answer back. Registered in a context of its own whose content
 * parser leaves the body unread, so that it is streamed rather than buffered.
 */
export async function registerProxyRoutes(
  app: FastifyInstance,
  options: ProxyOptions,
): Promise<Pool> {
  const { core, api, onCall, log } = options;
  const backend = new URL(options.backendUrl);
  const backendBase = backend.pathname.replace(/\/$/, '');
  const pool = new Pool(backend.origin, { connections: 64, keepAliveTimeout: 10_000 });
  const prefix = `/${api.suffix}`;
  const calls = new WeakMap<FastifyRequest, CallState>();

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
      const { key: queryKey, rest: query } = takeSubscriptionKey(q < 0 ? '' : raw.slice(q + 1));
      const below = path.slice(prefix.length);
      const operation = below.startsWith('/')
        ? matchOperation(api, request.method, below)
        : undefined;
      const record: GatewayCallRecord = {
        timestamp: core.clock(),
        apiId: `/apis/${api.id}`,
        operationId: operation ? `/apis/${api.id}/operations/${operation.id}` : '',
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
      if (!operation) return sendGatewayError(reply, 404, 'Resource not found');

      const header = request.headers[SUBSCRIPTION_KEY_HEADER];
      const key = header === undefined ? queryKey : Array.isArray(header) ? header[0] : header;
      const admission = core.admit(key, api.id);
      if ('subscription' in admission) {
        const { subscription } = admission;
        record.subscriptionId = `/subscriptions/${subscription.sid}`;
        record.userId = subscription.ownerId;
        record.productId = productOfScope(subscription.scope) ? subscription.scope : '';
      }
      const refused = refuse(admission, reply, `http://${request.headers.host}${prefix}`);
      if (refused) return refused;
      const remaining = admission.kind === 'allowed' ? admission.remaining : undefined;

      const headers: Record<string, string | string[]> = {};
      for (const [name, value] of Object.entries(request.headers as IncomingHttpHeaders)) {
        if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
      }
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
      const socket = request.raw.socket;
      reply.raw.once('finish', () => {
        if (hasBody && !request.raw.complete) socket.destroySoon();
      });
      let answer: Awaited<ReturnType<Pool['request']>>;
      const sent = performance.now();
      try {
        answer = await pool.request({
          path: `${backendBase}${below}${query ? `?${query}` : ''}`,
          method: request.method as (typeof PROXIED_METHODS)[number],
          headers,
          body: hasBody ? request.raw : undefined,
          signal: abort.signal,
        });
      } catch (error) {
        log(`${request.method} ${path}: the backend did not answer: ${String(error)}`);
        return sendGatewayError(
          reply,
          502,
          `The backend service at ${backend.origin} did not answer. Is the demo service running?`,
        );
      }
      record.serviceTime = performance.now() - sent;
      record.backendResponseCode = answer.statusCode;
      reply.code(answer.statusCode);
      for (const [name, value] of Object.entries(answer.headers)) {
        if (value === undefined || NOT_FORWARDED.has(name) || name.startsWith('access-control-'))
          continue;
        reply.header(name, value);
      }
      if (remaining !== undefined) reply.header(REMAINING_CALLS_HEADER, String(remaining));
      if (answer.headers['content-length'] === undefined) {
        answer.body.on('data', (chunk: Buffer) => {
          record.responseSize += chunk.length;
        });
      }
      return reply.send(answer.body);
    };

    for (const url of [prefix, `${prefix}/*`]) {
      scope.route({ method: [...PROXIED_METHODS], url, handler });
    }
  });
  return pool;
}

function refuse(
  admission: Admission,
  reply: FastifyReply,
  realm: string,
): FastifyReply | undefined {
  switch (admission.kind) {
    case 'missingKey':
      return sendKeyRefused(reply, realm, 'missing');
    case 'invalidKey':
      return sendKeyRefused(reply, realm, 'invalid');
    case 'rateLimited':
      reply.header('Retry-After', String(admission.retryAfterSeconds));
      reply.header(REMAINING_CALLS_HEADER, '0');
      return sendGatewayError(
        reply,
        429,
        `Rate limit is exceeded. Try again in ${admission.retryAfterSeconds} seconds.`,
      );
    case 'quotaExceeded':
      reply.header('Retry-After', String(admission.retryAfterSeconds));
      return sendGatewayError(
        reply,
        403,
        `Out of call volume quota. Quota will be replenished in ${formatTimeSpan(admission.retryAfterSeconds)}.`,
      );
    case 'allowed':
      return undefined;
  }
}
