import type { ApiOperationSummary } from './api-model';

export interface OperationIndex<Op extends ApiOperationSummary = ApiOperationSummary> {
  readonly operations: readonly Op[];
  /** Lower-cased summary, path, method, tags and operationId per operation, built once. */
  readonly haystacks: readonly string[];
}

export function createOperationIndex<Op extends ApiOperationSummary>(
  operations: readonly Op[],
): OperationIndex<Op> {
  const haystacks = operations.map((op) =>
    [op.summary, op.path, op.method, op.tags.join(' '), op.operationId ?? '', op.slug]
      .join('\n')
      .toLowerCase(),
  );
  return { operations, haystacks };
}

/** Lower-cased terms of a query; quotes are ignored, whitespace separates terms. */
export function queryTerms(query: string): string[] {
  return query
    .toLowerCase()
    .replace(/["']/g, ' ')
    .split(/\s+/)
    .filter((term) => term !== '');
}

/**
 * Operations whose summary, path, method, tag or operationId contain every term of the query
 * (case-insensitive). An empty query keeps them all. Plain substring tests over precomputed
 * text: thousands of operations per keystroke stay well within a frame.
 */
export function filterOperations<Op extends ApiOperationSummary>(
  index: OperationIndex<Op>,
  query: string,
): Op[] {
  const terms = queryTerms(query);
  if (terms.length === 0) return [...index.operations];
  const result: Op[] = [];
  for (let i = 0; i < index.operations.length; i += 1) {
    const haystack = index.haystacks[i] as string;
    if (terms.every((term) => haystack.includes(term))) result.push(index.operations[i] as Op);
  }
  return result;
}
