import { queryOptions, type QueryClient } from '@tanstack/react-query';
import { refreshApimCatalog } from './apim-catalog-queries';
import { callManagement, listAll } from '../core/publish/management-client';
import { managementPath, type ManagementTarget } from '../core/publish/management-request';
import {
  parseAdminProduct,
  parseApi,
  parseApiList,
  parseOperation,
  parseOperationList,
  parsePolicy,
} from '../core/publish/publish-contracts';

/** A policy's place: a product, an API or an operation. */
export type PolicyScope =
  | { kind: 'product'; productId: string }
  | { kind: 'api'; apiId: string }
  | { kind: 'operation'; apiId: string; operationId: string };

export function policyPath(scope: PolicyScope): string {
  switch (scope.kind) {
    case 'product':
      return managementPath('products', scope.productId, 'policies', 'policy');
    case 'api':
      return managementPath('apis', scope.apiId, 'policies', 'policy');
    case 'operation':
      return managementPath(
        'apis',
        scope.apiId,
        'operations',
        scope.operationId,
        'policies',
        'policy',
      );
  }
}

/** An entity with the ETag it was read with: an edit sends it back as If-Match. */
export interface Tagged<T> {
  value: T;
  etag: string | undefined;
}

/**
 * Query keys of the Publish area, per management target (named by its id, never its
 * credential). An API's operations, products and policies sit under the API's key, so
 * deleting an API drops them all.
 */
export const publishKeys = {
  all: (t: ManagementTarget) => ['publish', t.id] as const,
  apis: (t: ManagementTarget) => [...publishKeys.all(t), 'apis'] as const,
  api: (t: ManagementTarget, apiId: string) => [...publishKeys.apis(t), apiId] as const,
  operations: (t: ManagementTarget, apiId: string) =>
    [...publishKeys.api(t, apiId), 'operations'] as const,
  operation: (t: ManagementTarget, apiId: string, operationId: string) =>
    [...publishKeys.operations(t, apiId), operationId] as const,
  apiProducts: (t: ManagementTarget, apiId: string) =>
    [...publishKeys.api(t, apiId), 'products'] as const,
  products: (t: ManagementTarget) => [...publishKeys.all(t), 'products'] as const,
  product: (t: ManagementTarget, productId: string) =>
    [...publishKeys.products(t), productId] as const,
  productApis: (t: ManagementTarget, productId: string) =>
    [...publishKeys.product(t, productId), 'apis'] as const,
  policy: (t: ManagementTarget, scope: PolicyScope) =>
    scope.kind === 'product'
      ? ([...publishKeys.product(t, scope.productId), 'policy'] as const)
      : scope.kind === 'api'
        ? ([...publishKeys.api(t, scope.apiId), 'policy'] as const)
        : ([...publishKeys.operation(t, scope.apiId, scope.operationId), 'policy'] as const),
};

// Reads are not logged: the call log is for what a publisher does.
export const publishQueries = {
  apis: (t: ManagementTarget) =>
    queryOptions({
      queryKey: publishKeys.apis(t),
      queryFn: async ({ signal }) =>
        parseApiList(await listAll(t, '/apis', 'Listing the APIs', { signal })),
      retry: false,
    }),
  api: (t: ManagementTarget, apiId: string) =>
    queryOptions({
      queryKey: publishKeys.api(t, apiId),
      queryFn: async ({ signal }) => {
        const answer = await callManagement(
          t,
          { method: 'GET', path: managementPath('apis', apiId) },
          `Reading API ${apiId}`,
          [200],
          { signal },
        );
        return { value: parseApi(answer.json), etag: answer.etag };
      },
      retry: false,
    }),
  operations: (t: ManagementTarget, apiId: string) =>
    queryOptions({
      queryKey: publishKeys.operations(t, apiId),
      queryFn: async ({ signal }) =>
        parseOperationList(
          await listAll(t, managementPath('apis', apiId, 'operations'), 'Listing the operations', {
            signal,
          }),
        ),
      retry: false,
    }),
  operation: (t: ManagementTarget, apiId: string, operationId: string) =>
    queryOptions({
      queryKey: publishKeys.operation(t, apiId, operationId),
      queryFn: async ({ signal }) => {
        const answer = await callManagement(
          t,
          { method: 'GET', path: managementPath('apis', apiId, 'operations', operationId) },
          `Reading operation ${operationId}`,
          [200],
          { signal },
        );
        return { value: parseOperation(answer.json), etag: answer.etag };
      },
      retry: false,
    }),
  apiProducts: (t: ManagementTarget, apiId: string) =>
    queryOptions({
      queryKey: publishKeys.apiProducts(t, apiId),
      queryFn: async ({ signal }) =>
        (
          await listAll(t, managementPath('apis', apiId, 'products'), 'Listing its products', {
            signal,
          })
        ).map((item) => parseAdminProduct(item).id),
      retry: false,
    }),
  products: (t: ManagementTarget) =>
    queryOptions({
      queryKey: publishKeys.products(t),
      queryFn: async ({ signal }) =>
        (await listAll(t, '/products', 'Listing the products', { signal })).map((item, i) =>
          parseAdminProduct(item, `product list (value[${i}])`),
        ),
      retry: false,
    }),
  product: (t: ManagementTarget, productId: string) =>
    queryOptions({
      queryKey: publishKeys.product(t, productId),
      queryFn: async ({ signal }) => {
        const answer = await callManagement(
          t,
          { method: 'GET', path: managementPath('products', productId) },
          `Reading product ${productId}`,
          [200],
          { signal },
        );
        return { value: parseAdminProduct(answer.json), etag: answer.etag };
      },
      retry: false,
    }),
  productApis: (t: ManagementTarget, productId: string) =>
    queryOptions({
      queryKey: publishKeys.productApis(t, productId),
      queryFn: async ({ signal }) =>
        parseApiList(
          await listAll(t, managementPath('products', productId, 'apis'), 'Listing its APIs', {
            signal,
          }),
        ),
      retry: false,
    }),
  /** The document, or "" where the scope has none (404). */
  policy: (t: ManagementTarget, scope: PolicyScope) =>
    queryOptions({
      queryKey: publishKeys.policy(t, scope),
      queryFn: async ({ signal }): Promise<Tagged<string>> => {
        const answer = await callManagement(
          t,
          { method: 'GET', path: policyPath(scope), query: { format: 'rawxml' } },
          'Reading the policy',
          [200, 404],
          { signal },
        );
        return answer.status === 404
          ? { value: '', etag: undefined }
          : { value: parsePolicy(answer.json), etag: answer.etag };
      },
      retry: false,
    }),
};

/**
 * What a publish changes for consumers: the portal's list of APIs read from API Management,
 * and (for an API changed or imported again) its definition.
 */
export function invalidatePublishedCatalog(
  queryClient: QueryClient,
  apiId?: string,
): Promise<void> {
  return refreshApimCatalog(queryClient, apiId);
}
