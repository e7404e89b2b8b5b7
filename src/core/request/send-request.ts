import type { HttpRequest } from './http-request';
import { statusTextFor } from '../response/http-status-text';
import {
  isSensitiveHeaderName,
  looksLikeCredentialName,
  redactUrl,
  WELL_KNOWN_SECRET_QUERY,
} from './redact-request';
import { probeNoCors } from '../util/no-cors-probe';
import { HeaderError, SendError } from './send-error';
import { isEventStream, readEventStream, type StreamedEvent } from './read-event-stream';

export interface HttpResponse {
  status: number;
  statusText: string;
  /** As the browser exposes them (CORS hides headers the server does not expose). */
  headers: Array<[string, string]>;
  body: Uint8Array;
  contentType: string;
  /** From sending until the whole body was read. */
  durationMs: number;
  /** Bytes of the body as received (after content decoding). */
  size: number;
  /** Epoch ms when the whole body had arrived: Retry-After counts from here. */
  receivedAt: number;
  /** A `text/event-stream` answer read as it arrived (see SendOptions.onStreamEvent). */
  stream?: { events: number; firstEventMs?: number; stopped: boolean };
}

export interface SendOptions {
  signal?: AbortSignal;
  /** No limit when absent or 0. */
  timeoutMs?: number;
  fetchImpl?: typeof fetch;
  /** How long the CORS probe may take before the server counts as unreachable. */
  probeTimeoutMs?: number;
  /**
   * Follow redirects even when the request carries credentials. Off by default: the user
   * decides after seeing the redirect (a SendError of kind "redirect").
   */
  followRedirects?: boolean;
  /**
   * Called with each event of a `text/event-stream` answer as it arrives. Cancelling (the
   * signal) then stops the stream and resolves with what arrived, instead of rejecting.
   */
  onStreamEvent?: (event: StreamedEvent) => void;
}

/**
 * Whether the request carries a credential: a secret or credential-named header with a value,
 * or a secret or credential-named query parameter. Fetch forwards such headers (all but
 * Authorization, across origins) to wherever a redirect points, and a server may copy its query
 * into the Location; either way the user should see where the request is being sent.
 */
export function carriesCredentials(request: HttpRequest): boolean {
  if (request.headers.some((h) => h.value !== '' && (h.secret || isSensitiveHeaderName(h.name))))
    return true;
  const query = request.url.split('#')[0]?.split('?')[1];
  if (!query) return false;
  const named = new Set((request.secretQuery ?? []).map((n) => n.toLowerCase()));
  return [...new URLSearchParams(query)].some(
    ([name, value]) =>
      value !== '' && (named.has(name.toLowerCase()) || looksLikeCredentialName(name)),
  );
}

// Request headers a cross-origin request may carry without the server's permission.
const SAFELISTED = new Set(['accept', 'accept-language', 'content-language']);
const SIMPLE_CONTENT_TYPES =
  /^(application\/x-www-form-urlencoded|multipart\/form-data|text\/plain)\b/i;
// Fetch silently drops these; sending them would only hide that from the user.
const FORBIDDEN =
  /^(cookie|cookie2|host|content-length|connection|origin|referer|user-agent|accept-encoding)$|^(proxy-|sec-)/i;

function pageOrigin(): string | undefined {
  const origin = globalThis.location?.origin;
  return origin && origin !== 'null' ? origin : undefined;
}

/** Header names that make the browser ask the server first (a CORS preflight). */
export function preflightHeaderNames(request: HttpRequest): string[] {
  const names: string[] = [];
  for (const header of request.headers) {
    const lower = header.name.toLowerCase();
    if (SAFELISTED.has(lower) || FORBIDDEN.test(lower)) continue;
    if (lower === 'content-type' && SIMPLE_CONTENT_TYPES.test(header.value)) continue;
    if (!names.some((n) => n.toLowerCase() === lower)) names.push(header.name);
  }
  return names;
}

