import type { ApiOperation } from './api-model';
import { exampleFromSchema } from '../request/json-body';

export interface InitialBody {
  contentType: string;
  body: string;
  /** Where the text came from, so the UI can say "generated from the schema". */
  source: 'example' | 'generated' | 'none';
}

function isJson(contentType: string): boolean {
  return /[/+]json\b/i.test(contentType);
}

function asText(value: unknown, json: boolean): string {
  if (typeof value === 'string' && !json) return value;
  return JSON.stringify(value, null, 2) ?? '';
}

/**
 * The body the try-it form starts with: the first example of the chosen content type, else one
 * generated from its schema, else empty. Undefined when the operation takes no body.
 */
export function initialBody(
  operation: ApiOperation,
  contentType?: string,
): InitialBody | undefined {
  const contents = operation.requestBody?.content ?? [];
  if (!operation.requestBody) return undefined;
  const content = contents.find((c) => c.contentType === contentType) ?? contents[0];
  if (!content) return { contentType: contentType ?? 'application/json', body: '', source: 'none' };
  const json = isJson(content.contentType);
  const example = content.examples[0];
  if (example)
    return {
      contentType: content.contentType,
      body: asText(example.value, json),
      source: 'example',
    };
  const generated = exampleFromSchema(content.schema, { direction: 'request' });
  if (generated === undefined || (!json && typeof generated !== 'string')) {
    return { contentType: content.contentType, body: '', source: 'none' };
  }
  return { contentType: content.contentType, body: asText(generated, json), source: 'generated' };
}
