import { queryOptions } from '@tanstack/react-query';
import type { HttpRequest } from '../core/request/http-request';
import { generateSnippet, type SnippetTarget } from '../core/request/code-samples';

// Each request object the console builds gets a number: the key names the request by it, so
// the request itself (keys, tokens and all) never sits in the query cache's keys.
const requestNumbers = new WeakMap<HttpRequest, number>();
let lastNumber = 0;

function requestNumber(request: HttpRequest): number {
  let n = requestNumbers.get(request);
  if (n === undefined) {
    lastNumber += 1;
    n = lastNumber;
    requestNumbers.set(request, n);
  }
  return n;
}

/** Query keys of the code samples domain. */
export const snippetKeys = {
  all: ['snippets'] as const,
  sample: (request: HttpRequest, target: SnippetTarget, reveal: boolean) =>
    [...snippetKeys.all, requestNumber(request), target, reveal] as const,
};

/** A code sample of the request the console would send; secrets are placeholders unless revealed. */
export const snippetQuery = (request: HttpRequest, target: SnippetTarget, reveal: boolean) =>
  queryOptions({
    queryKey: snippetKeys.sample(request, target, reveal),
    queryFn: () => generateSnippet(request, target, { revealSecrets: reveal }),
    staleTime: Infinity,
    gcTime: 30_000,
  });
