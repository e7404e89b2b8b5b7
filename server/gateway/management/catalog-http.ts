import { adminOnly } from './admin-only';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CatalogError } from '../core/catalog';
import { GatewayStorageError } from '../core/gateway-core';
import { ImportError } from '../core/openapi-import';
import { PolicyValidationError } from '../policies/policy-engine';
import { sendManagementError } from '../http/apim-errors';
import type { ArmPage } from './catalog-contracts';
import { ODataError, parseFilter, type FilterFields } from './odata';
import { pageOf } from './paging';

/** Up to this much of a request body for the routes that take an inline API definition. */
export const IMPORT_BODY_LIMIT = 32 * 1024 * 1024;

export interface ErrorDetail {
  code: string;
  target: string;
  message: string;
}

/** A ValidationError with ARM's `details`, so that a client can point at the field or line. */
export function sendValidationError(
  reply: FastifyReply,
  message: string,
  details: ErrorDetail[],
): FastifyReply {
  return reply
    .code(400)
    .type('application/json; charset=utf-8')
    .send({ error: { code: 'ValidationError', message, details } });
}

function sendCaughtError(error: unknown, reply: FastifyReply): FastifyReply | undefined {
  if (error instanceof CatalogError) {
    if (error.code === 'ValidationError' && error.target)
      return sendValidationError(reply, error.message, [
        { code: 'ValidationError', target: error.target, message: error.message },
      ]);
    return sendManagementError(reply, error.code, error.message);
  }
  if (error instanceof ODataError || error instanceof ImportError) {
    const target = error.target ?? 'value';
    return sendValidationError(reply, error.message, [
      { code: 'ValidationError', target, message: error.message },
    ]);
  }
  if (error instanceof PolicyValidationError) {
    const { line, column, target } = error.details;
    const where =
      line !== undefined
        ? ` (line ${line}${column !== undefined ? `, column ${column}` : ''})`
        : '';
    return sendValidationError(reply, `The policy is not valid: ${error.message}${where}`, [
      {
        code: 'ValidationError',
        target: target ?? 'representation',
        message: `${error.message}${where}`,
      },
    ]);
  }
  if (error instanceof GatewayStorageError)
    return sendManagementError(
      reply,
      'ServiceUnavailable',
      'The gateway could not save the change to its storage (Azurite Table). Is Azurite running? Try again in a moment.',
    );
  const status = (error as { statusCode?: unknown }).statusCode;
  // A body over the limit is the gateway's to answer (413), as on its other routes.
  if (typeof status === 'number' && status >= 400 && status < 500 && status !== 413)
    return sendManagementError(
      reply,
      'ValidationError',
      `The request could not be read: ${(error as Error).message}`,
    );
  return undefined;
}

/**
 * What every catalog route scope shares: the admin check (401 in ARM's shape), ARM errors for
 * what the catalog, the importer and the policy engine refuse, and JSON bodies that may be empty
 * (ARM clients send none on PUT of a link or DELETE).
 */
export function prepareCatalogScope(
  scope: FastifyInstance,
  authenticateAdmin: (request: FastifyRequest) => boolean,
): void {
  adminOnly(scope, authenticateAdmin);
  scope.setErrorHandler((error, _request, reply) => {
    const sent = sendCaughtError(error, reply);
    // Anything else is the gateway's own failure: its error handler logs it and answers 500.
    if (!sent) throw error;
    return sent;
  });
  const json = scope.getDefaultJsonParser('error', 'error');
  scope.removeContentTypeParser('application/json');
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    const text = typeof body === 'string' ? body : body.toString('utf8');
    if (text.trim() === '') return done(null, undefined);
    void json(request, text, done);
  });
}

/** The first value of a query parameter (a repeated one arrives as an array). */
export function queryText(request: FastifyRequest, name: string): string | undefined {
  const query = request.query as Record<string, unknown> | undefined;
  const value = query?.[name];
  const first = Array.isArray(value) ? (value[0] as unknown) : value;
  return typeof first === 'string' ? first : undefined;
}

export function ifMatchOf(request: FastifyRequest): string | undefined {
  const value = request.headers['if-match'];
  return Array.isArray(value) ? value.join(',') : value;
}

/** `/management/.../apis?x=1` -> `/management/.../apis`. */
export function pathOf(request: FastifyRequest): string {
  const question = request.url.indexOf('?');
  return question < 0 ? request.url : request.url.slice(0, question);
}

/**
 * One page of `items` after `$filter`, paged as `$top` and `$skip` ask (`pageOf`): `count` is
 * every match, `nextLink` the next page's full URL, absent on the last page.
 */
export function listPage<T, R>(
  request: FastifyRequest,
  items: T[],
  fields: FilterFields<T>,
  contract: (item: T) => R,
): ArmPage<R> {
  const matches = items.filter(parseFilter(queryText(request, '$filter'), fields));
  const page = pageOf(request, matches);
  if ('error' in page)
    throw new ODataError(page.error, page.error.startsWith('$top') ? '$top' : '$skip');
  return { value: page.items.map(contract), count: page.count, nextLink: page.nextLink };
}

export function sendWithEtag(
  reply: FastifyReply,
  status: number,
  etag: string,
  body: unknown,
): FastifyReply {
  return reply.code(status).header('ETag', etag).send(body);
}

export function notFound(reply: FastifyReply, message: string): FastifyReply {
  return sendManagementError(reply, 'ResourceNotFound', message);
}
