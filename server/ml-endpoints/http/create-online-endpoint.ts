import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import type { ServiceError } from '../../core/errors';
import {
  HostCheckedListener,
  edgeServerOptions,
  jsonBodyParser,
  type ListenOptions,
} from '../../http/fastify-edges';
import { DEFAULT_HTTP_TIMEOUTS, type HttpTimeouts, type SocketAnswer } from '../../http/http-edges';
import type { EndpointCredentials } from '../core/endpoint-credentials';
import {
  DEFAULT_FRONT_DOOR_MESSAGES,
  EndpointError,
  modelInputError,
  type FrontDoorMessages,
} from '../core/endpoint-errors';
import type { OnlineEndpointModel, ScoreResult } from '../core/online-endpoints';
import { swaggerDocument, swaggerVersion } from '../core/swagger';
import { chooseDeployment } from '../core/traffic';

/**
 * No documented limit exists (reference, "Known gaps"); 5 MB matches the endpoint's 5 MBps
 * bandwidth quota, so one second of a client's allowance is the most one call may send.
 */
export const DEFAULT_ENDPOINT_BODY_LIMIT_BYTES = 5 * 1024 * 1024;
const SERVER_VERSION = 'azmlinfsrv/1.4.0';
/** The headers a browser page may read from an answer (the portal shows them). */
const EXPOSED_HEADERS = [
  'azureml-model-deployment',
  'azureml-model-session',
  'x-request-id',
  'x-ms-request-id',
  'x-ms-client-request-id',
  'x-ms-run-function-failed',
  'x-ms-run-fn-exec-ms',
  'x-ms-server-version',
  'ms-azureml-model-error-statuscode',
  'ms-azureml-model-error-reason',
  'Retry-After',
  'Content-Type',
  'Content-Length',
];
/** The inference server refuses a longer x-request-id with 431. */
const MAX_REQUEST_ID_LENGTH = 100;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** How a stream ended, for tests and the log: all sent, or cut short because the caller left. */
export interface StreamEnd {
  endpoint: string;
  deployment: string;
  events: number;
  cancelled: boolean;
}

export interface OnlineEndpointOptions extends ListenOptions {
  model: OnlineEndpointModel;
  credentials: EndpointCredentials;
  /** Browser origins allowed by CORS (the portal's). A real endpoint answers no preflight. */
  allowedOrigins?: string[];
  /** Draws the deployment of an un-targeted call; seeded in tests. */
  random?: () => number;
  messages?: Partial<FrontDoorMessages>;
  bodyLimitBytes?: number;
  /** Overrides the model's request_timeout_ms. */
  requestTimeoutMs?: number;
  /** Overrides the model's concurrency (twice this may be pending). */
  maxConcurrentRequests?: number;
  httpTimeouts?: Partial<HttpTimeouts>;
  onStreamEnd?: (end: StreamEnd) => void;
  log?: (message: string) => void;
}

export interface OnlineEndpointServer {
  app: FastifyInstance;
  model: OnlineEndpointModel;
  credentials: EndpointCredentials;
  /** Starts listening; resolves to the scoring base URL, e.g. http://127.0.0.1:8793. */
  listen: () => Promise<string>;
  /** The base URL once listening (empty before). */
  url: () => string;
  close: () => Promise<void>;
}

