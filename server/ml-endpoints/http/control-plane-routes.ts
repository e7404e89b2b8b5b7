import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { GatewayRouteContext } from '../../gateway/http/create-gateway';
import { jsonBodyParser } from '../../http/fastify-edges';
import type { OnlineEndpointServer } from './create-online-endpoint';

/** Where an online endpoint lives in ARM, below the stack's management root. */
export const ONLINE_ENDPOINTS_PREFIX =
  '/management/subscriptions/:sub/resourceGroups/:rg/providers/Microsoft.MachineLearningServices/workspaces/:ws/onlineEndpoints';
/** An operation is kept this long for its status to be read. */
const OPERATION_MS = 60 * 60_000;

interface EndpointParams {
  sub: string;
  rg: string;
  ws: string;
  ep: string;
}

/**
 * The control-plane calls a client makes to get credentials (ARM shapes, the admin key as the
 * `management.azure.com` token): GET the endpoint, listKeys, token, regenerateKeys.
 */
export async function registerOnlineEndpointControlPlane(
  parent: FastifyInstance,
  ctx: Pick<GatewayRouteContext, 'authenticateAdmin' | 'sendManagementError'>,
  endpoints: readonly OnlineEndpointServer[],
): Promise<void> {
  await parent.register(async (app) => controlPlaneRoutes(app, ctx, endpoints));
}

function controlPlaneRoutes(
  app: FastifyInstance,
  ctx: Pick<GatewayRouteContext, 'authenticateAdmin' | 'sendManagementError'>,
  endpoints: readonly OnlineEndpointServer[],
): void {
  // ARM's actions are POSTs with empty bodies, often still labelled application/json.
  app.removeContentTypeParser('application/json');
  app.addContentTypeParser(
    'application/json',
    { parseAs: 'string' },
    jsonBodyParser((reason) =>
      Object.assign(new Error(`The request body is not valid JSON: ${reason}`), {
        statusCode: 400,
      }),
    ),
  );
  const operations = new Map<string, { id: string; startTime: string; endTime: string }>();

  const find = (
    request: FastifyRequest<{ Params: EndpointParams }>,
    reply: FastifyReply,
  ): OnlineEndpointServer | undefined => {
    if (!ctx.authenticateAdmin(request)) {
      void ctx.sendManagementError(
        reply,
        'Unauthorized',
        "Send Authorization: Bearer <APIM_ADMIN_KEY>, the stack's stand-in for a management.azure.com token.",
      );
      return undefined;
    }
    const endpoint = endpoints.find(
      (e) => e.model.name.toLowerCase() === request.params.ep.toLowerCase(),
    );
    if (!endpoint)
      void ctx.sendManagementError(
        reply,
        'ResourceNotFound',
        `The online endpoint '${request.params.ep.slice(0, 64)}' was not found. This stack has: ${endpoints.map((e) => e.model.name).join(', ')}.`,
      );
    return endpoint;
  };
  const armId = (p: EndpointParams, name: string): string =>
    `/subscriptions/${p.sub}/resourceGroups/${p.rg}/providers/Microsoft.MachineLearningServices/workspaces/${p.ws}/onlineEndpoints/${name}`;

  app.get<{ Params: EndpointParams }>(`${ONLINE_ENDPOINTS_PREFIX}/:ep`, async (request, reply) => {
    const endpoint = find(request, reply);
    if (!endpoint) return reply;
    const base = endpoint.url();
    return reply.send({
      id: armId(request.params, endpoint.model.name),
      name: endpoint.model.name,
      type: 'Microsoft.MachineLearningServices/workspaces/onlineEndpoints',
      location: 'local',
      kind: 'Managed',
      identity: { type: 'None' },
      properties: {
        description: endpoint.model.description.description,
        authMode: 'Key',
        scoringUri: `${base}/score`,
        swaggerUri: `${base}/swagger.json`,
        traffic: endpoint.model.traffic,
        mirrorTraffic: {},
        provisioningState: 'Succeeded',
        keys: null,
      },
    });
  });

  for (const action of ['listKeys', 'listkeys'])
    app.post<{ Params: EndpointParams }>(
      `${ONLINE_ENDPOINTS_PREFIX}/:ep/${action}`,
      async (request, reply) => {
        const endpoint = find(request, reply);
        if (!endpoint) return reply;
        return reply.send(endpoint.credentials.keys());
      },
    );

  app.post<{ Params: EndpointParams }>(
    `${ONLINE_ENDPOINTS_PREFIX}/:ep/token`,
    async (request, reply) => {
      const endpoint = find(request, reply);
      if (!endpoint) return reply;
      return reply.send(endpoint.credentials.issueToken());
    },
  );

  for (const action of ['regenerateKeys', 'regeneratekeys'])
    app.post<{ Params: EndpointParams; Body: unknown }>(
      `${ONLINE_ENDPOINTS_PREFIX}/:ep/${action}`,
      async (request, reply) => {
        const endpoint = find(request, reply);
        if (!endpoint) return reply;
        const body = (request.body ?? {}) as { keyType?: unknown; keyValue?: unknown };
        if (body.keyType !== 'Primary' && body.keyType !== 'Secondary')
          return ctx.sendManagementError(
            reply,
            'ValidationError',
            'keyType must be "Primary" or "Secondary", e.g. {"keyType": "Primary"}.',
            'keyType',
          );
        if (
          body.keyValue !== undefined &&
          (typeof body.keyValue !== 'string' ||
            body.keyValue.length < 16 ||
            /\s/.test(body.keyValue))
        )
          return ctx.sendManagementError(
            reply,
            'ValidationError',
            'keyValue, when given, must be a string of at least 16 characters without spaces.',
            'keyValue',
          );
        const started = new Date().toISOString();
        // Stored in Azurite before the 202: the operation is already done when it is accepted.
        await endpoint.credentials.regenerate(body.keyType, body.keyValue);
        const id = randomUUID();
        operations.set(id, { id, startTime: started, endTime: new Date().toISOString() });
        setTimeout(() => operations.delete(id), OPERATION_MS).unref();
        const base = `${request.protocol}://${request.headers.host ?? ''}`;
        const status = `${base}/management/subscriptions/${request.params.sub}/resourceGroups/${request.params.rg}/providers/Microsoft.MachineLearningServices/workspaces/${request.params.ws}/operationResults/${id}`;
        return reply
          .code(202)
          .header('Location', status)
          .header('Azure-AsyncOperation', status)
          .header('Retry-After', '0')
          .send();
      },
    );

  app.get<{ Params: Omit<EndpointParams, 'ep'> & { id: string } }>(
    '/management/subscriptions/:sub/resourceGroups/:rg/providers/Microsoft.MachineLearningServices/workspaces/:ws/operationResults/:id',
    async (request, reply) => {
      if (!ctx.authenticateAdmin(request))
        return ctx.sendManagementError(
          reply,
          'Unauthorized',
          'Send Authorization: Bearer <APIM_ADMIN_KEY>.',
        );
      const operation = operations.get(request.params.id);
      if (!operation)
        return ctx.sendManagementError(
          reply,
          'ResourceNotFound',
          'No such operation: its status is kept for an hour, and not across a restart.',
        );
      return reply.send({ ...operation, name: operation.id, status: 'Succeeded' });
    },
  );
}
