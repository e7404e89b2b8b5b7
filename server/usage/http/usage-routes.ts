import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sendKeyRefused } from '../../gateway/http/apim-errors';
import type { GatewayRouteContext } from '../../gateway/http/create-gateway';
import { DEVELOPER_PREFIX } from '../../gateway/http/developer-routes';
import { SUBSCRIPTION_KEY_HEADER } from '../../gateway/http/proxy-routes';
import { adminOnly } from '../../gateway/management/admin-only';
import { ReportQueryError } from '../core/report-errors';
import { idMatches } from '../core/report-filter';
import { nextLink, parseReportKind, parseReportQuery } from '../core/report-query';
import { runReport } from '../core/usage-reports';
import type { UsageStore } from '../core/usage-store';

type ReportRequest = FastifyRequest<{ Params: { kind: string } }>;

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
  request: ReportRequest,
  reply: FastifyReply,
  context: GatewayRouteContext,
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
      return context.sendManagementError(reply, error.code, error.message, error.target);
    if (isStorageDown(error)) {
      request.log.warn({ err: error }, 'usage storage unavailable');
      return context.sendManagementError(
        reply,
        'ServiceUnavailable',
        'Usage storage is not answering; try again in a few seconds.',
        'storage',
      );
    }
    throw error;
  }
}

/**
 * APIM's reports API on the gateway's app: `/management/reports/*` (admin, under every
 * management prefix) and `/developer/reports/*` (a subscription key: that subscription only).
 */
export async function registerUsageRoutes(
  app: FastifyInstance,
  context: GatewayRouteContext,
  store: UsageStore,
): Promise<void> {
  const management = async (scope: FastifyInstance): Promise<void> => {
    adminOnly(scope, context.authenticateAdmin);
    scope.get('/reports/:kind', (request: ReportRequest, reply) =>
      answerReport(request, reply, context, store, undefined),
    );
  };
  for (const prefix of context.managementPrefixes) await app.register(management, { prefix });

  app.get(`${DEVELOPER_PREFIX}/reports/:kind`, async (request: ReportRequest, reply) => {
    const header = request.headers[SUBSCRIPTION_KEY_HEADER];
    const key = Array.isArray(header) ? header[0] : header;
    const realm = `http://${request.headers.host}${DEVELOPER_PREFIX}`;
    if (key === undefined || key === '') return sendKeyRefused(reply, realm, 'missing');
    const subscription = context.subscriptionForKey(key);
    if (subscription?.state !== 'active') return sendKeyRefused(reply, realm, 'invalid');
    return answerReport(request, reply, context, store, `/subscriptions/${subscription.name}`);
  });
}
