import { describe, expect, it } from 'vitest';
import {
  AnswerTokenCounter,
  TokenLimiter,
  countTokens,
  type LlmTokenLimitStep,
} from './llm-token-limit';
import { parsePolicy, PolicyValidationError } from './policy-engine';

const trust = { isTrustedBackend: () => true, trustSetting: 'GATEWAY_TRUSTED_HOSTS' };

function parseStep(attributes: string): LlmTokenLimitStep {
  const parsed = parsePolicy(
    `<policies><inbound><llm-token-limit ${attributes} /></inbound></policies>`,
    'xml',
    'product',
    trust,
  );
  return parsed.sections.inbound?.[0] as LlmTokenLimitStep;
}

function refusal(attributes: string): string {
  try {
    parseStep(attributes);
  } catch (error) {
    if (error instanceof PolicyValidationError) return error.message;
    throw error;
  }
  return 'accepted';
}

describe('llm-token-limit: the document', () => {
  it('reads the attributes APIM documents', () => {
    expect(
      parseStep(
        'counter-key="@(context.Subscription.Id)" tokens-per-minute="500" token-quota="20000" token-quota-period="Daily" estimate-prompt-tokens="true" remaining-tokens-header-name="x-remaining-tokens" retry-after-variable-name="retry"',
      ),
    ).toMatchObject({
      kind: 'llm-token-limit',
      tokensPerMinute: 500,
      tokenQuota: 20000,
      tokenQuotaPeriod: 'Daily',
      estimatePromptTokens: true,
      retryAfterHeaderName: 'Retry-After',
      remainingTokensHeaderName: 'x-remaining-tokens',
    });
  });

  it('refuses a document without a limit, a quota without its period, and an unknown period', () => {
    expect(refusal('counter-key="k"')).toBe(
      'llm-token-limit needs tokens-per-minute, or token-quota with token-quota-period, or both.',
    );
    expect(refusal('counter-key="k" token-quota="10"')).toBe(
      'llm-token-limit needs token-quota and token-quota-period together.',
    );
    expect(refusal('counter-key="k" token-quota="10" token-quota-period="Fortnightly"')).toBe(
      "llm-token-limit/@token-quota-period must be one of Hourly, Daily, Weekly, Monthly, Yearly, not 'Fortnightly'.",
    );
    expect(refusal('tokens-per-minute="10"')).toBe(
      '<llm-token-limit> needs the attribute counter-key.',
    );
  });
});

describe('llm-token-limit: counting', () => {
  it('counts words and marks as tokens', () => {
    expect(countTokens('Hello, world! It is 2026.')).toBe(8);
    expect(countTokens('  ')).toBe(0);
  });

  it('counts a stream event by event as the bytes arrive, split anywhere', () => {
    const counted: number[] = [];
    const counter = new AnswerTokenCounter('events', (n) => counted.push(n));
    const stream = Buffer.from(
      'data: {"answer": ""}\n\ndata: {"answer": "Hello"}\n\ndata: {"answer": " world."}\n\n',
    );
    counter.write(stream.subarray(0, 30));
    expect(counted).toEqual([]);
    counter.write(stream.subarray(30, 50));
    expect(counted).toEqual([1]);
    counter.write(stream.subarray(50));
    counter.end();
    expect(counted).toEqual([1, 2]);
  });

  it("counts OpenAI's deltas and ignores [DONE]", () => {
    const counted: number[] = [];
    const counter = new AnswerTokenCounter('events', (n) => counted.push(n));
    counter.write(
      Buffer.from(
        'data: {"id":"x","choices":[{"delta":{"content":"Hi there"}}]}\r\n\r\ndata: [DONE]\r\n\r\n',
      ),
    );
    counter.end();
    expect(counted).toEqual([2]);
  });

  it("counts a JSON answer at its end: usage first, else choices, else prompt flow's answer, else nothing", () => {
    const count = (body: unknown): number => {
      let total = 0;
      const counter = new AnswerTokenCounter('json', (n) => (total += n));
      counter.write(Buffer.from(JSON.stringify(body)));
      counter.end();
      return total;
    };
    expect(count({ answer: 'One two three', usage: { completion_tokens: 42 } })).toBe(42);
    expect(count({ choices: [{ message: { content: 'One two' } }] })).toBe(2);
    expect(count({ answer: 'One two three' })).toBe(3);
    expect(count({ Results: { output1: [{ Col2: 'not a language model' }] } })).toBe(0);
  });
});

describe('llm-token-limit: limits', () => {
  const step = (extra: Partial<LlmTokenLimitStep> = {}): LlmTokenLimitStep => ({
    kind: 'llm-token-limit',
    counterKey: { kind: 'literal', value: 'k' },
    estimatePromptTokens: false,
    retryAfterHeaderName: 'Retry-After',
    remainingTokensHeaderName: 'x-remaining-tokens',
    ...extra,
  });

  it('refuses with 429 and Retry-After once the last minute holds tokens-per-minute, until they leave it', () => {
    let now = Date.UTC(2026, 11, 7, 10, 0, 0);
    const limiter = new TokenLimiter(() => now);
    const tpm = step({ tokensPerMinute: 100 });
    expect(limiter.admit(tpm, 'sub-1', 0)).toEqual({
      ok: true,
      headers: { 'x-remaining-tokens': '100' },
    });
    limiter.add(tpm, 'sub-1', 60);
    now += 20_000;
    limiter.add(tpm, 'sub-1', 40);
    expect(limiter.admit(tpm, 'sub-2', 0).ok).toBe(true);
    expect(limiter.admit(tpm, 'sub-1', 0)).toEqual({
      ok: false,
      status: 429,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'Retry-After': '40',
        'x-remaining-tokens': '0',
      },
      body: '{"statusCode":429,"message":"Token limit is exceeded. Try again in 40 seconds."}',
    });
    now += 40_000;
    expect(limiter.admit(tpm, 'sub-1', 0)).toEqual({
      ok: true,
      headers: { 'x-remaining-tokens': '60' },
    });
  });

  it('refuses with 403 once the quota of the period is used, until the next period', () => {
    let now = Date.UTC(2026, 11, 7, 10, 30, 0);
    const limiter = new TokenLimiter(() => now);
    const quota = step({ tokenQuota: 50, tokenQuotaPeriod: 'Hourly' });
    limiter.add(quota, 'k', 50);
    expect(limiter.admit(quota, 'k', 0)).toEqual({
      ok: false,
      status: 403,
      headers: { 'Content-Type': 'application/json; charset=utf-8', 'Retry-After': '1800' },
      body: '{"statusCode":403,"message":"Out of token quota. Quota will be replenished in 00:30:00."}',
    });
    now = Date.UTC(2026, 11, 7, 11, 0, 0);
    expect(limiter.admit(quota, 'k', 0).ok).toBe(true);
  });

  it('with estimate-prompt-tokens, counts the prompt (4 bytes a token) before the answer and refuses early', () => {
    const now = Date.UTC(2026, 11, 7, 10, 0, 0);
    const limiter = new TokenLimiter(() => now);
    const estimating = step({ tokensPerMinute: 100, estimatePromptTokens: true });
    expect(limiter.admit(estimating, 'k', 200)).toEqual({
      ok: true,
      headers: { 'x-remaining-tokens': '50' },
    });
    expect(limiter.tokensInLastMinute(estimating, 'k')).toBe(50);
    expect(limiter.admit(estimating, 'k', 200).ok).toBe(false);
  });
});