/**
 * Sends the request with fetch and reads the whole body as bytes. A request that gets no
 * response throws a SendError saying why: cancelled, timed out, blocked by CORS (the server
 * answered a no-cors probe) or unreachable.
 */
export async function sendRequest(
  request: HttpRequest,
  options: SendOptions = {},
): Promise<HttpResponse> {
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const shownUrl = redactUrl(request.url, [
    ...(request.secretQuery ?? []),
    ...WELL_KNOWN_SECRET_QUERY,
  ]);
  let parsed: URL;
  try {
    parsed = new URL(request.url);
  } catch (cause) {
    throw new SendError(
      'invalid-url',
      `"${shownUrl}" is not a valid URL`,
      "Check the environment's base URL in Settings: it must be an absolute http(s) URL.",
      cause,
    );
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new SendError(
      'invalid-url',
      `"${shownUrl}" is not an http(s) URL`,
      "Check the environment's base URL in Settings: it must start with https:// or http://.",
    );
  }
  if (options.signal?.aborted) throw cancelled();
  const headers = buildHeaders(request);

  const controller = new AbortController();
  let timedOut = false;
  const onCallerAbort = (): void => controller.abort(options.signal?.reason);
  options.signal?.addEventListener('abort', onCallerAbort, { once: true });
  const timer =
    options.timeoutMs && options.timeoutMs > 0
      ? setTimeout(() => {
          timedOut = true;
          controller.abort(new DOMException('Timed out', 'TimeoutError'));
        }, options.timeoutMs)
      : undefined;

  const hasBody =
    request.body !== undefined && request.method !== 'GET' && request.method !== 'HEAD';
  const manualRedirects = !options.followRedirects && carriesCredentials(request);
  const started = performance.now();
  let responseStatus: number | undefined;
  try {
    const response = await fetchImpl(request.url, {
      method: request.method,
      headers,
      ...(hasBody ? { body: request.body } : {}),
      signal: controller.signal,
      mode: 'cors',
      credentials: 'omit',
      cache: 'no-store',
      redirect: manualRedirects ? 'manual' : 'follow',
    });
    if (manualRedirects && isRedirect(response)) {
      throw redirectError(parsed, response.headers.get('location'), shownUrl);
    }
    responseStatus = response.status;
    const contentType = response.headers.get('content-type') ?? '';
    if (options.onStreamEvent && response.body && isEventStream(contentType)) {
      const streamed = await readEventStream(response.body, {
        ...(options.signal ? { signal: options.signal } : {}),
        startedAt: started,
        onEvent: options.onStreamEvent,
      });
      return {
        status: response.status,
        statusText: statusTextFor(response.status, response.statusText),
        headers: [...response.headers.entries()],
        body: streamed.body,
        contentType,
        durationMs: Math.round((performance.now() - started) * 10) / 10,
        size: streamed.body.byteLength,
        receivedAt: Date.now(),
        stream: {
          events: streamed.events,
          ...(streamed.firstEventMs !== undefined ? { firstEventMs: streamed.firstEventMs } : {}),
          stopped: streamed.stopped,
        },
      };
    }
    const body = new Uint8Array(await response.arrayBuffer());
    return {
      status: response.status,
      statusText: statusTextFor(response.status, response.statusText),
      headers: [...response.headers.entries()],
      body,
      contentType: response.headers.get('content-type') ?? '',
      durationMs: Math.round((performance.now() - started) * 10) / 10,
      size: body.byteLength,
      receivedAt: Date.now(),
    };
  } catch (cause) {
    if (cause instanceof SendError) throw cause;
    if (timedOut) {
      const seconds = (options.timeoutMs ?? 0) / 1000;
      throw new SendError(
        'timeout',
        `No complete response from ${parsed.host} within ${seconds} s`,
        'The server may be busy or the request too large. Try again, or raise the timeout.',
        cause,
      );
    }
    if (options.signal?.aborted) throw cancelled(cause);
    if (responseStatus !== undefined) {
      // The server answered, then the connection broke: neither CORS nor a server that is down.
      throw new SendError(
        'unreachable',
        `The connection to ${parsed.host} broke while the response (HTTP ${responseStatus}) was arriving`,
        'Try again. If it keeps happening, the response may be too large or a proxy may cut it off.',
        cause,
      );
    }
    if (!(cause instanceof TypeError)) throw cause;
    const answered = await probeNoCors(request.url, {
      fetchImpl,
      timeoutMs: options.probeTimeoutMs ?? 3000,
      signal: options.signal,
    });
    if (options.signal?.aborted) throw cancelled(cause);
    if (answered) throw corsError(request, parsed, cause);
    throw unreachableError(parsed, cause);
  } finally {
    if (timer !== undefined) clearTimeout(timer);
    options.signal?.removeEventListener('abort', onCallerAbort);
  }
}

