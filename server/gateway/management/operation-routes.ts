import type { FastifyInstance, FastifyReply } from 'fastify';
import type { StoredOperation } from '../core/catalog';
import { propertiesOf } from '../core/catalog-validation';
import { operationContract, operationListItem } from './catalog-contracts';
import { ifMatchOf, listPage, notFound, sendWithEtag } from './catalog-http';
import type { CatalogRoutesOptions } from './catalog-routes';
import type { FilterFields } from './odata';

const OPERATION_FILTER_FIELDS: FilterFields<StoredOperation> = {
  name: { kind: 'text', get: (op) => op.id },
  displayName: { kind: 'text', get: (op) => op.properties.displayName },
  method: { kind: 'text', get: (op) => op.properties.method },
  description: { kind: 'text', get: (op) => op.properties.description },
  urlTemplate: { kind: 'text', get: (op) => op.properties.urlTemplate },
};

interface OperationParams {
  apiId: string;
  operationId: string;
}

/** `/apis/{apiId}/operations[/{operationId}]`. */
export function registerOperationRoutes(
  scope: FastifyInstance,
  options: CatalogRoutesOptions,
): void {
  const { catalog } = options;

  const sendOperation = (
    reply: FastifyReply,
    operation: StoredOperation,
    status: number,
  ): FastifyReply => sendWithEtag(reply, status, operation.etag, operationContract(operation));

  const missing = (reply: FastifyReply, params: OperationParams): FastifyReply =>
    catalog.api(params.apiId)
      ? notFound(
          reply,
          `The operation "${params.operationId}" of API "${params.apiId}" was not found.`,
        )
      : notFound(reply, `The API "${params.apiId}" was not found.`);

  scope.get<{ Params: { apiId: string } }>('/apis/:apiId/operations', async (request, reply) => {
    const { apiId } = request.params;
    if (!catalog.api(apiId)) return notFound(reply, `The API "${apiId}" was not found.`);
    return listPage(request, catalog.operations(apiId), OPERATION_FILTER_FIELDS, operationListItem);
  });

  scope.head<{ Params: OperationParams }>(
    '/apis/:apiId/operations/:operationId',
    async (request, reply) => {
      const operation = catalog.operation(request.params.apiId, request.params.operationId);
      if (!operation) return reply.code(404).send();
      return reply.code(200).header('ETag', operation.etag).send();
    },
  );

  scope.get<{ Params: OperationParams }>(
    '/apis/:apiId/operations/:operationId',
    { exposeHeadRoute: false },
    async (request, reply) => {
      const operation = catalog.operation(request.params.apiId, request.params.operationId);
      return operation ? sendOperation(reply, operation, 200) : missing(reply, request.params);
    },
  );

  scope.put<{ Params: OperationParams }>(
    '/apis/:apiId/operations/:operationId',
    async (request, reply) => {
      const { operation, created } = await catalog.putOperation(
        request.params.apiId,
        request.params.operationId,
        propertiesOf(request.body),
        { ifMatch: ifMatchOf(request) },
      );
      return sendOperation(reply, operation, created ? 201 : 200);
    },
  );

  scope.patch<{ Params: OperationParams }>(
    '/apis/:apiId/operations/:operationId',
    async (request, reply) => {
      const operation = await catalog.patchOperation(
        request.params.apiId,
        request.params.operationId,
        propertiesOf(request.body),
        { ifMatch: ifMatchOf(request) },
      );
      return sendOperation(reply, operation, 200);
    },
  );

  scope.delete<{ Params: OperationParams }>(
    '/apis/:apiId/operations/:operationId',
    async (request, reply) => {
      const existed = await catalog.deleteOperation(
        request.params.apiId,
        request.params.operationId,
        { ifMatch: ifMatchOf(request) },
      );
      return reply.code(existed ? 200 : 204).send();
    },
  );
}
