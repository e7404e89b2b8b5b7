import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CatalogError, type StoredApi } from '../core/catalog';
import { propertiesOf } from '../core/catalog-validation';
import { exportOpenApi } from '../core/openapi-export';
import {
  importOpenApi,
  type ImportFormat,
  type ImportOptions,
  type ImportedApi,
} from '../core/openapi-import';
import { LOCAL_SERVICE_ID } from './arm-contracts';
import { apiContract } from './catalog-contracts';
import {
  IMPORT_BODY_LIMIT,
  ifMatchOf,
  listPage,
  notFound,
  pathOf,
  queryText,
  sendWithEtag,
} from './catalog-http';
import type { CatalogRoutesOptions } from './catalog-routes';
import type { FilterFields } from './odata';

/** More operations than this and a PUT with an import answers 202 and finishes in the background. */
export const ASYNC_IMPORT_THRESHOLD = 200;
/** How long the outcome of a background import can still be polled. */
const ASYNC_RESULT_TTL_MS = 10 * 60_000;
const DEFAULT_API_VERSION = '2022-08-01';

const INLINE_FORMATS: Record<string, ImportFormat> = {
  openapi: 'openapi',
  'openapi+json': 'openapi+json',
  'swagger-json': 'swagger-json',
};
const LINK_FORMATS: Record<string, ImportFormat> = {
  'openapi-link': 'openapi',
  'openapi+json-link': 'openapi+json',
  'swagger-link-json': 'swagger-json',
};
/** APIM's other import formats: known, refused with a clear message. */
const UNSUPPORTED_FORMATS = [
  'wadl-xml',
  'wadl-link-json',
  'wsdl',
  'wsdl-link',
  'graphql-link',
  'odata',
  'odata-link',
  'grpc',
  'grpc-link',
];

const EXPORT_FORMATS = {
  'openapi-link': {
    format: 'openapi',
    result: 'openapi-link',
    extension: 'openapi.yaml',
    contentType: 'application/yaml',
  },
  'openapi+json-link': {
    format: 'openapi+json',
    result: 'openapi+json-link',
    extension: 'openapi.json',
    contentType: 'application/json',
  },
  'swagger-link': {
    format: 'swagger',
    result: 'swagger-link-json',
    extension: 'swagger.json',
    contentType: 'application/json',
  },
} as const;

export const API_FILTER_FIELDS: FilterFields<StoredApi> = {
  name: { kind: 'text', get: (api) => api.id },
  displayName: { kind: 'text', get: (api) => api.properties.displayName },
  description: { kind: 'text', get: (api) => api.properties.description },
  serviceUrl: { kind: 'text', get: (api) => api.properties.serviceUrl },
  path: { kind: 'text', get: (api) => api.properties.path },
  isCurrent: { kind: 'boolean', get: (api) => api.properties.isCurrent },
};

type ImportJob =
  | { apiId: string; code: 200 | 201; state: 'running' }
  | { apiId: string; code: 200 | 201; state: 'succeeded' }
  | { apiId: string; code: 200 | 201; state: 'failed'; error: unknown };

interface ApiParams {
  apiId: string;
}

function validationError(target: string, message: string): CatalogError {
  return new CatalogError('ValidationError', message, target);
}

