import {
  EndpointCredentials,
  TableCredentialStore,
  type CredentialStore,
} from '../core/endpoint-credentials';
import {
  DEFAULT_ASSISTANT_KEY,
  DEFAULT_ENDPOINT_KEY,
  assistantEndpoint,
  hashingEndpoint,
} from '../core/online-endpoints';
import {
  createOnlineEndpoint,
  type OnlineEndpointOptions,
  type OnlineEndpointServer,
} from './create-online-endpoint';

export interface OnlineEndpointsOptions {
  /** Azurite Table: where the keys are kept. */
  tableConnectionString?: string;
  /** Or a store of one's own (unit tests). */
  store?: CredentialStore;
  hashingPort?: number;
  assistantPort?: number;
  /** DEMO_ENDPOINT_KEY / DEMO_ASSISTANT_KEY: the primary keys on the first start. */
  hashingKey?: string;
  assistantKey?: string;
  /** ASSISTANT_TOKEN_DELAY_MS. */
  tokenDelayMs?: number;
  /** AML_TOKEN_TTL, in seconds. */
  tokenTtlSeconds?: number;
  host?: string;
  clock?: () => number;
  /** Options both servers share (origins, public hosts, random, timeouts, log). */
  shared?: Omit<OnlineEndpointOptions, 'model' | 'credentials' | 'port' | 'host'>;
}

export interface OnlineEndpoints {
  hashing: OnlineEndpointServer;
  assistant: OnlineEndpointServer;
  all: readonly OnlineEndpointServer[];
  close: () => Promise<void>;
}

/** `portico-hashing` and `portico-assistant`, each on its own port, keys in one store. */
export async function openOnlineEndpoints(
  options: OnlineEndpointsOptions,
): Promise<OnlineEndpoints> {
  const store =
    options.store ??
    (options.tableConnectionString
      ? await TableCredentialStore.open(options.tableConnectionString)
      : undefined);
  if (!store) throw new Error('openOnlineEndpoints needs a tableConnectionString or a store.');
  const open = async (
    model: OnlineEndpointOptions['model'],
    key: string,
    port: number | undefined,
  ): Promise<OnlineEndpointServer> =>
    createOnlineEndpoint({
      ...options.shared,
      model,
      port,
      host: options.host,
      credentials: await EndpointCredentials.open({
        endpoint: model.name,
        store,
        initialPrimaryKey: key,
        tokenTtlSeconds: options.tokenTtlSeconds,
        clock: options.clock,
      }),
    });
  const hashing = await open(
    hashingEndpoint(),
    options.hashingKey ?? DEFAULT_ENDPOINT_KEY,
    options.hashingPort,
  );
  const assistant = await open(
    assistantEndpoint({ tokenDelayMs: options.tokenDelayMs }),
    options.assistantKey ?? DEFAULT_ASSISTANT_KEY,
    options.assistantPort,
  );
  return {
    hashing,
    assistant,
    all: [hashing, assistant],
    close: async () => {
      await Promise.all([hashing.close(), assistant.close()]);
    },
  };
}
