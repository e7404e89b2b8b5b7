import type { ApiCatalog, ApiDefinition, ApiOperation, ApiOperationSummary } from './api-model';
import { loadDefinition } from './load-definition';
import {
  serializeError,
  type FromDefinitionWorker,
  type ToDefinitionWorker,
} from './definition-worker-protocol';

export interface DefinitionHostOptions {
  fetchImpl?: typeof fetch;
  /** How many loaded definitions stay in memory for details; older ones are forgotten. */
  keep?: number;
}

interface Loaded {
  definition: ApiDefinition;
  bySlug?: Map<string, ApiOperation>;
}

/**
 * The worker's side of the protocol, free of worker globals so it can be tested through a
 * MessageChannel: loads a definition, answers with its catalog (summaries only: cheap to clone
 * and to keep on the page) and later with the details of one operation at a time.
 */
export function createDefinitionHost(
  post: (message: FromDefinitionWorker) => void,
  options: DefinitionHostOptions = {},
): (message: ToDefinitionWorker) => void {
  const keep = options.keep ?? 4;
  const loads = new Map<number, Loaded>();
  const running = new Map<number, AbortController>();

  const load = async (message: Extract<ToDefinitionWorker, { type: 'load' }>): Promise<void> => {
    const controller = new AbortController();
    running.set(message.requestId, controller);
    try {
      const definition = await loadDefinition(message.source, {
        ...(message.id ? { id: message.id } : {}),
        signal: controller.signal,
        validate: message.validate,
        ...(options.fetchImpl ? { fetchImpl: options.fetchImpl } : {}),
      });
      controller.signal.throwIfAborted();
      loads.set(message.requestId, { definition });
      for (const old of loads.keys()) {
        if (loads.size <= keep) break;
        loads.delete(old);
      }
      post({ type: 'catalog', requestId: message.requestId, catalog: toCatalog(definition) });
    } catch (error) {
      // A cancelled load has no one waiting for it.
      if (!controller.signal.aborted)
        post({ type: 'error', requestId: message.requestId, error: serializeError(error) });
    } finally {
      running.delete(message.requestId);
    }
  };

  const operation = (message: Extract<ToDefinitionWorker, { type: 'operation' }>): void => {
    const loaded = loads.get(message.loadId);
    if (!loaded) {
      post({ type: 'forgotten', requestId: message.requestId });
      return;
    }
    loaded.bySlug ??= new Map(loaded.definition.operations.map((op) => [op.slug, op]));
    const found = loaded.bySlug.get(message.slug);
    try {
      post({
        type: 'operation',
        requestId: message.requestId,
        ...(found ? { operation: found } : {}),
      });
    } catch (error) {
      // Building the details (lazily) or cloning them can fail on a malformed definition.
      post({ type: 'error', requestId: message.requestId, error: serializeError(error) });
    }
  };

  return (message) => {
    switch (message.type) {
      case 'load':
        void load(message);
        return;
      case 'operation':
        operation(message);
        return;
      case 'cancel':
        running.get(message.requestId)?.abort();
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
  return summary;
}
