import { createDemoService, type DemoService } from '../http/create-demo-service';
import { TableCatalogStore } from '../gateway/core/table-catalog-store';
import { TableGatewayStore } from '../gateway/core/table-gateway-store';
import { createGateway, type Gateway, type GatewayOptions } from '../gateway/http/create-gateway';
import {
  startTestAzurite,
  startTestAzuriteTable,
  type TestAzurite,
  type TestAzuriteTable,
} from './test-azurite';

/** The demo stack's servers for a test: real Azurite (blob and table), the emulator, the gateway. */
export interface TestGatewayStack {
  blob: TestAzurite;
  table: TestAzuriteTable;
  service: DemoService;
  serviceUrl: string;
  gateway: Gateway;
  /** The gateway's base URL, e.g. http://127.0.0.1:40123. */
  base: string;
  /** Closes the gateway and opens a new one on the same stores (a restart). */
  restartGateway: () => Promise<Gateway>;
  stop: () => Promise<void>;
}

export async function startTestGatewayStack(options: {
  mlKey: string;
  /** More gateway options; a function when they need the stack's table (usage recording). */
  gateway?:
    Partial<GatewayOptions> | ((table: TestAzuriteTable) => Promise<Partial<GatewayOptions>>);
}): Promise<TestGatewayStack> {
  const [blob, table] = await Promise.all([startTestAzurite(), startTestAzuriteTable()]);
  const service = await createDemoService({
    storageConnectionString: blob.connectionString,
    apiKey: options.mlKey,
    port: 0,
  });
  const serviceUrl = await service.listen();
  const extra =
    typeof options.gateway === 'function' ? await options.gateway(table) : options.gateway;
  const open = async (): Promise<Gateway> =>
    createGateway({
      store: await TableGatewayStore.open(table.connectionString),
      catalogStore: await TableCatalogStore.open(table.connectionString),
      exportStorageConnectionString: blob.connectionString,
      backendUrl: serviceUrl,
      port: 0,
      flushIntervalMs: 0,
      ...extra,
    });
  const stack: TestGatewayStack = {
    blob,
    table,
    service,
    serviceUrl,
    gateway: await open(),
    base: '',
    restartGateway: async () => {
      await stack.gateway.close();
      stack.gateway = await open();
      stack.base = await stack.gateway.listen();
      return stack.gateway;
    },
    stop: async () => {
      await stack.gateway.close();
      await service.close();
      await Promise.all([blob.stop(), table.stop()]);
    },
  };
  stack.base = await stack.gateway.listen();
  return stack;
}
