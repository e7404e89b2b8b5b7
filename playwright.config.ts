import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/fixtures/chromium';

// Ports of their own, so that the journeys never collide with a running `npm start`.
const PORTAL_PORT = Number(process.env.E2E_PORTAL_PORT ?? 14173);
const SERVICE_PORT = Number(process.env.E2E_DEMO_SERVICE_PORT ?? 18790);
const AZURITE_PORT = Number(process.env.E2E_AZURITE_BLOB_PORT ?? 20000);
const GATEWAY_PORT = Number(process.env.E2E_GATEWAY_PORT ?? 18791);
const AZURITE_TABLE_PORT = Number(process.env.E2E_AZURITE_TABLE_PORT ?? 20002);
const OIDC_PORT = Number(process.env.E2E_OIDC_PORT ?? 18792);
const ONLINE_ENDPOINT_PORT = Number(process.env.E2E_ONLINE_ENDPOINT_PORT ?? 18793);
const ASSISTANT_ENDPOINT_PORT = Number(process.env.E2E_ASSISTANT_ENDPOINT_PORT ?? 18795);
const BATCH_ENDPOINT_PORT = Number(process.env.E2E_BATCH_ENDPOINT_PORT ?? 18794);
export const E2E_ENDPOINT_KEY = 'e2e-endpoint-key';
export const E2E_ASSISTANT_KEY = 'e2e-assistant-key';
export const E2E_ONLINE_ENDPOINT_URL = `http://127.0.0.1:${ONLINE_ENDPOINT_PORT}`;
export const E2E_ASSISTANT_ENDPOINT_URL = `http://127.0.0.1:${ASSISTANT_ENDPOINT_PORT}`;
/** The demo OpenID provider's issuer in the journeys. */
export const E2E_OIDC_ISSUER = `http://127.0.0.1:${OIDC_PORT}`;
/** Access tokens live this many seconds in the journeys, so that a refresh can be seen. */
export const E2E_ACCESS_TOKEN_TTL = 20;
export const E2E_DEMO_API_KEY = 'e2e-demo-key';
export const E2E_DEMO_SERVICE_URL = `http://127.0.0.1:${SERVICE_PORT}`;
// The journeys' default environment sends the Unlimited key, so only the rate-limit journeys
// (which subscribe to Starter themselves) meet the gateway's limits.
export const E2E_UNLIMITED_KEY = 'e2e-unlimited-key';
const E2E_ADMIN_KEY = 'e2e-admin-key';
// A build folder per port, so that parallel runs on one machine never overwrite each other.
export const E2E_DIST = `.data/e2e-dist-${PORTAL_PORT}`;

export default defineConfig({
  testDir: './e2e',
  // A results folder per port, so that parallel runs on one machine do not wipe each other's.
  outputDir: `.data/test-results-${PORTAL_PORT}`,
  fullyParallel: false,
  workers: 1,
  forbidOnly: Boolean(process.env.CI),
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORTAL_PORT}/`,
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: chromiumLaunchOptions,
      },
    },
  ],
  webServer: [
    {
      // One process (no tsx launcher in front): Playwright's stop signal reaches the stack itself.
      command: 'node --import tsx server/dev-stack.ts --no-portal --fresh',
      // The gateway starts last: once it answers, the whole stack does.
      url: `http://127.0.0.1:${GATEWAY_PORT}/developer/products`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: 'pipe',
      env: {
        DEMO_SERVICE_PORT: String(SERVICE_PORT),
        AZURITE_BLOB_PORT: String(AZURITE_PORT),
        GATEWAY_PORT: String(GATEWAY_PORT),
        AZURITE_TABLE_PORT: String(AZURITE_TABLE_PORT),
        OIDC_PORT: String(OIDC_PORT),
        ONLINE_ENDPOINT_PORT: String(ONLINE_ENDPOINT_PORT),
        ASSISTANT_ENDPOINT_PORT: String(ASSISTANT_ENDPOINT_PORT),
        BATCH_ENDPOINT_PORT: String(BATCH_ENDPOINT_PORT),
        // Batch endpoint jobs show each state for a moment, and end within the journey's patience.
        BATCH_ENDPOINT_MIN_RUNTIME_MS: '3000',
        DEMO_ENDPOINT_KEY: E2E_ENDPOINT_KEY,
        DEMO_ASSISTANT_KEY: E2E_ASSISTANT_KEY,
        OIDC_ACCESS_TOKEN_TTL: String(E2E_ACCESS_TOKEN_TTL),
        DEMO_API_KEY: E2E_DEMO_API_KEY,
        DEMO_UNLIMITED_KEY: E2E_UNLIMITED_KEY,
        APIM_ADMIN_KEY: E2E_ADMIN_KEY,
        PORTICO_DATA_DIR: `.data/e2e-${SERVICE_PORT}`,
        PORTAL_ORIGINS: `http://127.0.0.1:${PORTAL_PORT},http://localhost:${PORTAL_PORT}`,
      },
    },
    {
      command: `vite build --logLevel warn --outDir ${E2E_DIST} && vite preview --outDir ${E2E_DIST} --host 127.0.0.1 --port ${PORTAL_PORT} --strictPort`,
      url: `http://127.0.0.1:${PORTAL_PORT}/`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        PORTICO_DEMO_SERVICE_URL: `http://127.0.0.1:${SERVICE_PORT}`,
        PORTICO_DEMO_API_KEY: E2E_DEMO_API_KEY,
        PORTICO_GATEWAY_URL: `http://127.0.0.1:${GATEWAY_PORT}`,
        PORTICO_APIM_SUBSCRIPTION_KEY: E2E_UNLIMITED_KEY,
        PORTICO_APIM_SUBSCRIPTION_ID: 'demo-unlimited',
        PORTICO_APIM_ADMIN_KEY: E2E_ADMIN_KEY,
        PORTICO_DEMO_STORAGE_URL: `http://127.0.0.1:${AZURITE_PORT}/devstoreaccount1`,
        PORTICO_OIDC_URL: E2E_OIDC_ISSUER,
        PORTICO_ONLINE_ENDPOINT_URL: E2E_ONLINE_ENDPOINT_URL,
        PORTICO_ASSISTANT_ENDPOINT_URL: E2E_ASSISTANT_ENDPOINT_URL,
        PORTICO_ENDPOINT_KEY: E2E_ENDPOINT_KEY,
        PORTICO_ASSISTANT_KEY: E2E_ASSISTANT_KEY,
        PORTICO_BATCH_ENDPOINT_URL: `http://127.0.0.1:${BATCH_ENDPOINT_PORT}`,
      },
    },
  ],
});
