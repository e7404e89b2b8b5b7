import { ReportsError } from './reports-error';
import type { ReportsSource } from './reports-source';

/** Enough pages for a week at PT5M or a day at PT1M; beyond that the view asks for less. */
const MAX_PAGES = 20;

function hintFor(status: number, source: ReportsSource): string | undefined {
  if (status === 401 || status === 403)
    return source.scope === 'subscription'
      ? 'Check the subscription key of this environment (Settings, or Subscriptions and keys).'
      : source.apiVersion
        ? 'Paste a fresh token: az account get-access-token --resource https://management.azure.com --query accessToken -o tsv. It needs read access to the API Management service.'
        : 'The demo admin key is not accepted: restart the demo stack with npm start.';
  if (status === 503) return 'Usage storage is not answering; the view retries by itself.';
  return undefined;
}

async function readError(response: Response, source: ReportsSource): Promise<ReportsError> {
  let code = `HTTP ${response.status}`;
  let message = `The reports API answered ${response.status} ${response.statusText}`.trim();
  try {
    const body = (await response.json()) as {
      error?: { code?: string; message?: string };
      message?: string;
    };
    if (body.error?.message) {
      message = body.error.message;
      code = body.error.code ?? code;
    } else if (body.message) message = body.message;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ReportsError(message, response.status, code, hintFor(response.status, source));
}

/**
 * Reads a list (`{ value, count, nextLink }`), following nextLink. A nextLink is followed only
 * on the source's own origin, so the credential is never sent anywhere else.
 */
async function fetchList<T>(
  source: ReportsSource,
  first: URL,
  options: { signal?: AbortSignal; fetch?: typeof fetch },
): Promise<{ value: T[]; count: number }> {
  const doFetch = options.fetch ?? fetch;
  if (source.apiVersion) first.searchParams.set('api-version', source.apiVersion);
  const value: T[] = [];
  let count = 0;
  let url: URL | undefined = first;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    let response: Response;
    try {
      response = await doFetch(url, { headers: source.headers, signal: options.signal });
    } catch (error) {
      if (options.signal?.aborted) throw error;
      throw new ReportsError(
        `The reports API at ${first.origin} could not be reached.`,
        0,
        'Unreachable',
        'Is the demo stack running (npm start)? A real APIM must allow this origin by CORS on management.azure.com calls.',
      );
    }
    if (!response.ok) throw await readError(response, source);
    const body = (await response.json()) as {
      value?: T[];
      count?: number;
      nextLink?: string | null;
    };
    value.push(...(body.value ?? []));
    count = body.count ?? value.length;
    const next: URL | undefined = body.nextLink ? new URL(body.nextLink, first) : undefined;
    url = next && next.origin === first.origin ? next : undefined;
    if (url && source.apiVersion && !url.searchParams.has('api-version'))
      url.searchParams.set('api-version', source.apiVersion);
  }
  return { value, count };
}

/** Reads one report, every page of it. */
export async function fetchReport<T>(
  source: ReportsSource,
  report: string,
  params: Record<string, string>,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<{ value: T[]; count: number }> {
  const first = new URL(`${source.reportsUrl}/${report}`);
  for (const [k, v] of Object.entries(params)) first.searchParams.set(k, v);
  return fetchList<T>(source, first, options);
}

/**
 * The display names of a publisher source's subscriptions, by subscription name (the last
 * segment of a report's `subscriptionId`): reports name subscriptions by id only.
 */
export async function fetchSubscriptionNames(
  source: ReportsSource,
  options: { signal?: AbortSignal; fetch?: typeof fetch } = {},
): Promise<Map<string, string>> {
  const root = source.reportsUrl.replace(/\/reports$/, '');
  const { value } = await fetchList<{ name?: string; properties?: { displayName?: string } }>(
    source,
    new URL(`${root}/subscriptions`),
    options,
  );
  const names = new Map<string, string>();
  for (const s of value)
    if (s.name && s.properties?.displayName) names.set(s.name, s.properties.displayName);
  return names;
}
