import type { HttpRequest } from '../../core/build-request';
import type { ResponseState } from './try-it-console';

/**
 * A plain view of the last exchange, used only when the full response panel is not in the
 * build. Content is shown as text, never as HTML.
 */
export function FallbackResponseView({
  request,
  state,
}: {
  request: HttpRequest | undefined;
  state: ResponseState;
}) {
  if (state.status === 'idle') return null;
  return (
    <section className="card" aria-label="Response" style={{ padding: 16 }}>
      {request && (
        <p>
          Requested URL:{' '}
          <code>
            {request.method} {request.url}
          </code>
        </p>
      )}
      {state.status === 'pending' && <p role="status">Sending…</p>}
      {state.status === 'error' && (
        <p role="alert">
          {state.error instanceof Error ? state.error.message : String(state.error)}
        </p>
      )}
      {state.status === 'success' && (
        <>
          <p>
            {state.response.status} {state.response.statusText}
          </p>
          <section aria-label="Response content">
            <pre style={{ whiteSpace: 'pre-wrap' }}>
              {new TextDecoder().decode(state.response.body.subarray(0, 100_000))}
            </pre>
          </section>
        </>
      )}
    </section>
  );
}
