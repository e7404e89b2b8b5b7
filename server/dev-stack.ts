/**
 * `npm start` (portal + demo stack) and `npm run demo:service` (`--no-portal`): starts Azurite,
 * the demo Azure ML service and Vite, waits until each answers, prints where they are, and stops
 * them all on Ctrl+C or SIGTERM. See server/README.md.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, relative, resolve } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { DEMO_SERVICE, DEMO_WORKSPACE } from './http/azureml-routes';
import { DEFAULT_API_KEY, createDemoService, type DemoService } from './http/create-demo-service';
import {
  azuriteBlobEndpoint,
  azuriteConnectionString,
  AZURITE_STOP_GRACE_MS,
  spawnAzurite,
  stopAzurite,
  stopChild,
  waitForAzurite,
  type AzuriteProcess,
} from './stack/azurite-process';
import { isPortInUse } from './stack/ports';
import { TableGatewayStore } from './gateway/core/table-gateway-store';
import { TableCatalogStore } from './gateway/core/table-catalog-store';
import { openUsage, type Usage } from './usage/open-usage';
import {
  DEFAULT_ADMIN_KEY,
  DEFAULT_STARTER_KEY,
  DEFAULT_UNLIMITED_KEY,
  DEMO_STARTER_SUBSCRIPTION,
  DEMO_UNLIMITED_SUBSCRIPTION,
  TRUSTED_HOSTS_VARIABLE,
  createGateway,
  type Gateway,
} from './gateway/http/create-gateway';
import {
  azuriteTableConnectionString,
  azuriteTableEndpoint,
  spawnAzuriteTable,
  stopAzuriteTable,
  waitForAzuriteTable,
} from './stack/azurite-table-process';
import { TRUSTED_STORAGE_HOSTS_VARIABLE } from './core/trusted-storage';
import { PUBLIC_HOSTS_VARIABLE } from './http/http-edges';
import { uploadSampleInput } from './stack/sample-input';
import {
  ASSISTANT_ENDPOINT,
  DEFAULT_ASSISTANT_KEY,
  DEFAULT_ENDPOINT_KEY,
  DEFAULT_TOKEN_DELAY_MS,
  HASHING_ENDPOINT,
} from './ml-endpoints/core/online-endpoints';
import { DEFAULT_TOKEN_TTL_SECONDS } from './ml-endpoints/core/endpoint-credentials';
import {
  openOnlineEndpoints,
  type OnlineEndpoints,
} from './ml-endpoints/http/open-online-endpoints';
import { registerOnlineEndpointControlPlane } from './ml-endpoints/http/control-plane-routes';
import {
  ASSISTANT_API_ID,
  HASHING_API_ID,
  publishOnlineEndpoints,
} from './ml-endpoints/http/publish-endpoints';
import {
  DEFAULT_BATCH_ENDPOINT_PORT,
  createBatchEndpoint,
  type BatchEndpoint,
} from './ml-endpoints/batch/http/create-batch-endpoint';
import { createOidcProvider, type OidcProvider } from './oidc/create-oidc-provider';
import {
  DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  DEFAULT_DEMO_CLIENT_SECRET,
  DEFAULT_OIDC_PORT,
  DEMO_SERVICE_CLIENT_ID,
  DEMO_SPA_CLIENT_ID,
  DEMO_USER,
  OIDC_ACCESS_TOKEN_TTL_VARIABLE,
  OIDC_CLIENT_SECRET_VARIABLE,
} from './oidc/demo-identity';

const HOST = '127.0.0.1';

class StackError extends Error {}

function readPort(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new StackError(`${name}=${raw} is not a port number (1-65535).`);
  }
  return port;
}

function readList(name: string): string[] {
  return (process.env[name] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
}

function readMilliseconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0)
    throw new StackError(`${name}=${raw} must be a whole number of milliseconds.`);
  return value;
}

function readSeconds(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1)
    throw new StackError(`${name}=${raw} must be a whole number of seconds (at least 1).`);
  return value;
}

const args = new Set(process.argv.slice(2));
const withPortal = !args.has('--no-portal');
const fresh = args.has('--fresh');

const children: ChildProcess[] = [];
let service: DemoService | undefined;
let azurite: AzuriteProcess | undefined;
let gateway: Gateway | undefined;
let usage: Usage | undefined;
let azuriteTable: AzuriteProcess | undefined;
let oidc: OidcProvider | undefined;
let onlineEndpoints: OnlineEndpoints | undefined;
let batchEndpoint: BatchEndpoint | undefined;
let stopping = false;

async function main(): Promise<void> {
  const unknown = [...args].filter((a) => a !== '--no-portal' && a !== '--fresh');
  if (unknown.length > 0)
    throw new StackError(`Unknown option ${unknown.join(' ')}. Use --no-portal and/or --fresh.`);
  const portalPort = readPort('PORTAL_PORT', 5173);
  const servicePort = readPort('DEMO_SERVICE_PORT', 8790);
  const azuritePort = readPort('AZURITE_BLOB_PORT', 10000);
  const gatewayPort = readPort('GATEWAY_PORT', 8791);
  const azuriteTablePort = readPort('AZURITE_TABLE_PORT', 10002);
  const oidcPort = readPort('OIDC_PORT', DEFAULT_OIDC_PORT);
  const onlineEndpointPort = readPort('ONLINE_ENDPOINT_PORT', 8793);
  const assistantEndpointPort = readPort('ASSISTANT_ENDPOINT_PORT', 8795);
  const batchEndpointPort = readPort('BATCH_ENDPOINT_PORT', DEFAULT_BATCH_ENDPOINT_PORT);
  const batchMinRuntimeMs = readMilliseconds('BATCH_ENDPOINT_MIN_RUNTIME_MS', 5000);
  const endpointKey = process.env.DEMO_ENDPOINT_KEY?.trim() || DEFAULT_ENDPOINT_KEY;
  const assistantKey = process.env.DEMO_ASSISTANT_KEY?.trim() || DEFAULT_ASSISTANT_KEY;
  const tokenDelayMs = readMilliseconds('ASSISTANT_TOKEN_DELAY_MS', DEFAULT_TOKEN_DELAY_MS);
  const amlTokenTtl = readSeconds('AML_TOKEN_TTL', DEFAULT_TOKEN_TTL_SECONDS);
  const oidcSecret = process.env[OIDC_CLIENT_SECRET_VARIABLE]?.trim() || DEFAULT_DEMO_CLIENT_SECRET;
  const accessTokenTtl = readSeconds(
    OIDC_ACCESS_TOKEN_TTL_VARIABLE,
    DEFAULT_ACCESS_TOKEN_TTL_SECONDS,
  );
  const starterKey = process.env.DEMO_STARTER_KEY?.trim() || DEFAULT_STARTER_KEY;
  const unlimitedKey = process.env.DEMO_UNLIMITED_KEY?.trim() || DEFAULT_UNLIMITED_KEY;
  const adminKey = process.env.APIM_ADMIN_KEY?.trim() || DEFAULT_ADMIN_KEY;
  const apiKey = process.env.DEMO_API_KEY?.trim() || DEFAULT_API_KEY;
  const minRuntimeMs = readMilliseconds('DEMO_BES_MIN_RUNTIME_MS', 5000);
  const trustedStorageHosts = readList(TRUSTED_STORAGE_HOSTS_VARIABLE);
  const trustedGatewayHosts = readList(TRUSTED_HOSTS_VARIABLE);
  const publicHosts = readList(PUBLIC_HOSTS_VARIABLE);
  const dataDir = resolve(process.env.PORTICO_DATA_DIR?.trim() || '.data');
  const origins = (
    process.env.PORTAL_ORIGINS ?? `http://localhost:${portalPort},http://127.0.0.1:${portalPort}`
  )
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

  const wanted: Array<[string, number]> = [
    ['AZURITE_BLOB_PORT', azuritePort],
    ['DEMO_SERVICE_PORT', servicePort],
    ['AZURITE_TABLE_PORT', azuriteTablePort],
    ['GATEWAY_PORT', gatewayPort],
    ['OIDC_PORT', oidcPort],
    ['ONLINE_ENDPOINT_PORT', onlineEndpointPort],
    ['ASSISTANT_ENDPOINT_PORT', assistantEndpointPort],
    ['BATCH_ENDPOINT_PORT', batchEndpointPort],
  ];
  if (withPortal) wanted.push(['PORTAL_PORT', portalPort]);
  const duplicate = wanted.find(([, port], i) => wanted.findIndex(([, p]) => p === port) !== i);
  if (duplicate)
    throw new StackError(
      `${duplicate[0]}=${duplicate[1]} is the same port as another part of the stack; give each its own.`,
    );
  for (const [name, port] of wanted) {
    if (await isPortInUse(port, HOST)) throw portInUse(name, port);
  }

  if (fresh) {
    // Guard against PORTICO_DATA_DIR pointing at the project or above: --fresh deletes it.
    if (
      !relative(process.cwd(), dataDir) ||
      relative(dataDir, process.cwd()).split(/[\\/]/)[0] !== '..'
    ) {
      throw new StackError(
        `--fresh refuses to delete ${dataDir}: PORTICO_DATA_DIR must be a folder of its own.`,
      );
    }
    await rm(dataDir, { recursive: true, force: true });
  }
  const azuriteDir = resolve(dataDir, 'azurite');
  await mkdir(azuriteDir, { recursive: true });

  azurite = spawnAzurite({ port: azuritePort, location: azuriteDir });
  watch('Azurite', azurite.child, azurite.output);
  azuriteTable = spawnAzuriteTable({ port: azuriteTablePort, location: azuriteDir });
  watch('Azurite Table', azuriteTable.child, azuriteTable.output);
  await Promise.all([waitForAzurite(azurite), waitForAzuriteTable(azuriteTable)]);

  // Before the gateway: its validate-jwt policies read this provider's discovery document.
  oidc = createOidcProvider({
    port: oidcPort,
    host: HOST,
    dataDir,
    portalOrigins: origins,
    clientSecret: oidcSecret,
    accessTokenTtlSeconds: accessTokenTtl,
    publicHosts,
    log: (message) => console.log(`[oidc] ${message}`),
  });
  const issuer = await oidc.listen().catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? portInUse('OIDC_PORT', oidcPort)
      : error;
  });
  // Read by the portal's dev server (vite.config.ts): the demo definition's openIdConnectUrl.
  process.env.PORTICO_OIDC_URL = issuer;

  service = await createDemoService({
    storageConnectionString: azuriteConnectionString(azuritePort, HOST),
    apiKey,
    port: servicePort,
    host: HOST,
    allowedOrigins: origins,
    minRuntimeMs,
    trustedStorageHosts,
    publicHosts,
    log: (message) => console.log(`[service] ${message}`),
  });
  const serviceUrl = await service.listen().catch((error: unknown) => {
    // Taken between the check above and now, e.g. by a second stack started at the same time.
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? portInUse('DEMO_SERVICE_PORT', servicePort)
      : error;
  });

  // The portal's BES Submit example is filled with this blob, in this storage (vite.config.ts).
  const sample = await uploadSampleInput(azuriteConnectionString(azuritePort, HOST));
  process.env.PORTICO_DEMO_STORAGE_URL = azuriteBlobEndpoint(azuritePort, HOST);

  // The batch endpoint: jobs in Azurite, tokens from the OpenID provider above (aud https://ml.azure.com).
  batchEndpoint = await createBatchEndpoint({
    storageConnectionString: azuriteConnectionString(azuritePort, HOST),
    tokenIssuer: issuer,
    port: batchEndpointPort,
    host: HOST,
    allowedOrigins: origins,
    minRuntimeMs: batchMinRuntimeMs,
    trustedStorageHosts,
    publicHosts,
    log: (message) => console.log(`[batch] ${message}`),
  });
  const batchEndpointUrl = await batchEndpoint.listen().catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? portInUse('BATCH_ENDPOINT_PORT', batchEndpointPort)
      : error;
  });
  // Read by the portal's dev server (vite.config.ts): the Batch jobs view's batch endpoint.
  process.env.PORTICO_BATCH_ENDPOINT_URL = batchEndpointUrl;

  // Azure ML online endpoints, each on its own port as each real one has its own host; keys in Azurite Table.
  const endpoints = await openOnlineEndpoints({
    tableConnectionString: azuriteTableConnectionString(azuriteTablePort, HOST),
    hashingPort: onlineEndpointPort,
    assistantPort: assistantEndpointPort,
    hashingKey: endpointKey,
    assistantKey,
    tokenDelayMs,
    tokenTtlSeconds: amlTokenTtl,
    host: HOST,
    shared: {
      allowedOrigins: origins,
      publicHosts,
      log: (message) => console.log(`[endpoints] ${message}`),
    },
  });
  onlineEndpoints = endpoints;
  const onlineEndpointUrl = await onlineEndpoints.hashing.listen().catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? portInUse('ONLINE_ENDPOINT_PORT', onlineEndpointPort)
      : error;
  });
  const assistantEndpointUrl = await onlineEndpoints.assistant.listen().catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? portInUse('ASSISTANT_ENDPOINT_PORT', assistantEndpointPort)
      : error;
  });
  // Read by the portal's dev server (vite.config.ts) for the endpoints' environments.
  process.env.PORTICO_ONLINE_ENDPOINT_URL = onlineEndpointUrl;
  process.env.PORTICO_ASSISTANT_ENDPOINT_URL = assistantEndpointUrl;
  process.env.PORTICO_ENDPOINT_KEY = onlineEndpoints.hashing.credentials.keys().primaryKey;
  process.env.PORTICO_ASSISTANT_KEY = onlineEndpoints.assistant.credentials.keys().primaryKey;

  usage = await openUsage(azuriteTableConnectionString(azuriteTablePort, HOST), (message) =>
    console.log(`[usage] ${message}`),
  );
  gateway = await createGateway({
    store: await TableGatewayStore.open(azuriteTableConnectionString(azuriteTablePort, HOST)),
    catalogStore: await TableCatalogStore.open(
      azuriteTableConnectionString(azuriteTablePort, HOST),
    ),
    exportStorageConnectionString: azuriteConnectionString(azuritePort, HOST),
    // The endpoints are the stack's own servers: the gateway may forward to them.
    trustedHosts: [
      ...trustedGatewayHosts,
      new URL(onlineEndpointUrl).host,
      new URL(assistantEndpointUrl).host,
    ],
    onCall: usage.record,
    // First start only: both endpoints imported from their /swagger.json, in Starter and Unlimited.
    onFirstOpen: (catalog) =>
      publishOnlineEndpoints(catalog, [
        {
          server: endpoints.hashing,
          apiId: HASHING_API_ID,
          displayName: 'Hashing endpoint (Azure ML online)',
        },
        {
          server: endpoints.assistant,
          apiId: ASSISTANT_API_ID,
          displayName: 'Assistant endpoint (Azure ML online, streaming)',
        },
      ]),
    registerRoutes: async (app, ctx) => {
      await usage?.registerRoutes(app, ctx);
      await registerOnlineEndpointControlPlane(app, ctx, onlineEndpoints?.all ?? []);
    },
    backendUrl: serviceUrl,
    // The OpenID provider's host is trusted; the signed-in demo operation checks its tokens.
    demoSignIn: { issuer, backendKey: apiKey },
    adminKey,
    starterKey,
    unlimitedKey,
    allowedOrigins: origins,
    port: gatewayPort,
    host: HOST,
    log: (message) => console.log(`[gateway] ${message}`),
  });
  const gatewayUrl = await gateway.listen().catch((error: unknown) => {
    throw (error as NodeJS.ErrnoException).code === 'EADDRINUSE'
      ? portInUse('GATEWAY_PORT', gatewayPort)
      : error;
  });
  // Read by the portal's dev server (vite.config.ts) for the gateway environment.
  process.env.PORTICO_GATEWAY_URL = gatewayUrl;
  const demoKey = (sid: string): string =>
    gateway?.core.getSubscription(sid)?.primaryKey ?? '(missing)';
  // Local demo sends the Starter subscription's current key (it may have been regenerated).
  process.env.PORTICO_APIM_SUBSCRIPTION_KEY = demoKey(DEMO_STARTER_SUBSCRIPTION);
  process.env.PORTICO_APIM_SUBSCRIPTION_ID = DEMO_STARTER_SUBSCRIPTION;
  // The Usage view's publisher switch in the local demo (served config only, never built in).
  process.env.PORTICO_APIM_ADMIN_KEY = adminKey;

  let portalUrl: string | undefined;
  if (withPortal) {
    portalUrl = await startPortal(portalPort, serviceUrl, apiKey);
  }

  const lines = [
    '',
    `Portico demo stack is ready${withPortal ? '' : ' (no portal: --no-portal)'}`,
    ...(portalUrl ? [`  Portal        ${portalUrl}`] : []),
    `  Service       ${serviceUrl}`,
    `  Workspace     ${DEMO_WORKSPACE}`,
    `  Web service   ${DEMO_SERVICE}`,
    `  API key       ${apiKey}${apiKey === DEFAULT_API_KEY ? ' (default; set DEMO_API_KEY to change)' : ' (from DEMO_API_KEY)'}`,
    `  Storage       Azurite blob ${azuriteBlobEndpoint(azuritePort, HOST)} (data in ${relative(process.cwd(), azuriteDir) || azuriteDir})`,
    `  Sample input  ${sample.container}/${sample.blobName} (${sample.uploaded ? 'uploaded' : 'already there'}; BES Submit's example uses it)`,
    `  Gateway       ${gatewayUrl} (API Management; state in Azurite Table ${azuriteTableEndpoint(azuriteTablePort, HOST)})`,
    `  APIs          ${
      gateway.catalog
        .apis()
        .map((api) => `${api.properties.displayName} at /${api.properties.path}`)
        .join(', ') || '(none published)'
    }`,
    `  Starter key   ${demoKey(DEMO_STARTER_SUBSCRIPTION)} (subscription ${DEMO_STARTER_SUBSCRIPTION}; limits in Starter's policy; DEMO_STARTER_KEY)`,
    `  Unlimited key ${demoKey(DEMO_UNLIMITED_SUBSCRIPTION)} (subscription ${DEMO_UNLIMITED_SUBSCRIPTION}; DEMO_UNLIMITED_KEY)`,
    `  Admin key     ${adminKey} (Authorization: Bearer, for ${gatewayUrl}/management: APIs, operations, products, policies, subscriptions; APIM_ADMIN_KEY)`,
    `  Trusted hosts the emulator, Azurite, the portal, the OpenID provider${trustedGatewayHosts.length > 0 ? `, ${trustedGatewayHosts.join(', ')}` : ''} (backends and import links; ${TRUSTED_HOSTS_VARIABLE})`,
    `  Usage         every gateway call, in Azurite Table: ${gatewayUrl}/management/reports/byTime (admin key), ${gatewayUrl}/developer/reports/... (subscription key)`,
    `  OpenID        ${issuer} (issuer; discovery at ${issuer}/.well-known/openid-configuration; keys and sign-ins in ${relative(process.cwd(), resolve(dataDir, 'oidc')) || dataDir})`,
    `  Demo user     ${DEMO_USER.login} / ${DEMO_USER.password} (the provider's sign-in page)`,
    `  OIDC clients  ${DEMO_SPA_CLIENT_ID} (public, code + PKCE, refresh, device code), ${DEMO_SERVICE_CLIENT_ID} (client credentials; secret ${oidcSecret === DEFAULT_DEMO_CLIENT_SECRET ? `${oidcSecret}, default; set ${OIDC_CLIENT_SECRET_VARIABLE} to change` : `from ${OIDC_CLIENT_SECRET_VARIABLE}`})`,
    `  Access tokens JWT for api://portico-demo, api://portico-other, https://ml.azure.com; ${accessTokenTtl} s (${OIDC_ACCESS_TOKEN_TTL_VARIABLE})`,
    `  CORS origins  ${origins.join(', ') || '(none)'}`,
    `  Job storage   its own Azurite, https://*.blob.core.windows.net${trustedStorageHosts.length > 0 ? `, ${trustedStorageHosts.join(', ')}` : ''} (${TRUSTED_STORAGE_HOSTS_VARIABLE})`,
    `  Batch jobs    take at least ${minRuntimeMs} ms (DEMO_BES_MIN_RUNTIME_MS)`,
    `  Online endpoint ${onlineEndpointUrl} (${HASHING_ENDPOINT}: POST /score, GET /swagger.json; blue 90 / green 10)`,
    `  Endpoint keys ${endpointKeysLine(onlineEndpoints.hashing, endpointKey, 'DEMO_ENDPOINT_KEY')}`,
    `  Assistant     ${assistantEndpointUrl} (${ASSISTANT_ENDPOINT}: POST /score, Accept: text/event-stream streams; ${tokenDelayMs} ms a token, ASSISTANT_TOKEN_DELAY_MS)`,
    `  Assistant keys ${endpointKeysLine(onlineEndpoints.assistant, assistantKey, 'DEMO_ASSISTANT_KEY')}`,
    `  Batch endpoint ${batchEndpointUrl} (portico-batch: POST /jobs, GET /jobs/{name}; Entra ID token for https://ml.azure.com from ${issuer}; jobs take at least ${batchMinRuntimeMs} ms, BATCH_ENDPOINT_MIN_RUNTIME_MS)`,
    `  Endpoint ARM  ${gatewayUrl}/management/subscriptions/<any>/resourceGroups/<any>/providers/Microsoft.MachineLearningServices/workspaces/<any>/onlineEndpoints/<name>: listKeys, token (aml_token, ${amlTokenTtl} s, AML_TOKEN_TTL), regenerateKeys (admin key)`,
    '',
    `  RRS Execute:  curl -s -X POST '${serviceUrl}/workspaces/${DEMO_WORKSPACE}/services/${DEMO_SERVICE}/execute?api-version=2.0&details=true' \\`,
    `                  -H 'Authorization: Bearer <key>' -H 'Content-Type: application/json' \\`,
    `                  -d '{"Inputs":{"input1":{"ColumnNames":["Col2"],"Values":[["This is a good day"]]}},"GlobalParameters":{}}'`,
    `  Via gateway:  the same call to ${gatewayUrl}/azureml-demo/workspaces/... with -H 'Ocp-Apim-Subscription-Key: <starter key>'`,
    '',
    'Press Ctrl+C to stop.',
  ];
  console.log(lines.join('\n'));
}

/** The endpoint's current keys: after a regenerateKeys they differ from the variable's. */
function endpointKeysLine(
  endpoint: OnlineEndpoints['hashing'],
  configured: string,
  variable: string,
): string {
  const { primaryKey, secondaryKey } = endpoint.credentials.keys();
  const origin =
    primaryKey === configured
      ? `primary from ${variable}${process.env[variable]?.trim() ? '' : ' (default)'}`
      : `primary rotated since ${variable} set it`;
  return `${primaryKey} (${origin}), secondary ${secondaryKey}`;
}

