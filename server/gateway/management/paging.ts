import type { FastifyRequest } from 'fastify';

/** ARM's server-driven paging: at most this many items a page, whatever `$top` asks. */
export const MAX_PAGE_SIZE = 100;

/**
 * One page of `items` as `$top` and `$skip` ask, with the `nextLink` ARM clients follow: the
 * same URL with `$skip` moved on, or undefined on the last page.
 */
export function pageOf<T>(
  request: FastifyRequest,
  items: readonly T[],
): { items: T[]; count: number; nextLink: string | undefined } | { error: string } {
  const url = new URL(request.url, `http://${request.headers.host ?? '127.0.0.1'}`);
  const top = readCount(url.searchParams.get('$top'), 1);
  const skip = readCount(url.searchParams.get('$skip'), 0);
  if (top === null) return { error: '$top must be a whole number of 1 or more.' };
  if (skip === null) return { error: '$skip must be a whole number of 0 or more.' };
  const size = Math.min(top ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const start = skip ?? 0;
  const end = start + size;
  let nextLink: string | undefined;
  // As APIM does, $top is the page size and nextLink carries on from where the page ends.
  if (end < items.length) {
    url.searchParams.set('$skip', String(end));
    nextLink = url.toString();
  }
  return { items: items.slice(start, end), count: items.length, nextLink };
}

function readCount(raw: string | null, min: number): number | undefined | null {
  if (raw === null || raw === '') return undefined;
  const value = Number(raw);
  return Number.isInteger(value) && value >= min ? value : null;
}
