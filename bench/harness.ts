/**
 * What the benchmark scripts share: a static server for the build (with the in-page probe), the
 * fixture API serving a generated definition, and the portal opened in a fresh Chromium with no
 * automation attached while it loads, or in a Playwright-driven page where automation is needed.
 */
import { chromium, type Browser, type Page } from '@playwright/test';
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
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

/**
 * How long a load is watched after "usable": a user who clicks at once meets whatever runs then.
 * The views preloaded after the first paint arrive about a second after it; a window of 500 ms
 * never saw their tasks.
 */
export const AFTER_USABLE_MS = 2000;

/**
 * The scripts whose download ended in the page (not its workers) between `from` and `to`
 * (ms on the page's clock), by path: what arrives, and may be run, while a user starts to work.
 */
export function scriptsFetchedBetween(page: Page, from: number, to: number): Promise<string[]> {
  return page.evaluate(
    ([start, end]) =>
      performance
        .getEntriesByType('resource')
        .filter((e) => new URL(e.name).pathname.endsWith('.js'))
        .filter((e) => {
          const ended = (e as PerformanceResourceTiming).responseEnd;
          return ended > start && ended <= end;
        })
        .map((e) => new URL(e.name).pathname),
    [from, to] as const,
  );
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
  /** Settles when the probe of the page being loaded reports it usable (a beacon); one page at a time. */
  nextUsable(timeout?: number): Promise<void>;
  close(): Promise<void>;
}

/** Where the probe is served and where it reports "usable", beside the build's own files. */
const PROBE_PATH = '/__bench/probe.js';
const USABLE_PATH = '/__bench/usable';

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
 * every request of the page and its worker on a round trip to this process. Its index.html
 * loads the probe (bench/measure-in-page.ts) before the app's scripts run, and the probe
 * reports "usable" back to it: so a page needs no automation attached while it loads.
 */
export async function serveDist(dist = DIST): Promise<BenchPortal> {
  let config: string | undefined;
  let onUsable: (() => void) | undefined;
  const html = (await readFile(join(dist, 'index.html'), 'utf8')).replace(
    '</head>',
    `  <script src=".${PROBE_PATH}"></script>\n  </head>`,
  );
  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    if (path === USABLE_PATH && req.method === 'POST') {
      req.resume();
      res.writeHead(204).end();
      onUsable?.();
      return;
    }
    const own =
      path === '/portico.config.json' && config
        ? { type: TYPES['.json'], body: config }
        : path === PROBE_PATH
          ? { type: TYPES['.js'], body: pageProbesScript }
          : path === '/' || path === '/index.html'
            ? { type: TYPES['.html'], body: html }
            : undefined;
    if (own) {
      res.writeHead(200, { 'Content-Type': own.type ?? 'text/plain' });
      res.end(own.body);
      return;
    }
    const file = normalize(join(dist, path));
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
    nextUsable: (timeout = 60_000) =>
      new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          onUsable = undefined;
          reject(new Error(`The portal did not become usable within ${timeout / 1000} s`));
        }, timeout);
        onUsable = () => {
          clearTimeout(timer);
          onUsable = undefined;
          resolve();
        };
      }),
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
 * A page in a fresh context (empty cache and storage) of a Playwright-driven browser, the
 * portal's config pointing at the fixture API. Not yet navigated. For what needs automation
 * during the measurement (responses after "Send", traces); loads are timed with
 * openUninstrumented.
 */
export async function benchPage(
  browser: Browser,
  portal: BenchPortal,
  apiUrl: string,
): Promise<Page> {
  portal.pointAt(apiUrl);
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  return context.newPage();
}

/** Opens the portal in a Playwright-driven page and waits until the probe reports it usable. */
export async function openUntilUsable(
  page: Page,
  portal: BenchPortal,
  timeout = 60_000,
): Promise<void> {
  // Listening before the navigation starts; both settle or fail together.
  await Promise.all([portal.nextUsable(timeout), page.goto(portal.url)]);
}

/** Chromium's command line as Playwright launches it (its switches and ours), read once. */
let commandLine: Promise<{ executable: string; args: string[] }> | undefined;
function chromiumCommandLine(): Promise<{ executable: string; args: string[] }> {
  commandLine ??= (async () => {
    const server = await chromium.launchServer(chromiumLaunchOptions);
    try {
      const pid = server.process().pid;
      const argv = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0').filter(Boolean);
      const [executable = '', ...rest] = argv;
      // Playwright's own channel, profile and window handling are replaced below.
      const args = rest.filter(
        (a) =>
          !/^--(remote-debugging-pipe|no-startup-window|user-data-dir=)/.test(a) &&
          !a.startsWith('about:'),
      );
      return { executable, args };
    } finally {
      await server.close();
    }
  })();
  return commandLine;
}

