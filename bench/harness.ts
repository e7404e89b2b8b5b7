/**
 * What the benchmark scripts share: a static server for the build, the fixture API serving a
 * generated definition, and a fresh page pointed at it with the in-page probes installed.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve } from 'node:path';
import { chromiumLaunchOptions } from '../e2e/fixtures/chromium';
import { fixtureDefinition, startFixtureApi, type FixtureApi } from '../server/testing/fixture-api';
import { generateDefinition } from './generate-definition';
import { pageProbesScript } from './measure-in-page';

export const ROOT = resolve(import.meta.dirname, '..');
/** Where `npm run bench` builds the portal; bench/trace-load.ts reuses that build. */
export const DIST = join(ROOT, '.data/bench-dist');
const MB = 1024 * 1024;

/** Headless Chromium as the journeys run it (playwright.config.ts). */
export function launchBenchBrowser(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions);
}

export const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.map': 'application/json',
};

export interface BenchPortal {
  url: string;
  /** Serves the portal a config whose one API is the fixture API's definition at `apiUrl`. */
  pointAt(apiUrl: string): void;
  close(): Promise<void>;
}

/** The portal's config for the fixture API at `apiUrl`. */
function benchConfig(apiUrl: string): string {
  return JSON.stringify({
    title: 'Portico',
    apis: [{ id: 'bench', title: 'Benchmark API', url: `${apiUrl}/openapi.json` }],
    environments: [{ id: 'bench', name: 'Bench fixtures', baseUrl: apiUrl, credentials: {} }],
    defaultEnvironment: 'bench',
  });
}

/**
 * A minimal static server for the build (no compression: loopback, like `vite preview`). It
 * serves the config itself, as a deployment does: routing it through Playwright would pause
 * every request of the page and its worker on a round trip to this process.
 */
export async function serveDist(dist = DIST): Promise<BenchPortal> {
  let config: string | undefined;
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === '/portico.config.json' && config) {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(config);
      return;
    }
    const file = normalize(join(dist, path === '/' ? 'index.html' : path));
    if (!file.startsWith(dist)) {
      res.writeHead(403).end();
      return;
    }
    readFile(file).then(
      (body) => {
        res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
        res.end(body);
      },
      () => res.writeHead(404).end('Not found'),
    );
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    pointAt: (apiUrl) => {
      config = benchConfig(apiUrl);
    },
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export type DefinitionShape = { tags: number; perTag: number } | undefined;

/** The fixture API serving a generated definition of `operations` (fixture paths included). */
export async function caseApi(
  operations: number,
  shape: DefinitionShape,
): Promise<{ api: FixtureApi; definitionMb: number }> {
  const fixtures = fixtureDefinition('');
  let definitionMb = 0;
  const api = await startFixtureApi({
    definition: (baseUrl) => {
      const def = generateDefinition(
        operations - Object.keys(fixtures.paths as object).length,
        baseUrl,
        shape,
      );
      Object.assign(def.paths as object, fixtures.paths as object);
      (def.tags as unknown[]).push({
        name: 'Fixtures',
        description: 'Bodies for the response measurements.',
      });
      definitionMb = JSON.stringify(def).length / MB;
      return def;
    },
  });
  // Served once before timing, so each run gets the cached body as fast as a file.
  await fetch(`${api.url}/openapi.json`).then((r) => r.arrayBuffer());
  return { api, definitionMb };
}

/**
 * A page in a fresh context (empty cache and storage), with the probes installed and the
 * portal's config pointing at the fixture API. Not yet navigated.
 */
export async function benchPage(
  browser: Browser,
  portal: BenchPortal,
  apiUrl: string,
): Promise<Page> {
  portal.pointAt(apiUrl);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  await page.addInitScript({ content: pageProbesScript });
  return page;
}

/**
 * Opens the portal and waits until the probe has seen it usable. The probe says so with a
 * console message: nothing of the harness runs in the page while it loads. (page.waitForFunction
 * loaded Playwright's injected script, and a first page.evaluate its utility script, into the
 * page in the middle of the load: 10-40 ms of main-thread work the figures then counted.)
 */
export async function openUntilUsable(page: Page, url: string, timeout = 60_000): Promise<void> {
  // Listening before the navigation starts; both settle or fail together.
  await Promise.all([
    page.waitForEvent('console', {
      predicate: (message) => message.text() === 'portico-bench:usable',
      timeout,
    }),
    page.goto(url),
  ]);
}
