import { formatWait, readRateLimit, remainingText } from '../../core/response/rate-limit';
import type { HttpResponse } from '../../core/request/send-request';
import { useSecondsUntil } from './use-retry-wait';

/**
 * Beside Send while it waits out a 429 or a quota 403: why it is disabled, with the same live
 * countdown as the response panel (it is the Send button's description for screen readers).
 */
export function RetryWaitNote({ response, id }: { response: HttpResponse; id: string }) {
  const state = readRateLimit(response.status, response.headers, response.receivedAt);
  const left = useSecondsUntil(state.blocked?.retryAt);
  if (!state.blocked || left === 0) return null;
  const limit = `${state.blocked.tokens ? 'token ' : ''}${state.blocked.kind === 'quota' ? 'quota' : 'rate limit'}`;
  return (
    <span id={id} className="try-it__blocked">
      The gateway refuses calls for now ({limit}): calls go through again in{' '}
      <span role="timer">{formatWait(left)}</span>.
    </span>
  );
}

/**
 * The caller's rate-limit state after a response through API Management: calls left in the
 * window, or, after a 429 or a quota 403, a live countdown until calls go through again.
 */
export function RateLimitStatus({ response }: { response: HttpResponse }) {
  const state = readRateLimit(response.status, response.headers, response.receivedAt);
  const left = useSecondsUntil(state.blocked?.retryAt);
  if (state.blocked) {
    const what =
      state.blocked.kind === 'quota'
        ? state.blocked.tokens
          ? 'Token quota used up (llm-token-limit)'
          : 'Call volume quota used up'
        : state.blocked.tokens
          ? 'Tokens per minute exceeded (llm-token-limit)'
          : 'Rate limit exceeded';
    if (state.blocked.retryAt === undefined) {
      return (
        <p className="rate-limit rate-limit--blocked">
          {what}. The gateway did not say when calls work again.
        </p>
      );
    }
    return left > 0 ? (
      <p className="rate-limit rate-limit--blocked">
        {what}. Calls go through again in{' '}
        <span
          role="timer"
          aria-label="Time until calls go through again"
          className="rate-limit__timer"
        >
          {formatWait(left)}
        </span>
        .
      </p>
    ) : (
      <p className="rate-limit rate-limit--ready" role="status">
        {state.blocked.kind === 'quota'
          ? 'The quota is replenished'
          : 'The rate-limit window has renewed'}
        : calls go through again.
      </p>
    );
  }
  if (state.remaining === undefined) return null;
  return (
    <p className="rate-limit" aria-label="Rate limit">
      Rate limit: {remainingText(state.remaining)}.
    </p>
  );
}
