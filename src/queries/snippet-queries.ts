import { queryOptions } from '@tanstack/react-query';
import type { HttpRequest } from '../core/request/http-request';
import { generateSnippet, SNIPPET_TARGETS, type SnippetTarget } from '../core/request/code-samples';
import { tokenizeCodeSample, type CodeToken } from '../core/request/code-sample-tokens';

export interface CodeSample {
  code: string;
  /** Coloured runs of the code; absent when the colouring could not load (the code still shows). */
  tokens?: CodeToken[];
}

async function codeSample(
  request: HttpRequest,
  target: SnippetTarget,
  reveal: boolean,
): Promise<CodeSample> {
  const code = await generateSnippet(request, target, { revealSecrets: reveal });
  const language = SNIPPET_TARGETS.find((t) => t.id === target)?.language ?? 'text';
  const tokens = await tokenizeCodeSample(code, language).catch(() => undefined);
  return tokens ? { code, tokens } : { code };
}

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

/** A code sample (and its colours) of the request the console would send; secrets are placeholders unless revealed. */
export const snippetQuery = (request: HttpRequest, target: SnippetTarget, reveal: boolean) =>
  queryOptions({
    queryKey: snippetKeys.sample(request, target, reveal),
    queryFn: () => codeSample(request, target, reveal),
    staleTime: Infinity,
    gcTime: 30_000,
  });
