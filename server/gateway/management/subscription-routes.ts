import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { subscriptionContract, subscriptionEtag } from './arm-contracts';
import type { GatewayCore, SubscriptionInput } from '../core/gateway-core';
import type { Subscription } from '../core/subscriptions';
import { sendManagementError } from '../http/apim-errors';
import { adminOnly } from './admin-only';
import { pageOf } from './paging';

/**
 * Where the management API answers: the short root, and the full Azure Resource Manager path
 * of an APIM service below it, so that Azure's own SDK works with only its endpoint changed.
 */
export const MANAGEMENT_PREFIXES = [
  '/management',
  '/management/subscriptions/:azureSubscriptionId/resourceGroups/:resourceGroupName/providers/Microsoft.ApiManagement/service/:serviceName',
] as const;

interface SidParams {
  sid: string;
}

function propertiesOf(body: unknown): SubscriptionInput {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return {};
  const properties = (body as { properties?: unknown }).properties;
  return typeof properties === 'object' && properties !== null && !Array.isArray(properties)
    ? properties
    : {};
}

function sendSubscription(
  reply: FastifyReply,
  subscription: Subscription,
  status = 200,
): FastifyReply {
  return reply
    .code(status)
    .header('ETag', subscriptionEtag(subscription))
    .send(subscriptionContract(subscription, { withKeys: false }));
}

/** Admin endpoints for subscriptions, `Authorization: Bearer <APIM_ADMIN_KEY>`. */
export async function registerManagementRoutes(
  app: FastifyInstance,
  options: { core: GatewayCore; authenticateAdmin: (request: FastifyRequest) => boolean },
): Promise<void> {
  const { core, authenticateAdmin } = options;
  const routes = async (scope: FastifyInstance): Promise<void> => {
    adminOnly(scope, authenticateAdmin);

    scope.get('/subscriptions', async (request, reply) => {
      const page = pageOf(request, core.listSubscriptions());
      if ('error' in page) return sendManagementError(reply, 'ValidationError', page.error);
      return {
        value: page.items.map((s) => subscriptionContract(s, { withKeys: false })),
        count: page.count,
        nextLink: page.nextLink,
      };
    });
    scope.get<{ Params: SidParams }>('/subscriptions/:sid', async (request, reply) => {
      const subscription = core.getSubscription(request.params.sid);
      if (!subscription)
        return sendManagementError(
          reply,
          'ResourceNotFound',
          `Subscription "${request.params.sid}" not found.`,
        );
      return sendSubscription(reply, subscription);
    });
    scope.put<{ Params: SidParams }>('/subscriptions/:sid', async (request, reply) => {
      const existed = core.getSubscription(request.params.sid) !== undefined;
      const subscription = await core.putSubscription(
        request.params.sid,
        propertiesOf(request.body),
      );
      return sendSubscription(reply, subscription, existed ? 200 : 201);
    });
    scope.patch<{ Params: SidParams }>('/subscriptions/:sid', async (request, reply) => {
      const subscription = await core.updateSubscription(
        request.params.sid,
        propertiesOf(request.body),
      );
      return sendSubscription(reply, subscription);
    });
    scope.delete<{ Params: SidParams }>('/subscriptions/:sid', async (request, reply) => {
      // ARM: 200 when something was deleted, 204 when there was nothing to delete.
      if (!core.getSubscription(request.params.sid)) return reply.code(204).send();
      await core.deleteSubscription(request.params.sid);
      return reply.code(200).send();
    });
    scope.post<{ Params: SidParams }>('/subscriptions/:sid/listSecrets', async (request, reply) => {
      const subscription = core.getSubscription(request.params.sid);
      if (!subscription)
        return sendManagementError(
          reply,
          'ResourceNotFound',
          `Subscription "${request.params.sid}" not found.`,
        );
      return reply
        .header('ETag', subscriptionEtag(subscription))
        .send({ primaryKey: subscription.primaryKey, secondaryKey: subscription.secondaryKey });
    });
    for (const which of ['primary', 'secondary'] as const) {
      const name = which === 'primary' ? 'regeneratePrimaryKey' : 'regenerateSecondaryKey';
      scope.post<{ Params: SidParams }>(`/subscriptions/:sid/${name}`, async (request, reply) => {
        await core.regenerateKey(request.params.sid, which);
        return reply.code(204).send();
      });
    }
  };
  for (const prefix of MANAGEMENT_PREFIXES) await app.register(routes, { prefix });
}
