import type { ApiCatalog, ApiOperation } from './api-model';
import type { DefinitionSource } from './load-definition';
import { absoluteUrl } from './fetch-text';
import { markPhase } from '../util/mark-phase';
import {
  deserializeError,
  fromWire,
  type FromDefinitionWorker,
  type ToDefinitionWorker,
} from './definition-worker-protocol';

/** A Worker, or one end of a MessageChannel in tests. */
export interface DefinitionPort {
  postMessage(message: ToDefinitionWorker): void;
  addEventListener(type: 'message', listener: (event: MessageEvent) => void): void;
  start?: () => void;
}

export interface LoadCatalogOptions {
  /** The API's id in the portal; derived from the title when empty. */
  id?: string;
  /** Cancels the load: the promise rejects with an AbortError and the worker stops fetching. */
  signal?: AbortSignal;
  validate?: boolean;
  /**
   * Where to load the definition when the worker has let go of it, if not the same source: a
   * short-lived link (API Management's export) is asked for afresh.
   */
  freshSource?: (signal?: AbortSignal) => Promise<DefinitionSource>;
}

export interface DefinitionClient {
  /** Fetches, parses, resolves and normalises in the worker; resolves with the catalog. */
  loadCatalog(source: DefinitionSource, options?: LoadCatalogOptions): Promise<ApiCatalog>;
  /**
   * The definition's warnings, once the worker has resolved all of it; rejects with the
   * DefinitionError if that fails after the catalog was already shown (e.g. a broken $ref).
   */
  loadWarnings(catalog: ApiCatalog): Promise<string[]>;
  /** The details of one operation of a catalog this client loaded; undefined if it has none. */
  loadOperation(
    catalog: ApiCatalog,
    slug: string,
    signal?: AbortSignal,
  ): Promise<ApiOperation | undefined>;
}

interface Pending {
  resolve: (message: FromDefinitionWorker) => void;
  reject: (error: Error) => void;
}

interface Readiness {
  promise: Promise<string[]>;
  resolve: (warnings: string[]) => void;
  reject: (error: Error) => void;
}

function readiness(): Readiness {
  let resolve!: (warnings: string[]) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<string[]>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  // Nobody may ask: an unobserved failure is not an unhandled rejection.
  promise.catch(() => undefined);
  return { promise, resolve, reject };
}

interface CatalogOrigin {
  loadId: number;
  source: DefinitionSource;
  options: LoadCatalogOptions;
  warnings: Promise<string[]>;
}

/**
 * Runs `then` once the page has rendered what it does with a catalog and painted it: two
 * animation frames on (React renders in a task after the query settles), or at once where
 * there are no frames (tests, hidden tabs keep a timeout).
 */
function afterNextPaint(then: () => void): void {
  if (typeof requestAnimationFrame !== 'function') {
    then();
    return;
  }
  requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(then, 0)));
}

function abortError(signal: AbortSignal): Error {
  const reason: unknown = signal.reason;
  if (reason instanceof Error || reason instanceof DOMException) return reason;
  // A reason that is not an error (abort('...')) still rejects as the AbortError that
  // describeError and the queries recognise as a cancellation.
  return new DOMException('The operation was aborted.', 'AbortError');
}

/**
 * The page's side of the definition worker protocol (definition-worker-host.ts is the other):
 * requests are matched to answers by id, errors come back as the same classes, and a cancelled
 * request rejects at once while the worker is told to stop.
 */
