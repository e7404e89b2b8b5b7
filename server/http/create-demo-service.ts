import cors from '@fastify/cors';
import {
  BlobServiceClient,
  ContainerSASPermissions,
  StorageSharedKeyCredential,
  generateBlobSASQueryParameters,
  type StoragePipelineOptions,
} from '@azure/storage-blob';
import Fastify, { type FastifyInstance } from 'fastify';
import { ownStorageOf } from '../core/blob-refs';
import { ServiceError } from '../core/errors';
import { BatchJobService } from '../core/job-runner';
import { JobStore } from '../core/job-store';
import { StorageTrust } from '../core/trusted-storage';
import { OPERATIONS_HELP, checkBearer, registerAzureMlRoutes } from './azureml-routes';
import { errorHandler, sendServiceError, toServiceError } from './error-replies';
import {
  HostCheckedListener,
  edgeServerOptions,
  jsonBodyParser,
  type ListenOptions,
} from './fastify-edges';
import { DEFAULT_HTTP_TIMEOUTS, checkPreflight, type HttpTimeouts } from './http-edges';

export const DEFAULT_API_KEY = 'portico-demo-key';
export const DEFAULT_BODY_LIMIT_BYTES = 4 * 1024 * 1024;
export const JOBS_CONTAINER = 'portico-jobs';
export const UPLOADS_CONTAINER = 'portico-uploads';
const UPLOAD_SAS_VALIDITY_MS = 60 * 60 * 1000;
/** Long enough for a job id of any length to reach the route (and get JobNotFound). */
const MAX_PARAM_LENGTH = 16 * 1024;

export interface DemoServiceOptions extends ListenOptions {
  /** Connection string of the service's own storage (Azurite): job state, uploads, results. */
  storageConnectionString: string;
  apiKey?: string;
  /** Browser origins allowed by CORS, on the service and on the storage account. */
  allowedOrigins?: string[];
  bodyLimitBytes?: number;
  /** DEMO_BES_MIN_RUNTIME_MS: a job is not Finished sooner than this after it starts. */
  minRuntimeMs?: number;
  /** Retry policy for the blobs jobs read and write. */
  jobStoragePipeline?: StoragePipelineOptions;
  /** Jobs streamed at the same time (default 4); more wait, still Running. */
  maxConcurrentJobs?: number;
  /**
   * DEMO_TRUSTED_STORAGE_HOSTS: storage hosts jobs may use besides the service's own storage
   * and https://*.blob.core.windows.net (`host`, `host:port` or `*.suffix`).
   */
  trustedStorageHosts?: string[];
  /** Per-try timeout of a job's storage calls (default 30 s). */
  storageTryTimeoutMs?: number;
  /** Deadline of one run of a job (default 60 min). */
  jobDeadlineMs?: number;
  /** How long a client may take to send a request (defaults in DEFAULT_HTTP_TIMEOUTS). */
  httpTimeouts?: Partial<HttpTimeouts>;
  log?: (message: string) => void;
}

export interface DemoService {
  app: FastifyInstance;
  batch: BatchJobService;
  /** Starts listening; resolves to the base URL, e.g. http://127.0.0.1:8790. */
  listen: () => Promise<string>;
  close: () => Promise<void>;
}

