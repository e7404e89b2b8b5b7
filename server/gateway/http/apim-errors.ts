import type { FastifyReply } from 'fastify';

/** The gateway's own answers, in APIM's shape `{ statusCode, message }`. */
export const MISSING_KEY_MESSAGE =
  'Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.';
export const INVALID_KEY_MESSAGE =
  'Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription.';

export function sendGatewayError(
  reply: FastifyReply,
  statusCode: number,
  message: string,
): FastifyReply {
  return reply
    .code(statusCode)
    .type('application/json; charset=utf-8')
    .send({ statusCode, message });
}

/** The 401 with APIM's WWW-Authenticate challenge for the API at `realm`. */
export function sendKeyRefused(
  reply: FastifyReply,
  realm: string,
  kind: 'missing' | 'invalid',
): FastifyReply {
  reply.header(
    'WWW-Authenticate',
    `AzureApiManagementKey realm="${realm}",name="Ocp-Apim-Subscription-Key",type="header"`,
  );
  return sendGatewayError(
    reply,
    401,
    kind === 'missing' ? MISSING_KEY_MESSAGE : INVALID_KEY_MESSAGE,
  );
}

export type ManagementErrorCode =
  | 'ValidationError'
  | 'ResourceNotFound'
  | 'Conflict'
  | 'PreconditionFailed'
  | 'Unauthorized'
  | 'MethodNotAllowed'
  | 'RequestEntityTooLarge'
  | 'TooManyRequests'
  | 'ServiceUnavailable'
  | 'InternalError';

const MANAGEMENT_STATUS: Record<ManagementErrorCode, number> = {
  ValidationError: 400,
  ResourceNotFound: 404,
  Conflict: 409,
  PreconditionFailed: 412,
  Unauthorized: 401,
  MethodNotAllowed: 405,
  RequestEntityTooLarge: 413,
  TooManyRequests: 429,
  ServiceUnavailable: 503,
  InternalError: 500,
};

/**
 * Errors of the management and developer endpoints, in ARM's shape; `target` names the
 * parameter at fault (in `details`), as ARM does for a validation error.
 */
export function sendManagementError(
  reply: FastifyReply,
  code: ManagementErrorCode,
  message: string,
  target?: string,
): FastifyReply {
  if (code === 'Unauthorized') reply.header('WWW-Authenticate', 'Bearer');
  if (code === 'ServiceUnavailable') reply.header('Retry-After', '5');
  const details = target === undefined ? [] : [{ code, target, message }];
  return reply
    .code(MANAGEMENT_STATUS[code])
    .type('application/json; charset=utf-8')
    .send({ error: { code, message, details } });
}
