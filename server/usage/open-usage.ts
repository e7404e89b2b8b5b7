import type { FastifyInstance } from 'fastify';
import type { GatewayCallRecord } from '../gateway/call-record';
import { createUsageRecorder, type UsageRecorder } from './usage-recorder';
import { registerUsageRoutes, type UsageRouteContext } from './usage-routes';
import { createUsageStore, tableClientFactory, type UsageStore } from './usage-store';

export interface Usage {
  store: UsageStore;
  recorder: UsageRecorder;
  /** The gateway's `onCall`. */
  record: (call: GatewayCallRecord) => void;
  /** The gateway's `registerRoutes`. */
  registerRoutes: (app: FastifyInstance, context: UsageRouteContext) => void;
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
