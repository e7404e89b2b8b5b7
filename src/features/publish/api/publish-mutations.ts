import { useMutation, useQueryClient } from '@tanstack/react-query';
import {
  callManagement,
  waitForImport,
  type ImportProgress,
} from '../../../core/publish/management-client';
import { managementPath, type ManagementTarget } from '../../../core/publish/management-request';
import {
  apiFormToContract,
  operationFormToContract,
  parseApi,
  productFormToContract,
  type ApiFormValues,
  type OperationFormValues,
  type ProductFormValues,
} from '../../../core/publish/publish-contracts';
import { importBody, type InlineFormat, type LinkFormat } from '../../../core/publish/import-body';
import {
  invalidatePublishedCatalog,
  policyPath,
  publishKeys,
  type PolicyScope,
} from '../../../queries/publish-queries';
import { useCallLog } from './call-log';

// The Publish area's actions: each is a management call (or a few) made through the call log,
// so the person sees the API they would script. Their reads are in src/queries/publish-queries.

/** After a change: the Publish area's reads it touched, and the portal's catalog of APIs. */
function useAfterChange() {
  const queryClient = useQueryClient();
  return async (keys: ReadonlyArray<readonly unknown[]>, apiId?: string) => {
    await Promise.all([
      ...keys.map((queryKey) => queryClient.invalidateQueries({ queryKey })),
      invalidatePublishedCatalog(queryClient, apiId),
    ]);
  };
}

/** Links the API to the products ticked and unlinks it from those unticked. */
async function syncProducts(
  target: ManagementTarget,
  apiId: string,
  wanted: string[],
  current: string[],
  onCall: ReturnType<typeof useCallLog>['record'],
) {
  for (const productId of wanted.filter((p) => !current.includes(p)))
    await callManagement(
      target,
      { method: 'PUT', path: managementPath('products', productId, 'apis', apiId) },
      `Adding the API to ${productId}`,
      [200, 201],
      { onCall },
    );
  for (const productId of current.filter((p) => !wanted.includes(p)))
    await callManagement(
      target,
      { method: 'DELETE', path: managementPath('products', productId, 'apis', apiId) },
      `Removing the API from ${productId}`,
      [200, 204],
      { onCall },
    );
}

export function useSaveApi(target: ManagementTarget) {
  const { record } = useCallLog();
  const after = useAfterChange();
  return useMutation({
    mutationFn: async (input: {
      apiId: string;
      values: ApiFormValues;
      /** The ETag read when editing; absent when adding. */
      etag?: string;
      currentProducts: string[];
    }) => {
      const editing = input.etag !== undefined;
      const answer = await callManagement(
        target,
        {
          method: editing ? 'PATCH' : 'PUT',
          path: managementPath('apis', input.apiId),
          body: apiFormToContract(input.values),
          // Adding must not replace an API someone else added under the same id meanwhile.
          ...(editing ? { ifMatch: input.etag } : {}),
        },
        editing ? 'Saving the API' : 'Adding the API',
        [200, 201],
        { onCall: record },
      );
      await syncProducts(target, input.apiId, input.values.products, input.currentProducts, record);
      return parseApi(answer.json);
    },
    onSettled: (_d, _e, input) =>
      after(
        [
          publishKeys.apis(target),
          publishKeys.api(target, input.apiId),
          publishKeys.products(target),
        ],
        input.apiId,
      ),
  });
}

export function useDeleteApi(target: ManagementTarget) {
  const { record } = useCallLog();
  const after = useAfterChange();
  return useMutation({
    mutationFn: (input: { apiId: string; etag: string | undefined }) =>
      callManagement(
        target,
        {
          method: 'DELETE',
          path: managementPath('apis', input.apiId),
          ifMatch: input.etag ?? '*',
        },
        'Deleting the API',
        [200, 204],
        { onCall: record },
      ),
    onSettled: () => after([publishKeys.apis(target), publishKeys.products(target)]),
  });
}

export interface ImportInput {
  apiId: string;
  path: string;
  serviceUrl: string;
  format: InlineFormat | LinkFormat;
  value: string;
  products: string[];
}

