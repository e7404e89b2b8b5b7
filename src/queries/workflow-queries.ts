import { queryOptions } from '@tanstack/react-query';
import { absoluteUrl, fetchText } from '../core/definition/fetch-text';
import type { ApiDefinition, ApiOperation } from '../core/definition/api-model';
import type {
  ArazzoBindResult,
  ArazzoLoadResult,
  AvailableApis,
} from '../core/workflow/workflow-types';
import {
  definitionKeys,
  definitionQuery,
  operationQuery,
  type ApiSource,
} from './definition-queries';

/**
 * One Arazzo document the portal lists: from the deployer's config (`workflows`) or added by the
 * user in this browser (a URL, a file, a workflow saved from History).
 */
export interface WorkflowDocumentSource {
  id: string;
  title: string;
  origin: 'config' | 'added';
  source: { url: string } | { text: string; fileName: string };
}

/**
 * Query keys of the workflows domain: each document as loaded (parsed and validated), and the
 * same document bound to the portal's APIs (which also loads the definitions it names).
 */
export const workflowKeys = {
  all: ['workflow-document'] as const,
  document: (doc: WorkflowDocumentSource) =>
    [
      ...workflowKeys.all,
      doc.id,
      'url' in doc.source ? doc.source.url : `${doc.source.fileName}:${doc.source.text.length}`,
    ] as const,
  bound: (doc: WorkflowDocumentSource, apiIds: readonly string[]) =>
    [...workflowKeys.document(doc), 'bound', ...apiIds] as const,
};

/** The document's own URL: relative sourceDescriptions resolve against it. */
export function documentUrl(doc: WorkflowDocumentSource): string {
  return absoluteUrl('url' in doc.source ? doc.source.url : doc.source.fileName);
}

/**
 * The document parsed and validated against the Arazzo schema. A document that does not
 * validate is data (its problems, each naming its place), not a failed query; a document that
 * cannot be fetched is a failure with the fetch's own message.
 */
export const workflowDocumentQuery = (doc: WorkflowDocumentSource) =>
  queryOptions({
    queryKey: workflowKeys.document(doc),
    queryFn: async ({ signal }): Promise<ArazzoLoadResult> => {
      const url = documentUrl(doc);
      const text =
        'url' in doc.source
          ? (await fetchText(url, { signal, what: 'the workflow document' })).text
          : doc.source.text;
      // The loader (YAML, the schema validator) comes with the workflows views, on demand.
      const { loadArazzo } = await import('../core/workflow/load-arazzo');
      return loadArazzo(text, url);
    },
    staleTime: Infinity,
    retry: false,
  });

/**
 * An API's definition with every operation in full: a workflow's steps may call any of them, and
 * History's export reads the operations its calls went to. Each operation comes from the same
 * cache the operation pages use.
 */
export const fullDefinitionQuery = (api: ApiSource) =>
  queryOptions({
    queryKey: [...definitionKeys.document(api), 'full'] as const,
    queryFn: async ({ client, signal }): Promise<ApiDefinition> => {
      const catalog = await client.ensureQueryData(definitionQuery(api));
      const operations = await Promise.all(
        catalog.operations.map((op) => client.ensureQueryData(operationQuery(api, op.slug))),
      );
      signal.throwIfAborted();
      return {
        ...catalog,
        operations: operations.filter((op): op is ApiOperation => op !== null),
      };
    },
    staleTime: Infinity,
    structuralSharing: false,
    retry: false,
  });

function sourceOfApi(api: ApiSource): string | undefined {
  return 'url' in api.source ? absoluteUrl(api.source.url) : undefined;
}

/**
 * The document bound to the portal's APIs: each sourceDescription is the API whose definition
 * it names (by URL, then by API id = its name), or, when the portal has no such API, the
 * definition loaded from its URL on its own. Only the APIs the document names are loaded.
 */
export const boundWorkflowQuery = (doc: WorkflowDocumentSource, apis: readonly ApiSource[]) =>
  queryOptions({
    queryKey: workflowKeys.bound(
      doc,
      apis.map((a) => a.id),
    ),
    queryFn: async ({ client }): Promise<ArazzoBindResult> => {
      const loaded = await client.ensureQueryData(workflowDocumentQuery(doc));
      if (!loaded.ok) return loaded;
      const available: AvailableApis = new Map();
      for (const source of loaded.document.sourceDescriptions) {
        if (source.type === 'arazzo') continue;
        const url = new URL(source.url, loaded.url).href;
        const api =
          apis.find((a) => sourceOfApi(a) === url) ??
          apis.find((a) => a.id === source.name) ??
          ({
            id: `workflow-source:${url}`,
            title: source.name,
            origin: 'added',
            source: { url },
          } satisfies ApiSource);
        const entry = {
          apiId: api.id,
          definition: await client.ensureQueryData(fullDefinitionQuery(api)),
        };
        available.set(url, entry);
        available.set(api.id, entry);
        available.set(source.name, entry);
      }
      const { bindSources } = await import('../core/workflow/bind-sources');
      return bindSources(loaded.document, available);
    },
    staleTime: Infinity,
    structuralSharing: false,
    retry: false,
  });
