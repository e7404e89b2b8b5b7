import { DefinitionError } from './definition-error';

export interface ResolveRefsOptions {
  /** Absolute URL of the root document; relative external $refs resolve against it. */
  baseUrl?: string;
  /** Loads and parses another document (external $ref). Without it, external $refs are errors. */
  loadDocument?: (url: string) => Promise<unknown>;
}

type Container = Record<string, unknown> | unknown[];

// Children of these keys are named entries (a schema called "default", a response called
// "default"), never literal values, so they are always walked.
const MAP_KEYS = new Set([
  'properties',
  'patternProperties',
  'definitions',
  '$defs',
  'schemas',
  'responses',
  'parameters',
  'examples',
  'requestBodies',
  'headers',
  'securitySchemes',
  'securityDefinitions',
  'links',
  'callbacks',
  'pathItems',
  'paths',
  'webhooks',
  'content',
  'encoding',
  'variables',
  'dependentSchemas',
]);
// Literal values (examples, defaults) may legitimately contain a "$ref" key: leave them alone.
const LITERAL_KEYS = new Set(['example', 'enum', 'const', 'default', 'value']);
const PENDING = Symbol('pending');
const MAX_CHAIN = 64;

/**
 * Replaces every `$ref` in the parsed document, in place, by the object it points to. The same
 * target object is shared by all its references (no deep copies, so huge definitions stay fast)
 * and circular references simply become cycles in the object graph.
 */
export async function resolveRefs(root: unknown, options: ResolveRefsOptions = {}): Promise<void> {
  const rootUrl = options.baseUrl ?? '';
  const documents = new Map<string, unknown>([[rootUrl, root]]);
  for (let round = 0; round < 20; round += 1) {
    const pending = new Set<string>();
    const walker = new RefWalker(documents, pending);
    walker.walkDocument(root, rootUrl);
    for (const [url, doc] of documents) if (url !== rootUrl) walker.walkDocument(doc, url);
    if (pending.size === 0) return;
    const { loadDocument } = options;
    if (!loadDocument) {
      const [first] = pending;
      throw new DefinitionError(
        `External $ref to "${first}" cannot be resolved: load the definition from its URL so that the files it refers to can be fetched`,
      );
    }
    const urls = [...pending];
    const loaded = await Promise.all(urls.map((url) => loadDocument(url)));
    urls.forEach((url, i) => documents.set(url, loaded[i]));
  }
  throw new DefinitionError('External $refs are nested too deeply (more than 20 levels of files)');
}

class RefWalker {
  private readonly visited = new Set<object>();
  private readonly path: string[] = [];

  constructor(
    private readonly documents: Map<string, unknown>,
    private readonly pending: Set<string>,
  ) {}

  walkDocument(doc: unknown, docUrl: string): void {
    if (doc !== null && typeof doc === 'object') this.walk(doc as Container, docUrl, '');
  }

  private walk(node: Container, docUrl: string, nodeKey: string): void {
    if (this.visited.has(node)) return;
    this.visited.add(node);
    const namedEntries = MAP_KEYS.has(nodeKey);
    const keys = Array.isArray(node) ? null : Object.keys(node);
    const count = keys ? keys.length : (node as unknown[]).length;
    for (let i = 0; i < count; i += 1) {
      const key = keys ? (keys[i] as string) : String(i);
      if (keys && !namedEntries && (LITERAL_KEYS.has(key) || key.startsWith('x-'))) continue;
      const child: unknown = keys ? (node as Record<string, unknown>)[key] : (node as unknown[])[i];
      if (child === null || typeof child !== 'object') continue;
      this.path.push(key);
      let next = child as Container;
      let nextDoc = docUrl;
      const ref = (child as Record<string, unknown>).$ref;
      if (!Array.isArray(child) && typeof ref === 'string') {
        const target = this.resolve(ref, docUrl);
        if (target === PENDING) {
          this.path.pop();
          continue;
        }
        next = withSiblings(target.value, child as Record<string, unknown>);
        nextDoc = target.docUrl;
        if (keys) (node as Record<string, unknown>)[key] = next;
        else (node as unknown[])[i] = next;
      }
      this.walk(next, nextDoc, key);
      this.path.pop();
    }
  }

