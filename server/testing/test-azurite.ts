import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  azuriteBlobEndpoint,
  azuriteConnectionString,
  spawnAzurite,
  stopChild,
  waitForAzurite,
} from '../stack/azurite-process';
import {
  azuriteTableConnectionString,
  spawnAzuriteTable,
  stopAzuriteTable,
  waitForAzuriteTable,
} from '../stack/azurite-table-process';
import { findFreePort } from '../stack/ports';

export interface TestAzurite {
  port: number;
  connectionString: string;
  blobEndpoint: string;
  stop: () => Promise<void>;
}

/** A real Azurite blob service on a free port with a throw-away data folder. */
export async function startTestAzurite(): Promise<TestAzurite> {
  const location = await mkdtemp(join(tmpdir(), 'portico-azurite-'));
  let lastError: unknown;
  // The free port can be taken between finding and binding it: try a few.
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await findFreePort();
    const azurite = spawnAzurite({ port, location });
    // If the test process ends without afterAll (a crash, a killed worker), Azurite goes too.
    const killOnExit = (): void => {
      azurite.child.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    try {
      await waitForAzurite(azurite);
      return {
        port,
        connectionString: azuriteConnectionString(port),
        blobEndpoint: azuriteBlobEndpoint(port),
        stop: async () => {
          process.removeListener('exit', killOnExit);
          await stopChild(azurite.child);
          await rm(location, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      process.removeListener('exit', killOnExit);
      await stopChild(azurite.child);
    }
  }
  await rm(location, { recursive: true, force: true });
  throw lastError;
}

export interface TestAzuriteTable {
  port: number;
  connectionString: string;
  /** Stops Azurite Table as Ctrl+C does (it saves its data) and starts it again on the same data. */
  restart: () => Promise<void>;
  /** Stops it as Ctrl+C does and leaves it stopped (a storage outage) until `restart`. */
  pause: () => Promise<void>;
  stop: () => Promise<void>;
}

/** A real Azurite Table service on a free port with a throw-away data folder. */
export async function startTestAzuriteTable(): Promise<TestAzuriteTable> {
  const location = await mkdtemp(join(tmpdir(), 'portico-azurite-table-'));
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    const port = await findFreePort();
    let azurite = spawnAzuriteTable({ port, location });
    const killOnExit = (): void => {
      azurite.child.kill('SIGKILL');
    };
    process.once('exit', killOnExit);
    try {
      await waitForAzuriteTable(azurite);
      return {
        port,
        connectionString: azuriteTableConnectionString(port),
        restart: async () => {
          await stopAzuriteTable(azurite);
          azurite = spawnAzuriteTable({ port, location });
          await waitForAzuriteTable(azurite);
        },
        pause: () => stopAzuriteTable(azurite),
        stop: async () => {
          process.removeListener('exit', killOnExit);
          await stopAzuriteTable(azurite);
          await rm(location, { recursive: true, force: true });
        },
      };
    } catch (error) {
      lastError = error;
      process.removeListener('exit', killOnExit);
      await stopAzuriteTable(azurite);
    }
  }
  await rm(location, { recursive: true, force: true });
  throw lastError;
}
