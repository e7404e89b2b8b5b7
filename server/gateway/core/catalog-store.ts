import type { ApiProperties, OperationProperties, ProductProperties } from './catalog-validation';
import type { ImportedSchema } from './openapi-import';

export type PolicyScope =
  | { kind: 'global' }
  | { kind: 'product'; productId: string }
  | { kind: 'api'; apiId: string }
  | { kind: 'operation'; apiId: string; operationId: string };

export interface StoredApi {
  id: string;
  /** ARM's ApiContract properties as GET returns them, APIM's defaults filled in. */
  properties: ApiProperties;
  etag: string;
}

export interface StoredOperation {
  apiId: string;
  id: string;
  properties: OperationProperties;
  etag: string;
  /** How it got there, for the portal's publisher view. */
  origin: 'imported' | 'manual';
}

export interface StoredProduct {
  id: string;
  properties: ProductProperties;
  etag: string;
}

export interface ProductApiLink {
  productId: string;
  apiId: string;
}

export interface StoredPolicy {
  scope: PolicyScope;
  /** APIM's own serialization of the document, as GET returns it. */
  value: string;
  etag: string;
}

/** The API's definition as imported (ARM's SchemaContract `default`). */
export type ApiSchema = ImportedSchema;

export interface StoredSchema {
  apiId: string;
  schema: ApiSchema;
}

export type CatalogRecord =
  | { kind: 'api'; value: StoredApi }
  | { kind: 'operation'; value: StoredOperation }
  | { kind: 'product'; value: StoredProduct }
  | { kind: 'link'; value: ProductApiLink }
  | { kind: 'policy'; value: StoredPolicy }
  | { kind: 'schema'; value: StoredSchema };

/** A delete names the record it removes; only its key fields matter. */
export type CatalogAction = { put: CatalogRecord } | { delete: CatalogRecord };

export interface CatalogSnapshot {
  /** False until the catalog has been opened once on this store (its defaults are seeded then). */
  initialized: boolean;
  apis: StoredApi[];
  operations: StoredOperation[];
  products: StoredProduct[];
  links: ProductApiLink[];
  policies: StoredPolicy[];
  schemas: StoredSchema[];
}

/** Where the catalog keeps what must survive a restart. */
export interface CatalogStore {
  load(): Promise<CatalogSnapshot>;
  /**
   * Applies the actions in order. A store may batch neighbouring actions on the same partition
   * into one transaction; when it throws, the actions before the failing batch stay applied.
   */
  write(actions: readonly CatalogAction[]): Promise<void>;
  markInitialized(): Promise<void>;
}

/**
 * Ids may hold characters that Table storage keys cannot (and "|", which separates the parts of
 * a key): anything but letters, digits, "_", "." and "-" becomes "~" and two hex digits per byte.
 */
export function encodeKeyPart(id: string): string {
  return Array.from(new TextEncoder().encode(id), (byte) => {
    const c = String.fromCharCode(byte);
    return /[A-Za-z0-9_.-]/.test(c) ? c : `~${byte.toString(16).toUpperCase().padStart(2, '0')}`;
  }).join('');
}

export function decodeKeyPart(key: string): string {
  const bytes: number[] = [];
  for (let i = 0; i < key.length; i++) {
    if (key[i] === '~') {
      bytes.push(parseInt(key.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(key.charCodeAt(i));
  }
  return new TextDecoder().decode(new Uint8Array(bytes));
}

export function policyScopeKey(scope: PolicyScope): string {
  switch (scope.kind) {
    case 'global':
      return 'global';
    case 'product':
      return `product|${encodeKeyPart(scope.productId)}`;
    case 'api':
      return `api|${encodeKeyPart(scope.apiId)}`;
    case 'operation':
      return `operation|${encodeKeyPart(scope.apiId)}|${encodeKeyPart(scope.operationId)}`;
  }
}

/** Partition and row of a record: a partition per kind, one per API for its operations and schema. */
export function recordKey(record: CatalogRecord): { partition: string; row: string } {
  switch (record.kind) {
    case 'api':
      return { partition: 'api', row: encodeKeyPart(record.value.id) };
    case 'operation':
      return {
        partition: `op|${encodeKeyPart(record.value.apiId)}`,
        row: encodeKeyPart(record.value.id),
      };
    case 'product':
      return { partition: 'product', row: encodeKeyPart(record.value.id) };
    case 'link':
      return {
        partition: 'link',
        row: `${encodeKeyPart(record.value.productId)}|${encodeKeyPart(record.value.apiId)}`,
      };
    case 'policy':
      return { partition: 'policy', row: policyScopeKey(record.value.scope) };
    case 'schema':
      return { partition: `schema|${encodeKeyPart(record.value.apiId)}`, row: 'default' };
  }
}

/** For tests of the catalog: the same contract, in memory. */
export class MemoryCatalogStore implements CatalogStore {
  readonly records = new Map<string, CatalogRecord>();
  initialized = false;
  /** Set to make every write fail, as an unreachable storage would. */
  failWrites = false;
  writes = 0;

  async load(): Promise<CatalogSnapshot> {
    const snapshot: CatalogSnapshot = {
      initialized: this.initialized,
      apis: [],
      operations: [],
      products: [],
      links: [],
      policies: [],
      schemas: [],
    };
    for (const record of this.records.values()) {
      const value = structuredClone(record.value);
      switch (record.kind) {
        case 'api':
          snapshot.apis.push(value as StoredApi);
          break;
        case 'operation':
          snapshot.operations.push(value as StoredOperation);
          break;
        case 'product':
          snapshot.products.push(value as StoredProduct);
          break;
        case 'link':
          snapshot.links.push(value as ProductApiLink);
          break;
        case 'policy':
          snapshot.policies.push(value as StoredPolicy);
          break;
        case 'schema':
          snapshot.schemas.push(value as StoredSchema);
          break;
      }
    }
    return snapshot;
  }

  async write(actions: readonly CatalogAction[]): Promise<void> {
    if (this.failWrites) throw new Error('storage unavailable');
    this.writes++;
    for (const action of actions) {
      const record = 'put' in action ? action.put : action.delete;
      const { partition, row } = recordKey(record);
      const key = `${partition}\n${row}`;
      if ('put' in action) this.records.set(key, structuredClone(record));
      else this.records.delete(key);
    }
  }

  async markInitialized(): Promise<void> {
    if (this.failWrites) throw new Error('storage unavailable');
    this.initialized = true;
  }
}