  // Big definitions point at the same few components thousands of times.
  private readonly cache = new Map<string, { value: Container; docUrl: string }>();

  private resolve(
    ref: string,
    fromDoc: string,
  ): typeof PENDING | { value: Container; docUrl: string } {
    const key = `${fromDoc}\u0000${ref}`;
    const cached = this.cache.get(key);
    if (cached) return cached;
    const result = this.resolveUncached(ref, fromDoc);
    if (result !== PENDING) this.cache.set(key, result);
    return result;
  }

  private resolveUncached(
    ref: string,
    fromDoc: string,
  ): typeof PENDING | { value: Container; docUrl: string } {
    let currentRef = ref;
    let currentDoc = fromDoc;
    for (let hop = 0; hop < MAX_CHAIN; hop += 1) {
      const hash = currentRef.indexOf('#');
      const urlPart = hash === -1 ? currentRef : currentRef.slice(0, hash);
      const pointer = hash === -1 ? '' : currentRef.slice(hash + 1);
      let docUrl = currentDoc;
      if (urlPart !== '') {
        docUrl = this.absoluteUrl(urlPart, currentDoc, ref);
        if (!this.documents.has(docUrl)) {
          this.pending.add(docUrl);
          return PENDING;
        }
      }
      const found = this.evaluatePointer(this.documents.get(docUrl), pointer, docUrl, ref);
      if (found === PENDING) return PENDING;
      const nextRef = Array.isArray(found) ? undefined : found.$ref;
      if (typeof nextRef !== 'string') return { value: found, docUrl };
      currentRef = nextRef;
      currentDoc = docUrl;
    }
    throw this.error(
      ref,
      `is part of a chain of more than ${MAX_CHAIN} $refs (a $ref pointing to itself?)`,
    );
  }

  private evaluatePointer(
    doc: unknown,
    pointer: string,
    docUrl: string,
    ref: string,
  ): typeof PENDING | Container {
    let current: unknown = doc;
    const segments = pointer === '' || pointer === '/' ? [] : pointer.split('/').slice(1);
    if (pointer !== '' && !pointer.startsWith('/')) {
      throw this.error(
        ref,
        'is not a JSON pointer (it must look like "#/components/schemas/Name")',
      );
    }
    for (const raw of segments) {
      if (current !== null && typeof current === 'object' && !Array.isArray(current)) {
        const innerRef = (current as Record<string, unknown>).$ref;
        if (typeof innerRef === 'string') {
          const inner = this.resolve(innerRef, docUrl);
          if (inner === PENDING) return PENDING;
          current = inner.value;
        }
      }
      const segment = decodeSegment(raw);
      if (current === null || typeof current !== 'object' || !Object.hasOwn(current, segment)) {
        throw this.error(ref, 'cannot be resolved');
      }
      current = (current as Record<string, unknown>)[segment];
    }
    if (current === null || typeof current !== 'object') {
      throw this.error(ref, 'does not point to an object');
    }
    return current as Container;
  }

  private absoluteUrl(urlPart: string, fromDoc: string, ref: string): string {
    try {
      return new URL(urlPart, fromDoc).href;
    } catch {
      throw this.error(
        ref,
        'cannot be resolved: it refers to another file, and a definition opened from text has no location to find it',
      );
    }
  }

  private error(ref: string, problem: string): DefinitionError {
    const location = this.path.join('.');
    return new DefinitionError(`$ref "${ref}" at ${location || 'the document root'} ${problem}`, {
      location,
    });
  }
}

function decodeSegment(raw: string): string {
  if (!raw.includes('~') && !raw.includes('%')) return raw;
  let segment = raw.replace(/~1/g, '/').replace(/~0/g, '~');
  try {
    segment = decodeURIComponent(segment);
  } catch {
    // Not percent-encoded after all: use it as written.
  }
  return segment;
}

/** OpenAPI 3.1 allows summary/description beside a $ref; they override the target's. */
function withSiblings(target: Container, refObject: Record<string, unknown>): Container {
  if (Array.isArray(target)) return target;
  let extra: Record<string, unknown> | null = null;
  for (const key of Object.keys(refObject)) {
    if (key === '$ref') continue;
    extra ??= {};
    extra[key] = refObject[key];
  }
  return extra ? { ...target, ...extra } : target;
}