/** The document a PUT asks to import, converted; undefined when the body imports nothing. */
async function importedOf(
  properties: Record<string, unknown>,
  fetchImportLink: (url: URL) => Promise<string>,
): Promise<ImportedApi | undefined> {
  const format = properties.format;
  if (format === undefined || format === null) return undefined;
  if (typeof format !== 'string')
    throw validationError('properties.format', 'properties.format must be a string.');
  const value = properties.value;
  if (typeof value !== 'string' || value.trim() === '')
    throw validationError(
      'properties.value',
      `properties.value is required with properties.format "${format}".`,
    );
  const translate = properties.translateRequiredQueryParameters;
  const options: ImportOptions =
    translate === 'template' || translate === 'query'
      ? { translateRequiredQueryParameters: translate }
      : {};
  const inline = INLINE_FORMATS[format];
  if (inline) return importOpenApi(value, inline, options);
  const linked = LINK_FORMATS[format];
  if (linked) {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw validationError(
        'properties.value',
        `properties.value must be the document's absolute URL with format "${format}", not "${value}".`,
      );
    }
    let text: string;
    try {
      text = await fetchImportLink(url);
    } catch (error) {
      throw validationError(
        'properties.value',
        `The document at ${url.host} could not be imported: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return importOpenApi(text, linked, options);
  }
  if (UNSUPPORTED_FORMATS.includes(format))
    throw validationError(
      'properties.format',
      `properties.format "${format}" is not supported by the local gateway; use one of ${[...Object.keys(INLINE_FORMATS), ...Object.keys(LINK_FORMATS)].join(', ')}.`,
    );
  throw validationError(
    'properties.format',
    `properties.format "${format}" is not an import format; use one of ${[...Object.keys(INLINE_FORMATS), ...Object.keys(LINK_FORMATS)].join(', ')}.`,
  );
}

/** `/apis`, `/apis/{apiId}` (import, export and the poll of a background import). */
export function registerApiRoutes(
  scope: FastifyInstance,
  options: CatalogRoutesOptions,
  jobs: Map<string, ImportJob>,
): void {
  const { catalog } = options;

  const sendApi = (reply: FastifyReply, api: StoredApi, status: number): FastifyReply =>
    sendWithEtag(reply, status, api.etag, apiContract(api));

  /** Where a background import is polled: the API's own URL with ARM's asyncId and asyncCode. */
  const locationOf = (request: FastifyRequest, asyncId: string, code: number): string => {
    const apiVersion = queryText(request, 'api-version') ?? DEFAULT_API_VERSION;
    return `${options.gatewayUrl()}${pathOf(request)}?api-version=${encodeURIComponent(apiVersion)}&asyncId=${asyncId}&asyncCode=${code}`;
  };

  const missing = (reply: FastifyReply, apiId: string): FastifyReply =>
    notFound(reply, `The API "${apiId}" was not found.`);

  scope.get('/apis', async (request) =>
    listPage(request, catalog.apis(), API_FILTER_FIELDS, apiContract),
  );

  scope.head<{ Params: ApiParams }>('/apis/:apiId', async (request, reply) => {
    const api = catalog.api(request.params.apiId);
    if (!api) return reply.code(404).send();
    return reply.code(200).header('ETag', api.etag).send();
  });

  const exportApi = async (request: FastifyRequest<{ Params: ApiParams }>, reply: FastifyReply) => {
    const { apiId } = request.params;
    const format = queryText(request, 'format');
    if (queryText(request, 'export') !== 'true' || format === undefined)
      throw validationError(
        'format',
        'An export takes both format and export=true, e.g. ?format=openapi-link&export=true.',
      );
    const known = EXPORT_FORMATS[format as keyof typeof EXPORT_FORMATS] as
      (typeof EXPORT_FORMATS)[keyof typeof EXPORT_FORMATS] | undefined;
    if (!known)
      throw validationError(
        'format',
        `The export format "${format}" is not supported by the local gateway; use one of ${Object.keys(EXPORT_FORMATS).join(', ')}.`,
      );
    const api = catalog.api(apiId);
    if (!api) return missing(reply, apiId);
    const text = exportOpenApi(
      {
        apiId,
        properties: api.properties,
        operations: catalog.operations(apiId),
        schema: catalog.schema(apiId),
        gatewayUrl: options.gatewayUrl(),
      },
      known.format,
    );
    const link = await options.exportDocument(
      `${apiId}.${known.extension}`,
      text,
      known.contentType,
    );
    return reply.code(200).send({
      id: `${LOCAL_SERVICE_ID}/apis/${apiId}`,
      format: known.result,
      value: { link },
    });
  };

  const pollImport = (
    request: FastifyRequest<{ Params: ApiParams }>,
    reply: FastifyReply,
    asyncId: string,
  ) => {
    const job = jobs.get(asyncId);
    const { apiId } = request.params;
    if (!job || job.apiId !== apiId) return undefined;
    if (job.state === 'running')
      return reply
        .code(202)
        .header('Location', locationOf(request, asyncId, job.code))
        .header('Retry-After', '1')
        .send();
    if (job.state === 'failed') throw job.error;
    const api = catalog.api(apiId);
    return api ? sendApi(reply, api, job.code) : missing(reply, apiId);
  };

  scope.get<{ Params: ApiParams }>(
    '/apis/:apiId',
    { exposeHeadRoute: false },
    async (request, reply) => {
      if (queryText(request, 'export') !== undefined || queryText(request, 'format') !== undefined)
        return exportApi(request, reply);
      const asyncId = queryText(request, 'asyncId');
      const polled = asyncId === undefined ? undefined : pollImport(request, reply, asyncId);
      if (polled) return polled;
      const api = catalog.api(request.params.apiId);
      return api ? sendApi(reply, api, 200) : missing(reply, request.params.apiId);
    },
  );

  scope.put<{ Params: ApiParams }>(
    '/apis/:apiId',
    { bodyLimit: IMPORT_BODY_LIMIT },
    async (request, reply) => {
      const { apiId } = request.params;
      const properties = propertiesOf(request.body);
      const ifMatch = ifMatchOf(request);
      const imported = await importedOf(properties, options.fetchImportLink);
      if (!imported || imported.operations.length <= ASYNC_IMPORT_THRESHOLD) {
        const { api, created } = await catalog.putApi(apiId, properties, { ifMatch, imported });
        return sendApi(reply, api, created ? 201 : 200);
      }
      // What can be refused at once is refused at once; only the writing goes to the background.
      catalog.checkPutApi(apiId, properties, { ifMatch, imported });
      const asyncId = randomBytes(12).toString('hex');
      const code = catalog.api(apiId) ? 200 : 201;
      jobs.set(asyncId, { apiId, code, state: 'running' });
      const settle = (job: ImportJob): void => {
        jobs.set(asyncId, job);
        setTimeout(() => jobs.delete(asyncId), ASYNC_RESULT_TTL_MS).unref();
      };
      catalog.putApi(apiId, properties, { ifMatch, imported }).then(
        () => settle({ apiId, code, state: 'succeeded' }),
        (error: unknown) => settle({ apiId, code, state: 'failed', error }),
      );
      return reply
        .code(202)
        .header('Location', locationOf(request, asyncId, code))
        .send();
    },
  );

  scope.patch<{ Params: ApiParams }>('/apis/:apiId', async (request, reply) => {
    const api = await catalog.patchApi(request.params.apiId, propertiesOf(request.body), {
      ifMatch: ifMatchOf(request),
    });
    return sendApi(reply, api, 200);
  });

  scope.delete<{ Params: ApiParams }>('/apis/:apiId', async (request, reply) => {
    const { apiId } = request.params;
    // Keys scoped to the API would open a later API of the same id: they go with it.
    const subscriptions = options.apiSubscriptions?.(apiId) ?? [];
    const existed = await catalog.deleteApi(apiId, { ifMatch: ifMatchOf(request) });
    if (existed) for (const sid of subscriptions) await options.deleteSubscription(sid);
    return reply.code(existed ? 200 : 204).send();
  });
}

export type { ImportJob };
