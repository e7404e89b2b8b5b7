import type { FastifyInstance } from 'fastify';
import type { GatewayCallRecord } from '../gateway/call-record';
import { createUsageRecorder, type UsageRecorder } from './core/usage-recorder';
import type { GatewayRouteContext } from '../gateway/http/create-gateway';
import { registerUsageRoutes } from './http/usage-routes';
import { createUsageStore, tableClientFactory, type UsageStore } from './core/usage-store';

export interface Usage {
  store: UsageStore;
  recorder: UsageRecorder;
  /** The gateway's `onCall`. */
  record: (call: GatewayCallRecord) => void;
  /** The gateway's `registerRoutes`. */
  registerRoutes: (app: FastifyInstance, context: GatewayRouteContext) => Promise<void>;
  /** Writes what is still queued; call after the gateway stopped taking calls. */
  close: () => Promise<void>;
}

/** Usage recording and the reports API on one storage account, ready to hand to the gateway. */
export async function openUsage(
  connectionString: string,
  log: (message: string) => void = () => {},
): Promise<Usage> {
  const store = createUsageStore(tableClientFactory(connectionString));
  await store.ensureTables();
  const recorder = createUsageRecorder({ store, log });
  return {
    store,
    recorder,
    record: (call) => recorder.record(call),
    registerRoutes: (app, context) => registerUsageRoutes(app, context, store),
    close: async () => {
      await recorder.close();
    },
  };
}
