import type { ApiCatalog, ApiOperation, ApiOperationSummary, HttpMethod } from './api-model';
import { DefinitionError } from './definition-error';
import type { DefinitionSource } from './load-definition';

/** What the page asks the definition worker. Every request carries its own id. */
export type ToDefinitionWorker =
  | { type: 'load'; requestId: number; source: DefinitionSource; id: string; validate: boolean }
  | { type: 'operation'; requestId: number; loadId: number; slug: string }
  | { type: 'cancel'; requestId: number }
  /**
   * The page has painted the catalog of this load: the worker resolves the rest only now, so
   * the two do not compete for the CPU while the list first shows (or after a short wait, if
   * this never comes).
   */
  | { type: 'shown'; requestId: number }
  /**
   * Start downloading this (absolute) definition URL now; the next load of the same URL uses
   * that download. Sent by public/early-start.js, a plain script, before the app has loaded.
   */
  | { type: 'prefetch'; url: string };

/**
 * What it answers, matched by requestId. A load is answered twice: 'catalog' as soon as the
 * operations can be listed, then 'ready' with the warnings once everything is resolved, or
 * 'error' if that fails (or 'error' alone, when the catalog could not be made).
 */
export type FromDefinitionWorker =
  | { type: 'catalog'; requestId: number; catalog: WireCatalog }
  | { type: 'ready'; requestId: number; warnings: string[] }
  | {
      type: 'operation';
      requestId: number;
      /** Undefined when the definition has no such operation. */
      operation?: ApiOperation;
    }
  /** The worker no longer holds that load (it keeps the last few): load it again. */
  | { type: 'forgotten'; requestId: number }
  | { type: 'error'; requestId: number; error: SerializedError };

/**
 * Errors do not survive postMessage as their class: a DefinitionError arrives as a plain Error.
 * They cross as name, message and location and are rebuilt on the page side.
 */
export interface SerializedError {
  name: string;
  message: string;
  location?: string;
  noResponse?: true;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DefinitionError) {
    return {
      name: error.name,
      message: error.message,
      ...(error.location !== undefined ? { location: error.location } : {}),
      ...(error.noResponse ? { noResponse: true as const } : {}),
    };
  }
  if (error instanceof Error || error instanceof DOMException) {
    return { name: error.name, message: error.message };
  }
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.name === 'DefinitionError') {
    return new DefinitionError(error.message, {
      ...(error.location !== undefined ? { location: error.location } : {}),
      ...(error.noResponse ? { noResponse: true } : {}),
    });
  }
  if (error.name === 'AbortError') return new DOMException(error.message, 'AbortError');
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}

/**
 * A catalog as it crosses to the page: the operations as columns of strings rather than 10,000
 * small objects, which the page would deserialise several times slower in one task. The page
 * rebuilds the objects (fromWire), which is cheaper than cloning them.
 */
export interface WireCatalog extends Omit<ApiCatalog, 'operations'> {
  operations: {
    slug: string[];
    method: HttpMethod[];
    path: string[];
    summary: string[];
    operationId: Array<string | null>;
    deprecated: boolean[];
    /** Every operation's tags, one after another; tagCount says how many each has. */
    tags: string[];
    tagCount: number[];
    /** Positions of the webhooks (few or none), rather than a flag per operation. */
    webhookAt: number[];
  };
}

export function toWire(catalog: ApiCatalog): WireCatalog {
  const ops = catalog.operations;
  const tags: string[] = [];
  for (const op of ops) for (const tag of op.tags) tags.push(tag);
  return {
    ...catalog,
    operations: {
      slug: ops.map((op) => op.slug),
      method: ops.map((op) => op.method),
      path: ops.map((op) => op.path),
      summary: ops.map((op) => op.summary),
      operationId: ops.map((op) => op.operationId ?? null),
      deprecated: ops.map((op) => op.deprecated),
      tags,
      tagCount: ops.map((op) => op.tags.length),
      webhookAt: ops.flatMap((op, i) => (op.webhook ? [i] : [])),
    },
  };
}

export function fromWire(wire: WireCatalog): ApiCatalog {
  const columns = wire.operations;
  const operations: ApiOperationSummary[] = new Array<ApiOperationSummary>(columns.slug.length);
  let tagAt = 0;
  for (let i = 0; i < columns.slug.length; i += 1) {
    const count = columns.tagCount[i] ?? 0;
    const op: ApiOperationSummary = {
      slug: columns.slug[i] as string,
      method: columns.method[i] as HttpMethod,
      path: columns.path[i] as string,
      summary: columns.summary[i] as string,
      tags: columns.tags.slice(tagAt, tagAt + count),
      deprecated: columns.deprecated[i] === true,
    };
    tagAt += count;
    const operationId = columns.operationId[i];
    if (typeof operationId === 'string') op.operationId = operationId;
    operations[i] = op;
  }
  for (const i of columns.webhookAt) {
    const op = operations[i];
    if (op) op.webhook = true;
  }
  return { ...wire, operations };
}
