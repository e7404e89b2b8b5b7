import type { ApiCatalog, ApiOperation } from './api-model';
import { DefinitionError } from './definition-error';
import type { DefinitionSource } from './load-definition';

/** What the page asks the definition worker. Every request carries its own id. */
export type ToDefinitionWorker =
  | { type: 'load'; requestId: number; source: DefinitionSource; id: string; validate: boolean }
  | { type: 'operation'; requestId: number; loadId: number; slug: string }
  | { type: 'cancel'; requestId: number };

/**
 * What it answers, matched by requestId. A load is answered twice: 'catalog' as soon as the
 * operations can be listed, then 'ready' with the warnings once everything is resolved, or
 * 'error' if that fails (or 'error' alone, when the catalog could not be made).
 */
export type FromDefinitionWorker =
  | { type: 'catalog'; requestId: number; catalog: ApiCatalog }
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
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof DefinitionError) {
    return {
      name: error.name,
      message: error.message,
      ...(error.location !== undefined ? { location: error.location } : {}),
    };
  }
  if (error instanceof Error || error instanceof DOMException) {
    return { name: error.name, message: error.message };
  }
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  if (error.name === 'DefinitionError') {
    return new DefinitionError(
      error.message,
      error.location !== undefined ? { location: error.location } : undefined,
    );
  }
  if (error.name === 'AbortError') return new DOMException(error.message, 'AbortError');
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  return rebuilt;
}
