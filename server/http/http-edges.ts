import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { ServiceError, echo } from '../core/errors';

/** Env var of the dev stack: more `Host` names the service answers to (e.g. a tunnel's). */
export const PUBLIC_HOSTS_VARIABLE = 'DEMO_PUBLIC_HOSTS';

/**
 * Limits on how a client may send a request. A client that trickles bytes would otherwise hold
 * a connection (and the memory of its half-read body) for as long as it likes.
 */
export interface HttpTimeouts {
  /** The whole request, headers and body, must arrive within this (default 25 s). */
  requestMs: number;
  /** The headers must arrive within this (default 10 s; at most requestMs). */
  headersMs: number;
  /** A connection with no traffic either way is closed after this (default 30 s). */
  idleMs: number;
  /** How often Node checks the two limits above (default 1 s), so they hold to about that. */
  checkIntervalMs: number;
}

export const DEFAULT_HTTP_TIMEOUTS: HttpTimeouts = {
  requestMs: 25_000,
  headersMs: 10_000,
  idleMs: 30_000,
  checkIntervalMs: 1_000,
};

/** `Host` values the service answers to when it listens on `host:port`. */
export function allowedHostValues(
  listenHost: string,
  port: number,
  publicHosts: readonly string[],
): string[] {
  const hosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]);
  if (listenHost !== '0.0.0.0' && listenHost !== '::') {
    hosts.add(`${listenHost.includes(':') ? `[${listenHost}]` : listenHost}:${port}`);
  }
  for (const name of publicHosts) {
    const trimmed = name.trim().toLowerCase();
    if (trimmed === '') continue;
    // A bare name means the name on the service's port; `name:port` is taken as given.
    hosts.add(/:\d+$/.test(trimmed) ? trimmed : `${trimmed}:${port}`);
  }
  return [...hosts];
}

/**
 * A page that rebinds its own domain to 127.0.0.1 reaches the service with its own name in
 * `Host`; refusing unknown names keeps such a page from driving the service.
 */
export function checkHost(host: string | undefined, allowed: readonly string[]): void {
  const given = (host ?? '').trim().toLowerCase();
  if (allowed.includes(given)) return;
  throw new ServiceError(
    'BadArgument',
    'InvalidHostHeader',
    `The Host header ${given === '' ? 'is missing' : `'${echo(given)}' is not an address of this service`}. It answers to ${allowed.join(', ')}; to reach it under another name, start it with ${PUBLIC_HOSTS_VARIABLE}=<name>.`,
  );
}

/** A preflight needs Origin and Access-Control-Request-Method; answered in the service's shape. */
export function checkPreflight(headers: Record<string, unknown>): void {
  if (headers.origin && headers['access-control-request-method']) return;
  throw new ServiceError(
    'BadArgument',
    'InvalidPreflightRequest',
    'An OPTIONS request is a CORS preflight: it needs an Origin and an Access-Control-Request-Method header. Send the request itself (GET, POST or DELETE) instead.',
  );
}

/** What Node's HTTP parser (or its timeouts) found wrong with a request, as a service error. */
export function clientErrorToServiceError(
  code: string | undefined,
  timeouts: HttpTimeouts,
): ServiceError {
  switch (code) {
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return new ServiceError(
        'RequestTimeout',
        'RequestTimeout',
        `The request did not arrive in time: this service waits ${formatSeconds(timeouts.headersMs)} for the headers and ${formatSeconds(timeouts.requestMs)} for the whole request.`,
      );
    case 'HPE_HEADER_OVERFLOW':
      return new ServiceError(
        'BadArgument',
        'RequestHeadersTooLarge',
        'The request line and headers are larger than this service accepts (16 KB). Send a shorter URL or fewer or smaller headers.',
        431,
      );
    case 'HPE_INVALID_CONTENT_LENGTH':
    case 'HPE_UNEXPECTED_CONTENT_LENGTH':
      return badRequest(
        'Content-Length must be one whole number of bytes, sent once and not together with Transfer-Encoding.',
      );
    case 'HPE_INVALID_CHUNK_SIZE':
    case 'HPE_INVALID_TRANSFER_ENCODING':
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return badRequest('The chunked body is malformed: each chunk needs a hexadecimal size line.');
    case 'HPE_INVALID_METHOD':
    case 'HPE_INVALID_URL':
    case 'HPE_INVALID_VERSION':
    case 'HPE_INVALID_CONSTANT':
      return badRequest('The request line is malformed; it must read "METHOD /path HTTP/1.1".');
    case 'HPE_INVALID_HEADER_TOKEN':
      return badRequest('A header line is malformed; each must read "Name: value".');
    default:
      return badRequest(`The request is not valid HTTP/1.1${code ? ` (${code})` : ''}.`);
  }
}

/** An answer written straight to a socket, outside any route: in the service's own error shape. */
export interface SocketAnswer {
  status: number;
  contentType: string;
  body: string;
  /** Written after Content-Length, e.g. the service's request id. */
  headers: Readonly<Record<string, string>>;
}

/** The demo service's shape: `{"error": …}` with a fresh x-ms-request-id. */
export function serviceErrorAnswer(error: ServiceError): SocketAnswer {
  return {
    status: error.status,
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(error.toBody()),
    headers: { 'x-ms-request-id': randomUUID() },
  };
}

/**
 * Node's `clientError`: the request could not be parsed or did not arrive in time, so no route
 * will answer it. The answer is written straight to the socket, in the shape `answer` gives the
 * error, and the connection closed (what follows on it cannot be trusted to be a request).
 */
export function writeClientError(
  error: NodeJS.ErrnoException,
  socket: Socket,
  timeouts: HttpTimeouts,
  answer: (error: ServiceError) => SocketAnswer = serviceErrorAnswer,
): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const inFlight = (socket as Socket & { _httpMessage?: ServerResponse | null })._httpMessage;
  if (socket.writable && !inFlight?.headersSent) {
    const { status, contentType, body, headers } = answer(
      clientErrorToServiceError(error.code, timeouts),
    );
    socket.write(
      [
        `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
        `Content-Type: ${contentType}`,
        `Content-Length: ${Buffer.byteLength(body)}`,
        ...Object.entries(headers).map(([name, value]) => `${name}: ${value}`),
        'Connection: close',
        '',
        body,
      ].join('\r\n'),
    );
  }
  socket.destroySoon();
}

function badRequest(message: string): ServiceError {
  return new ServiceError(
    'BadArgument',
    'RequestInvalid',
    `The request could not be read: ${message}`,
  );
}

function formatSeconds(ms: number): string {
  return ms % 1000 === 0 ? `${ms / 1000} s` : `${ms} ms`;
}
