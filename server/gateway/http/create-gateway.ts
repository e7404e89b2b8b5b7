import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import cors from '@fastify/cors';
import { BlobSASPermissions, BlobServiceClient } from '@azure/storage-blob';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { matchesHostPattern } from '../../core/host-patterns';
import type { GatewayCallRecord } from '../call-record';
import { Catalog } from '../core/catalog';
import type { CatalogStore } from '../core/catalog-store';
import {
  GatewayCore,
  GatewayRequestError,
  GatewayStorageError,
  sameSecret,
} from '../core/gateway-core';
import type { GatewayStore } from '../core/gateway-store';
import { PipelineCache } from '../core/pipeline-cache';
import { importOpenApi } from '../core/openapi-import';
import type { SubscriptionState } from '../core/subscriptions';
import { registerCatalogRoutes, registerProductRoutes } from '../management/catalog-routes';
import { MANAGEMENT_PREFIXES, registerManagementRoutes } from '../management/subscription-routes';
import { sendGatewayError, sendManagementError } from './apim-errors';
import { DEVELOPER_PREFIX, registerDeveloperRoutes } from './developer-routes';
import { REMAINING_CALLS_HEADER, registerProxyRoutes } from './proxy-routes';
import { SIGNED_IN_OPERATION_ID, signedInScorePolicy } from './demo-sign-in-policy';

export const DEFAULT_GATEWAY_PORT = 8791;
export const DEFAULT_STARTER_KEY = 'portico-starter-key';
export const DEFAULT_UNLIMITED_KEY = 'portico-unlimited-key';
export const DEFAULT_ADMIN_KEY = 'portico-admin-key';
export const DEMO_STARTER_SUBSCRIPTION = 'demo-starter';
export const DEMO_UNLIMITED_SUBSCRIPTION = 'demo-unlimited';
const BODY_LIMIT_BYTES = 64 * 1024;
/** The setting that lists the hosts the gateway may forward to and import from. */
export const TRUSTED_HOSTS_VARIABLE = 'GATEWAY_TRUSTED_HOSTS';
export const DEMO_API_ID = 'azureml-demo';
export const DEMO_DEFINITION_PATH = new URL(
  '../../../public/apis/azureml-demo.openapi.json',
  import.meta.url,
);
/** How long an export link (a read-only SAS) lives, as APIM's. */
const EXPORT_LINK_MS = 5 * 60_000;
export const EXPORT_CONTAINER = 'api-export';

/** What the usage module gets to add its own routes (`/management/reports/*`, `/developer/reports/*`). */
export interface GatewayRouteContext {
  /** Whether the request carries `Authorization: Bearer <APIM_ADMIN_KEY>`. */
  authenticateAdmin: (request: FastifyRequest) => boolean;
  /** The subscription a key (primary or secondary) belongs to, whatever its state. */
  subscriptionForKey: (
    key: string,
  ) => { name: string; scope: string; state: SubscriptionState } | undefined;
  /** `/management` and the full ARM path below it: register management routes under both. */
  managementPrefixes: readonly string[];
  sendManagementError: typeof sendManagementError;
  sendGatewayError: typeof sendGatewayError;
}

export interface GatewayOptions {
  /** Subscriptions, keys and call counters. */
  store: GatewayStore;
  /** APIs, operations, products and policies. */
  catalogStore: CatalogStore;
  /** The Azure ML emulator: the demo API's backend, and a trusted host. */
  backendUrl: string;
  /** Azurite blob: where exported definitions are written; also a trusted host for imports. */
  exportStorageConnectionString?: string;
  /**
   * GATEWAY_TRUSTED_HOSTS: more hosts APIs may forward to and definitions may be imported from
   * (`host`, `host:port`, `*.suffix`), besides the stack's own servers.
   */
  trustedHosts?: string[];
  /** On the first start, publish the demo API (default true). */
  publishDemoApi?: boolean;
  /**
   * The demo OpenID provider: its host is trusted (validate-jwt reads its discovery document), and
   * on the first start the demo API's signed-in operation is published with a validate-jwt policy
   * for its tokens that then calls the emulator with `backendKey`.
   */
  demoSignIn?: { issuer: string; backendKey: string };
  /** On the first start, after the demo API: more publishing (the stack's online endpoints). */
  onFirstOpen?: (catalog: Catalog) => Promise<void>;
  adminKey?: string;
  /** Primary keys of the demo subscriptions, set when they are first created. */
  starterKey?: string;
  unlimitedKey?: string;
  /** Browser origins allowed by CORS (the portal's). */
  allowedOrigins?: string[];
  port?: number;
  host?: string;
  clock?: () => number;
  flushIntervalMs?: number;
  /** Called once per request under an API's suffix, forwarded or refused; never awaited. */
  onCall?: (record: GatewayCallRecord) => void;
  registerRoutes?: (app: FastifyInstance, ctx: GatewayRouteContext) => void | Promise<void>;
  log?: (message: string) => void;
}

