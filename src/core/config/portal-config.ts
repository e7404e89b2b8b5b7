import type { ApimEnvironment } from '../apim/apim-environment';
import type { ApiServer } from '../definition/api-model';

/**
 * The deployer-edited file public/portico.config.json: which APIs the portal lists and which
 * environments (base URLs and credentials) a user can send requests to. Read at runtime, so
 * a deployment changes it without rebuilding.
 */

export interface ApiEntry {
  id: string;
  title: string;
  /** URL of the OpenAPI / Swagger document, relative to the portal or absolute. */
  url: string;
  /** Ids of the environments this API is called through; absent: the unassigned ones. */
  environments?: string[];
}

export interface Environment {
  id: string;
  name: string;
  /** Absolute http(s) URL that operation paths are appended to. */
  baseUrl: string;
  /** Secret values keyed by security scheme id (e.g. { azureml: "<key>" }). */
  credentials: Record<string, string>;
  /** Only for the local demo stack: where to get a short-lived container SAS for uploads. */
  storage?: DemoStorage;
  /** The API Management instance in front of this environment, when there is one. */
  apim?: ApimEnvironment;
  /** Environments from the config file can be edited but not deleted. */
  builtIn?: boolean;
  /** The APIs this environment serves; absent: every API of the config without its own list. */
  apiIds?: string[];
  /** Made from a definition's server with `{variables}`: the server and the values in use. */
  server?: { template: ApiServer; values: Record<string, string> };
}

export interface DemoStorage {
  sasEndpoint: string;
  /** The stack's blob endpoint, e.g. http://127.0.0.1:10000/devstoreaccount1. */
  blobEndpoint?: string;
  /** The input the stack uploads at start and where a job over it writes ("container/blob"). */
  sample?: { input: string; output: string };
}

/**
 * An API Management instance whose published APIs the portal lists beside `apis`: each API's
 * definition is exported when it is opened, and it is called through the gateway.
 */
export interface ApimApiSource {
  kind: 'apim';
  /** The management root: the local gateway's `/management`, or ARM's `.../service/<name>`. */
  managementUrl: string;
  /** Where the APIs are called: an API's environment has the base URL `${gatewayUrl}/${path}`. */
  gatewayUrl: string;
  /** The environment whose credentials, `apim` and `storage` each API's environment copies. */
  environmentTemplate: string;
  /** The local gateway's admin key: only the demo stack's served config carries it. */
  demoAdminKey?: string;
}

export interface PortalConfig {
  title: string;
  apis: ApiEntry[];
  /** Where more APIs come from; an `apis` entry with the same id takes precedence. */
  apiSource?: ApimApiSource;
  environments: Environment[];
  defaultEnvironment?: string;
  /**
   * The file as read. What only lazily loaded views use (`workflows`, an environment's `oauth`
   * or `batchEndpoint` block) is checked there, from this, so the first page carries no code for
   * it and nothing reads the file twice.
   */
  file?: Readonly<Record<string, unknown>>;
}
