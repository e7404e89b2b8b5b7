import type { ValueSource } from './policy-document';
import type { XmlElement } from './policy-xml';
import { formatTimeSpan } from './time-span';

/**
 * APIM's `llm-token-limit`: tokens per minute (sliding) and a token quota (fixed periods) per
 * counter key. The answer's tokens are counted as the answer passes through the gateway (a
 * stream event by event), so the limits bind while a stream is still running.
 */
export interface LlmTokenLimitStep {
  kind: 'llm-token-limit';
  counterKey: ValueSource;
  tokensPerMinute?: number;
  tokenQuota?: number;
  tokenQuotaPeriod?: TokenQuotaPeriod;
  estimatePromptTokens: boolean;
  retryAfterHeaderName: string;
  remainingQuotaTokensHeaderName?: string;
  remainingTokensHeaderName?: string;
  tokensConsumedHeaderName?: string;
}

export const TOKEN_QUOTA_PERIODS = ['Hourly', 'Daily', 'Weekly', 'Monthly', 'Yearly'] as const;
export type TokenQuotaPeriod = (typeof TOKEN_QUOTA_PERIODS)[number];

/** What the document compiler's attribute reader offers (policy-document.ts's AttributeReader). */
export interface LlmAttributeReader {
  value(name: string): ValueSource;
  literal(name: string): string | undefined;
  integer(name: string, range: { min: number; max?: number }): number | undefined;
  boolean(name: string): boolean | undefined;
  headerName(name: string): string | undefined;
  variableName(name: string): string | undefined;
  done(why?: string): void;
}

/** The part of policy-document.ts's compiler this policy uses. */
export interface LlmTokenLimitCompiler {
  reader(element: XmlElement, path: string): LlmAttributeReader;
  fail(message: string, element: XmlElement, target: string, attribute?: string): never;
}

/** Reads and checks `<llm-token-limit>`; a refusal names the attribute, its line and column. */
export function compileLlmTokenLimit(
  compiler: LlmTokenLimitCompiler,
  element: XmlElement,
): LlmTokenLimitStep {
  const path = 'llm-token-limit';
  const fail = (message: string, attribute?: string): never =>
    compiler.fail(message, element, attribute ? `${path}/@${attribute}` : path, attribute);
  const attributes = compiler.reader(element, path);
  const child = element.children.find((c) => c.kind === 'element');
  if (child?.kind === 'element')
    compiler.fail(`<${path}> takes no <${child.name}>.`, child, `${path}/${child.name}`);
  const counterKey = attributes.value('counter-key');
  const tokensPerMinute = attributes.integer('tokens-per-minute', { min: 1 });
  const tokenQuota = attributes.integer('token-quota', { min: 1 });
  const period = attributes.literal('token-quota-period');
  const estimatePromptTokens = attributes.boolean('estimate-prompt-tokens') ?? false;
  const retryAfterHeaderName = attributes.headerName('retry-after-header-name') ?? 'Retry-After';
  const remainingQuota = attributes.headerName('remaining-quota-tokens-header-name');
  const remainingTokens = attributes.headerName('remaining-tokens-header-name');
  const consumed = attributes.headerName('tokens-consumed-header-name');
  // Accepted so that documents written for APIM load; no supported expression reads variables.
  for (const name of [
    'retry-after-variable-name',
    'remaining-quota-tokens-variable-name',
    'remaining-tokens-variable-name',
    'tokens-consumed-variable-name',
  ])
    attributes.variableName(name);
  attributes.done();
  const tokenQuotaPeriod = TOKEN_QUOTA_PERIODS.find((p) => p === period);
  if (period !== undefined && !tokenQuotaPeriod)
    fail(
      `llm-token-limit/@token-quota-period must be one of ${TOKEN_QUOTA_PERIODS.join(', ')}, not '${period}'.`,
      'token-quota-period',
    );
  if ((tokenQuota === undefined) !== (tokenQuotaPeriod === undefined))
    fail(
      'llm-token-limit needs token-quota and token-quota-period together.',
      tokenQuota === undefined ? 'token-quota-period' : 'token-quota',
    );
  if (tokensPerMinute === undefined && tokenQuota === undefined)
    fail(
      'llm-token-limit needs tokens-per-minute, or token-quota with token-quota-period, or both.',
    );
  return {
    kind: 'llm-token-limit',
    counterKey,
    ...(tokensPerMinute === undefined ? {} : { tokensPerMinute }),
    ...(tokenQuota === undefined ? {} : { tokenQuota }),
    ...(tokenQuotaPeriod === undefined ? {} : { tokenQuotaPeriod }),
    estimatePromptTokens,
    retryAfterHeaderName,
    ...(remainingQuota === undefined ? {} : { remainingQuotaTokensHeaderName: remainingQuota }),
    ...(remainingTokens === undefined ? {} : { remainingTokensHeaderName: remainingTokens }),
    ...(consumed === undefined ? {} : { tokensConsumedHeaderName: consumed }),
  };
}

