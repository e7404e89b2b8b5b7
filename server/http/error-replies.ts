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

/** How much of a refused body is read and thrown away so that its sender can read the 413. */
export const DISCARD_LIMIT_BYTES = 64 * 1024 * 1024;
/** How long a client may go on sending a body that was refused before the connection closes. */
const DISCARD_TIMEOUT_MS = 10_000;

export function errorHandler(bodyLimitBytes: number, log: (message: string) => void) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply): FastifyReply => {
    const mapped = toServiceError(error, bodyLimitBytes);
    if (mapped.status >= 500)
      log(`${request.method} ${request.url.split('?')[0]}: ${redactSecrets(String(error))}`);
    if (mapped.status === 413 && !request.raw.complete)
      return answerWhileDiscarding(request, reply, mapped);
    return sendServiceError(reply, mapped);
  };
}

/**
 * The 413 goes out at once, but the connection stays open while the rest of the body is read
 * and dropped (up to a bound and a time limit): closing while the client is still sending
 * resets the connection, and clients that send the whole body before they read (Python's
 * urllib, a proxy such as the gateway) would see a broken pipe instead of the answer.
 */
function answerWhileDiscarding(
  request: FastifyRequest,
  reply: FastifyReply,
  error: ServiceError,
): FastifyReply {
  const text = JSON.stringify(error.toBody());
  const headers: Record<string, string | number | string[]> = {};
  for (const [name, value] of Object.entries(reply.getHeaders()))
    if (value !== undefined) headers[name] = value;
  reply.hijack();
  const response = reply.raw;
  response.writeHead(error.status, {
    ...headers,
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    connection: 'close',
  });
  response.write(text);
  const body = request.raw;
  let read = 0;
  let finished = false;
  const finish = (): void => {
    if (finished) return;
    finished = true;
    clearTimeout(timer);
    body.off('data', onData);
    response.end();
  };
  const onData = (chunk: Buffer): void => {
    read += chunk.length;
    if (read > DISCARD_LIMIT_BYTES) finish();
  };
  const timer = setTimeout(finish, DISCARD_TIMEOUT_MS);
  timer.unref();
  body.on('data', onData);
  body.once('end', finish);
  body.once('close', finish);
  body.once('error', finish);
  body.resume();
  return reply;
}

function formatBytes(bytes: number): string {
  return bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB (${bytes} bytes)`
    : `${bytes} bytes`;
}
