/**
 * Binds an Arazzo document to the portal's APIs: each sourceDescription to an API the portal
 * has (by its URL resolved against the document's, then by its name), and each step to the
 * operation it calls (operationId, `$sourceDescriptions.<name>.<operationId>`, or an
 * operationPath `{$sourceDescriptions.<name>.url}#/paths/~1pets/get`). Problems name the step.
 */
import type { ApiDefinition, ApiOperation } from '../definition/api-model';
import { describePlace, pointerOf } from './load-arazzo';
import type {
  ArazzoBindResult,
  ArazzoDocument,
  ArazzoProblem,
  AvailableApis,
  BoundSource,
  BoundStep,
} from './workflow-types';

// Relative URLs (a config's "apis/x.json") are compared as if served from one origin.
const LOCAL_BASE = 'http://portico.local/';

function normalizeUrl(url: string, base?: string): string | undefined {
  try {
    const absoluteBase = new URL(base ?? '', LOCAL_BASE).href;
    const resolved = new URL(url, absoluteBase);
    resolved.hash = '';
    return resolved.href;
  } catch {
    return undefined;
  }
}

/** The available API a source description names, if any. */
export function findSource(
  available: AvailableApis,
  source: { name: string; url: string },
  documentUrl: string,
): { apiId: string; definition: ApiDefinition } | undefined {
  const wanted = normalizeUrl(source.url, documentUrl);
  if (wanted) {
    for (const [key, api] of available) {
      if (normalizeUrl(key) === wanted) return api;
    }
  }
  return available.get(source.name);
}

function decodePointerTokens(pointer: string): string[] {
  return pointer
    .slice(1)
    .split('/')
    .map((t) => decodeURIComponent(t).replace(/~1/g, '/').replace(/~0/g, '~'));
}

/** `documentUrl` (the load result's url) is what relative source URLs are resolved against. */
export function bindSources(
  document: ArazzoDocument,
  available: AvailableApis,
  documentUrl = '',
): ArazzoBindResult {
  const problems: ArazzoProblem[] = [];
  const add = (path: Array<string | number>, message: string) => {
    const pointer = pointerOf(path);
    problems.push({ pointer, message: `${describePlace(document, pointer)}: ${message}` });
  };

  const sources: BoundSource[] = [];
  document.sourceDescriptions.forEach((source, i) => {
    if (source.type === 'arazzo') {
      add(
        ['sourceDescriptions', i, 'type'],
        `Portico runs the workflows of one document: source "${source.name}" is another Arazzo document, which is not supported`,
      );
      return;
    }
    const api = findSource(available, source, documentUrl);
    if (!api) {
      add(
        ['sourceDescriptions', i, 'url'],
        `the portal has no API for "${source.url}" (source "${source.name}"): add that definition first`,
      );
      return;
    }
    sources.push({ name: source.name, apiId: api.apiId, definition: api.definition });
  });
  const byName = new Map(sources.map((s) => [s.name, s]));
  const describeSources = () =>
    sources.map((s) => `"${s.name}" (${s.definition.title})`).join(', ');

  const steps = new Map<string, BoundStep[]>();
  document.workflows.forEach((workflow, w) => {
    const bound: BoundStep[] = [];
    workflow.steps.forEach((step, s) => {
      const at: Array<string | number> = ['workflows', w, 'steps', s];
      if (step.workflowId !== undefined) {
        bound.push({ kind: 'workflow', step, workflowId: step.workflowId });
        return;
      }
      let found: { source: BoundSource; operation: ApiOperation } | undefined;
      if (step.operationId !== undefined) {
        const qualified = /^\$sourceDescriptions\.([A-Za-z0-9_-]+)\.(.+)$/.exec(step.operationId);
        const candidates = qualified ? [byName.get(qualified[1] ?? '')] : sources;
        const operationId = qualified ? (qualified[2] ?? '') : step.operationId;
        if (qualified && !candidates[0]) {
          add([...at, 'operationId'], `there is no source "${qualified[1] ?? ''}"`);
          return;
        }
        const matches = candidates.flatMap((source) =>
          source
            ? source.definition.operations
                .filter((op) => op.operationId === operationId)
                .map((operation) => ({ source, operation }))
            : [],
        );
        if (matches.length > 1) {
          add(
            [...at, 'operationId'],
            `operation "${operationId}" is in several sources (${matches.map((m) => m.source.name).join(', ')}): write it as $sourceDescriptions.<name>.${operationId}`,
          );
          return;
        }
        found = matches[0];
        if (!found) {
          add(
            [...at, 'operationId'],
            `no operation "${operationId}" in ${qualified ? `source "${qualified[1] ?? ''}"` : describeSources() || 'any source'}`,
          );
          return;
        }
      } else if (step.operationPath !== undefined) {
        const match = /^\{\$sourceDescriptions\.([A-Za-z0-9_-]+)\.url\}#(\/.*)$/.exec(
          step.operationPath,
        );
        const source = match ? byName.get(match[1] ?? '') : undefined;
        const tokens = match ? decodePointerTokens(match[2] ?? '') : [];
        if (!match || tokens[0] !== 'paths' || tokens.length !== 3) {
          add(
            [...at, 'operationPath'],
            'an operationPath is written {$sourceDescriptions.<name>.url}#/paths/<path with / as ~1>/<method>',
          );
          return;
        }
        if (!source) {
          add([...at, 'operationPath'], `there is no source "${match[1] ?? ''}"`);
          return;
        }
        const [, path, method] = tokens;
        const operation = source.definition.operations.find(
          (op) => op.path === path && op.method === method?.toLowerCase(),
        );
        if (!operation) {
          add(
            [...at, 'operationPath'],
            `source "${source.name}" has no ${method?.toUpperCase() ?? ''} ${path ?? ''}`,
          );
          return;
        }
        found = { source, operation };
      }
      if (found) bound.push({ kind: 'operation', step, ...found });
    });
    steps.set(workflow.workflowId, bound);
  });

  if (problems.length > 0) return { ok: false, errors: problems };
  return { ok: true, bound: { document, url: documentUrl, sources, steps } };
}
