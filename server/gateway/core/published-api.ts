import { readFile } from 'node:fs/promises';

/**
 * The API the gateway publishes, read from the same OpenAPI document the portal shows
 * (public/apis/azureml-demo.openapi.json), so that the two cannot disagree on operations.
 */
export interface PublishedOperation {
  /** The definition's operationId, e.g. `RRS_Execute`. */
  id: string;
  method: string;
  /** The path template, e.g. `/workspaces/{workspace}/services/{service}/execute`. */
  template: string;
  pattern: RegExp;
}

export interface PublishedApi {
  id: string;
  suffix: string;
  displayName: string;
  operations: PublishedOperation[];
}

export const DEMO_API_ID = 'azureml-demo';
export const DEMO_API_SUFFIX = 'azureml-demo';
export const DEMO_DEFINITION_PATH = new URL(
  '../../../public/apis/azureml-demo.openapi.json',
  import.meta.url,
);

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

interface OpenApiDocument {
  info?: { title?: unknown };
  paths?: Record<string, Record<string, unknown> | undefined>;
}

export function publishedApiFrom(
  document: unknown,
  options: { id: string; suffix: string },
): PublishedApi {
  const doc = document as OpenApiDocument;
  const operations: PublishedOperation[] = [];
  for (const [template, item] of Object.entries(doc.paths ?? {})) {
    for (const method of METHODS) {
      const operation = item?.[method] as { operationId?: unknown } | undefined;
      if (!operation) continue;
      const id =
        typeof operation.operationId === 'string'
          ? operation.operationId
          : `${method}-${template}`.replace(/[^A-Za-z0-9_-]+/g, '-');
      operations.push({
        id,
        method: method.toUpperCase(),
        template,
        pattern: templatePattern(template),
      });
    }
  }
  if (operations.length === 0) throw new Error('The API definition has no operations to publish.');
  return {
    id: options.id,
    suffix: options.suffix,
    displayName: typeof doc.info?.title === 'string' ? doc.info.title : options.id,
    operations,
  };
}

export async function loadPublishedApi(
  file: URL | string = DEMO_DEFINITION_PATH,
  options = { id: DEMO_API_ID, suffix: DEMO_API_SUFFIX },
): Promise<PublishedApi> {
  return publishedApiFrom(JSON.parse(await readFile(file, 'utf8')), options);
}

/** A `{name}` segment matches one non-empty path segment, as APIM's URL templates do. */
function templatePattern(template: string): RegExp {
  const source = template
    .split(/(\{[^}]+\})/)
    .map((part) =>
      /^\{[^}]+\}$/.test(part) ? '[^/]+' : part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'),
    )
    .join('');
  return new RegExp(`^${source}$`);
}

/** The operation a request path (below the suffix, without the query) and method call, if any. */
export function matchOperation(
  api: PublishedApi,
  method: string,
  path: string,
): PublishedOperation | undefined {
  const upper = method.toUpperCase();
  return api.operations.find((op) => op.method === upper && op.pattern.test(path));
}