/** One Azure ML managed online endpoint: its front door (auth, routing, limits) and its model. */
export async function createOnlineEndpoint(
  options: OnlineEndpointOptions,
): Promise<OnlineEndpointServer> {
  const { model, credentials } = options;
  const messages: FrontDoorMessages = { ...DEFAULT_FRONT_DOOR_MESSAGES, ...options.messages };
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_ENDPOINT_BODY_LIMIT_BYTES;
  const requestTimeoutMs = options.requestTimeoutMs ?? model.requestTimeoutMs;
  const pendingLimit = 2 * (options.maxConcurrentRequests ?? model.maxConcurrentRequests);
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const timeouts: HttpTimeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts };
  let pending = 0;
  let baseUrl = '';

  const app = Fastify({
    ...edgeServerOptions(timeouts, frontDoorAnswer),
    bodyLimit,
    frameworkErrors: (error, _request, reply) => {
      void sendEndpointError(reply, toEndpointError(error, bodyLimit, messages));
    },
  });
  app.setErrorHandler((error, request, reply) => {
    const mapped = toEndpointError(error, bodyLimit, messages);
    if (mapped.status >= 500)
      log(`${request.method} ${request.url.split('?')[0]}: ${String(error)}`);
    return sendEndpointError(reply, mapped);
  });
  app.setNotFoundHandler((request, reply) =>
    sendEndpointError(
      reply,
      new EndpointError(
        404,
        messages.unknownRoute(request.method, request.url.split('?')[0] ?? ''),
      ),
    ),
  );

  const listener = new HostCheckedListener(app, options, 0);
  app.addHook('onRequest', async (request, reply) => {
    // The trace ids every answer carries, refusals included, as the front door does.
    const requestId = pickRequestId(request.headers['x-request-id']);
    const clientId = clientRequestId(request.headers['x-ms-client-request-id']);
    reply.header('server', 'azureml-frontdoor');
    reply.header('x-request-id', requestId);
    reply.header('x-ms-request-id', clientId ?? requestId);
    if (clientId !== undefined) reply.header('x-ms-client-request-id', clientId);
    if ((headerValue(request.headers['x-request-id'])?.length ?? 0) > MAX_REQUEST_ID_LENGTH)
      return sendEndpointError(
        reply,
        new EndpointError(
          431,
          `x-request-id is longer than ${MAX_REQUEST_ID_LENGTH} characters. Send a GUID, or leave it out and one is made.`,
        ),
      );
    try {
      listener.checkHost(request.headers.host);
    } catch (error) {
      return sendEndpointError(reply, toEndpointError(error, bodyLimit, messages));
    }
  });
  await app.register(cors, {
    origin: options.allowedOrigins ?? [],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'Accept',
      'azureml-model-deployment',
      'x-ms-client-request-id',
    ],
    exposedHeaders: EXPOSED_HEADERS,
    maxAge: 600,
  });

  /** The key or token is checked before the body is read: no key plus a huge body is a quick 401. */
  const authenticate = async (
    request: FastifyRequest,
    reply: FastifyReply,
  ): Promise<FastifyReply | undefined> => {
    const check = credentials.check(request.headers.authorization);
    if (check === 'key' || check === 'token') return undefined;
    reply.header('WWW-Authenticate', 'Bearer');
    // Returning the reply ends the hook chain: a refused call is not counted as pending.
    return sendEndpointError(
      reply,
      new EndpointError(401, check === 'expired' ? messages.tokenExpired : messages.unauthorized),
    );
  };

  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'string', bodyLimit },
    jsonBodyParser((reason) => modelInputError(`The request body is not valid JSON: ${reason}.`)),
  );

  app.get('/', async (_request, reply) => reply.type('text/plain; charset=utf-8').send('Healthy'));

  app.get<{ Querystring: { version?: string } }>(
    '/swagger.json',
    { onRequest: authenticate },
    async (request, reply) => {
      const version = swaggerVersion(request.query.version);
      return reply
        .type('application/json; charset=utf-8')
        .send(
          swaggerDocument(
            model.description,
            version,
            new URL(baseUrl || `http://${request.headers.host ?? '127.0.0.1'}`),
          ),
        );
    },
  );

  app.post(
    '/score',
    {
      onRequest: [
        authenticate,
        async (_request, reply) => {
          // Counted before the body is read, so a flood of slow bodies is refused too.
          if (pending >= pendingLimit) {
            reply.header('Retry-After', '1');
            return sendEndpointError(
              reply,
              new EndpointError(429, messages.tooManyPending(pendingLimit)),
            );
          }
          pending++;
          reply.raw.once('close', () => pending--);
        },
      ],
    },
    async (request, reply) => {
      const requested = headerValue(request.headers['azureml-model-deployment']);
      const deployment = chooseDeployment(
        model.traffic,
        model.deployments,
        requested,
        random,
        messages,
      );
      reply.header('azureml-model-deployment', deployment);
      reply.header('azureml-model-session', deployment);
      reply.header('x-ms-server-version', SERVER_VERSION);

      const work = new AbortController();
      // The caller went away before the answer was complete: stop the model's work.
      reply.raw.once('close', () => {
        if (!reply.raw.writableFinished) work.abort();
      });
      const started = performance.now();
      let timer: NodeJS.Timeout | undefined;
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => {
          work.abort();
          reject(new EndpointError(408, messages.requestTimeout(requestTimeoutMs)));
        }, requestTimeoutMs);
      });
      let result: ScoreResult;
      try {
        result = await Promise.race([
          model.score({
            body: request.body,
            deployment,
            accept: headerValue(request.headers.accept),
            signal: work.signal,
          }),
          timedOut,
        ]);
      } catch (error) {
        reply.header('x-ms-run-fn-exec-ms', elapsed(started));
        reply.header(
          'x-ms-run-function-failed',
          error instanceof EndpointError && error.status < 500 ? 'False' : 'True',
        );
        throw error;
      } finally {
        clearTimeout(timer);
      }
      reply.header('x-ms-run-fn-exec-ms', elapsed(started));
      reply.header('x-ms-run-function-failed', 'False');
      if (result.kind === 'json') return reply.type('application/json').send(result.body);

      reply.hijack();
      const res = reply.raw;
      for (const [name, value] of Object.entries(reply.getHeaders()))
        if (value !== undefined) res.setHeader(name, value);
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache',
        // The end of the stream is the end of the connection (no [DONE] event).
        connection: 'close',
      });
      res.flushHeaders();
      let events = 0;
      try {
        for await (const event of result.events) {
          if (work.signal.aborted || res.destroyed) break;
          events++;
          if (!res.write(event))
            await new Promise<void>((resolve) => {
              res.once('drain', resolve);
              res.once('close', resolve);
            });
        }
      } catch (error) {
        log(`stream of ${model.name}/${deployment} failed: ${String(error)}`);
      }
      const cancelled = work.signal.aborted || res.destroyed;
      if (!res.destroyed) res.end();
      options.onStreamEnd?.({ endpoint: model.name, deployment, events, cancelled });
    },
  );

  await app.ready();
  return {
    app,
    model,
    credentials,
    url: () => baseUrl,
    listen: async () => {
      baseUrl = await listener.listen();
      return baseUrl;
    },
    close: async () => {
      // Open streams end with the server: closing waits for requests in flight otherwise.
      app.server.closeAllConnections?.();
      await app.close();
    },
  };
}

