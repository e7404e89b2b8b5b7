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

/**
 * Replaces, in place, the local `$ref`s under `root[keys[0]][keys[1]]...` (one path item, say)
 * and in what they lead to, as resolveRefs would: so one operation can be read before the
 * whole document is resolved (resolveRefs later finds those parts done). False when something
 * there needs another file (left as it is), or the keys lead nowhere: only resolveRefs can
 * finish it. Throws what resolveRefs would throw for a broken `$ref` there.
 */
export function resolveRefsUnder(
  root: unknown,
  keys: readonly string[],
  /** Absolute URL of the document (resolveRefs' baseUrl), for telling another file's $refs. */
  baseUrl = '',
): boolean {
  let holder: unknown = root;
  for (const key of keys.slice(0, -1)) {
    if (!isContainer(holder) || Array.isArray(holder) || !Object.hasOwn(holder, key)) return false;
    holder = holder[key];
  }
  const slot = keys[keys.length - 1];
  if (slot === undefined || !isContainer(holder) || Array.isArray(holder)) return false;
  if (!Object.hasOwn(holder, slot)) return false;
  const pending = new Set<string>();
  new RefWalker(new Map([[baseUrl, root]]), pending).walkDocument(root, baseUrl, {
    holder,
    slot,
  });
  return pending.size === 0;
}

/** Deeper than this is not a real API: a clear error rather than a stack overflow later. */
export const MAX_NESTING = 1000;

/**
 * One container waiting to be walked. `parent` and `key` give its path for messages; `depth`
 * counts levels since the last $ref hop, so long chains of distinct $refs are fine and only
 * nesting written out in a document is limited.
 */
interface Frame {
  holder: Container | undefined;
  slot: string | number;
  key: string;
  docUrl: string;
  depth: number;
  parent: Frame | undefined;
}

function pathOf(frame: Frame | undefined, last?: string): string {
  const keys: string[] = last === undefined ? [] : [last];
  for (let f = frame; f?.parent; f = f.parent) keys.push(f.key);
  return keys.reverse().join('.');
}

function isContainer(value: unknown): value is Container {
  return value !== null && typeof value === 'object';
}

/** Own property, also for the key "__proto__" (which assignment would take as the prototype). */
export function setOwn(target: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__')
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  else target[key] = value;
}

class RefWalker {
  private readonly visited = new Set<object>();
  /** The frame being walked, for the location of errors. */
  private frame: Frame | undefined;
  private key = '';

  constructor(
    private readonly documents: Map<string, unknown>,
    private readonly pending: Set<string>,
  ) {}

  /**
   * Depth-first in document order, with its own stack: no recursion to overflow. From `from`
   * (a member of the document) instead of its root when given.
   */
  walkDocument(
    doc: unknown,
    docUrl: string,
    from?: { holder: Record<string, unknown>; slot: string },
  ): void {
    if (!isContainer(doc)) return;
    const stack: Frame[] = [
      from
        ? { ...from, key: from.slot, docUrl, depth: 0, parent: undefined }
        : { holder: undefined, slot: '', key: '', docUrl, depth: 0, parent: undefined },
    ];
    let root: Container | undefined = doc;
    while (stack.length > 0) {
      const frame = stack.pop() as Frame;
      let node: unknown;
      let nodeDoc = frame.docUrl;
      let depth = frame.depth;
      if (frame.holder === undefined) {
        node = root;
        root = undefined;
      } else {
        node = Array.isArray(frame.holder)
          ? frame.holder[frame.slot as number]
          : frame.holder[frame.slot as string];
        const ref =
          !Array.isArray(node) && isContainer(node)
            ? (node as Record<string, unknown>).$ref
            : undefined;
        if (typeof ref === 'string') {
          this.frame = frame.parent;
          this.key = frame.key;
          const target = this.resolve(ref, frame.docUrl);
          if (target === PENDING) continue;
          node = withSiblings(target.value, node as Record<string, unknown>);
          nodeDoc = target.docUrl;
          depth = 0;
          if (Array.isArray(frame.holder)) frame.holder[frame.slot as number] = node;
          else frame.holder[frame.slot as string] = node;
        }
      }
      if (!isContainer(node) || this.visited.has(node)) continue;
      this.visited.add(node);
      if (depth > MAX_NESTING) throw nestingError(pathOf(frame));
      const namedEntries = MAP_KEYS.has(frame.key);
      const keys = Array.isArray(node) ? null : Object.keys(node);
      const count = keys ? keys.length : (node as unknown[]).length;
      // Pushed last to first, so the first child is walked first.
      for (let i = count - 1; i >= 0; i -= 1) {
        const key = keys ? (keys[i] as string) : String(i);
        const child: unknown = keys
          ? (node as Record<string, unknown>)[key]
          : (node as unknown[])[i];
        if (!isContainer(child)) continue;
        const childFrame: Frame = {
          holder: node,
          slot: keys ? key : i,
          key,
          docUrl: nodeDoc,
          depth: depth + 1,
          parent: frame,
        };
        if (keys && !namedEntries && (LITERAL_KEYS.has(key) || key.startsWith('x-'))) {
          checkLiteralNesting(child, childFrame);
          continue;
        }
        stack.push(childFrame);
      }
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
    const location = pathOf(this.frame, this.key);
    return new DefinitionError(`$ref "${ref}" at ${location || 'the document root'} ${problem}`, {
      location,
    });
  }
}

function nestingError(location: string): DefinitionError {
  return new DefinitionError(
    `The definition is nested more than ${MAX_NESTING} levels deep at ${location || 'the document root'}: no API needs that many, and reading it would run out of stack`,
    { location },
  );
}

/** Examples and extensions are not walked for $refs, but they are cloned and shown: limit them too. */
function checkLiteralNesting(value: Container, frame: Frame): void {
  const stack: Array<{ value: Container; depth: number; frame: Frame }> = [
    { value, depth: frame.depth, frame },
  ];
  const seen = new Set<object>();
  while (stack.length > 0) {
    const item = stack.pop() as { value: Container; depth: number; frame: Frame };
    if (seen.has(item.value)) continue;
    seen.add(item.value);
    if (item.depth > MAX_NESTING) throw nestingError(pathOf(item.frame));
    const entries = Array.isArray(item.value)
      ? item.value.map((v, i) => [String(i), v] as const)
      : Object.entries(item.value);
    for (const [key, child] of entries) {
      if (!isContainer(child)) continue;
      stack.push({
        value: child,
        depth: item.depth + 1,
        frame: { ...item.frame, key, parent: item.frame },
      });
    }
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
    setOwn(extra, key, refObject[key]);
  }
  if (!extra) return target;
  const merged: Record<string, unknown> = { ...target };
  for (const key of Object.keys(extra)) setOwn(merged, key, extra[key]);
  return merged;
}
