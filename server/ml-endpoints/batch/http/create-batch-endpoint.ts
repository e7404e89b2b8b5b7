import { randomUUID } from 'node:crypto';
import cors from '@fastify/cors';
import {
  BlobServiceClient,
  StorageSharedKeyCredential,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { ownStorageOf, redactSecrets } from '../../../core/blob-refs';
import { ServiceError } from '../../../core/errors';
import { StorageTrust } from '../../../core/trusted-storage';
import {
  HostCheckedListener,
  edgeServerOptions,
  jsonBodyParser,
  type ListenOptions,
} from '../../../http/fastify-edges';
import { DEFAULT_HTTP_TIMEOUTS, checkPreflight, type SocketAnswer } from '../../../http/http-edges';
import { BatchEndpointError, type BatchEndpointErrorCode } from '../core/batch-endpoint-error';
import { BatchJobStore } from '../core/batch-job-store';
import { BatchEndpointService } from '../core/batch-endpoint-service';
import { createTokenVerifier, type VerifyToken } from './token-verifier';

export const DEFAULT_BATCH_ENDPOINT_PORT = 8794;
export const BATCH_JOBS_CONTAINER = 'portico-batch-endpoint';
const BODY_LIMIT_BYTES = 1024 * 1024;

export interface BatchEndpointOptions extends ListenOptions {
  /** The endpoint's own storage (the stack's Azurite): jobs, default outputs, trusted inputs. */
  storageConnectionString: string;
  /** Issuer of the tokens it accepts (the stack's OpenID provider); `aud` must be https://ml.azure.com. */
  tokenIssuer: string;
  /** The issuer's JWKS; default: found through the issuer's discovery document. */
  jwksUrl?: string;
  /** Browser origins allowed by CORS (the portal's). */
  allowedOrigins?: string[];
  /** BATCH_ENDPOINT_MIN_RUNTIME_MS: a job is not Completed sooner than this after it is created. */
  minRuntimeMs?: number;
  /** DEMO_TRUSTED_STORAGE_HOSTS: storage hosts jobs may use besides the endpoint's own. */
  trustedStorageHosts?: string[];
  /** Retry policy for the blobs jobs read and write. */
  jobStoragePipeline?: StoragePipelineOptions;
  log?: (message: string) => void;
}

export interface BatchEndpoint {
  app: FastifyInstance;
  service: BatchEndpointService;
  /** Starts listening; resolves to the scoring URI's base, e.g. http://127.0.0.1:8794. */
  listen: () => Promise<string>;
  close: () => Promise<void>;
}

/** The batch endpoint `portico-batch`: `POST /jobs`, `GET /jobs/{name}`, `GET /jobs`. */
export async function createBatchEndpoint(options: BatchEndpointOptions): Promise<BatchEndpoint> {
  const log = options.log ?? (() => {});
  const own = ownStorageOf(options.storageConnectionString);
  const storage = new BlobServiceClient(
    own.baseLocation.replace(/\/$/, ''),
    new StorageSharedKeyCredential(own.accountName, own.accountKey),
    { retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000 } },
  );
  const store = new BatchJobStore(storage.getContainerClient(BATCH_JOBS_CONTAINER));
  await store.ensure();
  const service = new BatchEndpointService({
    store,
    ownStorage: own,
    trust: new StorageTrust(own.baseLocation, options.trustedStorageHosts),
    minRuntimeMs: options.minRuntimeMs ?? 0,
    pipelineOptions: options.jobStoragePipeline ?? {
      retryOptions: {
        maxTries: 3,
        retryDelayInMs: 300,
        maxRetryDelayInMs: 2000,
        tryTimeoutInMs: 30_000,
      },
    },
    log,
  });
  const verify: VerifyToken = createTokenVerifier({
    issuer: options.tokenIssuer,
    jwksUrl: options.jwksUrl,
  });

  const app = Fastify({
    ...edgeServerOptions(DEFAULT_HTTP_TIMEOUTS, batchEndpointAnswer),
    bodyLimit: BODY_LIMIT_BYTES,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 16 * 1024 },
    frameworkErrors: (error, _request, reply) => {
      void sendError(reply, toEndpointError(error));
    },
  });
  app.setErrorHandler((error, request, reply) => {
    const mapped = toEndpointError(error);
    if (mapped.status >= 500)
      log(`${request.method} ${request.url.split('?')[0]}: ${redactSecrets(String(error))}`);
    return sendError(reply, mapped);
  });
  app.setNotFoundHandler((request, reply) =>
    sendError(
      reply,
      new BatchEndpointError(
        'NotFound',
        `There is no operation ${request.method} ${request.url.split('?')[0] ?? ''}. This batch endpoint has POST /jobs (invoke), GET /jobs (list) and GET /jobs/{name}.`,
      ),
    ),
  );
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-ms-request-id', request.id);
    reply.header('x-request-id', request.id);
    const clientId = request.headers['x-ms-client-request-id'];
    if (typeof clientId === 'string')
      reply.header('x-ms-client-request-id', clientId.slice(0, 200));
  });
  const listener = new HostCheckedListener(app, options, DEFAULT_BATCH_ENDPOINT_PORT);
  app.addHook('onRequest', async (request) => {
    listener.checkHost(request.headers.host);
    // @fastify/cors would answer a malformed preflight with plain text.
    if (request.method === 'OPTIONS') checkPreflight(request.headers);
  });
  // Before the auth check below: a browser must be able to read a 401 too.
  await app.register(cors, {
    origin: options.allowedOrigins ?? [],
    methods: ['GET', 'POST', 'OPTIONS'],
    allowedHeaders: [
      'Authorization',
      'Content-Type',
      'azureml-model-deployment',
      'repeatability-request-id',
      'x-ms-client-request-id',
    ],
    exposedHeaders: ['x-ms-request-id', 'x-request-id', 'Location', 'Retry-After'],
    maxAge: 600,
  });

  app.addHook('onRequest', async (request) => {
    if (request.method === 'OPTIONS') return;
    // Before the body is read: an unauthenticated caller costs no parsing.
    await verify(request.headers.authorization);
  });
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'string' },
    jsonBodyParser(
      (reason) =>
        new BatchEndpointError('UserError', `The request body is not valid JSON: ${reason}.`),
    ),
  );
  app.post('/jobs', async (request, reply) => {
    const deployment = header(request.headers['azureml-model-deployment']);
    const repeatabilityId = header(request.headers['repeatability-request-id']);
    const job = await service.invoke(request.body, { deployment, repeatabilityId });
    if (repeatabilityId !== undefined) reply.header('repeatability-result', 'accepted');
    return reply.code(202).header('Location', `/jobs/${job.name}`).send(job);
  });
  app.get<{ Params: { name: string } }>('/jobs/:name', async (request, reply) =>
    reply.send(await service.get(request.params.name)),
  );
  app.get('/jobs', async (_request, reply) => reply.send({ value: await service.list() }));

  await app.ready();
  await service.resumeInterrupted();

  return {
    app,
    service,
    listen: () => listener.listen(),
    close: async () => {
      await app.close();
      await service.close();
    },
  };
}

