/**
 * The portal's own model of an API definition. Swagger 2.0, OpenAPI 3.0 and 3.1 documents are
 * all normalised into this shape (see load-definition.ts), so nothing above src/core ever
 * looks at a raw OpenAPI document.
 */

/** A JSON Schema object as found in the definition, $refs already resolved (may be circular). */
export type JsonSchema = { [key: string]: unknown };

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ApiParameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  description?: string;
  schema?: JsonSchema;
  /** First example found: parameter example, first of examples, schema example. */
  example?: unknown;
  /** schema.default */
  default?: unknown;
  deprecated?: boolean;
  /** Serialisation of arrays/objects (OpenAPI `style`; Swagger 2.0 collectionFormat mapped to it). */
  style?: string;
  /** OpenAPI `explode`; when absent the style's default applies (true for `form`). */
  explode?: boolean;
}

export interface ApiExample {
  name: string;
  summary?: string;
  value: unknown;
}

export interface ApiMediaContent {
  contentType: string;
  schema?: JsonSchema;
  examples: ApiExample[];
}

export interface ApiRequestBody {
  required: boolean;
  description?: string;
  /** In document order; JSON content types first when several exist. */
  content: ApiMediaContent[];
}

export interface ApiResponse {
  /** "200", "4XX", "default", ... */
  status: string;
  description?: string;
  content: ApiMediaContent[];
  headers: Array<{ name: string; description?: string; schema?: JsonSchema }>;
}

export type SecurityScheme =
  | {
      id: string;
      type: 'apiKey';
      in: 'header' | 'query' | 'cookie';
      name: string;
      description?: string;
    }
  | { id: string; type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | {
      id: string;
      type: 'oauth2' | 'openIdConnect' | 'mutualTLS';
      description?: string;
      /** oauth2: the flows the definition lists (Swagger 2.0's `flow` mapped onto OpenAPI 3's names). */
      flows?: OAuthFlows;
      /** openIdConnect: the provider's discovery document, as written. */
      openIdConnectUrl?: string;
    };

/** One OAuth 2.0 flow of a scheme, as the definition writes it (URLs may be relative). */
export interface OAuthFlow {
  authorizationUrl?: string;
  tokenUrl?: string;
  refreshUrl?: string;
  /** Scope name to its description. */
  scopes: Record<string, string>;
}

/**
 * OpenAPI 3's flow names; Swagger 2.0's `accessCode` is authorizationCode and `application` is
 * clientCredentials.
 */
export type OAuthFlowKind = 'authorizationCode' | 'clientCredentials' | 'implicit' | 'password';

export type OAuthFlows = Partial<Record<OAuthFlowKind, OAuthFlow>>;

/** Alternatives (OR); each alternative lists scheme ids that apply together (AND). */
export type SecurityRequirements = string[][];

/**
 * What the navigation, the filter and the overview need of an operation: a few strings. A big
 * definition's catalog is made of these; the details come when an operation is opened.
 */
export interface ApiOperationSummary {
  /** URL-safe, unique within the API: operationId when present, else method + path. */
  slug: string;
  operationId?: string;
  method: HttpMethod;
  /** Path template as written in the definition, e.g. /workspaces/{workspace}/jobs */
  path: string;
  summary: string;
  tags: string[];
  deprecated: boolean;
  /**
   * An OpenAPI 3.1 webhook: a call the API makes to the consumer's server, not one to the API.
   * `path` is then the webhook's name (its key under `webhooks`), and the request body is the
   * payload the API sends.
   */
  webhook?: true;
}

export interface ApiOperation extends ApiOperationSummary {
  description?: string;
  parameters: ApiParameter[];
  requestBody?: ApiRequestBody;
  responses: ApiResponse[];
  security: SecurityRequirements;
}

export type SpecVersion = 'swagger-2.0' | 'openapi-3.0' | 'openapi-3.1';

export interface ServerVariable {
  default: string;
  enum?: string[];
  description?: string;
}

export interface ApiServer {
  /** As written: may be relative and may hold `{name}` variables. */
  url: string;
  /** The definition's own URL, which a relative server URL is resolved against. */
  definitionUrl?: string;
  description?: string;
  variables: Record<string, ServerVariable>;
}

/** Everything about an API but its operations. */
export interface ApiDefinitionHead {
  id: string;
  title: string;
  version: string;
  description?: string;
  specVersion: SpecVersion;
  /** Server URLs from the definition (absolute or relative to the definition's URL). */
  servers: string[];
  /**
   * The same servers as the definition writes them, `{variables}` unfilled, for a user to fill
   * in (OpenAPI 3 only; absent for Swagger 2.0, whose servers have no variables).
   */
  serverTemplates?: ApiServer[];
  tags: Array<{ name: string; description?: string }>;
  securitySchemes: Record<string, SecurityScheme>;
  /**
   * Problems that did not stop the definition from loading (undeclared path parameters,
   * duplicate operationIds, unknown security schemes...), each naming where it is.
   */
  warnings?: string[];
}

export interface ApiDefinition extends ApiDefinitionHead {
  operations: ApiOperation[];
}

/**
 * A definition as the portal lists it: every operation as a summary. A full ApiDefinition is
 * also a catalog; the definition worker hands the page only this, and each operation's details
 * when it is opened (see definition-worker-client.ts).
 */
export interface ApiCatalog extends ApiDefinitionHead {
  operations: ApiOperationSummary[];
}
