import { useEffect, useId, useMemo, useState, type ReactNode } from 'react';
import type { HttpRequest } from '../../core/request/http-request';
import { redactRequest } from '../../core/request/redact-request';
import type { ResponseState } from '../../core/response/response-state';
import { headerValue } from '../../core/util/header-lookup';
import { readRateLimit } from '../../core/response/rate-limit';
import { maskResponseSecrets } from '../../core/response/mask-response-secrets';
import { ErrorMessage } from '../error-message';
import type { HttpResponse } from '../../core/request/send-request';
import { SendError } from '../../core/request/send-error';
import { formatBytes, formatDuration } from '../../core/response/response-size';
import { statusClass, statusLine } from '../../core/response/http-status-text';
import { CopyButton } from '../copy-button';
import { RateLimitStatus } from './rate-limit-status';
import { ResponseCheckSummary, type ResponseCheckTarget } from './response-check-summary';
import { isMockedInBrowser } from '../../core/mock/mock-marker';
import { ResponseBody, type BodyInput } from './response-body';
import { useBodyAnalysis } from './use-body-analysis';
import { StreamView } from './stream-view';
import { DEPLOYMENT_HEADER } from '../../core/request/azureml-deployment';
import type { StreamSnapshot } from '../../core/response/stream-answer';
import './response-panel.css';

export interface ResponsePanelProps {
  /** The request as sent; shown (secrets masked) above the response. */
  request?: HttpRequest;
  state: ResponseState;
  /** Heading and region name; "Response" unless the panel is one of several. */
  title?: string;
  /** Offered when a redirect was not followed because the request carries credentials. */
  onFollowRedirect?: () => void;
  /** What the response means for the user (a refused key, say); shown instead of the error summary. */
  guidance?: ReactNode;
  /** Show the request's body (secrets masked) under its URL, as a call log does. */
  showRequestBody?: boolean;
  /** A streamed (text/event-stream) answer so far: shown as it arrives, with Stop. */
  stream?: StreamSnapshot;
  /** Stops a streamed answer mid-way (what arrived stays). */
  onStop?: () => void;
  /** The operation the response answers: the panel then checks it against the definition. */
  check?: ResponseCheckTarget;
}

/**
 * What was sent and what came back: the requested URL and headers (secrets masked), status,
 * time, size, response headers and the content in a viewer fit for its type. Content is only
 * ever shown as text, tables or a hex dump; nothing from a response is rendered as HTML.
 */
export function ResponsePanel({
  request,
  state,
  title = 'Response',
  onFollowRedirect,
  guidance,
  showRequestBody = false,
  stream,
  onStop,
  check,
}: ResponsePanelProps) {
  const headingId = useId();
  return (
    <section className="response-panel" aria-labelledby={headingId}>
      <h2 id={headingId} className="response-panel__title">
        {title}
      </h2>
      {request && <RequestedUrl request={request} showBody={showRequestBody} />}
      {state.status === 'idle' && (
        <p className="response-panel__idle">Send the request to see the response here.</p>
      )}
      {state.status === 'pending' &&
        (stream && onStop ? (
          <StreamView stream={stream} live={{ startedAt: state.startedAt, onStop }} />
        ) : (
          <Pending startedAt={state.startedAt} />
        ))}
      {state.status === 'error' && (
        <ErrorMessage error={state.error} className="response-error">
          {onFollowRedirect &&
            state.error instanceof SendError &&
            state.error.kind === 'redirect' && (
              <button type="button" className="button button--small" onClick={onFollowRedirect}>
                Follow the redirect
              </button>
            )}
        </ErrorMessage>
      )}
      {state.status === 'success' && (
        <ResponseView
          response={state.response}
          url={request?.url ?? ''}
          guidance={guidance}
          stream={stream}
          check={check}
        />
      )}
    </section>
  );
}

// A long body (an imported definition) is cut here; the whole of it is what was sent.
const SHOWN_BODY_CHARS = 4000;

function RequestedUrl({ request, showBody }: { request: HttpRequest; showBody: boolean }) {
  const shown = redactRequest(request);
  const body = shown.body ?? '';
  return (
    <div className="requested-url">
      <div className="requested-url__head">
        <h3 className="response-panel__subtitle">Requested URL</h3>
        <CopyButton label="Copy URL" text={shown.url} />
      </div>
      <p className="requested-url__line">
        <span
          className={`requested-url__method requested-url__method--${shown.method.toLowerCase()}`}
        >
          {shown.method}
        </span>{' '}
        <code className="requested-url__url">{shown.url}</code>
      </p>
      {shown.headers.length > 0 && (
        <details className="requested-url__headers">
          <summary>Request headers ({shown.headers.length})</summary>
          <HeaderTable rows={shown.headers.map((h) => [h.name, h.value])} label="Request headers" />
        </details>
      )}
      {showBody && body !== '' && (
        <details className="requested-url__headers">
          <summary>Request body ({formatBytes(new TextEncoder().encode(body).length)})</summary>
          <pre className="requested-url__body">
            {body.length > SHOWN_BODY_CHARS
              ? `${body.slice(0, SHOWN_BODY_CHARS)}\n… ${(body.length - SHOWN_BODY_CHARS).toLocaleString('en-US')} more characters`
              : body}
          </pre>
        </details>
      )}
    </div>
  );
}

function Pending({ startedAt }: { startedAt: number }) {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [startedAt]);
  return (
    <p className="response-panel__pending" role="status">
      <span className="response-panel__spinner" aria-hidden="true" />
      Waiting for the response… {formatDuration(Math.max(0, now - startedAt))}
    </p>
  );
}

