import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  AZURITE_ACCOUNT,
  AZURITE_KEY,
  azuriteBlobEndpoint,
  azuriteConnectionString,
  azuriteTableEndpoint,
  spawnAzurite,
  spawnAzuriteTable,
  stopChild,
  waitForAzurite,
  type AzuriteProcess,
} from '../stack/azurite-process';
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
  /** Stops Azurite and keeps its data, so a test can start it again on the same folder. */
  restart: () => Promise<void>;
  /** Stops Azurite (its data survives until `stop`), e.g. to simulate a storage outage. */
  pause: () => Promise<void>;
  stop: () => Promise<void>;
}

/** A real Azurite table service on a free port with a throw-away data folder. */
export async function startTestAzuriteTable(): Promise<TestAzuriteTable> {
  const location = await mkdtemp(join(tmpdir(), 'portico-azurite-table-'));
  const port = await findFreePort();
  let current: AzuriteProcess | undefined;
  const killOnExit = (): void => {
    current?.child.kill('SIGKILL');
  };
  process.once('exit', killOnExit);
  const launch = async (): Promise<void> => {
    current = spawnAzuriteTable({ port, location });
    await waitForAzurite(current);
  };
  const halt = async (): Promise<void> => {
    if (current) await stopChild(current.child, 5000, 'SIGINT');
    current = undefined;
  };
  try {
    await launch();
  } catch (error) {
    await halt();
    process.removeListener('exit', killOnExit);
    await rm(location, { recursive: true, force: true });
    throw error;
  }
  return {
    port,
    connectionString: `DefaultEndpointsProtocol=http;AccountName=${AZURITE_ACCOUNT};AccountKey=${AZURITE_KEY};TableEndpoint=${azuriteTableEndpoint(port)};`,
    restart: async () => {
      await halt();
      await launch();
    },
    pause: halt,
    stop: async () => {
      process.removeListener('exit', killOnExit);
      await halt();
      await rm(location, { recursive: true, force: true });
    },
  };
}