/**
 * Process groups of the browsers openUninstrumented started: in a group of their own, they do
 * not get the terminal's Ctrl+C, so the bench ends them itself however it ends.
 */
const liveBrowsers = new Set<number>();
function killGroup(group: number): void {
  try {
    process.kill(-group, 'SIGKILL');
  } catch {
    // Already gone.
  }
}
let cleanupInstalled = false;
function installCleanup(): void {
  if (cleanupInstalled) return;
  cleanupInstalled = true;
  process.once('exit', () => liveBrowsers.forEach(killGroup));
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => process.exit(signal === 'SIGINT' ? 130 : 143));
}

export interface UninstrumentedPortal {
  /** The page, through a CDP connection made only after it was usable and settled. */
  page: Page;
  browser: Browser;
  close(): Promise<void>;
}

/**
 * Opens the portal in a Chromium of its own, started with Playwright's switches, but with no
 * automation attached while the page loads, as a user's browser has none: the DevTools
 * protocol's Network, Runtime and Page agents that Playwright enables in the page and its
 * worker (it attaches to every target) slowed the 10,000-operation load by about 140 ms on
 * this machine. The page is opened through the browser's HTTP endpoint (`/json/new`, which
 * enables nothing), its probe reports "usable" to the static server, and only `settleMs`
 * later does Playwright connect (connectOverCDP) for what is read afterwards: the probe's
 * record, marks, heap, keystrokes. Linux only (it reads Playwright's command line from /proc).
 */
export async function openUninstrumented(
  portal: BenchPortal,
  apiUrl: string,
  settleMs = AFTER_USABLE_MS,
  /** A route to open (`#/apis/...`) instead of the portal's first page. */
  route = '',
): Promise<UninstrumentedPortal> {
  portal.pointAt(apiUrl);
  installCleanup();
  const { executable, args } = await chromiumCommandLine();
  const profile = await mkdtemp(join(tmpdir(), 'portico-bench-'));
  const child = spawn(
    executable,
    [
      ...args,
      `--user-data-dir=${profile}`,
      '--remote-debugging-port=0',
      '--window-size=1280,800',
      'about:blank',
    ],
    { detached: true, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const group = child.pid ?? 0;
  liveBrowsers.add(group);
  const kill = async (): Promise<void> => {
    killGroup(group);
    liveBrowsers.delete(group);
    await exited;
    await rm(profile, { recursive: true, force: true });
  };
  try {
    const endpoint = await new Promise<string>((resolve, reject) => {
      let err = '';
      let started = false;
      const timer = setTimeout(() => reject(new Error(`Chromium did not start:\n${err}`)), 30_000);
      // Read to the end (a full pipe would block the browser), kept only until it has started.
      child.stderr?.on('data', (chunk: Buffer) => {
        if (started) return;
        err += chunk.toString();
        const found = /DevTools listening on (ws:\/\/[^\s]+)/.exec(err);
        if (found?.[1]) {
          started = true;
          clearTimeout(timer);
          resolve(new URL(found[1]).host);
        }
      });
      child.once('exit', () => reject(new Error(`Chromium exited:\n${err}`)));
    });
    // Let the browser finish starting up (its own processes), as a user's already has.
    await new Promise((r) => setTimeout(r, 1000));
    // Listening before the page opens; both settle or fail together.
    await Promise.all([
      portal.nextUsable(),
      // Escaped whole: the endpoint unescapes it, and a raw '#' would end its own URL.
      fetch(`http://${endpoint}/json/new?${encodeURIComponent(portal.url + route)}`, {
        method: 'PUT',
      }).then((opened) => {
        if (!opened.ok) throw new Error(`Could not open the portal: HTTP ${opened.status}`);
      }),
    ]);
    await new Promise((r) => setTimeout(r, settleMs));
    const browser = await chromium.connectOverCDP(`http://${endpoint}`);
    const page = browser
      .contexts()
      .flatMap((c) => c.pages())
      .find((p) => p.url().startsWith(portal.url));
    if (!page) throw new Error("The portal page is not among the browser's pages");
    return {
      page,
      browser,
      close: async () => {
        await browser.close().catch(() => undefined);
        await kill();
      },
    };
  } catch (error) {
    await kill();
    throw error;
  }
}
