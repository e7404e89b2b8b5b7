import type { ApiCatalog, ApiDefinition, ApiOperation, ApiOperationSummary } from './api-model';
import { DEFINITION_ACCEPT } from './fetch-text';
import { loadDefinition } from './load-definition';
import { markPhase } from '../util/mark-phase';
import { normalizeOperationAt, slugify, summarizeDefinition } from './normalize-definition';
import { resolveRefsUnder } from './resolve-refs';
import {
  serializeError,
  toWire,
  type FromDefinitionWorker,
  type ToDefinitionWorker,
} from './definition-worker-protocol';
import { fetchInputUrl } from '../util/fetch-input-url';

export interface DefinitionHostOptions {
  fetchImpl?: typeof fetch;
  /** How many loaded definitions stay in memory for details; older ones are forgotten. */
  keep?: number;
  /** How long resolving waits for the page to say it has shown the catalog. */
  shownWaitMs?: number;
}

interface Prefetch {
  url: string;
  response: Promise<Response>;
  controller: AbortController;
}

interface Loaded {
  /** Settles once $refs are resolved and the definition is normalised. */
  definition: Promise<ApiDefinition>;
  bySlug?: Map<string, ApiOperation>;
  /**
   * From the catalog's sending until the definition settles: the parsed document and where
   * each listed operation is, so an operation asked for meanwhile (a deep link, a click as
   * soon as the list shows) is read from its own path item instead of waiting for the whole
   * document to be resolved.
   */
  early?: {
    doc: unknown;
    baseUrl: string | undefined;
    id: string;
    where: Map<string, ApiOperationSummary>;
  };
}

/**
 * One operation of a document the full pass has not finished: its path item's $refs resolved
 * in place (the full pass then finds them done), then normalised as the full pass would.
 * Undefined when only the full pass can tell: it needs another file, it is broken (the full
 * pass reports that), or it is not in the list.
 */
function earlyOperation(
  early: NonNullable<Loaded['early']>,
  slug: string,
): ApiOperation | undefined {
  const at = early.where.get(slug);
  if (!at) return undefined;
  try {
    const under = [at.webhook ? 'webhooks' : 'paths', at.path];
    if (!resolveRefsUnder(early.doc, under, early.baseUrl)) return undefined;
    return normalizeOperationAt(early.doc, at, {
      id: early.id,
      ...(early.baseUrl ? { baseUrl: early.baseUrl } : {}),
    });
  } catch {
    return undefined;
  }
}

/**
 * The worker's side of the protocol, free of worker globals so it can be tested through a
 * MessageChannel. A load answers with the catalog as soon as the parsed document can be
 * listed (before $refs are resolved, the longest step), then with 'ready' and the warnings;
 * an operation's details are sent when asked for, once resolving is done.
 */
