import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { BatchJobService } from '../core/job-runner';
import { ServiceError, echo } from '../core/errors';
import { scoreRequest, scoreRequestAsRecords } from '../core/score';

export const DEMO_WORKSPACE = 'demo-workspace';
export const DEMO_SERVICE = 'simple-feature-hashing';
export const API_VERSION = '2.0';

interface ServiceParams {
  workspace: string;
  service: string;
}
interface JobParams extends ServiceParams {
  jobid: string;
}
type ServiceRequest = FastifyRequest<{
  Params: ServiceParams;
  Querystring: Record<string, string | string[] | undefined>;
}>;

/** `Authorization: Bearer <key>`, compared in constant time. */
export function checkBearer(header: string | undefined, apiKey: string): void {
  const match = /^Bearer\s+(.+)$/i.exec(header?.trim() ?? '');
  const given = Buffer.from(match?.[1]?.trim() ?? '');
  const expected = Buffer.from(apiKey);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
    throw new ServiceError(
      'Unauthorized',
      'ScoreRequestUnauthorized',
      'Invalid credentials provided.',
    );
  }
}

function checkServiceRequest(request: ServiceRequest, apiKey: string): void {
  const { workspace, service } = request.params;
  if (workspace !== DEMO_WORKSPACE) {
    throw new ServiceError(
      'NotFound',
      'WorkspaceNotFound',
      `Workspace '${echo(workspace)}' was not found. The demo workspace is '${DEMO_WORKSPACE}'.`,
    );
  }
  if (service !== DEMO_SERVICE) {
    throw new ServiceError(
      'NotFound',
      'WebServiceNotFound',
      `Web service '${echo(service)}' was not found in workspace '${echo(workspace)}'. The demo service is '${DEMO_SERVICE}'.`,
    );
  }
  checkBearer(request.headers.authorization, apiKey);
  const version = request.query['api-version'];
  if (version === undefined) {
    throw new ServiceError(
      'BadArgument',
      'MissingApiVersion',
      `The query parameter 'api-version' is required; this service supports api-version=${API_VERSION}.`,
    );
  }
  if (version !== API_VERSION) {
    throw new ServiceError(
      'BadArgument',
      'InvalidApiVersion',
      `api-version '${echo(String(version))}' is not supported; use api-version=${API_VERSION}.`,
    );
  }
}

function jsonReply(reply: FastifyReply, value: unknown): FastifyReply {
  return reply.code(200).type('application/json; charset=utf-8').send(JSON.stringify(value));
}

export function registerAzureMlRoutes(
  app: FastifyInstance,
  options: { apiKey: string; batch: BatchJobService },
): void {
  const base = '/workspaces/:workspace/services/:service';
  // onRequest, before the body is read: a caller without the key never gets it parsed.
  const guard = async (request: FastifyRequest): Promise<void> =>
    checkServiceRequest(request as ServiceRequest, options.apiKey);

  app.post(`${base}/execute`, { onRequest: guard }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const includeColumnTypes = lowerCase(query.details) === 'true';
    const swagger = lowerCase(query.format) === 'swagger';
    if (request.body === undefined)
      throw emptyBody(
        '{"Inputs": {"input1": {"ColumnNames": ["Col2"], "Values": [["This is a good day"]]}}, "GlobalParameters": {}}',
      );
    return jsonReply(
      reply,
      swagger
        ? scoreRequestAsRecords(request.body)
        : scoreRequest(request.body, { includeColumnTypes }),
    );
  });

  app.post(`${base}/jobs`, { onRequest: guard }, async (request, reply) => {
    if (request.body === undefined)
      throw emptyBody(
        '{"Inputs": {"input1": {...}}, "Outputs": {"output1": {...}}, "GlobalParameters": {}}',
      );
    return jsonReply(reply, await options.batch.submit(request.body));
  });

  app.post(`${base}/jobs/:jobid/start`, { onRequest: guard }, async (request, reply) => {
    await options.batch.start((request.params as JobParams).jobid);
    return reply.code(200).send();
  });

  app.get(`${base}/jobs/:jobid`, { onRequest: guard }, async (request, reply) =>
    jsonReply(reply, await options.batch.status((request.params as JobParams).jobid)),
  );

  app.delete(`${base}/jobs/:jobid`, { onRequest: guard }, async (request, reply) => {
    await options.batch.cancelOrDelete((request.params as JobParams).jobid);
    return reply.code(200).send();
  });
}

/** A query flag's value for comparing; a flag repeated (an array) matches nothing. */
function lowerCase(value: unknown): string {
  return typeof value === 'string' ? value.toLowerCase() : '';
}

function emptyBody(example: string): ServiceError {
  return new ServiceError(
    'BadArgument',
    'RequestBodyInvalid',
    `The request body is empty. Send a JSON body such as ${example}.`,
  );
}

export const OPERATIONS_HELP = [
  'POST /workspaces/{workspace}/services/{service}/execute?api-version=2.0&details=true',
  'POST /workspaces/{workspace}/services/{service}/jobs?api-version=2.0',
  'POST /workspaces/{workspace}/services/{service}/jobs/{jobid}/start?api-version=2.0',
  'GET /workspaces/{workspace}/services/{service}/jobs/{jobid}?api-version=2.0',
  'DELETE /workspaces/{workspace}/services/{service}/jobs/{jobid}?api-version=2.0',
];
