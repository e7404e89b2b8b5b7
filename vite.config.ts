import type { Plugin } from 'vite';
import { defineConfig } from 'vitest/config';
import react from '@vitejs/plugin-react';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { devContentSecurityPolicy } from './build/content-security-policy.ts';
import { openApiValidators } from './build/openapi-validators.ts';
import { earlyDefinitionWorker } from './build/early-definition-worker.ts';
import { withRunningDemoServer, withRunningOidcProvider } from './build/local-demo-definition.ts';

const CONFIG_PATH = '/portico.config.json';
const DEMO_DEFINITION_PATH = '/apis/azureml-demo.openapi.json';

/**
 * public/portico.config.json is what a build ships: no keys, no local demo. When the demo stack
 * runs, `npm start` and the e2e setup export PORTICO_DEMO_SERVICE_URL, PORTICO_DEMO_API_KEY,
 * PORTICO_GATEWAY_URL, PORTICO_DEMO_STORAGE_URL and PORTICO_APIM_SUBSCRIPTION_KEY / PORTICO_APIM_SUBSCRIPTION_ID (which
 * subscription's key the Local demo sends), and the dev and preview servers answer for that file
 * with demo/portico.config.json instead, its "Local demo" (through the local API Management
 * gateway) and "Demo service, direct" environments pointed at what is actually running; the
 * demo definition's "Local demo stack" server is pointed there too.
 */
function localDemoConfig(): Plugin {
  const serviceUrl = process.env.PORTICO_DEMO_SERVICE_URL;
  const apiKey = process.env.PORTICO_DEMO_API_KEY;
  const gatewayUrl = process.env.PORTICO_GATEWAY_URL?.replace(/\/+$/, '');
  const subscriptionKey = process.env.PORTICO_APIM_SUBSCRIPTION_KEY;
  const subscriptionId = process.env.PORTICO_APIM_SUBSCRIPTION_ID;
  const adminKey = process.env.PORTICO_APIM_ADMIN_KEY;
  // The demo stack's Azurite blob endpoint: the filled BES examples point at it.
  const storageUrl = process.env.PORTICO_DEMO_STORAGE_URL?.replace(/\/+$/, '');
  // The demo OpenID provider's issuer (issue 20): sign-in on the Local demo environment.
  const oidcUrl = process.env.PORTICO_OIDC_URL?.replace(/\/+$/, '');
  // The online endpoints of the stack (issue 23), called directly with their own keys.
  const onlineEndpointUrl = process.env.PORTICO_ONLINE_ENDPOINT_URL?.replace(/\/+$/, '');
  const assistantUrl = process.env.PORTICO_ASSISTANT_ENDPOINT_URL?.replace(/\/+$/, '');
  const endpointKey = process.env.PORTICO_ENDPOINT_KEY;
  const assistantKey = process.env.PORTICO_ASSISTANT_KEY;
  // The batch endpoint of the stack (issue 23): the Batch jobs view's batch endpoint flow.
  const batchEndpointUrl = process.env.PORTICO_BATCH_ENDPOINT_URL?.replace(/\/+$/, '');
  const file = fileURLToPath(new URL('./demo/portico.config.json', import.meta.url));
  const serve = (
    _req: unknown,
    res: { setHeader(n: string, v: string): void; end(b: string): void },
  ): void => {
    const config = JSON.parse(readFileSync(file, 'utf8')) as {
      apiSource?: Record<string, unknown>;
      environments?: Array<{
        id?: string;
        baseUrl?: string;
        credentials?: Record<string, string>;
        storage?: { sasEndpoint: string; blobEndpoint?: string };
        apim?: Record<string, unknown>;
      }>;
    };
    for (const env of config.environments ?? []) {
      if (env.id !== 'local-demo' && env.id !== 'demo-direct') continue;
      if (apiKey && env.credentials?.azureml !== undefined) env.credentials.azureml = apiKey;
      if (storageUrl && env.storage) env.storage.blobEndpoint = storageUrl;
      // Its tokens come from the demo provider's confidential client; the secret is never served.
      if (batchEndpointUrl)
        Object.assign(env, {
          batchEndpoint: {
            scoringUri: `${batchEndpointUrl}/jobs`,
            confidentialClientId: 'portico-demo-service',
            resource: 'https://ml.azure.com',
            scopes: ['user_impersonation'],
            ...(oidcUrl ? { tokenIssuer: oidcUrl } : {}),
          },
        });
      if (env.id === 'demo-direct') {
        if (serviceUrl) env.baseUrl = serviceUrl;
        continue;
      }
      if (serviceUrl && env.storage) env.storage.sasEndpoint = `${serviceUrl}/demo/storage/sas`;
      if (gatewayUrl) {
        env.baseUrl = `${gatewayUrl}/azureml-demo`;
        env.apim = {
          ...env.apim,
          developerUrl: `${gatewayUrl}/developer`,
          managementUrl: `${gatewayUrl}/management`,
        };
      }
      if (subscriptionKey && env.credentials) env.credentials.apimSubscriptionKey = subscriptionKey;
      if (subscriptionId) env.apim = { ...env.apim, subscriptionId };
      // The Usage view's publisher switch: only the demo stack's served config carries it.
      if (adminKey && gatewayUrl) env.apim = { ...env.apim, demoAdminKey: adminKey };
      // The demo provider's clients; the confidential client's secret is never served.
      if (oidcUrl)
        Object.assign(env, {
          oauth: {
            portico_oidc: {
              clientId: 'portico-demo-spa',
              confidentialClientId: 'portico-demo-service',
              scopes: ['openid', 'offline_access', 'scores.read'],
              resource: 'api://portico-demo',
            },
          },
        });
    }
    // The online endpoints' environments: direct (the endpoint's key) and through the gateway.
    const endpoints: Record<string, { url?: string; key?: string; suffix: string }> = {
      hashing: { url: onlineEndpointUrl, key: endpointKey, suffix: 'hashing-endpoint' },
      assistant: { url: assistantUrl, key: assistantKey, suffix: 'assistant-endpoint' },
    };
    for (const env of config.environments ?? []) {
      const [name, kind] = env.id?.split(/-(?=direct$|local-demo$)/) ?? [];
      const endpoint = endpoints[name ?? ''];
      if (!endpoint || !env.credentials) continue;
      if (kind === 'direct') {
        if (endpoint.url) env.baseUrl = endpoint.url;
        if (endpoint.key) env.credentials.azureml = endpoint.key;
      } else if (kind === 'local-demo' && gatewayUrl) {
        env.baseUrl = `${gatewayUrl}/${endpoint.suffix}`;
        env.apim = {
          ...env.apim,
          developerUrl: `${gatewayUrl}/developer`,
          managementUrl: `${gatewayUrl}/management`,
          ...(subscriptionId ? { subscriptionId } : {}),
        };
        if (subscriptionKey) env.credentials.apimSubscriptionKey = subscriptionKey;
      }
    }
    // The demo workflows' storage calls (issue 21): Azurite, and the demo service's SAS helper.
    for (const env of config.environments ?? []) {
      if (env.id === 'blob-local-demo' && storageUrl) env.baseUrl = storageUrl;
      if (env.id !== 'storage-helper-local-demo') continue;
      if (serviceUrl) env.baseUrl = serviceUrl;
      if (apiKey && env.credentials) env.credentials.azureml = apiKey;
    }
    // The catalog lists what the running gateway publishes, read with its admin key.
    if (config.apiSource && gatewayUrl) {
      config.apiSource.managementUrl = `${gatewayUrl}/management`;
      config.apiSource.gatewayUrl = gatewayUrl;
      if (adminKey) config.apiSource.demoAdminKey = adminKey;
    }
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    res.end(JSON.stringify(config, null, 2));
  };
  const definitionFile = fileURLToPath(new URL(`./public${DEMO_DEFINITION_PATH}`, import.meta.url));
  const serveDefinition = (
    _req: unknown,
    res: { setHeader(n: string, v: string): void; end(b: string): void },
  ): void => {
    res.setHeader('Content-Type', 'application/json');
    res.setHeader('Cache-Control', 'no-store');
    let text = readFileSync(definitionFile, 'utf8');
    if (serviceUrl) text = withRunningDemoServer(text, serviceUrl);
    if (oidcUrl) text = withRunningOidcProvider(text, oidcUrl);
    res.end(text);
  };
  const active = Boolean(
    serviceUrl || apiKey || gatewayUrl || subscriptionKey || storageUrl || onlineEndpointUrl,
  );
  const use = (middlewares: { use(path: string, handler: typeof serve): void }) => {
    if (active) middlewares.use(CONFIG_PATH, serve);
    if (serviceUrl || oidcUrl) middlewares.use(DEMO_DEFINITION_PATH, serveDefinition);
  };
  return {
    name: 'portico-local-demo-config',
    configureServer(server) {
      use(server.middlewares);
    },
    configurePreviewServer(server) {
      use(server.middlewares);
    },
  };
}

