import { randomBytes } from 'node:crypto';
import {
  GLOBAL_POLICY_XML,
  STARTER_POLICY_XML,
  parsePolicy,
  policyLimits,
  type ParsedPolicy,
} from '../policies/policy-engine';
import {
  policyScopeKey,
  type ApiSchema,
  type CatalogAction,
  type CatalogStore,
  type PolicyScope,
  type ProductApiLink,
  type StoredApi,
  type StoredOperation,
  type StoredPolicy,
  type StoredProduct,
} from './catalog-store';
import {
  CatalogError,
  checkId,
  completeApi,
  completeOperation,
  completeProduct,
  normalizeApiPath,
  readApiInput,
  readOperationInput,
  readProductInput,
  type ApiProperties,
  type BackendTrust,
  type OperationProperties,
  type ProductProperties,
} from './catalog-validation';
import type { ImportedApi } from './openapi-import';
import { GatewayStorageError } from './gateway-core';
import { OperationTrie, templateKey } from './operation-trie';

export { CatalogError } from './catalog-validation';
export type {
  ApiProperties,
  CatalogErrorCode,
  OperationProperties,
  ProductProperties,
} from './catalog-validation';
export type {
  ApiSchema,
  PolicyScope,
  StoredApi,
  StoredOperation,
  StoredProduct,
} from './catalog-store';

export interface CatalogOptions extends BackendTrust {
  store: CatalogStore;
  /** ms since the epoch. */
  clock?: () => number;
  /**
   * On the first start only (a store the catalog has never opened): products `starter` and
   * `unlimited` with APIM's documented fields, Starter's policy and the global policy.
   */
  seedDefaults?: boolean;
  /**
   * On the first start only, after the defaults: publishes what the stack starts with (the demo
   * API) through the same writes a publisher makes, so a publisher may change or delete it and
   * a restart keeps that.
   */
  onFirstOpen?: (catalog: Catalog) => Promise<void>;
  log?: (message: string) => void;
}

export interface LoadedPolicy {
  value: string;
  etag: string;
  parsed: ParsedPolicy;
}

export interface RouteMatch {
  api: StoredApi;
  operation: StoredOperation | undefined;
  /** The path below the API's suffix: "" or starting with "/". */
  below: string;
}

export type PolicyFormat = 'xml' | 'rawxml';

/** APIM's defaults (docs/reference/apim-management.md). */
export const DEFAULT_PRODUCTS: ReadonlyArray<{ id: string; properties: ProductProperties }> = [
  {
    id: 'starter',
    properties: {
      displayName: 'Starter',
      description:
        'Subscribers will be able to run 5 calls/minute up to a maximum of 100 calls/week.',
      terms: '',
      subscriptionRequired: true,
      approvalRequired: false,
      subscriptionsLimit: null,
      state: 'published',
    },
  },
  {
    id: 'unlimited',
    properties: {
      displayName: 'Unlimited',
      description:
        'Subscribers have completely unlimited access to the API. Administrator approval is required.',
      terms: '',
      subscriptionRequired: true,
      approvalRequired: true,
      subscriptionsLimit: null,
      state: 'published',
    },
  },
];

function newEtag(): string {
  return `"${randomBytes(8).toString('hex')}"`;
}