export function createDefinitionHost(
  post: (message: FromDefinitionWorker) => void,
  options: DefinitionHostOptions = {},
): (message: ToDefinitionWorker) => void {
  const keep = options.keep ?? 4;
  const shownWaitMs = options.shownWaitMs ?? 250;
  const shownWaiters = new Map<number, () => void>();
  const loads = new Map<number, Loaded>();
  const running = new Map<number, AbortController>();
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  let prefetched: Prefetch | undefined;
  let loadAsked = false;

  const prefetch = (url: string): void => {
    // The page and early-start.js race to the worker: once the page has asked for a load, it
    // is in charge, and a late prefetch would only download the definition a second time.
    if (loadAsked) return;
    prefetched?.controller.abort();
    const controller = new AbortController();
    markPhase('prefetch-asked');
    const response = fetchImpl(url, { signal: controller.signal, headers: DEFINITION_ACCEPT }).then(
      (r) => {
        markPhase('prefetch-response');
        return r;
      },
    );
    // Nobody may come for it (the page shows another API): not an unhandled rejection.
    response.catch(() => undefined);
    prefetched = { url, response, controller };
  };

  /**
   * The fetch loads use: the first request for the prefetched URL gets that download (and may
   * cancel it); any other request, or a later one, fetches as usual.
   */
  const fetchWithPrefetch: typeof fetch = (input, init) => {
    const url = fetchInputUrl(input);
    const hit = prefetched;
    prefetched = undefined;
    if (!hit || hit.url !== url) {
      hit?.controller.abort();
      return fetchImpl(input, init);
    }
    const signal = init?.signal;
    if (signal?.aborted) hit.controller.abort();
    else signal?.addEventListener('abort', () => hit.controller.abort(), { once: true });
    return hit.response;
  };

  const load = (message: Extract<ToDefinitionWorker, { type: 'load' }>): void => {
    const { requestId } = message;
    const controller = new AbortController();
    running.set(requestId, controller);
    let catalogSent = false;
    const sendCatalog = (catalog: ApiCatalog): void => {
      if (catalogSent || controller.signal.aborted) return;
      catalogSent = true;
      const wire = toWire(catalog);
      markPhase('catalog-wired');
      post({ type: 'catalog', requestId, catalog: wire });
    };
    /** Settles once the page has shown the catalog, or after shownWaitMs at the most. */
    const pageShown = (): Promise<void> =>
      new Promise<void>((resolve) => {
        const done = (): void => {
          clearTimeout(timer);
          shownWaiters.delete(requestId);
          resolve();
        };
        const timer = setTimeout(done, shownWaitMs);
        shownWaiters.set(requestId, done);
        controller.signal.addEventListener('abort', done, { once: true });
      });
    const definition = loadDefinition(message.source, {
      ...(message.id ? { id: message.id } : {}),
      signal: controller.signal,
      validate: message.validate,
      fetchImpl: fetchWithPrefetch,
      onParsed: (doc, baseUrl) => {
        const catalog = summarizeDefinition(doc, {
          id: message.id,
          ...(baseUrl ? { baseUrl } : {}),
        });
        markPhase('catalog-summarized');
        if (!catalog) return;
        // The same id the full pass gives a definition loaded without one.
        if (!message.id) catalog.id = slugify(catalog.title).toLowerCase() || 'api';
        sendCatalog(catalog);
        const entry = loads.get(requestId);
        if (entry)
          entry.early = {
            doc,
            baseUrl,
            id: message.id,
            where: new Map(catalog.operations.map((op) => [op.slug, op])),
          };
        return pageShown();
      },
    });
    loads.set(requestId, { definition });
    for (const old of loads.keys()) {
      if (loads.size <= keep) break;
      loads.delete(old);
    }
    // Settled, the full pass answers: the document it made is the one to read.
    void definition
      .finally(() => {
        const entry = loads.get(requestId);
        if (entry) delete entry.early;
      })
      .catch(() => undefined);
    definition
      .then(
        (full) => {
          controller.signal.throwIfAborted();
          sendCatalog(toCatalog(full));
          post({ type: 'ready', requestId, warnings: full.warnings ?? [] });
        },
        (error: unknown) => {
          // Once listed, the page may still ask for details: they get this same error.
          if (!catalogSent) loads.delete(requestId);
          // A cancelled load has no one waiting for it.
          if (!controller.signal.aborted)
            post({ type: 'error', requestId, error: serializeError(error) });
        },
      )
      .catch(() => {
        loads.delete(requestId);
      })
      .finally(() => running.delete(requestId));
  };

  const operation = async (
    message: Extract<ToDefinitionWorker, { type: 'operation' }>,
  ): Promise<void> => {
    const loaded = loads.get(message.loadId);
    if (!loaded) {
      post({ type: 'forgotten', requestId: message.requestId });
      return;
    }
    const early = loaded.early && earlyOperation(loaded.early, message.slug);
    if (early) {
      try {
        post({ type: 'operation', requestId: message.requestId, operation: early });
        markPhase('operation-sent-early');
        return;
      } catch {
        // Not cloneable (a malformed definition): the full pass says what is wrong.
      }
    }
    try {
      const definition = await loaded.definition;
      loaded.bySlug ??= new Map(definition.operations.map((op) => [op.slug, op]));
      const found = loaded.bySlug.get(message.slug);
      markPhase('operation-sent');
      post({
        type: 'operation',
        requestId: message.requestId,
        ...(found ? { operation: found } : {}),
      });
    } catch (error) {
      // Resolving failed (the same DefinitionError the load reported), or building the details
      // (lazily) or cloning them failed on a malformed definition.
      post({ type: 'error', requestId: message.requestId, error: serializeError(error) });
    }
  };

  return (message) => {
    switch (message.type) {
      case 'load':
        loadAsked = true;
        markPhase('load-asked');
        load(message);
        return;
      case 'operation':
        void operation(message);
        return;
      case 'cancel':
        running.get(message.requestId)?.abort();
        return;
      case 'prefetch':
        prefetch(message.url);
        return;
      case 'shown':
        shownWaiters.get(message.requestId)?.();
        return;
    }
  };
}

/** The definition without operation details; reads no lazily built field. */
export function toCatalog(definition: ApiDefinition): ApiCatalog {
  const { operations, ...head } = definition;
  return { ...head, operations: operations.map(toSummary) };
}

function toSummary(op: ApiOperation): ApiOperationSummary {
  const summary: ApiOperationSummary = {
    slug: op.slug,
    method: op.method,
    path: op.path,
    summary: op.summary,
    tags: op.tags,
    deprecated: op.deprecated,
  };
  if (op.operationId !== undefined) summary.operationId = op.operationId;
  if (op.webhook) summary.webhook = true;
  return summary;
}
