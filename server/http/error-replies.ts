import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { redactSecrets } from '../core/blob-refs';
import { ServiceError } from '../core/errors';

/**
 * Maps every error, fastify's own included (body too large, bad content length, bad URL), to the
 * Azure ML error shape, so a client never sees a body it cannot parse. Bad input is never a 500.
 */
export function toServiceError(error: unknown, bodyLimitBytes: number): ServiceError {
  if (error instanceof ServiceError) return error;
  const name = (error as { name?: unknown } | null)?.name;
  // RestError: storage answered with an error; AbortError: it did not answer in time.
  if (name === 'RestError' || name === 'AbortError') {
    // The service's own storage failed (jobs live there): a temporary outage, not a bug.
    return new ServiceError(
      'ServiceUnavailable',
      'StorageUnavailable',
      'The demo service could not reach its storage to keep job state. Is Azurite running? Try again in a moment.',
    );
  }
  const fastifyError = error as Partial<FastifyError>;
  const status = typeof fastifyError.statusCode === 'number' ? fastifyError.statusCode : 500;
  const message =
    typeof fastifyError.message === 'string' ? fastifyError.message : 'Unknown error.';
  if (fastifyError.code === 'FST_ERR_CTP_BODY_TOO_LARGE' || status === 413) {
    return new ServiceError(
      'MemoryQuotaViolation',
      'RequestBodyTooLarge',
      `The request body is larger than this service's limit of ${formatBytes(bodyLimitBytes)}. Send fewer rows per call, or use a batch job for large inputs.`,
    );
  }
  if (status === 408) return new ServiceError('RequestTimeout', 'RequestTimeout', message);
  if (status >= 400 && status < 500) {
    return new ServiceError(
      'BadArgument',
      'RequestBodyInvalid',
      `The request could not be read: ${message}`,
    );
  }
  return new ServiceError(
    'InternalError',
    'InternalError',
    'The demo service failed to handle the request. See its console output for the cause.',
  );
}

export function sendServiceError(reply: FastifyReply, error: ServiceError): FastifyReply {
  if (error.status === 401) reply.header('WWW-Authenticate', 'Bearer');
  // A storage outage is usually brief (Azurite restarting): tell pollers when to come back.
  if (error.status === 503) reply.header('Retry-After', '5');
  return reply.code(error.status).type('application/json; charset=utf-8').send(error.toBody());
}

export function errorHandler(bodyLimitBytes: number, log: (message: string) => void) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const mapped = toServiceError(error, bodyLimitBytes);
    if (mapped.status >= 500)
      log(`${request.method} ${request.url.split('?')[0]}: ${redactSecrets(String(error))}`);
    return sendServiceError(reply, mapped);
  };
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB (${bytes} bytes)`
    : `${bytes} bytes`;
}
