/**
 * The definition worker: a 20 MB definition is fetched, parsed, resolved and normalised here,
 * so the page never stalls on it (docs/decisions/0006-definition-worker.md).
 */
import { markPhase } from '../util/mark-phase';
import { createDefinitionHost } from './definition-worker-host';
import type { FromDefinitionWorker, ToDefinitionWorker } from './definition-worker-protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<ToDefinitionWorker>) => void) | null;
  postMessage(message: FromDefinitionWorker): void;
};

const handle = createDefinitionHost((message) => scope.postMessage(message));
scope.onmessage = (event) => handle(event.data);
markPhase('worker-started');