function staticHostHeaders(): Record<string, string> {
  const file = fileURLToPath(new URL('./public/staticwebapp.config.json', import.meta.url));
  return (JSON.parse(readFileSync(file, 'utf8')) as { globalHeaders: Record<string, string> })
    .globalHeaders;
}

export default defineConfig({
  // Relative asset URLs let the same build be served from any sub-path of a static host.
  base: './',
  plugins: [
    react(),
    localDemoConfig(),
    openApiValidators(),
    devContentSecurityPolicy(),
    earlyDefinitionWorker(),
  ],
  build: {
    target: 'es2022',
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Everything the first page imports statically goes into one chunk: by default a module
        // that a lazy view shares with it becomes a small chunk of its own, and ten first-load
        // files compress (and download) worse than one. The lazy chunks are unchanged.
        codeSplitting: {
          groups: [{ name: 'first-load', tags: ['$initial'] }],
        },
      },
    },
  },
  // The definition worker validates too: its bundle needs the precompiled validators.
  worker: { format: 'es', plugins: () => [openApiValidators()] },
  // `vite preview` (the e2e journeys) sends the headers a static host is told to send.
  preview: { headers: staticHostHeaders() },
  server: {
    // Azurite's data, test reports and e2e builds live in the tree but are not sources: an HTML
    // file written there must not reload the page a person is using.
    watch: { ignored: ['**/.data/**', '**/playwright-report/**', '**/test-results/**'] },
  },
  test: {
    environment: 'node',
    include: [
      'src/**/*.test.{ts,tsx}',
      'server/**/*.test.ts',
      'bench/**/*.test.ts',
      'build/**/*.test.ts',
    ],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