/** Fetch rejects header names or values it cannot send with a bare TypeError: name the header. */
function buildHeaders(request: HttpRequest): Headers {
  const headers = new Headers();
  for (const header of request.headers) {
    if (FORBIDDEN.test(header.name)) continue;
    try {
      headers.append(header.name, header.value);
    } catch (cause) {
      const problem = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(header.name)
        ? 'its value contains a line break or a character outside Latin-1'
        : "its name may only contain letters, digits and !#$%&'*+.^_`|~-";
      throw new HeaderError(
        header.name,
        `The header "${header.name}" cannot be sent: ${problem}.`,
        cause,
      );
    }
  }
  return headers;
}

/**
 * A browser hands back a redirect that was not followed as an opaque response (status 0, no
 * Location); other fetch implementations hand back the 3xx itself.
 */
function isRedirect(response: Response): boolean {
  return (
    response.type === 'opaqueredirect' ||
    (response.status >= 300 && response.status < 400 && response.headers.has('location'))
  );
}

function redirectError(target: URL, location: string | null, shownUrl: string): SendError {
  let where = 'somewhere the browser does not reveal';
  if (location) {
    try {
      where = redactUrl(new URL(location, target).href, []);
    } catch {
      where = redactUrl(location, []);
    }
  }
  return new SendError(
    'redirect',
    `${target.host} answered ${shownUrl} with a redirect to ${where}; it was not followed`,
    'The request carries credentials, and following the redirect would send them on. Check the ' +
      "environment's base URL (https rather than http, a missing path), or follow the redirect " +
      'if you trust where it goes.',
  );
}

function cancelled(cause?: unknown): SendError {
  return new SendError('cancelled', 'The request was cancelled', 'Press Send to try again.', cause);
}

function corsError(request: HttpRequest, target: URL, cause: unknown): SendError {
  const origin = pageOrigin();
  const headers = preflightHeaderNames(request);
  const allowOrigin = origin ? `the origin ${origin}` : "this portal's origin";
  const allowHeaders = headers.length > 0 ? ` and the request headers ${headers.join(', ')}` : '';
  return new SendError(
    'cors',
    `${target.origin} answered, but the browser blocked the response (CORS)`,
    `The server must allow ${allowOrigin}${allowHeaders} for ${request.method} requests, including the preflight (OPTIONS). ` +
      'Behind Azure API Management, add a CORS policy to the API that allows them.',
    cause,
  );
}

function unreachableError(target: URL, cause: unknown): SendError {
  const local = /^(localhost|127\.0\.0\.1|\[::1\])$/.test(target.hostname)
    ? ' For the local demo stack, start it with npm start.'
    : '';
  const mixed =
    globalThis.location?.protocol === 'https:' && target.protocol === 'http:'
      ? ' This page is served over https, and browsers block plain http requests from it (mixed content).'
      : '';
  return new SendError(
    'unreachable',
    `Could not reach ${target.origin}`,
    `Is the server running, and is the environment's base URL right?${local}${mixed}`,
    cause,
  );
}