export function useImportApi(
  target: ManagementTarget,
  onProgress: (progress: ImportProgress | undefined) => void,
) {
  const { record } = useCallLog();
  const after = useAfterChange();
  return useMutation({
    mutationFn: async (input: ImportInput) => {
      const action = `Importing ${input.apiId}`;
      const accepted = await callManagement(
        target,
        {
          method: 'PUT',
          path: managementPath('apis', input.apiId),
          body: importBody(input.format, input.value, input.path, input.serviceUrl),
        },
        action,
        [200, 201, 202],
        { onCall: record },
      );
      const done = await waitForImport(target, accepted, action, { onCall: record, onProgress });
      await syncProducts(target, input.apiId, input.products, [], record);
      return parseApi(done.json);
    },
    onSettled: (_d, _e, input) => {
      onProgress(undefined);
      return after([publishKeys.apis(target), publishKeys.products(target)], input.apiId);
    },
  });
}

export function useSaveOperation(target: ManagementTarget, apiId: string) {
  const { record } = useCallLog();
  const after = useAfterChange();
  return useMutation({
    mutationFn: (input: {
      operationId: string;
      values: OperationFormValues;
      etag?: string;
      previous?: Record<string, unknown>;
    }) =>
      callManagement(
        target,
        {
          method: 'PUT',
          path: managementPath('apis', apiId, 'operations', input.operationId),
          body: operationFormToContract(input.values, input.previous),
          // Editing: the ETag read; adding: only if nobody made one with this id meanwhile.
          ...(input.etag ? { ifMatch: input.etag } : {}),
        },
        input.etag ? 'Saving the operation' : 'Adding the operation',
        [200, 201],
        { onCall: record },
      ),
    onSettled: (_d, _e, input) =>
      after(
        [
          publishKeys.operations(target, apiId),
          publishKeys.operation(target, apiId, input.operationId),
        ],
        apiId,
      ),
  });
}

export function useDeleteOperation(target: ManagementTarget, apiId: string) {
  const { record } = useCallLog();
  const after = useAfterChange();
  return useMutation({
    mutationFn: (input: { operationId: string; etag: string | undefined }) =>
      callManagement(
        target,
        {
          method: 'DELETE',
          path: managementPath('apis', apiId, 'operations', input.operationId),
          ifMatch: input.etag ?? '*',
        },
        `Deleting operation ${input.operationId}`,
        [200, 204],
        { onCall: record },
      ),
    onSettled: () => after([publishKeys.operations(target, apiId)], apiId),
  });
}

export function useSaveProduct(target: ManagementTarget) {
  const { record } = useCallLog();
  const after = useAfterChange();
  return useMutation({
    mutationFn: (input: { productId: string; values: ProductFormValues; etag?: string }) =>
      callManagement(
        target,
        {
          method: input.etag ? 'PATCH' : 'PUT',
          path: managementPath('products', input.productId),
          body: productFormToContract(input.values),
          ...(input.etag ? { ifMatch: input.etag } : {}),
        },
        input.etag ? 'Saving the product' : 'Creating the product',
        [200, 201],
        { onCall: record },
      ),
    onSettled: (_d, _e, input) =>
      after([publishKeys.products(target), publishKeys.product(target, input.productId)]),
  });
}

export function useLinkProductApi(target: ManagementTarget, productId: string) {
  const { record } = useCallLog();
  const after = useAfterChange();
  return useMutation({
    mutationFn: (input: { apiId: string; linked: boolean }) =>
      callManagement(
        target,
        {
          method: input.linked ? 'PUT' : 'DELETE',
          path: managementPath('products', productId, 'apis', input.apiId),
        },
        input.linked ? `Adding ${input.apiId} to the product` : `Removing ${input.apiId}`,
        [200, 201, 204],
        { onCall: record },
      ),
    onSettled: (_d, _e, input) =>
      after([
        publishKeys.productApis(target, productId),
        publishKeys.apiProducts(target, input.apiId),
      ]),
  });
}

export function useSavePolicy(target: ManagementTarget, scope: PolicyScope) {
  const { record } = useCallLog();
  const after = useAfterChange();
  return useMutation({
    mutationFn: (input: { xml: string; etag: string | undefined; action?: string }) =>
      callManagement(
        target,
        {
          method: 'PUT',
          path: policyPath(scope),
          body: { properties: { format: 'rawxml', value: input.xml } },
          ...(input.etag ? { ifMatch: input.etag } : {}),
        },
        input.action ?? 'Saving the policy',
        [200, 201],
        { onCall: record },
      ),
    onSettled: () =>
      after([
        publishKeys.policy(target, scope),
        ...(scope.kind === 'product' ? [publishKeys.product(target, scope.productId)] : []),
      ]),
  });
}