export function createDefinitionClient(port: DefinitionPort): DefinitionClient {
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const origins = new WeakMap<ApiCatalog, CatalogOrigin>();
  const ready = new Map<number, Readiness>();

  port.addEventListener('message', (event: MessageEvent) => {
    const message = event.data as FromDefinitionWorker;
    const settling = ready.get(message.requestId);
    if (message.type === 'ready' || (message.type === 'error' && settling)) {
      ready.delete(message.requestId);
      if (message.type === 'ready') settling?.resolve(message.warnings);
      else settling?.reject(deserializeError(message.error));
    }
    const waiting = pending.get(message.requestId);
    if (!waiting || message.type === 'ready') return;
    pending.delete(message.requestId);
    if (message.type === 'error') waiting.reject(deserializeError(message.error));
    else waiting.resolve(message);
  });
  port.start?.();

  const request = (
    build: (requestId: number) => ToDefinitionWorker,
    signal: AbortSignal | undefined,
  ): { requestId: number; answer: Promise<FromDefinitionWorker> } => {
    const requestId = nextId++;
    const answer = new Promise<FromDefinitionWorker>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const onAbort = () => {
        if (!pending.delete(requestId)) return;
        port.postMessage({ type: 'cancel', requestId });
        ready.get(requestId)?.reject(abortError(signal as AbortSignal));
        ready.delete(requestId);
        reject(abortError(signal as AbortSignal));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      pending.set(requestId, {
        resolve: (m) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(m);
        },
        reject: (e) => {
          signal?.removeEventListener('abort', onAbort);
          reject(e);
        },
      });
      port.postMessage(build(requestId));
    });
    return { requestId, answer };
  };

  const loadCatalog = async (
    source: DefinitionSource,
    options: LoadCatalogOptions = {},
  ): Promise<ApiCatalog> => {
    // The worker's own location is its script, not the page: relative URLs resolve here.
    const absolute: DefinitionSource = 'url' in source ? { url: absoluteUrl(source.url) } : source;
    const { requestId, answer } = request((id) => {
      ready.set(id, readiness());
      return {
        type: 'load',
        requestId: id,
        source: absolute,
        id: options.id ?? '',
        validate: options.validate ?? false,
      };
    }, options.signal);
    const settled = ready.get(requestId) as Readiness;
    const message = await answer;
    if (message.type !== 'catalog') throw new Error(`Unexpected answer "${message.type}"`);
    markPhase('catalog-received');
    const catalog = fromWire(message.catalog);
    markPhase('catalog-rebuilt');
    afterNextPaint(() => port.postMessage({ type: 'shown', requestId }));
    origins.set(catalog, {
      loadId: requestId,
      source: absolute,
      options,
      warnings: settled.promise,
    });
    return catalog;
  };

  const loadWarnings = (catalog: ApiCatalog): Promise<string[]> => {
    const origin = origins.get(catalog);
    if (!origin)
      return Promise.reject(new Error('This catalog was not loaded by this definition client'));
    return origin.warnings;
  };

  const loadOperation = async (
    catalog: ApiCatalog,
    slug: string,
    signal?: AbortSignal,
  ): Promise<ApiOperation | undefined> => {
    const origin = origins.get(catalog);
    if (!origin) throw new Error('This catalog was not loaded by this definition client');
    for (let attempt = 0; attempt < 2; attempt += 1) {
      markPhase('operation-asked');
      const { answer } = request(
        (requestId) => ({ type: 'operation', requestId, loadId: origin.loadId, slug }),
        signal,
      );
      const message = await answer;
      markPhase('operation-received');
      if (message.type === 'operation') return message.operation;
      // The worker let go of this definition: load it again, then ask again.
      const source = origin.options.freshSource
        ? await origin.options.freshSource(signal)
        : origin.source;
      const fresh = await loadCatalog(source, {
        ...origin.options,
        ...(signal ? { signal } : {}),
      });
      const freshOrigin = origins.get(fresh);
      if (freshOrigin) origin.loadId = freshOrigin.loadId;
    }
    throw new Error(`The details of operation "${slug}" could not be loaded`);
  };

  return { loadCatalog, loadWarnings, loadOperation };
}

declare global {
  interface Window {
    /** Started by public/early-start.js before the app loaded (absent in the dev server). */
    porticoDefinitionWorker?: Worker;
  }
}

let shared: DefinitionClient | undefined;

/**
 * The page's one definition worker: the one index.html started early, or one started now,
 * on first use.
 */
export function definitionClient(): DefinitionClient {
  if (shared) return shared;
  const early = typeof window !== 'undefined' ? window.porticoDefinitionWorker : undefined;
  if (!early) markPhase('worker-created');
  shared = createDefinitionClient(
    early ??
      new Worker(new URL('./definition-worker.ts', import.meta.url), {
        type: 'module',
        name: 'definition',
      }),
  );
  return shared;
}