function bareEtag(tag: string): string {
  return tag
    .trim()
    .replace(/^W\//, '')
    .replace(/^"(.*)"$/, '$1');
}

function asInput(input: unknown): Record<string, unknown> {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw new CatalogError('ValidationError', 'properties must be a JSON object.', 'properties');
  return input as Record<string, unknown>;
}

function byId<T extends { id: string }>(a: T, b: T): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The APIs, operations, products and policies the gateway publishes, free of HTTP. Reads are
 * synchronous, from memory. Writes are validated, written to the store before they resolve (a
 * failed write leaves memory as it was) and applied one at a time.
 */
export class Catalog {
  private readonly apiMap = new Map<string, StoredApi>();
  private readonly operationMap = new Map<string, Map<string, StoredOperation>>();
  private readonly productMap = new Map<string, StoredProduct>();
  private readonly apisOfProduct = new Map<string, Set<string>>();
  private readonly productsOfApi = new Map<string, Set<string>>();
  private readonly policyMap = new Map<string, LoadedPolicy>();
  private readonly schemaMap = new Map<string, ApiSchema>();
  /** Normalized `path` -> API id. */
  private readonly byPath = new Map<string, string>();
  /** Segments of the longest API path: no request path prefix longer than that can match. */
  private deepestPath = 0;
  /** Built on first use after a change to the API's operations. */
  private readonly tries = new Map<string, OperationTrie<StoredOperation>>();
  private readonly listeners = new Set<() => void>();
  private changes: Promise<unknown> = Promise.resolve();
  private readonly store: CatalogStore;
  private readonly trust: BackendTrust;
  private readonly log: (message: string) => void;
  readonly clock: () => number;

  private constructor(options: CatalogOptions) {
    this.store = options.store;
    this.trust = { isTrustedBackend: options.isTrustedBackend, trustSetting: options.trustSetting };
    this.log = options.log ?? (() => {});
    this.clock = options.clock ?? Date.now;
  }

  static async open(options: CatalogOptions): Promise<Catalog> {
    const catalog = new Catalog(options);
    const snapshot = await options.store.load();
    await catalog.restore(snapshot);
    if (!snapshot.initialized) {
      if (options.seedDefaults) await catalog.seed();
      await options.onFirstOpen?.(catalog);
      await options.store.markInitialized();
    }
    return catalog;
  }

  // Reads.

  apis(): StoredApi[] {
    return [...this.apiMap.values()].sort(byId);
  }

  api(id: string): StoredApi | undefined {
    return this.apiMap.get(id);
  }

  operations(apiId: string): StoredOperation[] {
    return [...(this.operationMap.get(apiId)?.values() ?? [])].sort(byId);
  }

  operation(apiId: string, id: string): StoredOperation | undefined {
    return this.operationMap.get(apiId)?.get(id);
  }

  products(): StoredProduct[] {
    return [...this.productMap.values()].sort(byId);
  }

  product(id: string): StoredProduct | undefined {
    return this.productMap.get(id);
  }

  productApis(productId: string): string[] {
    return [...(this.apisOfProduct.get(productId) ?? [])].sort();
  }

  apiProducts(apiId: string): string[] {
    return [...(this.productsOfApi.get(apiId) ?? [])].sort();
  }

  policy(scope: PolicyScope): LoadedPolicy | undefined {
    return this.policyMap.get(policyScopeKey(scope));
  }

  /** The `<rate-limit>` and `<quota>` of the product's policy, for the portal's product view. */
  productLimits(productId: string): ReturnType<typeof policyLimits> {
    const policy = this.policy({ kind: 'product', productId });
    return policy ? policyLimits(policy.parsed) : {};
  }

  schema(apiId: string): ApiSchema | undefined {
    return this.schemaMap.get(apiId);
  }

  /**
   * The API whose `path` is the longest segment-prefix of `path` (starting with "/", without
   * the query) and the operation of that API that `method` on the rest of the path calls.
   */
  route(method: string, path: string): RouteMatch | undefined {
    const segments = path.split('/').slice(1);
    for (let length = Math.min(segments.length, this.deepestPath); length >= 0; length--) {
      const prefix = segments.slice(0, length).join('/');
      const apiId = this.byPath.get(prefix);
      if (apiId === undefined) continue;
      const api = this.apiMap.get(apiId);
      if (!api) continue;
      const below = length === 0 ? path : path.slice(prefix.length + 1);
      return { api, operation: this.trieOf(apiId).match(method, below), below };
    }
    return undefined;
  }

  onChange(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  // APIs.

  putApi(
    id: string,
    input: unknown,
    options: { ifMatch?: string; imported?: ImportedApi } = {},
  ): Promise<{ api: StoredApi; created: boolean }> {
    return this.change(async () => {
      const { api, existing, operations } = this.planPutApi(id, input, options);
      const imported = options.imported;
      if (!imported || !operations) {
        await this.write([{ put: { kind: 'api', value: api } }]);
        this.setApi(api, existing);
        return { api, created: !existing };
      }

      const actions: CatalogAction[] = [];
      const kept = new Set(operations.map((o) => o.id));
      for (const old of this.operations(id)) {
        if (kept.has(old.id)) continue;
        const policy = this.storedPolicy({ kind: 'operation', apiId: id, operationId: old.id });
        if (policy) actions.push({ delete: { kind: 'policy', value: policy } });
        actions.push({ delete: { kind: 'operation', value: old } });
      }
      for (const operation of operations)
        actions.push({ put: { kind: 'operation', value: operation } });
      const oldSchema = this.schemaMap.get(id);
      if (imported.schema)
        actions.push({ put: { kind: 'schema', value: { apiId: id, schema: imported.schema } } });
      else if (oldSchema)
        actions.push({ delete: { kind: 'schema', value: { apiId: id, schema: oldSchema } } });
      // The API last: if a write fails on the way, a restart finds the API as it was.
      actions.push({ put: { kind: 'api', value: api } });
      await this.write(actions);

      for (const old of this.operations(id))
        if (!kept.has(old.id))
          this.policyMap.delete(
            policyScopeKey({ kind: 'operation', apiId: id, operationId: old.id }),
          );
      this.operationMap.set(id, new Map(operations.map((o) => [o.id, o])));
      this.tries.delete(id);
      if (imported.schema) this.schemaMap.set(id, imported.schema);
      else this.schemaMap.delete(id);
      this.setApi(api, existing);
      return { api, created: !existing };
    });
  }

  /**
   * Runs every check `putApi` would, without writing: a caller that finishes a big import in
   * the background refuses what it can at once.
   */
  checkPutApi(
    id: string,
    input: unknown,
    options: { ifMatch?: string; imported?: ImportedApi } = {},
  ): void {
    this.planPutApi(id, input, options);
  }

  patchApi(id: string, input: unknown, options: { ifMatch?: string }): Promise<StoredApi> {
    return this.change(async () => {
      const existing = this.requireForChange(this.apiMap.get(id), options.ifMatch, 'API', id);
      const properties = completeApi({
        ...existing.properties,
        ...readApiInput(asInput(input), this.trust),
      });
      this.checkPathFree(id, properties.path);
      const api: StoredApi = { id, properties, etag: newEtag() };
      await this.write([{ put: { kind: 'api', value: api } }]);
      this.setApi(api, existing);
      return api;
    });
  }

  /** Also removes its operations, policies, schema and product links. */
  deleteApi(id: string, options: { ifMatch?: string }): Promise<boolean> {
    return this.change(async () => {
      const existing = this.existingForDelete(this.apiMap.get(id), options.ifMatch, 'API', id);
      if (!existing) return false;
      // The API first: a restart after a failure half-way finds it gone, and drops the rest.
      const actions: CatalogAction[] = [{ delete: { kind: 'api', value: existing } }];
      for (const operation of this.operations(id)) {
        const policy = this.storedPolicy({
          kind: 'operation',
          apiId: id,
          operationId: operation.id,
        });
        if (policy) actions.push({ delete: { kind: 'policy', value: policy } });
        actions.push({ delete: { kind: 'operation', value: operation } });
      }
      const apiPolicy = this.storedPolicy({ kind: 'api', apiId: id });
      if (apiPolicy) actions.push({ delete: { kind: 'policy', value: apiPolicy } });
      const schema = this.schemaMap.get(id);
      if (schema) actions.push({ delete: { kind: 'schema', value: { apiId: id, schema } } });
      for (const productId of this.apiProducts(id))
        actions.push({ delete: { kind: 'link', value: { productId, apiId: id } } });
      await this.write(actions);

      for (const operation of this.operations(id))
        this.policyMap.delete(
          policyScopeKey({ kind: 'operation', apiId: id, operationId: operation.id }),
        );
      this.policyMap.delete(policyScopeKey({ kind: 'api', apiId: id }));
      this.operationMap.delete(id);
      this.tries.delete(id);
      this.schemaMap.delete(id);
      for (const productId of this.apiProducts(id)) this.unlink({ productId, apiId: id });
      this.apiMap.delete(id);
      if (this.byPath.get(existing.properties.path) === id)
        this.byPath.delete(existing.properties.path);
      this.measurePaths();
      return true;
    });
  }

  // Operations.

  putOperation(
    apiId: string,
    id: string,
    input: unknown,
    options: { ifMatch?: string } = {},
  ): Promise<{ operation: StoredOperation; created: boolean }> {
    return this.change(async () => {
      this.requireApi(apiId);
      checkId('operation', id, 80);
      const existing = this.operation(apiId, id);
      if (existing) this.checkIfMatch(options.ifMatch, existing.etag, 'operation', id);
      const properties = completeOperation(readOperationInput(asInput(input)));
      const operation: StoredOperation = {
        apiId,
        id,
        properties,
        etag: newEtag(),
        origin: 'manual',
      };
      await this.saveOperation(operation);
      return { operation, created: !existing };
    });
  }

  patchOperation(
    apiId: string,
    id: string,
    input: unknown,
    options: { ifMatch?: string },
  ): Promise<StoredOperation> {
    return this.change(async () => {
      this.requireApi(apiId);
      const existing = this.requireForChange(
        this.operation(apiId, id),
        options.ifMatch,
        'operation',
        id,
      );
      const properties = completeOperation({
        ...existing.properties,
        ...readOperationInput(asInput(input)),
      });
      const operation: StoredOperation = { ...existing, properties, etag: newEtag() };
      await this.saveOperation(operation);
      return operation;
    });
  }

  deleteOperation(apiId: string, id: string, options: { ifMatch?: string }): Promise<boolean> {
    return this.change(async () => {
      this.requireApi(apiId);
      const existing = this.existingForDelete(
        this.operation(apiId, id),
        options.ifMatch,
        'operation',
        id,
      );
      if (!existing) return false;
      const actions: CatalogAction[] = [{ delete: { kind: 'operation', value: existing } }];
      const scope: PolicyScope = { kind: 'operation', apiId, operationId: id };
      const policy = this.storedPolicy(scope);
      if (policy) actions.push({ delete: { kind: 'policy', value: policy } });
      await this.write(actions);
      this.operationMap.get(apiId)?.delete(id);
      this.policyMap.delete(policyScopeKey(scope));
      this.tries.delete(apiId);
      return true;
    });
  }

  // Products.

  putProduct(
    id: string,
    input: unknown,
    options: { ifMatch?: string } = {},
  ): Promise<{ product: StoredProduct; created: boolean }> {
    return this.change(async () => {
      checkId('product', id, 256);
      const existing = this.productMap.get(id);
      if (existing) this.checkIfMatch(options.ifMatch, existing.etag, 'product', id);
      const product: StoredProduct = {
        id,
        properties: completeProduct(readProductInput(asInput(input))),
        etag: newEtag(),
      };
      await this.write([{ put: { kind: 'product', value: product } }]);
      this.productMap.set(id, product);
      return { product, created: !existing };
    });
  }

  patchProduct(id: string, input: unknown, options: { ifMatch?: string }): Promise<StoredProduct> {
    return this.change(async () => {
      const existing = this.requireForChange(
        this.productMap.get(id),
        options.ifMatch,
        'product',
        id,
      );
      const product: StoredProduct = {
        id,
        properties: completeProduct({
          ...existing.properties,
          ...readProductInput(asInput(input)),
        }),
        etag: newEtag(),
      };
      await this.write([{ put: { kind: 'product', value: product } }]);
      this.productMap.set(id, product);
      return product;
    });
  }

  /**
   * Also removes its policy and its API links. Its subscriptions are the caller's: `beforeDelete`
   * runs once the product is known to exist and If-Match to match, and may refuse by throwing.
   */
  deleteProduct(
    id: string,
    options: { ifMatch?: string; beforeDelete?: (product: StoredProduct) => Promise<void> },
  ): Promise<boolean> {
    return this.change(async () => {
      const existing = this.existingForDelete(
        this.productMap.get(id),
        options.ifMatch,
        'product',
        id,
      );
      if (!existing) return false;
      await options.beforeDelete?.(existing);
      const actions: CatalogAction[] = [{ delete: { kind: 'product', value: existing } }];
      const scope: PolicyScope = { kind: 'product', productId: id };
      const policy = this.storedPolicy(scope);
      if (policy) actions.push({ delete: { kind: 'policy', value: policy } });
      for (const apiId of this.productApis(id))
        actions.push({ delete: { kind: 'link', value: { productId: id, apiId } } });
      await this.write(actions);
      for (const apiId of this.productApis(id)) this.unlink({ productId: id, apiId });
      this.policyMap.delete(policyScopeKey(scope));
      this.productMap.delete(id);
      return true;
    });
  }

  linkApi(productId: string, apiId: string): Promise<{ created: boolean }> {
    return this.change(async () => {
      this.requireProduct(productId);
      this.requireApi(apiId);
      if (this.apisOfProduct.get(productId)?.has(apiId)) return { created: false };
      const link: ProductApiLink = { productId, apiId };
      await this.write([{ put: { kind: 'link', value: link } }]);
      this.link(link);
      return { created: true };
    });
  }

  unlinkApi(productId: string, apiId: string): Promise<boolean> {
    return this.change(async () => {
      if (!this.apisOfProduct.get(productId)?.has(apiId)) return false;
      const link: ProductApiLink = { productId, apiId };
      await this.write([{ delete: { kind: 'link', value: link } }]);
      this.unlink(link);
      return true;
    });
  }

  // Policies.

  /** Throws the policy engine's PolicyValidationError for a document it refuses. */
  putPolicy(
    scope: PolicyScope,
    value: string,
    format: PolicyFormat,
    options: { ifMatch?: string } = {},
  ): Promise<{ created: boolean; etag: string; value: string }> {
    return this.change(async () => {
      this.requireScope(scope);
      if (typeof value !== 'string' || value.trim() === '')
        throw new CatalogError(
          'ValidationError',
          'properties.value is required: the policy document.',
          'properties.value',
        );
      const key = policyScopeKey(scope);
      const existing = this.policyMap.get(key);
      if (existing) this.checkIfMatch(options.ifMatch, existing.etag, 'policy', 'policy');
      const parsed = parsePolicy(value, format, scope.kind, this.trust);
      const stored: StoredPolicy = { scope, value: parsed.xml, etag: newEtag() };
      await this.write([{ put: { kind: 'policy', value: stored } }]);
      this.policyMap.set(key, { value: stored.value, etag: stored.etag, parsed });
      return { created: !existing, etag: stored.etag, value: stored.value };
    });
  }

  deletePolicy(scope: PolicyScope, options: { ifMatch?: string }): Promise<boolean> {
    return this.change(async () => {
      this.requireScope(scope);
      const existing = this.existingForDelete(
        this.policyMap.get(policyScopeKey(scope)),
        options.ifMatch,
        'policy',
        'policy',
      );
      if (!existing) return false;
      await this.write([{ delete: { kind: 'policy', value: { scope, value: '', etag: '' } } }]);
      this.policyMap.delete(policyScopeKey(scope));
      return true;
    });
  }

  // Internals.

  /** Changes one at a time, so two of them never interleave their store writes. */
  private change<T>(work: () => Promise<T>): Promise<T> {
    const run = this.changes.then(work, work);
    this.changes = run.catch(() => {});
    return run.then((result) => {
      for (const listener of this.listeners) {
        try {
          listener();
        } catch (error) {
          this.log(`A catalog change listener failed: ${String(error)}`);
        }
      }
      return result;
    });
  }

  private async write(actions: CatalogAction[]): Promise<void> {
    try {
      await this.store.write(actions);
    } catch (error) {
      throw new GatewayStorageError(error);
    }
  }

  private checkIfMatch(ifMatch: string | undefined, etag: string, kind: string, id: string): void {
    if (ifMatch === undefined) return;
    const tags = ifMatch.split(',').map((t) => t.trim());
    if (tags.some((t) => t === '*' || bareEtag(t) === bareEtag(etag))) return;
    throw new CatalogError(
      'PreconditionFailed',
      `The ${kind} "${id}" has changed since it was read: If-Match ${ifMatch} does not match its current ETag ${etag}. Read it again, or send If-Match: * to change it anyway.`,
      'If-Match',
    );
  }

  private requireIfMatch(ifMatch: string | undefined): void {
    if (ifMatch === undefined || ifMatch.trim() === '')
      throw new CatalogError(
        'ValidationError',
        'The If-Match header is required: the ETag of the entity as last read, or * to change it unconditionally.',
        'If-Match',
      );
  }

  private requireForChange<T extends { etag: string }>(
    existing: T | undefined,
    ifMatch: string | undefined,
    kind: 'API' | 'operation' | 'product',
    id: string,
  ): T {
    this.requireIfMatch(ifMatch);
    if (!existing)
      throw new CatalogError('ResourceNotFound', `The ${kind} "${id}" was not found.`, id);
    this.checkIfMatch(ifMatch, existing.etag, kind, id);
    return existing;
  }

  private existingForDelete<T extends { etag: string }>(
    existing: T | undefined,
    ifMatch: string | undefined,
    kind: string,
    id: string,
  ): T | undefined {
    this.requireIfMatch(ifMatch);
    if (existing) this.checkIfMatch(ifMatch, existing.etag, kind, id);
    return existing;
  }

  private requireApi(apiId: string): StoredApi {
    const api = this.apiMap.get(apiId);
    if (!api)
      throw new CatalogError('ResourceNotFound', `The API "${apiId}" was not found.`, 'apiId');
    return api;
  }

  private requireProduct(productId: string): StoredProduct {
    const product = this.productMap.get(productId);
    if (!product)
      throw new CatalogError(
        'ResourceNotFound',
        `The product "${productId}" was not found.`,
        'productId',
      );
    return product;
  }

  private requireScope(scope: PolicyScope): void {
    if (scope.kind === 'product') this.requireProduct(scope.productId);
    if (scope.kind === 'api') this.requireApi(scope.apiId);
    if (scope.kind === 'operation') {
      this.requireApi(scope.apiId);
      if (!this.operation(scope.apiId, scope.operationId))
        throw new CatalogError(
          'ResourceNotFound',
          `The operation "${scope.operationId}" of API "${scope.apiId}" was not found.`,
          'operationId',
        );
    }
  }

  private storedPolicy(scope: PolicyScope): StoredPolicy | undefined {
    const policy = this.policyMap.get(policyScopeKey(scope));
    return policy && { scope, value: policy.value, etag: policy.etag };
  }

  private planPutApi(
    id: string,
    input: unknown,
    options: { ifMatch?: string; imported?: ImportedApi },
  ): {
    api: StoredApi;
    existing: StoredApi | undefined;
    operations: StoredOperation[] | undefined;
  } {
    checkId('API', id, 256);
    const existing = this.apiMap.get(id);
    if (existing) this.checkIfMatch(options.ifMatch, existing.etag, 'API', id);
    const given = readApiInput(asInput(input), this.trust);
    const imported = options.imported;
    const properties = completeApi(
      imported ? { ...this.importedApiProperties(imported.properties, given), ...given } : given,
    );
    this.checkPathFree(id, properties.path);
    return {
      api: { id, properties, etag: newEtag() },
      existing,
      operations: imported && this.importedOperations(id, imported),
    };
  }

  private checkPathFree(id: string, path: string): void {
    const other = this.byPath.get(path);
    if (other !== undefined && other !== id)
      throw new CatalogError(
        'Conflict',
        `The API "${other}" already has the path "${path}": each API needs a URL suffix of its own.`,
        'properties.path',
      );
  }

  /** The document's title, description, server and contact, checked like a request's. */
  private importedApiProperties(
    properties: ImportedApi['properties'],
    given: Partial<ApiProperties>,
  ): Partial<ApiProperties> {
    // What the body gives replaces the document's, so the document's is not checked.
    const fromDocument: Record<string, unknown> = { ...properties };
    for (const key of Object.keys(given)) delete fromDocument[key];
    try {
      return readApiInput(fromDocument, this.trust);
    } catch (error) {
      if (error instanceof CatalogError)
        throw new CatalogError(error.code, `The imported document: ${error.message}`, error.target);
      throw error;
    }
  }

  private importedOperations(apiId: string, imported: ImportedApi): StoredOperation[] {
    const seen = new Map<string, string>();
    return imported.operations.map((operation) => {
      let properties: OperationProperties;
      try {
        checkId('operation', operation.id, 80);
        properties = completeOperation(
          readOperationInput(operation.properties as unknown as Record<string, unknown>),
        );
      } catch (error) {
        if (error instanceof CatalogError)
          throw new CatalogError(
            error.code,
            `Operation "${operation.id}" of the imported document: ${error.message}`,
            error.target,
          );
        throw error;
      }
      const key = `${properties.method} ${templateKey(properties.urlTemplate)}`;
      const twin = seen.get(key);
      if (twin !== undefined)
        throw new CatalogError(
          'ValidationError',
          `Operations "${twin}" and "${operation.id}" of the imported document both answer ${properties.method} ${properties.urlTemplate}.`,
          'value',
        );
      if (seen.has(`id ${operation.id}`))
        throw new CatalogError(
          'ValidationError',
          `The imported document has two operations "${operation.id}".`,
          'value',
        );
      seen.set(key, operation.id);
      seen.set(`id ${operation.id}`, operation.id);
      return { apiId, id: operation.id, properties, etag: newEtag(), origin: 'imported' };
    });
  }

  private async saveOperation(operation: StoredOperation): Promise<void> {
    const key = templateKey(operation.properties.urlTemplate);
    for (const other of this.operationMap.get(operation.apiId)?.values() ?? []) {
      if (
        other.id !== operation.id &&
        other.properties.method === operation.properties.method &&
        templateKey(other.properties.urlTemplate) === key
      )
        throw new CatalogError(
          'Conflict',
          `The operation "${other.id}" already answers ${other.properties.method} ${other.properties.urlTemplate}.`,
          'properties.urlTemplate',
        );
    }
    await this.write([{ put: { kind: 'operation', value: operation } }]);
    let operations = this.operationMap.get(operation.apiId);
    if (!operations)
      this.operationMap.set(operation.apiId, (operations = new Map<string, StoredOperation>()));
    operations.set(operation.id, operation);
    this.tries.delete(operation.apiId);
  }

  private setApi(api: StoredApi, previous: StoredApi | undefined): void {
    if (previous && this.byPath.get(previous.properties.path) === api.id)
      this.byPath.delete(previous.properties.path);
    this.byPath.set(normalizeApiPath(api.properties.path), api.id);
    this.measurePaths();
    this.apiMap.set(api.id, api);
  }

  private measurePaths(): void {
    this.deepestPath = Math.max(
      0,
      ...[...this.byPath.keys()].map((p) => (p === '' ? 0 : p.split('/').length)),
    );
  }

  private link(link: ProductApiLink): void {
    let apis = this.apisOfProduct.get(link.productId);
    if (!apis) this.apisOfProduct.set(link.productId, (apis = new Set()));
    apis.add(link.apiId);
    let products = this.productsOfApi.get(link.apiId);
    if (!products) this.productsOfApi.set(link.apiId, (products = new Set()));
    products.add(link.productId);
  }

  private unlink(link: ProductApiLink): void {
    this.apisOfProduct.get(link.productId)?.delete(link.apiId);
    this.productsOfApi.get(link.apiId)?.delete(link.productId);
  }

  private trieOf(apiId: string): OperationTrie<StoredOperation> {
    let trie = this.tries.get(apiId);
    if (!trie) {
      trie = new OperationTrie();
      for (const operation of this.operations(apiId))
        trie.add(operation.properties.method, operation.properties.urlTemplate, operation);
      this.tries.set(apiId, trie);
    }
    return trie;
  }

  private async restore(snapshot: Awaited<ReturnType<CatalogStore['load']>>): Promise<void> {
    const orphans: CatalogAction[] = [];
    for (const api of snapshot.apis) this.setApi(api, undefined);
    for (const product of snapshot.products) this.productMap.set(product.id, product);
    for (const operation of snapshot.operations) {
      if (!this.apiMap.has(operation.apiId)) {
        orphans.push({ delete: { kind: 'operation', value: operation } });
        continue;
      }
      let operations = this.operationMap.get(operation.apiId);
      if (!operations)
        this.operationMap.set(operation.apiId, (operations = new Map<string, StoredOperation>()));
      operations.set(operation.id, operation);
    }
    for (const link of snapshot.links) {
      if (this.apiMap.has(link.apiId) && this.productMap.has(link.productId)) this.link(link);
      else orphans.push({ delete: { kind: 'link', value: link } });
    }
    for (const schema of snapshot.schemas) {
      if (this.apiMap.has(schema.apiId)) this.schemaMap.set(schema.apiId, schema.schema);
      else orphans.push({ delete: { kind: 'schema', value: schema } });
    }
    for (const policy of snapshot.policies) {
      try {
        this.requireScope(policy.scope);
      } catch {
        orphans.push({ delete: { kind: 'policy', value: policy } });
        continue;
      }
      try {
        const parsed = parsePolicy(policy.value, 'xml', policy.scope.kind, this.trust);
        this.policyMap.set(policyScopeKey(policy.scope), {
          value: policy.value,
          etag: policy.etag,
          parsed,
        });
      } catch (error) {
        // Kept in the store so that nothing is lost; PUT a corrected policy to replace it.
        this.log(
          `The stored ${policyScopeKey(policy.scope)} policy is no longer valid and is not applied: ${String(error)}`,
        );
      }
    }
    if (orphans.length > 0) {
      this.log(`Removing ${orphans.length} catalog entries left behind by an interrupted delete.`);
      await this.write(orphans).catch((error: unknown) => {
        this.log(`Could not remove them (they are ignored): ${String(error)}`);
      });
    }
  }

  private async seed(): Promise<void> {
    const actions: CatalogAction[] = [];
    const policies: Array<[PolicyScope, string]> = [
      [{ kind: 'global' }, GLOBAL_POLICY_XML],
      [{ kind: 'product', productId: 'starter' }, STARTER_POLICY_XML],
    ];
    for (const { id, properties } of DEFAULT_PRODUCTS) {
      if (this.productMap.has(id)) continue;
      actions.push({
        put: { kind: 'product', value: { id, properties: { ...properties }, etag: newEtag() } },
      });
    }
    const parsedPolicies = policies.flatMap(([scope, xml]) => {
      if (this.policyMap.has(policyScopeKey(scope))) return [];
      const parsed = parsePolicy(xml, 'xml', scope.kind, this.trust);
      const stored: StoredPolicy = { scope, value: parsed.xml, etag: newEtag() };
      actions.push({ put: { kind: 'policy', value: stored } });
      return [{ stored, parsed }];
    });
    await this.write(actions);
    for (const action of actions)
      if ('put' in action && action.put.kind === 'product')
        this.productMap.set(action.put.value.id, action.put.value);
    for (const { stored, parsed } of parsedPolicies)
      this.policyMap.set(policyScopeKey(stored.scope), {
        value: stored.value,
        etag: stored.etag,
        parsed,
      });
  }
}