export interface Gateway {
  app: FastifyInstance;
  core: GatewayCore;
  catalog: Catalog;
  /** Starts listening; resolves to the base URL, e.g. http://127.0.0.1:8791. */
  listen: () => Promise<string>;
  /** Stops taking calls, then writes the counters that are still only in memory. */
  close: () => Promise<void>;
}

const LOOPBACK_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** The local API Management gateway (docs/reference/apim-management.md). */
export async function createGateway(options: GatewayOptions): Promise<Gateway> {
  const log = options.log ?? (() => {});
  const adminKey = options.adminKey ?? DEFAULT_ADMIN_KEY;
  // Set by listen(): the gateway's own address is trusted (an API may import its own export).
  let ownHost: string | undefined;
  const storageHost = options.exportStorageConnectionString
    ? blobEndpointHost(options.exportStorageConnectionString)
    : undefined;
  const trustedHosts = [
    new URL(options.backendUrl).host,
    ...(storageHost ? [storageHost] : []),
    ...(options.allowedOrigins ?? []).map((origin) => new URL(origin).host),
    ...(options.trustedHosts ?? []),
    ...(options.demoSignIn ? [new URL(options.demoSignIn.issuer).host] : []),
  ];
  const isTrustedBackend = (url: URL): boolean =>
    (url.protocol === 'http:' || url.protocol === 'https:') &&
    (url.host.toLowerCase() === ownHost ||
      matchesHostPattern(url.host.toLowerCase(), trustedHosts));
  const catalog = await Catalog.open({
    store: options.catalogStore,
    clock: options.clock,
    isTrustedBackend,
    trustSetting: TRUSTED_HOSTS_VARIABLE,
    seedDefaults: true,
    log,
    onFirstOpen: async (fresh) => {
      if (options.publishDemoApi !== false)
        await publishDemoApi(fresh, options.backendUrl, options.demoSignIn);
      await options.onFirstOpen?.(fresh);
    },
  });
  const core = await GatewayCore.open({
    store: options.store,
    catalog,
    isTrustedBackend,
    clock: options.clock,
    flushIntervalMs: options.flushIntervalMs,
    log,
    seeds: [
      {
        sid: DEMO_STARTER_SUBSCRIPTION,
        displayName: 'Demo (Starter)',
        productId: 'starter',
        primaryKey: options.starterKey ?? DEFAULT_STARTER_KEY,
        state: 'active',
      },
      {
        sid: DEMO_UNLIMITED_SUBSCRIPTION,
        displayName: 'Demo (Unlimited)',
        productId: 'unlimited',
        primaryKey: options.unlimitedKey ?? DEFAULT_UNLIMITED_KEY,
        state: 'active',
      },
    ],
  });
  const isArmPath = (url: string): boolean =>
    url.startsWith('/management') || url.startsWith(DEVELOPER_PREFIX);
  /** Every error in the shape of the endpoint it comes from: ARM's or the gateway's. */
  const sendError = (
    request: FastifyRequest,
    reply: FastifyReply,
    status: 400 | 404 | 413 | 500 | 503,
    message: string,
  ): FastifyReply => {
    if (!isArmPath(request.url)) return sendGatewayError(reply, status, message);
    const code = (
      {
        400: 'ValidationError',
        404: 'ResourceNotFound',
        413: 'RequestEntityTooLarge',
        500: 'InternalError',
        503: 'ServiceUnavailable',
      } as const
    )[status];
    return sendManagementError(reply, code, message);
  };

  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT_BYTES,
    return503OnClosing: false,
    genReqId: () => randomUUID(),
    frameworkErrors: (error, request, reply) => {
      void sendError(request, reply, 400, `The request could not be read: ${error.message}`);
    },
  });
  app.addHook('onRequest', async (request, reply) => {
    reply.header('x-ms-request-id', request.id);
    // A page on another site that resolves its name to 127.0.0.1 (DNS rebinding) gets nothing,
    // and neither does a Host naming another port (it would end up in nextLinks and realms).
    const given = (request.headers.host ?? '').toLowerCase();
    const match = /^(.*?)(?::(\d+))?$/.exec(given);
    const name = match?.[1] ?? '';
    // An injected request (tests) has no socket port to compare with.
    const port = request.socket.localPort;
    if (!LOOPBACK_HOSTS.has(name) || (port !== undefined && match?.[2] !== String(port)))
      return sendError(
        request,
        reply,
        400,
        `The Host header "${request.headers.host ?? ''}" is not this gateway's; it answers at 127.0.0.1${port === undefined ? '' : `:${port}`} or localhost${port === undefined ? '' : `:${port}`} only.`,
      );
  });
  app.setErrorHandler((error, request, reply) => {
    if (error instanceof GatewayRequestError)
      return sendManagementError(reply, error.code, error.message);
    if (error instanceof GatewayStorageError) {
      log(`${request.method} ${request.url.split('?')[0]}: storage failed: ${String(error)}`);
      return sendError(
        request,
        reply,
        503,
        'The gateway could not save the change to its storage (Azurite Table). Is Azurite running? Try again in a moment.',
      );
    }
    const status = (error as { statusCode?: unknown }).statusCode;
    if (status === 413)
      return sendError(
        request,
        reply,
        413,
        `The request body is larger than the gateway's limit of ${Math.round(BODY_LIMIT_BYTES / 1024)} KB for this endpoint.`,
      );
    if (typeof status === 'number' && status >= 400 && status < 500)
      return sendError(
        request,
        reply,
        400,
        `The request could not be read: ${(error as Error).message}`,
      );
    log(`${request.method} ${request.url.split('?')[0]}: ${String(error)}`);
    return sendError(
      request,
      reply,
      500,
      'The gateway failed to handle the request. See its console output.',
    );
  });
  app.setNotFoundHandler((request, reply) =>
    isArmPath(request.url)
      ? sendManagementError(
          reply,
          'ResourceNotFound',
          `There is no ${request.method} ${request.url.split('?')[0]} here. See server/README.md for the management and developer endpoints.`,
        )
      : sendGatewayError(reply, 404, 'Resource not found'),
  );
  // A preflight from an origin other than the portal's is answered by the cors policy of the
  // API and operation it asks about, as APIM does (without a key a preflight has no product).
  const pipelines = new PipelineCache(catalog);
  const portalOrigins = new Set(options.allowedOrigins ?? []);
  app.addHook('onRequest', async (request, reply) => {
    const origin = request.headers.origin;
    const asked = request.headers['access-control-request-method'];
    if (request.method !== 'OPTIONS' || !origin || typeof asked !== 'string') return;
    if (portalOrigins.has(origin) || isArmPath(request.url)) return;
    const match = catalog.route(asked, request.url.split('?')[0] ?? '');
    if (!match?.operation) return;
    const answer = core.engine.cors(pipelines.get(undefined, match.api.id, match.operation.id), {
      method: request.method,
      origin,
      accessControlRequestMethod: asked,
      accessControlRequestHeaders: request.headers['access-control-request-headers'],
    });
    if (answer?.answerNow) return reply.code(200).headers(answer.headers).send();
  });
  await app.register(cors, {
    origin: options.allowedOrigins ?? [],
    methods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'],
    allowedHeaders: [
      'Ocp-Apim-Subscription-Key',
      'Authorization',
      'Content-Type',
      'If-Match',
      // An Azure ML online endpoint's: pick a deployment, trace a call.
      'azureml-model-deployment',
      'x-ms-client-request-id',
    ],
    exposedHeaders: [
      REMAINING_CALLS_HEADER,
      'Location',
      'X-Portico-Mocked',
      'Retry-After',
      'x-ms-request-id',
      'Request-Id',
      'ETag',
      'Content-Length',
      'Content-Type',
      // What an Azure ML online endpoint says about a call, and llm-token-limit's headers as
      // the demo's Starter policy names them (server/ml-endpoints/http/publish-endpoints.ts).
      'azureml-model-deployment',
      'x-request-id',
      'x-ms-run-fn-exec-ms',
      'x-ratelimit-remaining-tokens',
      'x-ratelimit-remaining-quota-tokens',
    ],
    maxAge: 600,
  });

  const authenticateAdmin = (request: FastifyRequest): boolean => {
    const match = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
    return Boolean(match?.[1] && sameSecret(match[1], adminKey));
  };
  let baseUrl = '';
  const catalogOptions = {
    catalog,
    authenticateAdmin,
    gatewayUrl: () => baseUrl,
    fetchImportLink: async (url: URL): Promise<string> => {
      if (!isTrustedBackend(url))
        throw new Error(
          `The gateway imports definitions only from trusted hosts, and "${url.host}" is not one. Start the stack with ${TRUSTED_HOSTS_VARIABLE}=${url.host} to allow it.`,
        );
      const answer = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(30_000) });
      if (!answer.ok) throw new Error(`${url.host} answered ${answer.status} for the definition.`);
      return answer.text();
    },
    exportDocument: async (name: string, text: string, contentType: string) => {
      if (!options.exportStorageConnectionString)
        throw new Error('This gateway has no storage to export definitions to.');
      const container = BlobServiceClient.fromConnectionString(
        options.exportStorageConnectionString,
      ).getContainerClient(EXPORT_CONTAINER);
      await container.createIfNotExists();
      const blob = container.getBlockBlobClient(`${randomUUID()}/${name}`);
      await blob.upload(text, Buffer.byteLength(text), {
        blobHTTPHeaders: { blobContentType: contentType },
      });
      return blob.generateSasUrl({
        permissions: BlobSASPermissions.parse('r'),
        expiresOn: new Date(core.clock() + EXPORT_LINK_MS),
      });
    },
    productSubscriptions: (productId: string) => core.productSubscriptions(productId),
    apiSubscriptions: (apiId: string) => core.apiSubscriptions(apiId),
    deleteSubscription: (sid: string) => core.deleteSubscription(sid),
  };
  await registerManagementRoutes(app, { core, authenticateAdmin });
  await registerProductRoutes(app, catalogOptions);
  await registerCatalogRoutes(app, catalogOptions);
  await registerDeveloperRoutes(app, { core });
  await options.registerRoutes?.(app, {
    authenticateAdmin,
    subscriptionForKey: (key) => {
      const subscription = core.subscriptionForKey(key);
      return subscription
        ? { name: subscription.sid, scope: subscription.scope, state: subscription.state }
        : undefined;
    },
    managementPrefixes: MANAGEMENT_PREFIXES,
    sendManagementError,
    sendGatewayError,
  });
  // Last: every path no other route takes is an API call.
  const proxy = await registerProxyRoutes(app, {
    core,
    pipelines,
    isTrustedBackend,
    trustSetting: TRUSTED_HOSTS_VARIABLE,
    onCall: options.onCall,
    log,
  });
  await app.ready();

  return {
    app,
    core,
    catalog,
    listen: async () => {
      const host = options.host ?? '127.0.0.1';
      await app.listen({ port: options.port ?? DEFAULT_GATEWAY_PORT, host });
      const address = app.server.address();
      const port = typeof address === 'object' && address ? address.port : options.port;
      baseUrl = `http://${host}:${port}`;
      ownHost = new URL(baseUrl).host;
      return baseUrl;
    },
    close: async () => {
      try {
        await app.close();
        await proxy.close();
      } finally {
        await core.close();
      }
    },
  };
}

/** The demo API, published as a publisher would: imported, pointed at the emulator, in both products. */
async function publishDemoApi(
  catalog: Catalog,
  backendUrl: string,
  signIn: GatewayOptions['demoSignIn'],
): Promise<void> {
  const imported = importOpenApi(await readFile(DEMO_DEFINITION_PATH, 'utf8'), 'openapi+json');
  await catalog.putApi(
    DEMO_API_ID,
    {
      displayName: 'AzureML Demo API',
      description: imported.properties.description,
      serviceUrl: backendUrl,
      path: DEMO_API_ID,
      protocols: ['http', 'https'],
    },
    { imported },
  );
  for (const productId of ['starter', 'unlimited']) await catalog.linkApi(productId, DEMO_API_ID);
  if (signIn)
    await catalog.putPolicy(
      { kind: 'operation', apiId: DEMO_API_ID, operationId: SIGNED_IN_OPERATION_ID },
      signedInScorePolicy(signIn),
      'xml',
    );
}

function blobEndpointHost(connectionString: string): string | undefined {
  const endpoint = /BlobEndpoint=([^;]+)/i.exec(connectionString)?.[1];
  try {
    return endpoint ? new URL(endpoint).host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
