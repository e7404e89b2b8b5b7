import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReportQueryError, managementErrorBody } from './report-errors';
import { idMatches } from './report-filter';
import { nextLink, parseReportKind, parseReportQuery } from './report-query';
import { runReport } from './usage-reports';
import type { UsageStore } from './usage-store';

/** What the gateway tells the usage routes about who is calling (see the APIM contract). */
export interface UsageRouteContext {
  authenticateAdmin(request: FastifyRequest): boolean;
  subscriptionForKey(key: string): { name: string; scope: string; state: string } | undefined;
  /** Where management routes live (`/management` and the full ARM path below it). */
  managementPrefixes?: readonly string[];
}

const ARM_SERVICE_ROOT =
  '/management/subscriptions/:azureSubscription/resourceGroups/:resourceGroup/providers/Microsoft.ApiManagement/service/:serviceName';

const MISSING_KEY =
  'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
const INVALID_KEY =
  'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';

function requestUrl(request: FastifyRequest): URL {
  return new URL(request.url, `${request.protocol}://${request.headers.host ?? '127.0.0.1'}`);
}

function isStorageDown(error: unknown): boolean {
  const e = error as { code?: string; statusCode?: number; name?: string };
  return (
    e.name === 'RestError' &&
    (e.statusCode === undefined || e.statusCode >= 500 || e.code === 'ECONNREFUSED')
  );
}

async function answerReport(
  request: FastifyRequest<{ Params: { kind: string } }>,
  reply: FastifyReply,
  store: UsageStore,
  subscriptionPath: string | undefined,
): Promise<unknown> {
  try {
    const kind = parseReportKind(request.params.kind);
    const url = requestUrl(request);
    const query = parseReportQuery(kind, Object.fromEntries(url.searchParams));
    if (subscriptionPath !== undefined) {
      // A holder of a key sees that subscription only: another subscription's id in the
      // filter matches nothing rather than widening the report.
      const asked = query.filter.ids.subscriptionId;
      const other = asked !== undefined && !idMatches(asked, subscriptionPath);
      if (other) return reply.send({ value: [], count: 0, nextLink: null });
      query.filter.ids.subscriptionId = { path: subscriptionPath };
    }
    const page = await runReport(store, kind, query);
    return reply.send({
      value: page.value,
      count: page.count,
      nextLink: nextLink(url, query, page.hasMore),
    });
  } catch (error) {
    if (error instanceof ReportQueryError)
      return reply.code(error.status).send(managementErrorBody(error));
    if (isStorageDown(error)) {
      request.log.warn({ err: error }, 'usage storage unavailable');
      return reply
        .code(503)
        .header('Retry-After', '5')
        .send(
          managementErrorBody(
            new ReportQueryError(
              'Usage storage is not answering; try again in a few seconds.',
              'storage',
              503,
              'ServiceUnavailable',
            ),
          ),
        );
    }
    throw error;
  }
}

/**
 * APIM's reports API on the gateway's app: `/management/reports/*` (admin, also at the full
 * Azure Resource Manager path) and `/developer/reports/*` (a subscription key: that
 * subscription only).
 */
export function registerUsageRoutes(
  app: FastifyInstance,
  context: UsageRouteContext,
  store: UsageStore,
): void {
  const management = async (
    request: FastifyRequest<{ Params: { kind: string } }>,
    reply: FastifyReply,
  ) => {
    if (!context.authenticateAdmin(request)) {
      return reply
        .code(401)
        .send(
          managementErrorBody(
            new ReportQueryError(
              'The reports API needs the header "Authorization: Bearer <APIM_ADMIN_KEY>" (printed in the demo stack banner).',
              'Authorization',
              401,
              'Unauthorized',
            ),
          ),
        );
    }
    return answerReport(request, reply, store, undefined);
  };
  for (const prefix of context.managementPrefixes ?? ['/management', ARM_SERVICE_ROOT])
    app.get(`${prefix}/reports/:kind`, management);

  app.get(
    '/developer/reports/:kind',
    async (request: FastifyRequest<{ Params: { kind: string } }>, reply: FastifyReply) => {
      const header = request.headers['ocp-apim-subscription-key'];
      const key = Array.isArray(header) ? header[0] : header;
      if (key === undefined || key === '')
        return reply.code(401).send({ statusCode: 401, message: MISSING_KEY });
      const subscription = context.subscriptionForKey(key);
      if (subscription?.state !== 'active')
        return reply.code(401).send({ statusCode: 401, message: INVALID_KEY });
      return answerReport(request, reply, store, `/subscriptions/${subscription.name}`);
    },
  );
}
