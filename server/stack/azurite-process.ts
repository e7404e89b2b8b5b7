import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { setTimeout as delay } from 'node:timers/promises';

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

/** Runs the azurite-blob of node_modules with node itself, so there is no shell in between. */
export function spawnAzurite(options: { port: number; location: string }): AzuriteProcess {
  const require = createRequire(import.meta.url);
  const main = require.resolve('azurite/dist/src/blob/main.js');
  const child = spawn(
    process.execPath,
    [
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
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  const keep = (chunk: Buffer): void => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 50) lines.splice(0, lines.length - 50);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { child, port: options.port, output: () => lines.join('\n') };
}

/** Resolves once Azurite answers HTTP; rejects if it exits or does not answer in time. */
export async function waitForAzurite(azurite: AzuriteProcess, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const url = `${azuriteBlobEndpoint(azurite.port)}?comp=list`;
  while (Date.now() < deadline) {
    if (azurite.child.exitCode !== null || azurite.child.signalCode !== null) {
      throw new Error(
        `Azurite exited (code ${azurite.child.exitCode ?? azurite.child.signalCode}):\n${azurite.output()}`,
      );
    }
    try {
      // Any HTTP answer (even 403 for the unsigned request) means it is listening.
      await fetch(url, { signal: AbortSignal.timeout(1000) });
      return;
    } catch {
      await delay(100);
    }
  }
  throw new Error(
    `Azurite did not answer on port ${azurite.port} within ${timeoutMs} ms:\n${azurite.output()}`,
  );
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
