import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { FastifyBodyParser, FastifyHttpOptions, FastifyInstance } from 'fastify';
import type { ServiceError } from '../core/errors';
import {
  allowedHostValues,
  checkHost,
  writeClientError,
  type HttpTimeouts,
  type SocketAnswer,
} from './http-edges';

/**
 * The Fastify options every demo-stack service shares (http-edges.ts in Fastify's terms): the
 * client's time limits, an unreadable request answered in the service's own shape (`answer`),
 * a GUID per request. Each service adds its body limit, router options and frameworkErrors.
 */
export function edgeServerOptions(
  timeouts: HttpTimeouts,
  answer?: (error: ServiceError) => SocketAnswer,
): FastifyHttpOptions<Server> {
  return {
    logger: false,
    requestTimeout: timeouts.requestMs,
    connectionTimeout: timeouts.idleMs,
    http: {
      headersTimeout: Math.min(timeouts.headersMs, timeouts.requestMs),
      connectionsCheckingInterval: timeouts.checkIntervalMs,
      // A request without Host gets the service's own answer (checkHost), not Node's bare 400.
      requireHostHeader: false,
    },
    clientErrorHandler: (error, socket) => writeClientError(error, socket, timeouts, answer),
    // Requests that arrive while closing are answered normally, never with fastify's own body.
    return503OnClosing: false,
    genReqId: () => randomUUID(),
  };
}

/**
 * Reads a body as JSON whatever its Content-Type says (as Azure ML and ARM do), an empty body as
 * none; `refuse` turns JSON.parse's complaint, which names the position, into the service's error.
 * Register with `{ parseAs: 'string' }`.
 */
export function jsonBodyParser(refuse: (reason: string) => Error): FastifyBodyParser<string> {
  return (_request, body, done) => {
    if (body.trim() === '') {
      done(null, undefined);
      return;
    }
    try {
      done(null, JSON.parse(body));
    } catch (error) {
      done(refuse((error as Error).message), undefined);
    }
  };
}

export interface ListenOptions {
  /** Default 127.0.0.1: the demo stack is reachable from this machine only. */
  host?: string;
  port?: number;
  /** DEMO_PUBLIC_HOSTS: `Host` names accepted besides 127.0.0.1, localhost and [::1]. */
  publicHosts?: readonly string[];
}

/**
 * Listens, then checks every request's Host against the addresses it listens on (they depend on
 * the port it got). Until then nothing is checked: app.inject, which tests use, has no socket and
 * no Host.
 */
export class HostCheckedListener {
  private allowedHosts: string[] = [];

  constructor(
    private readonly app: FastifyInstance,
    private readonly options: ListenOptions,
    private readonly defaultPort: number,
  ) {}

  /** Throws checkHost's ServiceError for a Host this service is not. */
  checkHost(host: string | undefined): void {
    if (this.allowedHosts.length > 0) checkHost(host, this.allowedHosts);
  }

  /** Resolves to the base URL, e.g. http://127.0.0.1:8790. */
  async listen(): Promise<string> {
    const host = this.options.host ?? '127.0.0.1';
    await this.app.listen({ port: this.options.port ?? this.defaultPort, host });
    const address = this.app.server.address();
    const port = typeof address === 'object' && address ? address.port : (this.options.port ?? 0);
    this.allowedHosts = allowedHostValues(host, port, this.options.publicHosts ?? []);
    return `http://${host}:${port}`;
  }
}
