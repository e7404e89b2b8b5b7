import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { armList, subscriptionContract } from '../management/arm-contracts';
import { apiContract, catalogProductContract } from '../management/catalog-contracts';
import { notFound } from '../management/catalog-http';
import { CallerThrottle } from '../core/caller-throttle';
import type { GatewayCore } from '../core/gateway-core';
import type { Subscription } from '../core/subscriptions';
import { sendKeyRefused, sendManagementError } from './apim-errors';
import { SUBSCRIPTION_KEY_HEADER } from './proxy-routes';

export const DEVELOPER_PREFIX = '/developer';
/** New self-service subscriptions one caller may create in a minute. */
export const SUBSCRIBE_LIMIT = 10;

interface SidParams {
  sid: string;
}

/**
 * Self-service, the local stand-in for APIM's developer sign-up: no admin key. Whoever holds a
 * key of a subscription may read it and regenerate its keys, so the browser never needs the
 * admin key.
 */
export async function registerDeveloperRoutes(
  app: FastifyInstance,
  options: { core: GatewayCore },
): Promise<void> {
  const { core } = options;
  const throttle = new CallerThrottle(SUBSCRIBE_LIMIT, 60_000, core.clock);

  /**
   * The subscription `sid` if the request carries one of its keys, else undefined (and a 401
   * sent). `reading` also lets a pending subscription's key read its state.
   */
  function holder(
    request: FastifyRequest<{ Params: SidParams }>,
    reply: FastifyReply,
    reading = false,
  ): Subscription | undefined {
    const header = request.headers[SUBSCRIPTION_KEY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    const subscription = key ? core.subscriptionForKey(key) : undefined;
    // Only an active subscription's key changes anything: a suspended or cancelled key must not
    // mint itself a fresh one. Waiting for approval, a key may see that it is waiting.
    const opens =
      subscription?.state === 'active' || (reading && subscription?.state === 'submitted');
    if (opens && subscription?.sid === request.params.sid) return subscription;
    void sendKeyRefused(reply, `http://${request.headers.host}${DEVELOPER_PREFIX}`, 'invalid');
    return undefined;
  }

  await app.register(
    async (scope) => {
      // What a developer portal offers: the published products.
      scope.get('/products', async () =>
        armList(
          core.catalog
            .products()
            .filter((p) => p.properties.state === 'published')
            .map((p) => catalogProductContract(p, core.catalog)),
        ),
      );

      // Which APIs a product opens, for the products page: the admin list without the admin
      // key, so an unpublished product answers as an unknown one does.
      scope.get<{ Params: { productId: string } }>(
        '/products/:productId/apis',
        async (request, reply) => {
          const { productId } = request.params;
          const product = core.catalog.product(productId);
          if (product?.properties.state !== 'published')
            return notFound(reply, `The product "${productId}" was not found.`);
          return armList(
            core.catalog.productApis(productId).flatMap((id) => {
              const api = core.catalog.api(id);
              return api ? [apiContract(api)] : [];
            }),
          );
        },
      );

      scope.post('/subscriptions', async (request, reply) => {
        const turn = throttle.take(request.ip);
        if (!turn.allowed) {
          reply.header('Retry-After', String(turn.retryAfterSeconds));
          return sendManagementError(
            reply,
            'TooManyRequests',
            `Too many new subscriptions from this address: at most ${SUBSCRIBE_LIMIT} a minute. Try again in ${turn.retryAfterSeconds} s.`,
          );
        }
        const body = request.body;
        if (typeof body !== 'object' || body === null || Array.isArray(body))
          return sendManagementError(
            reply,
            'ValidationError',
            'Send a JSON object: { "productId": "starter" | "unlimited", "displayName": "..." }.',
          );
        const { productId, displayName } = body as { productId?: unknown; displayName?: unknown };
        const subscription = await core.subscribe(productId, displayName);
        return reply.code(201).send(subscriptionContract(subscription, { withKeys: true }));
      });

      scope.get<{ Params: SidParams }>('/subscriptions/:sid', async (request, reply) => {
        const subscription = holder(request, reply, true);
        if (!subscription) return reply;
        return subscriptionContract(subscription, { withKeys: true });
      });

      for (const which of ['primary', 'secondary'] as const) {
        const name = which === 'primary' ? 'regeneratePrimaryKey' : 'regenerateSecondaryKey';
        scope.post<{ Params: SidParams }>(`/subscriptions/:sid/${name}`, async (request, reply) => {
          const subscription = holder(request, reply);
          if (!subscription) return reply;
          const renewed = await core.regenerateKey(subscription.sid, which);
          return subscriptionContract(renewed, { withKeys: true });
        });
      }
    },
    { prefix: DEVELOPER_PREFIX },
  );
}