/** The demo Azure ML web service (SimpleFeatureHashingExperiment) on the given storage. */
export async function createDemoService(options: DemoServiceOptions): Promise<DemoService> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const bodyLimit = options.bodyLimitBytes ?? DEFAULT_BODY_LIMIT_BYTES;
  const allowedOrigins = options.allowedOrigins ?? [];
  const log = options.log ?? (() => {});
  const own = ownStorageOf(options.storageConnectionString);
  const credential = new StorageSharedKeyCredential(own.accountName, own.accountKey);
  const storage = new BlobServiceClient(own.baseLocation.replace(/\/$/, ''), credential, {
    retryOptions: { maxTries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 1000 },
  });
  const timeouts: HttpTimeouts = { ...DEFAULT_HTTP_TIMEOUTS, ...options.httpTimeouts };
  const store = new JobStore(storage.getContainerClient(JOBS_CONTAINER));
  await store.ensure();
  if (allowedOrigins.length > 0) {
    // The browser uploads inputs and reads results straight from storage.
    await storage.setProperties({
      cors: [
        {
          allowedOrigins: allowedOrigins.join(','),
          allowedMethods: 'GET,PUT,HEAD,OPTIONS,POST,DELETE',
          allowedHeaders: '*',
          exposedHeaders: '*',
          maxAgeInSeconds: 3600,
        },
      ],
    });
  }
  const batch = new BatchJobService({
    store,
    ownStorage: own,
    minRuntimeMs: options.minRuntimeMs ?? 0,
    maxConcurrentJobs: options.maxConcurrentJobs,
    trust: new StorageTrust(own.baseLocation, options.trustedStorageHosts),
    storageTryTimeoutMs: options.storageTryTimeoutMs,
    jobDeadlineMs: options.jobDeadlineMs,
    pipelineOptions: options.jobStoragePipeline ?? {
      retryOptions: { maxTries: 3, retryDelayInMs: 300, maxRetryDelayInMs: 2000 },
    },
    log,
  });

  const app = Fastify({
    ...edgeServerOptions(timeouts),
    bodyLimit,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: MAX_PARAM_LENGTH },
    frameworkErrors: (error, _request, reply) => {
      void sendServiceError(reply, toServiceError(error, bodyLimit));
    },
  });
  app.setErrorHandler(errorHandler(bodyLimit, log));
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    return sendServiceError(
      reply,
      new ServiceError(
        'NotFound',
        'ResourceNotFound',
        `There is no operation ${request.method} ${path}. This service has: ${OPERATIONS_HELP.join('; ')}; GET /health; POST /demo/storage/sas.`,
      ),
    );
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-ms-request-id', request.id);
  });
  const listener = new HostCheckedListener(app, options, 8790);
  app.addHook('onRequest', async (request) => {
    listener.checkHost(request.headers.host);
    // @fastify/cors would answer a malformed preflight with plain text.
    if (request.method === 'OPTIONS') checkPreflight(request.headers);
  });
  // Every body is read as JSON whatever its Content-Type, as the real service does; the
  // JSON error names the position so the caller can find it.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser(
    '*',
    { parseAs: 'string', bodyLimit },
    jsonBodyParser(
      (reason) =>
        new ServiceError(
          'BadArgument',
          'RequestBodyInvalid',
          `The request body is not valid JSON: ${reason}.`,
        ),
    ),
  );
  await app.register(cors, {
    origin: allowedOrigins,
    methods: ['GET', 'POST', 'DELETE', 'OPTIONS'],
    allowedHeaders: ['Authorization', 'Content-Type', 'Ocp-Apim-Subscription-Key'],
    exposedHeaders: ['x-ms-request-id', 'Retry-After', 'Content-Length', 'Content-Type'],
    maxAge: 600,
  });

  registerAzureMlRoutes(app, { apiKey, batch });

  const health = storage.getContainerClient(JOBS_CONTAINER);
  app.get('/health', async (_request, reply) => {
    try {
      await health.getProperties({ abortSignal: AbortSignal.timeout(2000) });
    } catch {
      throw new ServiceError(
        'ServiceUnavailable',
        'StorageUnavailable',
        `The demo service cannot reach its storage at ${own.baseLocation}. Is Azurite running?`,
      );
    }
    return reply.send({ status: 'ok' });
  });

  app.post('/demo/storage/sas', async (request, reply) => {
    checkBearer(request.headers.authorization, apiKey);
    const container = storage.getContainerClient(UPLOADS_CONTAINER);
    await container.createIfNotExists();
    const now = Date.now();
    const expiresOn = new Date(now + UPLOAD_SAS_VALIDITY_MS);
    const sas = generateBlobSASQueryParameters(
      {
        containerName: UPLOADS_CONTAINER,
        permissions: ContainerSASPermissions.parse('racwl'),
        startsOn: new Date(now - 5 * 60_000),
        expiresOn,
      },
      credential,
    ).toString();
    return reply.send({
      containerUrl: `${container.url}?${sas}`,
      expiresOn: expiresOn.toISOString(),
      // The same SAS as a token (what BES's SasBlobToken takes) and field by field (what an
      // Arazzo step passes as Put Blob's query parameters: its expressions cannot split a URL).
      sasToken: `?${sas}`,
      sasParameters: Object.fromEntries(new URLSearchParams(sas)),
      // BES's BaseLocation (the account, with its slash) and the container RelativeLocation starts with.
      accountUrl: own.baseLocation,
      container: UPLOADS_CONTAINER,
    });
  });

  await app.ready();
  await batch.resumeInterrupted();

  return {
    app,
    batch,
    listen: () => listener.listen(),
    close: async () => {
      // Requests in flight finish first, so a Submit or Start being stored is answered.
      await app.close();
      await batch.close();
    },
  };
}
