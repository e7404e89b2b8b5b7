/**
 * One request the console sent, as History keeps it: what a person needs to recognise and
 * replay it, never a secret. Everything goes through core's redaction on the way in.
 */
import type { HttpRequest, TryItValues } from '../request/http-request';
import {
  isSensitiveHeaderName,
  redactRequest,
  redactSecretsInText,
  WELL_KNOWN_SECRET_QUERY,
} from '../request/redact-request';

/** Most entries kept per API; older ones are dropped as new ones come. */
export const HISTORY_LIMIT = 200;
/** A response body above this is kept only as its size: History is not an archive. */
export const HISTORY_RESPONSE_LIMIT = 64 * 1024;

/** The try-it form as saved: parameters keyed "in:name", custom headers, body. */
export interface FormSnapshot {
  params: Record<string, string>;
  customHeaders: Array<{ name: string; value: string }>;
  body?: string;
}

export interface HistoryResponse {
  status: number;
  statusText: string;
  headers: Array<[string, string]>;
  /** UTF-8 text of the body, when it was small enough to keep. */
  body?: string;
  /** A streamed answer: `body` is the assembled answer, not the events as they came. */
  stream?: { events: number; stopped: boolean };
}

export interface HistoryEntry {
  id: string;
  apiId: string;
  operationSlug: string;
  operationSummary: string;
  method: string;
  /** Requested URL with secret query values masked. */
  url: string;
  /** Epoch ms when it was sent. */
  at: number;
  status?: number;
  /** Why no response came (network, timeout, cancelled). */
  error?: string;
  durationMs?: number;
  responseSize?: number;
  form: FormSnapshot;
  response?: HistoryResponse;
}

export interface HistoryEntryInput {
  id: string;
  apiId: string;
  operationSlug: string;
  operationSummary: string;
  request: HttpRequest;
  form: FormSnapshot;
  at: number;
  durationMs?: number;
  outcome:
    | {
        kind: 'response';
        status: number;
        statusText: string;
        headers: Array<[string, string]>;
        body: Uint8Array;
        stream?: { events: number; stopped: boolean };
      }
    | { kind: 'error'; message: string };
}

function isSecretParam(key: string, secretQuery: Set<string>): boolean {
  const at = key.indexOf(':');
  const where = key.slice(0, at);
  const name = key.slice(at + 1);
  if (where === 'query') return secretQuery.has(name.toLowerCase());
  return (where === 'header' || where === 'cookie') && isSensitiveHeaderName(name);
}

/** The form without credentials: secret parameters and headers emptied, SAS and keys masked. */
export function redactForm(form: FormSnapshot, secretQuery: readonly string[] = []): FormSnapshot {
  const names = new Set([...secretQuery, ...WELL_KNOWN_SECRET_QUERY].map((n) => n.toLowerCase()));
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(form.params)) {
    params[key] = isSecretParam(key, names) ? '' : redactSecretsInText(value);
  }
  return {
    params,
    customHeaders: form.customHeaders.map((h) => ({
      name: h.name,
      value: isSensitiveHeaderName(h.name) ? '' : redactSecretsInText(h.value),
    })),
    ...(form.body !== undefined ? { body: redactSecretsInText(form.body) } : {}),
  };
}

export function makeHistoryEntry(input: HistoryEntryInput): HistoryEntry {
  const shown = redactRequest(input.request);
  const entry: HistoryEntry = {
    id: input.id,
    apiId: input.apiId,
    operationSlug: input.operationSlug,
    operationSummary: input.operationSummary,
    method: shown.method,
    url: shown.url,
    at: input.at,
    form: redactForm(input.form, input.request.secretQuery),
  };
  if (input.durationMs !== undefined) entry.durationMs = Math.round(input.durationMs);
  if (input.outcome.kind === 'error') {
    entry.error = input.outcome.message;
    return entry;
  }
  const { status, statusText, headers, body, stream } = input.outcome;
  entry.status = status;
  entry.responseSize = body.byteLength;
  entry.response = {
    status,
    statusText,
    // Set-Cookie and similar never go to storage.
    headers: headers.filter(([name]) => !isSensitiveHeaderName(name)),
    ...(body.byteLength <= HISTORY_RESPONSE_LIMIT
      ? { body: redactSecretsInText(new TextDecoder().decode(body)) }
      : {}),
    ...(stream ? { stream: { events: stream.events, stopped: stream.stopped } } : {}),
  };
  return entry;
}

/** Ids to delete so that at most `limit` entries remain, the newest kept. */
export function entriesOverLimit(
  entries: ReadonlyArray<Pick<HistoryEntry, 'id' | 'at'>>,
  limit: number = HISTORY_LIMIT,
): string[] {
  if (entries.length <= limit) return [];
  return [...entries]
    .sort((a, b) => b.at - a.at)
    .slice(limit)
    .map((e) => e.id);
}

/** The values a request was built from, keyed the way the console saves its form. */
export function formSnapshotOf(values: TryItValues): FormSnapshot {
  const params: Record<string, string> = {};
  const add = (where: string, map: Record<string, string> | undefined) => {
    for (const [name, value] of Object.entries(map ?? {})) params[`${where}:${name}`] = value;
  };
  add('path', values.path);
  add('query', values.query);
  add('header', values.headers);
  add('cookie', values.cookies);
  return {
    params,
    customHeaders: values.customHeaders.map((h) => ({ name: h.name, value: h.value })),
    ...(values.body !== undefined ? { body: values.body } : {}),
  };
}
