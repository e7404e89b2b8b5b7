import type {
  Catalog,
  PolicyScope,
  StoredApi,
  StoredOperation,
  StoredProduct,
} from '../core/catalog';
import { LOCAL_SERVICE_ID } from './arm-contracts';

/**
 * The ARM envelopes of the catalog's entities (docs/reference/apim-management.md):
 * `{ id, type, name, properties }` with the full resource id of the local service.
 */
export function apiContract(api: StoredApi) {
  return {
    id: `${LOCAL_SERVICE_ID}/apis/${api.id}`,
    type: 'Microsoft.ApiManagement/service/apis',
    name: api.id,
    properties: api.properties,
  };
}

/**
 * Not ARM's: whether an operation came from an imported document or was added by hand, for the
 * portal's Publish area. A name with a dash and a prefix no ARM property has, so it cannot clash
 * with one APIM adds later; a real APIM never sends it and the portal then says nothing.
 */
export const ORIGIN_PROPERTY = 'x-portico-origin';

export function operationContract(operation: StoredOperation) {
  return {
    id: `${LOCAL_SERVICE_ID}/apis/${operation.apiId}/operations/${operation.id}`,
    type: 'Microsoft.ApiManagement/service/apis/operations',
    name: operation.id,
    properties: { ...operation.properties, [ORIGIN_PROPERTY]: operation.origin },
  };
}

/** List items carry only these three fields (ApiManagementListApiOperations.json), and the origin. */
export function operationListItem(operation: StoredOperation) {
  const { displayName, method, urlTemplate } = operation.properties;
  return {
    ...operationContract(operation),
    properties: { displayName, method, urlTemplate, [ORIGIN_PROPERTY]: operation.origin },
  };
}

/**
 * ARM's ProductContract, plus `rateLimit` and `quota`: not ARM's (APIM keeps limits in the
 * product's policy), read from that policy for the portal, null when it sets none.
 */
export function catalogProductContract(product: StoredProduct, catalog: Catalog) {
  const limits = catalog.productLimits(product.id);
  return {
    id: `${LOCAL_SERVICE_ID}/products/${product.id}`,
    type: 'Microsoft.ApiManagement/service/products',
    name: product.id,
    properties: {
      ...product.properties,
      rateLimit: limits.rateLimit ?? null,
      quota: limits.quota ?? null,
    },
  };
}

/** The resource path of a policy's parent below the service: "" for the global one. */
export function policyParentPath(scope: PolicyScope): string {
  switch (scope.kind) {
    case 'global':
      return '';
    case 'product':
      return `/products/${scope.productId}`;
    case 'api':
      return `/apis/${scope.apiId}`;
    case 'operation':
      return `/apis/${scope.apiId}/operations/${scope.operationId}`;
  }
}

const POLICY_TYPES: Record<PolicyScope['kind'], string> = {
  global: 'Microsoft.ApiManagement/service/policies',
  product: 'Microsoft.ApiManagement/service/products/policies',
  api: 'Microsoft.ApiManagement/service/apis/policies',
  operation: 'Microsoft.ApiManagement/service/apis/operations/policies',
};

/** PolicyContract: the service's own serialization, without `format` (as APIM answers). */
export function policyContract(scope: PolicyScope, value: string) {
  return {
    id: `${LOCAL_SERVICE_ID}${policyParentPath(scope)}/policies/policy`,
    type: POLICY_TYPES[scope.kind],
    name: 'policy',
    properties: { value },
  };
}

export interface ArmPage<T> {
  value: T[];
  count: number;
  /** The next page's full URL; absent on the last page. */
  nextLink: string | undefined;
}