function portInUse(name: string, port: number): StackError {
  return new StackError(
    `Port ${port} on ${HOST} is already in use, so ${name} cannot use it. Stop whatever uses it, or choose another port, e.g. ${name}=${port + 1} npm start`,
  );
}

async function startPortal(port: number, serviceUrl: string, apiKey: string): Promise<string> {
  const require = createRequire(import.meta.url);
  const vite = join(dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');
  const child = spawn(
    process.execPath,
    [vite, '--port', String(port), '--strictPort', '--host', HOST],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, PORTICO_DEMO_SERVICE_URL: serviceUrl, PORTICO_DEMO_API_KEY: apiKey },
    },
  );
  const lines: string[] = [];
  const forward = (chunk: Buffer): void => {
    for (const line of chunk.toString('utf8').split('\n')) {
      if (line.trim() === '') continue;
      lines.push(line);
      if (lines.length > 50) lines.shift();
      // Vite's own banner would repeat the URL printed below; errors and HMR notes are useful.
      if (!/VITE v|Local:|Network:|press h|ready in/.test(line)) console.log(`[portal] ${line}`);
    }
  };
  child.stdout?.on('data', forward);
  child.stderr?.on('data', forward);
  watch('The portal (Vite)', child, () => lines.join('\n'));
  const url = `http://${HOST}:${port}/`;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new StackError(`The portal (Vite) exited:\n${lines.join('\n')}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
      if (response.ok) return url;
    } catch {
      // not listening yet
    }
    await delay(200);
  }
  throw new StackError(
    `The portal (Vite) did not answer at ${url} within 60 s:\n${lines.join('\n')}`,
  );
}

/** A child that dies on its own takes the stack down with it, with its last output shown. */
function watch(name: string, child: ChildProcess, output: () => string): void {
  children.push(child);
  child.once('exit', (code, signal) => {
    if (stopping) return;
    // Ctrl+C reaches the whole process group: a child stopped by it is a shutdown, not a crash.
    if (signal === 'SIGINT' || signal === 'SIGTERM' || code === 130) {
      void shutdown(0);
      return;
    }
    console.error(
      `\n${name} stopped unexpectedly (${signal ?? `exit code ${code}`}). Its last output:\n${output() || '(none)'}`,
    );
    void shutdown(1);
  });
}

async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  // Last resort only: Azurite gets its full grace to save what the service acknowledged.
  const stopper = setTimeout(() => {
    for (const child of children) child.kill('SIGKILL');
    process.exit(code || 1);
  }, AZURITE_STOP_GRACE_MS + 15_000);
  stopper.unref();
  try {
    const portal = children.filter((c) => c !== azurite?.child && c !== azuriteTable?.child);
    await Promise.all(portal.map((child) => stopChild(child)));
    // The gateway writes its last call counters before Azurite Table saves and stops.
    await gateway
      ?.close()
      .catch((error: unknown) => console.error(`[gateway] While stopping: ${String(error)}`));
    await usage
      ?.close()
      .catch((error: unknown) => console.error(`[usage] While stopping: ${String(error)}`));
    await onlineEndpoints
      ?.close()
      .catch((error: unknown) => console.error(`[endpoints] While stopping: ${String(error)}`));
    if (azuriteTable) await stopAzuriteTable(azuriteTable);
    await batchEndpoint
      ?.close()
      .catch((error: unknown) => console.error(`[batch] While stopping: ${String(error)}`));
    await service?.close();
    await oidc
      ?.close()
      .catch((error: unknown) => console.error(`[oidc] While stopping: ${String(error)}`));
    if (azurite) await stopAzurite(azurite);
  } catch (error) {
    console.error(`While stopping: ${String(error)}`);
  }
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
// Last resort: never leave Vite behind, whatever ends this process. Azurite is left to its
// guard, which stops it cleanly once this process's end of its stdin closes.
process.on('exit', () => {
  for (const child of children)
    if (child !== azurite?.child && child.exitCode === null && child.signalCode === null)
      child.kill('SIGKILL');
});

main().catch((error: unknown) => {
  console.error(error instanceof StackError ? `\n${error.message}\n` : error);
  void shutdown(1);
});
