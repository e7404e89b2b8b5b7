import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import {
  AZURITE_ACCOUNT,
  AZURITE_KEY,
  lastLinesOf,
  waitUntilAnswering,
  type AzuriteProcess,
} from './azurite-process';

export function azuriteTableEndpoint(port: number, host = '127.0.0.1'): string {
  return `http://${host}:${port}/${AZURITE_ACCOUNT}`;
}

export function azuriteTableConnectionString(port: number, host = '127.0.0.1'): string {
  return `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${azuriteTableEndpoint(port, host)};`;
}

/**
 * Outside the parent's process group, nothing would stop Azurite when the parent is killed
 * outright (SIGKILL, as Playwright ends its web servers): its stdin is a pipe from the parent,
 * which closes when the parent dies, and then it stops as on Ctrl+C.
 */
const EXIT_WITH_PARENT =
  'data:text/javascript,process.stdin.on("end",()=>process.kill(process.pid,"SIGINT")).resume()';

/**
 * Runs azurite-table of node_modules in a process group of its own. Azurite's table service
 * saves its data to disk every 5 s and on SIGINT only (SIGTERM kills it unsaved), and Ctrl+C in
 * a terminal reaches the whole foreground group: in a group of its own it keeps running until
 * the gateway has written its counters, then `stopAzuriteTable` ends it with SIGINT.
 */
export function spawnAzuriteTable(options: { port: number; location: string }): AzuriteProcess {
  const require = createRequire(import.meta.url);
  const main = require.resolve('azurite/dist/src/table/main.js');
  const child = spawn(
    process.execPath,
    [
      '--import',
      EXIT_WITH_PARENT,
      main,
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(options.port),
      '--location',
      options.location,
      '--skipApiVersionCheck',
      '--loose',
      '--silent',
      '--disableTelemetry',
    ],
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  return { child, port: options.port, output: lastLinesOf(child) };
}

/** Resolves once azurite-table answers HTTP; rejects if it exits or does not answer in time. */
export async function waitForAzuriteTable(
  azurite: AzuriteProcess,
  timeoutMs = 30_000,
): Promise<void> {
  const url = `${azuriteTableEndpoint(azurite.port)}/Tables`;
  await waitUntilAnswering(azurite, url, 'Azurite Table', timeoutMs);
}

/** SIGINT (Azurite then saves its data and exits), SIGKILL if it has not exited after `graceMs`. */
export async function stopAzuriteTable(azurite: AzuriteProcess, graceMs = 5000): Promise<void> {
  const { child } = azurite;
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}