function ResponseView({
  response: received,
  url,
  guidance,
  stream,
  check,
}: {
  response: HttpResponse;
  url: string;
  guidance: ReactNode;
  stream: StreamSnapshot | undefined;
  check: ResponseCheckTarget | undefined;
}) {
  // SAS signatures and keys stay masked, as in the request above, until the user asks.
  const masked = useMemo(() => maskResponseSecrets(received), [received]);
  // Revealing is per response: the next one starts masked again.
  const [revealedFor, setRevealedFor] = useState<HttpResponse>();
  const revealed = revealedFor === received;
  const response = masked && !revealed ? masked : received;
  const input: BodyInput = {
    body: response.body,
    contentType: response.contentType || (headerValue(response.headers, 'content-type') ?? ''),
    status: response.status,
    retryAfter: headerValue(response.headers, 'retry-after'),
    url,
    contentDisposition: headerValue(response.headers, 'content-disposition'),
  };
  const formatted = useBodyAnalysis({ ...input, mode: 'formatted' });
  // After a 429 or quota 403 the rate-limit line below counts the wait down live; the body's
  // fixed "Try again in N seconds" would disagree with it a second later.
  const waitShownLive =
    readRateLimit(response.status, response.headers, response.receivedAt).blocked?.retryAt !==
    undefined;
  const summary =
    formatted.status === 'ready' && !waitShownLive ? formatted.analysis.errorSummary : undefined;
  const cls = statusClass(response.status);
  const deployment = headerValue(response.headers, DEPLOYMENT_HEADER)?.trim();
  return (
    <>
      <div className="response-summary">
        <span className={`response-status response-status--${cls}`}>
          {statusLine(response.status, response.statusText)}
        </span>
        {headerValue(response.headers, MOCKED_HEADER)?.trim().toLowerCase() === 'true' && (
          <span className="response-mocked" title={`The gateway answered (${MOCKED_HEADER}: true)`}>
            Mocked by the gateway
          </span>
        )}
        {isMockedInBrowser(response.headers) && (
          <span
            className="response-mocked"
            title="The Mock environment answered from the definition: nothing was sent"
          >
            Mocked in the browser
          </span>
        )}
        <span className="response-summary__item">
          <span className="response-summary__label">Time</span>{' '}
          {formatDuration(response.durationMs)}
        </span>
        <span className="response-summary__item">
          <span className="response-summary__label">Size</span> {formatBytes(response.size)}
        </span>
        {deployment && (
          <span
            className="response-deployment"
            title={`The Azure ML deployment that served the call (${DEPLOYMENT_HEADER} response header)`}
          >
            Answered by deployment <strong>{deployment}</strong>
          </span>
        )}
      </div>
      {response.stream && (
        <StreamView
          stream={stream}
          ended={{ totalMs: response.durationMs, stopped: response.stream.stopped }}
        />
      )}
      {guidance}
      {!guidance && summary && (
        <p className={`response-panel__error-summary response-panel__error-summary--${cls}`}>
          {summary}
        </p>
      )}
      {check && (
        // What is shown is checked: a mismatch quotes values, and masked secrets stay masked.
        // It waits for the body's formatting: on two cores its worker would slow the view down.
        <ResponseCheckSummary
          target={check}
          response={masked ?? received}
          start={formatted.status !== 'working'}
        />
      )}
      {masked && (
        <p className="response-panel__masked">
          {revealed
            ? 'Signatures and keys in this response are shown.'
            : 'Signatures and keys in this response are masked.'}{' '}
          <button
            type="button"
            className="button button--ghost button--small"
            aria-pressed={revealed}
            onClick={() => setRevealedFor(revealed ? undefined : received)}
          >
            Reveal secrets
          </button>
        </p>
      )}
      <RateLimitStatus response={response} />
      <ResponseHeaders headers={response.headers} />
      <ResponseBody key={bodyKey(response)} input={input} formatted={formatted} />
    </>
  );
}

// The local gateway's marker on an answer its mock-response policy made (APIM has none).
const MOCKED_HEADER = 'X-Portico-Mocked';

// A new response gets a fresh body view (tab, find text, scroll position).
const bodyKeys = new WeakMap<object, number>();
let nextBodyKey = 0;
function bodyKey(response: HttpResponse): number {
  let key = bodyKeys.get(response.body);
  if (key === undefined) {
    key = nextBodyKey++;
    bodyKeys.set(response.body, key);
  }
  return key;
}

function ResponseHeaders({ headers }: { headers: Array<[string, string]> }) {
  const headingId = useId();
  return (
    <section className="response-headers" aria-labelledby={headingId}>
      <details open={headers.length <= 12}>
        <summary>
          <h3 id={headingId} className="response-panel__subtitle">
            Headers
          </h3>{' '}
          <span className="response-headers__count">({headers.length})</span>
        </summary>
        {headers.length === 0 ? (
          <p className="response-headers__none">
            No headers readable. A cross-origin server must list headers in
            Access-Control-Expose-Headers for the browser to show them.
          </p>
        ) : (
          <HeaderTable rows={headers} label="Response headers" />
        )}
      </details>
    </section>
  );
}

function HeaderTable({ rows, label }: { rows: Array<[string, string]>; label: string }) {
  return (
    <table className="header-table" aria-label={label}>
      <tbody>
        {rows.map(([name, value], i) => (
          <tr key={i}>
            <th scope="row">{name}</th>
            <td>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
