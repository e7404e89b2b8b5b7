import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

/** Azurite's well-known development account (published in Azurite's README; not a secret). */
export const AZURITE_ACCOUNT = 'devstoreaccount1';
export const AZURITE_KEY =
  'Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==';

export function azuriteBlobEndpoint(port: number, host = '127.0.0.1'): string {
  return `http://${host}:${port}/${AZURITE_ACCOUNT}`;
}

export function azuriteConnectionString(port: number, host = '127.0.0.1'): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};BlobEndpoint=${azuriteBlobEndpoint(port, host)};`;
}

export interface AzuriteProcess {
  child: ChildProcess;
  port: number;
  /** Lines Azurite printed, for the message when it fails. */
  output: () => string;
}

/**
 * Runs the azurite-blob of node_modules with node itself (no shell in between), through
 * azurite-guard.mjs, which stops it cleanly when this process goes away.
 */
export function spawnAzurite(options: { port: number; location: string }): AzuriteProcess {
  const require = createRequire(import.meta.url);
  const main = require.resolve('azurite/dist/src/blob/main.js');
  const guard = fileURLToPath(new URL('./azurite-guard.mjs', import.meta.url));
  const child = spawn(
    process.execPath,
    [
      guard,
      main,
      '--blobHost',
      '127.0.0.1',
      '--blobPort',
      String(options.port),
      '--location',
      options.location,
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--disableTelemetry',
    ],
    // Its own process group: Ctrl+C in a terminal signals the foreground group, and Azurite
    // handles only the first signal (a second one kills it before it saves its database).
    // The stack stops it with exactly one signal and waits (stopAzurite); stdin is the pipe
    // whose end tells the guard that the stack is gone.
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  return { child, port: options.port, output: lastLinesOf(child) };
}

/** The last 50 lines an Azurite process printed, for the message when it fails to start. */
export function lastLinesOf(child: ChildProcess): () => string {
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 50) lines.splice(0, lines.length - 50);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => lines.join('\n');
}

/** Resolves once Azurite answers HTTP; rejects if it exits or does not answer in time. */
export async function waitForAzurite(azurite: AzuriteProcess, timeoutMs = 30_000): Promise<void> {
  await waitUntilAnswering(
    azurite,
    `${azuriteBlobEndpoint(azurite.port)}?comp=list`,
    'Azurite',
    timeoutMs,
  );
}

/**
 * Resolves once an Azurite service answers `url` with any HTTP status (even 403 for an
 * unsigned request means it is listening); rejects if it exits or does not answer in time.
 */
export async function waitUntilAnswering(
  azurite: AzuriteProcess,
  url: string,
  name: string,
  timeoutMs: number,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (azurite.child.exitCode !== null || azurite.child.signalCode !== null) {
      throw new Error(
        `${name} exited (code ${azurite.child.exitCode ?? azurite.child.signalCode}):\n${azurite.output()}`,
      );
    }
    try {
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await delay(100);
    }
  }
  throw new Error(
    `${name} did not answer on port ${azurite.port} within ${timeoutMs} ms:\n${azurite.output()}`,
  );
}

/** How long Azurite gets to save its database and exit after the one SIGTERM. */
export const AZURITE_STOP_GRACE_MS = 20_000;

/** One SIGTERM, then a wait for Azurite to close cleanly (its data is saved on the way out). */
export async function stopAzurite(azurite: AzuriteProcess): Promise<void> {
  await stopChild(azurite.child, AZURITE_STOP_GRACE_MS);
}

/** SIGTERM, then SIGKILL if it has not exited after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