function sendEndpointError(reply: FastifyReply, error: EndpointError): FastifyReply {
  reply.headers(error.headers);
  if (error.status === 413) reply.header('connection', 'close');
  return reply
    .code(error.status)
    .type('application/json')
    .send(error.body ?? { message: error.message });
}

function toEndpointError(
  error: unknown,
  bodyLimit: number,
  messages: FrontDoorMessages,
): EndpointError {
  if (error instanceof EndpointError) return error;
  const service = error as { name?: string; status?: number; details?: Array<{ message: string }> };
  if (service.name === 'ServiceError' && typeof service.status === 'number')
    return new EndpointError(service.status, service.details?.[0]?.message ?? 'Bad request.');
  const fastify = error as { statusCode?: number; code?: string; message?: string };
  if (fastify.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || fastify.statusCode === 413)
    return new EndpointError(413, messages.bodyTooLarge(bodyLimit));
  if (
    typeof fastify.statusCode === 'number' &&
    fastify.statusCode >= 400 &&
    fastify.statusCode < 500
  )
    return new EndpointError(
      fastify.statusCode,
      `The request could not be read: ${fastify.message ?? ''}`,
    );
  return new EndpointError(
    500,
    'An unexpected error occurred in scoring script. Check the logs for more info.',
  );
}

/** A request the parser could not read, answered in the endpoint's `{"message"}` shape. */
function frontDoorAnswer(error: ServiceError): SocketAnswer {
  return {
    status: error.status,
    contentType: 'application/json',
    body: JSON.stringify({ message: error.details[0]?.message ?? 'Bad request.' }),
    headers: { server: 'azureml-frontdoor', 'x-request-id': randomUUID() },
  };
}

function headerValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/** The caller's x-request-id if it is a GUID (the inference server forces one), else a new one. */
function pickRequestId(given: string | string[] | undefined): string {
  const value = headerValue(given)?.trim();
  return value && GUID.test(value) ? value : randomUUID();
}

/** Echoed as the front door does: alphanumerics, `-` and `_` only, at most 40 characters. */
function clientRequestId(given: string | string[] | undefined): string | undefined {
  const value = headerValue(given)
    ?.replace(/[^A-Za-z0-9_-]/g, '')
    .slice(0, 40);
  return value ? value : undefined;
}

function elapsed(started: number): string {
  return (performance.now() - started).toFixed(3);
}
