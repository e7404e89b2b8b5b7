/**
 * Matching a request to an operation's URL template as APIM's gateway does, in time that depends
 * on the path's length and not on how many operations the API has.
 */

type Segment =
  | { kind: 'literal'; text: string }
  | { kind: 'pattern'; source: string; regex: RegExp }
  | { kind: 'param' }
  | { kind: 'wildcard' };

const PARAM = /^\{[^{}]+\}$/;

/** The template's path part as segments; the query part (`?a={a}`) plays no part in matching. */
function templateSegments(urlTemplate: string): Segment[] {
  const question = urlTemplate.indexOf('?');
  const path = question < 0 ? urlTemplate : urlTemplate.slice(0, question);
  const parts = splitPath(path);
  return parts.map((part, index) => {
    if (PARAM.test(part)) return { kind: 'param' };
    if (part === '*' && index === parts.length - 1) return { kind: 'wildcard' };
    if (part.includes('{')) {
      const source = part
        .split(/(\{[^{}]+\})/)
        .map((piece) => (PARAM.test(piece) ? '{}' : piece))
        .join('');
      const regex = new RegExp(
        `^${source
          .split('{}')
          .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))
          .join('[^/]+')}$`,
      );
      return { kind: 'pattern', source, regex };
    }
    return { kind: 'literal', text: part };
  });
}

/** `/a/b/` -> `["a", "b"]`; one trailing slash is not a segment of its own. */
function splitPath(path: string): string[] {
  const trimmed = path.startsWith('/') ? path.slice(1) : path;
  if (trimmed === '') return [];
  const parts = trimmed.split('/');
  if (parts.length > 1 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}

/**
 * Two templates that match the same requests, e.g. `/users/{id}` and `/users/{uid}/?x={x}`,
 * share this key; APIM refuses a second operation with the same method and key.
 */
export function templateKey(urlTemplate: string): string {
  return (
    '/' +
    templateSegments(urlTemplate)
      .map((s) =>
        s.kind === 'literal'
          ? s.text
          : s.kind === 'pattern'
            ? s.source
            : s.kind === 'param'
              ? '{}'
              : '*',
      )
      .join('/')
  );
}

interface TrieNode<T> {
  literals: Map<string, TrieNode<T>>;
  patterns: Array<{ regex: RegExp; source: string; node: TrieNode<T> }>;
  param: TrieNode<T> | undefined;
  /** By upper-case method: what ends here. */
  ends: Map<string, T>;
  /** By upper-case method: `/*` here, matching whatever follows. */
  rest: Map<string, T>;
}

function node<T>(): TrieNode<T> {
  return { literals: new Map(), patterns: [], param: undefined, ends: new Map(), rest: new Map() };
}

/**
 * Operations of one API in a segment trie. Precedence at each segment: a literal, then a
 * segment mixing text and parameters (`{name}.json`), then a whole `{param}` (one non-empty
 * segment), then `*` (the rest of the path).
 */
export class OperationTrie<T> {
  private readonly root: TrieNode<T> = node();

  /** Adds an operation; returns the one already there for the same method and template, if any. */
  add(method: string, urlTemplate: string, value: T): T | undefined {
    const upper = method.toUpperCase();
    let at = this.root;
    const segments = templateSegments(urlTemplate);
    for (const segment of segments) {
      if (segment.kind === 'wildcard') {
        const existing = at.rest.get(upper);
        if (existing === undefined) at.rest.set(upper, value);
        return existing;
      }
      at = this.child(at, segment);
    }
    const existing = at.ends.get(upper);
    if (existing === undefined) at.ends.set(upper, value);
    return existing;
  }

  /** What `method` on `path` (below the API's suffix, no query; "" for the API's root) calls. */
  match(method: string, path: string): T | undefined {
    return this.walk(this.root, method.toUpperCase(), splitPath(path), 0);
  }

  private child(at: TrieNode<T>, segment: Exclude<Segment, { kind: 'wildcard' }>): TrieNode<T> {
    if (segment.kind === 'literal') {
      let next = at.literals.get(segment.text);
      if (!next) at.literals.set(segment.text, (next = node()));
      return next;
    }
    if (segment.kind === 'param') return (at.param ??= node());
    let entry = at.patterns.find((p) => p.source === segment.source);
    if (!entry) at.patterns.push((entry = { ...segment, node: node() }));
    return entry.node;
  }

  private walk(at: TrieNode<T>, method: string, parts: string[], index: number): T | undefined {
    if (index === parts.length) {
      const found = at.ends.get(method);
      if (found !== undefined) return found;
    } else {
      const part = parts[index] as string;
      const literal = at.literals.get(part);
      const viaLiteral = literal && this.walk(literal, method, parts, index + 1);
      if (viaLiteral !== undefined) return viaLiteral;
      if (part !== '') {
        for (const pattern of at.patterns) {
          if (!pattern.regex.test(part)) continue;
          const viaPattern = this.walk(pattern.node, method, parts, index + 1);
          if (viaPattern !== undefined) return viaPattern;
        }
        const viaParam = at.param && this.walk(at.param, method, parts, index + 1);
        if (viaParam !== undefined) return viaParam;
      }
    }
    return at.rest.get(method);
  }
}