const WORD_OR_MARK = /[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu;

/**
 * The token counting rule: every run of letters and digits is one token, and so is every
 * other non-space character (punctuation, symbols). A stand-in for a model's tokenizer, which
 * the gateway does not have: close to BPE on English prose, and the same on every run.
 */
export function countTokens(text: string): number {
  return text.match(WORD_OR_MARK)?.length ?? 0;
}

/** A prompt's estimate before the backend is called: the request body at 4 bytes a token. */
export function estimatePromptTokens(contentLength: number): number {
  return Math.ceil(Math.max(0, contentLength) / 4);
}

/**
 * The tokens of an answer, as it passes. Server-sent events are read event by event and
 * counted as each arrives (eventTokens); a JSON answer is read whole (up to 1 MB) and counted
 * at its end (jsonAnswerTokens).
 */
export class AnswerTokenCounter {
  private pending = '';
  private json = '';
  private jsonTooLarge = false;
  private readonly decoder = new TextDecoder();

  constructor(
    private readonly kind: 'events' | 'json',
    private readonly onTokens: (tokens: number) => void,
  ) {}

  write(chunk: Uint8Array): void {
    const text = this.decoder.decode(chunk, { stream: true });
    if (this.kind === 'json') {
      if (this.json.length + text.length > MAX_JSON_CHARS) this.jsonTooLarge = true;
      else this.json += text;
      return;
    }
    this.pending += text;
    // Events end with a blank line (CRLF, LF or CR line ends, per the SSE specification).
    const events = this.pending.split(/\r\n\r\n|\n\n|\r\r/);
    this.pending = events.pop() ?? '';
    for (const event of events) this.countEvent(event);
  }

  end(): void {
    const rest = this.decoder.decode();
    if (this.kind === 'json') {
      if (this.jsonTooLarge) return;
      this.json += rest;
      try {
        this.report(jsonAnswerTokens(JSON.parse(this.json)));
      } catch {
        // Not JSON: not an answer this policy knows how to count.
      }
      return;
    }
    this.pending += rest;
    if (this.pending.trim() !== '') this.countEvent(this.pending);
    this.pending = '';
  }

  private countEvent(event: string): void {
    const data = event
      .split(/\r\n|\n|\r/)
      .filter((line) => line.startsWith('data:'))
      .map((line) => line.slice(line.startsWith('data: ') ? 6 : 5))
      .join('\n');
    if (data === '' || data === '[DONE]') return;
    try {
      this.report(eventTokens(JSON.parse(data)));
    } catch {
      // Plain-text events count as text.
      this.report(countTokens(data));
    }
  }

  private report(tokens: number): void {
    if (tokens > 0) this.onTokens(tokens);
  }
}

const MAX_JSON_CHARS = 1024 * 1024;

/**
 * A JSON answer's tokens: `usage.completion_tokens` when the backend reports it, else the text
 * of OpenAI's `choices` (message content or text), else prompt flow's `answer`. Any other
 * answer is not a language model's and counts nothing.
 */
function jsonAnswerTokens(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const { usage, choices, answer } = value as Record<string, unknown>;
  const completion = (usage as { completion_tokens?: unknown } | undefined)?.completion_tokens;
  if (typeof completion === 'number') return completion;
  if (Array.isArray(choices)) return choicesTokens(choices);
  return typeof answer === 'string' ? countTokens(answer) : 0;
}

/**
 * A streamed event's tokens: OpenAI's `choices[].delta.content`, else every string value of
 * the event (a prompt flow streams its outputs, `answer` deltas and whole non-stream outputs).
 */
function eventTokens(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  const { choices } = value as Record<string, unknown>;
  if (Array.isArray(choices)) return choicesTokens(choices);
  let total = 0;
  const visit = (v: unknown): void => {
    if (typeof v === 'string') total += countTokens(v);
    else if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') Object.values(v).forEach(visit);
  };
  visit(value);
  return total;
}

function choicesTokens(choices: unknown[]): number {
  let total = 0;
  for (const choice of choices) {
    const c = (choice ?? {}) as {
      text?: unknown;
      message?: { content?: unknown };
      delta?: { content?: unknown };
    };
    for (const text of [c.text, c.message?.content, c.delta?.content])
      if (typeof text === 'string') total += countTokens(text);
  }
  return total;
}

const MINUTE_MS = 60_000;

interface KeyCounters {
  /** Tokens counted in the last minute: [time, tokens], oldest first. */
  minute: Array<[number, number]>;
  quotaPeriodStart: number;
  quotaUsed: number;
}

export type TokenAdmission =
  | { ok: true; headers: Record<string, string> }
  | { ok: false; status: 429 | 403; headers: Record<string, string>; body: string };

/**
 * The counters of every llm-token-limit, by counter key. In memory only: tokens counted in the
 * last minute and in the current quota period are lost on a restart (a restart frees tokens;
 * it never refuses more than before).
 */
export class TokenLimiter {
  private readonly counters = new Map<string, KeyCounters>();

  constructor(private readonly clock: () => number) {}

  /**
   * Whether a call may go on: refused (429) while the last minute's tokens are at the limit, or
   * the prompt's estimate would not fit; refused (403) once the quota of the period is used.
   */
  admit(step: LlmTokenLimitStep, key: string, contentLength: number): TokenAdmission {
    const now = this.clock();
    const counters = this.countersOf(step, key, now);
    const prompt = step.estimatePromptTokens ? estimatePromptTokens(contentLength) : 0;
    const json = { 'Content-Type': 'application/json; charset=utf-8' };
    if (step.tokenQuota !== undefined && step.tokenQuotaPeriod !== undefined) {
      if (counters.quotaUsed + prompt >= step.tokenQuota && counters.quotaUsed > 0) {
        const next = nextPeriodStart(counters.quotaPeriodStart, step.tokenQuotaPeriod);
        const seconds = Math.max(1, Math.ceil((next - now) / 1000));
        return {
          ok: false,
          status: 403,
          headers: {
            ...json,
            [step.retryAfterHeaderName]: String(seconds),
            ...(step.remainingQuotaTokensHeaderName
              ? { [step.remainingQuotaTokensHeaderName]: '0' }
              : {}),
          },
          body: JSON.stringify({
            statusCode: 403,
            message: `Out of token quota. Quota will be replenished in ${formatTimeSpan(seconds)}.`,
          }),
        };
      }
    }
    const used = minuteTokens(counters, now);
    if (step.tokensPerMinute !== undefined && used > 0 && used + prompt >= step.tokensPerMinute) {
      const seconds = secondsUntilBelow(counters, now, step.tokensPerMinute - prompt);
      return {
        ok: false,
        status: 429,
        headers: {
          ...json,
          [step.retryAfterHeaderName]: String(seconds),
          ...(step.remainingTokensHeaderName ? { [step.remainingTokensHeaderName]: '0' } : {}),
        },
        body: JSON.stringify({
          statusCode: 429,
          message: `Token limit is exceeded. Try again in ${seconds} seconds.`,
        }),
      };
    }
    if (prompt > 0) this.add(step, key, prompt);
    const headers: Record<string, string> = {};
    if (step.remainingTokensHeaderName && step.tokensPerMinute !== undefined)
      headers[step.remainingTokensHeaderName] = String(
        Math.max(0, step.tokensPerMinute - used - prompt),
      );
    if (step.remainingQuotaTokensHeaderName && step.tokenQuota !== undefined)
      headers[step.remainingQuotaTokensHeaderName] = String(
        Math.max(0, step.tokenQuota - counters.quotaUsed),
      );
    if (step.tokensConsumedHeaderName) headers[step.tokensConsumedHeaderName] = String(prompt);
    return { ok: true, headers };
  }

  /** Counts tokens of an answer as they pass. */
  add(step: LlmTokenLimitStep, key: string, tokens: number): void {
    const now = this.clock();
    const counters = this.countersOf(step, key, now);
    counters.minute.push([now, tokens]);
    counters.quotaUsed += tokens;
  }

  /** Tokens counted for a key in the last minute (tests, the portal's reports). */
  tokensInLastMinute(step: LlmTokenLimitStep, key: string): number {
    const now = this.clock();
    return minuteTokens(this.countersOf(step, key, now), now);
  }

  private countersOf(step: LlmTokenLimitStep, key: string, now: number): KeyCounters {
    const id = `${step.tokensPerMinute ?? ''}|${step.tokenQuota ?? ''}|${step.tokenQuotaPeriod ?? ''}|${key}`;
    let counters = this.counters.get(id);
    if (!counters) {
      counters = { minute: [], quotaPeriodStart: 0, quotaUsed: 0 };
      this.counters.set(id, counters);
    }
    while (counters.minute.length > 0 && (counters.minute[0]?.[0] ?? 0) <= now - MINUTE_MS)
      counters.minute.shift();
    if (step.tokenQuotaPeriod) {
      const start = periodStartOf(now, step.tokenQuotaPeriod);
      if (start !== counters.quotaPeriodStart) {
        counters.quotaPeriodStart = start;
        counters.quotaUsed = 0;
      }
    }
    return counters;
  }
}

function minuteTokens(counters: KeyCounters, now: number): number {
  let total = 0;
  for (const [time, tokens] of counters.minute) if (time > now - MINUTE_MS) total += tokens;
  return total;
}

/** Seconds until the last minute's tokens fall below `limit` as the oldest entries leave it. */
function secondsUntilBelow(counters: KeyCounters, now: number, limit: number): number {
  let total = minuteTokens(counters, now);
  for (const [time, tokens] of counters.minute) {
    if (total < limit) break;
    total -= tokens;
    if (total < limit) return Math.max(1, Math.ceil((time + MINUTE_MS - now) / 1000));
  }
  return 60;
}

/** Quota periods follow the calendar in UTC (an hour, a day, a week from Monday, ...). */
function periodStartOf(now: number, period: TokenQuotaPeriod): number {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (period) {
    case 'Hourly':
      return Date.UTC(y, m, d.getUTCDate(), d.getUTCHours());
    case 'Daily':
      return Date.UTC(y, m, d.getUTCDate());
    case 'Weekly':
      return Date.UTC(y, m, d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    case 'Monthly':
      return Date.UTC(y, m, 1);
    case 'Yearly':
      return Date.UTC(y, 0, 1);
  }
}

function nextPeriodStart(start: number, period: TokenQuotaPeriod): number {
  const d = new Date(start);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  switch (period) {
    case 'Hourly':
      return start + 3_600_000;
    case 'Daily':
      return start + 86_400_000;
    case 'Weekly':
      return start + 7 * 86_400_000;
    case 'Monthly':
      return Date.UTC(y, m + 1, 1);
    case 'Yearly':
      return Date.UTC(y + 1, 0, 1);
  }
}
