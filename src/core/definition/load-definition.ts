import type { ApiDefinition } from './api-model';
import { DefinitionError } from './definition-error';
import { absoluteUrl, fetchText } from './fetch-text';
import {
  capWarnings,
  detectSpecVersion,
  normalizeDefinition,
  slugify,
} from './normalize-definition';
import { parseDefinitionText } from './parse-definition-text';
import { resolveRefs } from './resolve-refs';
import { yieldToMain } from '../util/yield-to-main';
import { markPhase } from '../util/mark-phase';

export { DefinitionError, isDefinitionError } from './definition-error';

export type DefinitionSource = { url: string } | { text: string; fileName?: string };

export interface LoadDefinitionOptions {
  /** The API's id in the portal; derived from the title when absent. */
  id?: string;
  signal?: AbortSignal;
  fetchImpl?: typeof fetch;
  /**
   * Also check the document against the OpenAPI/Swagger schema (ajv, loaded on demand; see
   * validate-definition.ts). Problems are added to `warnings`: an invalid but usable definition still loads.
   */
  validate?: boolean;
  /**
   * Called with the parsed document before its $refs are resolved (which changes it in
   * place): the definition worker builds the catalog from it, to show it sooner. Resolving
   * waits for the promise it may return (the page painting that catalog).
   */
  onParsed?: (doc: unknown, baseUrl: string | undefined) => void | Promise<void>;
}

/**
 * Fetches or reads an OpenAPI 3.0/3.1 or Swagger 2.0 document (JSON or YAML), resolves its
 * $refs (circular ones too) and normalises it into the portal's model.
 * Throws DefinitionError with a message that names what is wrong and where.
 */
export async function loadDefinition(
  source: DefinitionSource,
  options: LoadDefinitionOptions = {},
): Promise<ApiDefinition> {
  try {
    return await readDefinition(source, options);
  } catch (error) {
    // The $ref walker limits nesting with a precise message; this catches what runs before it
    // (a YAML parser, a copy for the validator) on a document nested thousands of levels deep.
    if (error instanceof RangeError) {
      throw new DefinitionError(
        'The definition is nested too deeply to read (thousands of levels): no API needs that many',
        { cause: error },
      );
    }
    throw error;
  }
}

async function readDefinition(
  source: DefinitionSource,
  options: LoadDefinitionOptions,
): Promise<ApiDefinition> {
  let text: string;
  let baseUrl: string | undefined;
  let fileName: string | undefined;
  if ('url' in source) {
    baseUrl = absoluteUrl(source.url);
    ({ text } = await fetchText(baseUrl, { ...options, what: 'the definition' }));
    markPhase('definition-fetched');
    fileName = baseUrl.split(/[?#]/)[0]?.split('/').pop();
  } else {
    text = source.text;
    fileName = source.fileName;
  }
  const doc = await parseDefinitionText(text, fileName);
  markPhase('definition-parsed');
  // Say "not OpenAPI" before any $ref problem of a document that is something else entirely.
  detectSpecVersion(doc);
  const shown = options.onParsed?.(doc, baseUrl);
  markPhase('catalog-sent');
  // The validator works on an unresolved copy; start it before resolving mutates the document.
  const validation = options.validate ? validateCopy(() => structuredClone(doc)) : undefined;
  await (shown ?? yieldToMain());
  options.signal?.throwIfAborted();
  await resolveRefs(doc, {
    ...(baseUrl && /^https?:/i.test(baseUrl) ? { baseUrl } : {}),
    loadDocument: async (url) => {
      options.signal?.throwIfAborted();
      const { text: refText } = await fetchText(url, {
        ...options,
        what: 'a file the definition refers to',
      });
      return parseDefinitionText(refText, url.split('/').pop());
    },
  });
  options.signal?.throwIfAborted();
  markPhase('definition-resolved');
  await yieldToMain();
  const definition = normalizeDefinition(doc, {
    id: options.id ?? '',
    ...(baseUrl ? { baseUrl } : {}),
  });
  if (!options.id) definition.id = slugify(definition.title).toLowerCase() || 'api';
  if (validation) {
    definition.warnings = capWarnings([...(await validation), ...(definition.warnings ?? [])]);
  }
  return definition;
}

/**
 * Never rejects: a validator that cannot run is one more warning, not a failed load. The copy
 * is made before the first await, so before resolving changes the document.
 */
async function validateCopy(makeCopy: () => unknown): Promise<string[]> {
  try {
    const copy = makeCopy();
    const { validateDefinition } = await import('./validate-definition');
    return await validateDefinition(copy);
  } catch (error) {
    return [`Validation could not run: ${error instanceof Error ? error.message : String(error)}`];
  }
}