function header(value: string | string[] | undefined): string | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  return text === undefined || text.trim() === '' ? undefined : text.trim();
}

const CODE_FOR_STATUS: Record<number, BatchEndpointErrorCode> = {
  401: 'Unauthorized',
  404: 'NotFound',
  408: 'RequestTimeout',
  413: 'RequestEntityTooLarge',
  503: 'ServiceUnavailable',
};

/** Every error, fastify's and the shared HTTP edges' included, in the endpoint's own shape. */
function toEndpointError(error: unknown): BatchEndpointError {
  if (error instanceof BatchEndpointError) return error;
  if (error instanceof ServiceError) {
    const message = error.details[0]?.message ?? error.message;
    return new BatchEndpointError(
      CODE_FOR_STATUS[error.status] ?? 'UserError',
      message,
      error.status,
    );
  }
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'RestError' || name === 'AbortError') {
    return new BatchEndpointError(
      'ServiceUnavailable',
      'The batch endpoint could not reach its storage to keep job state. Is Azurite running? Try again in a moment.',
    );
  }
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  if (status === 413) {
    return new BatchEndpointError(
      'RequestEntityTooLarge',
      `The request body is larger than ${BODY_LIMIT_BYTES} bytes; an invoke body names its data by URI.`,
    );
  }
  if (typeof status === 'number' && status >= 400 && status < 500) {
    return new BatchEndpointError(
      'UserError',
      `The request could not be read: ${(error as Error).message}`,
      status,
    );
  }
  return new BatchEndpointError(
    'InternalError',
    'The batch endpoint failed to handle the request. See its console output.',
  );
}

function sendError(reply: FastifyReply, error: BatchEndpointError): FastifyReply {
  if (error.status === 401) {
    reply.header('WWW-Authenticate', 'Bearer resource="https://ml.azure.com"');
  }
  if (error.status === 503) reply.header('Retry-After', '5');
  return reply.code(error.status).type('application/json; charset=utf-8').send(error.toBody());
}

/** A request Node could not parse or that did not arrive in time, answered in this shape. */
function batchEndpointAnswer(error: ServiceError): SocketAnswer {
  const mapped = toEndpointError(error);
  return {
    status: mapped.status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(mapped.toBody()),
    headers: { 'x-ms-request-id': randomUUID() },
  };
}
