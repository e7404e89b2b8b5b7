import { queryOptions, useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import type { ApiOperation, SpecVersion } from '../../core/definition/api-model';
import type { HttpResponse } from '../../core/request/send-request';
import type { ResponseCheck } from '../../core/response-check/check-response';
import { describeError } from '../../core/errors/describe-error';
import { runResponseCheck, type CheckOutcome } from './check-in-worker';
import './response-check-summary.css';

/** What a response is checked against: the operation it answered and the definition's dialect. */
export interface ResponseCheckTarget {
  operation: Pick<ApiOperation, 'responses'>;
  specVersion: SpecVersion;
}

// Query keys are data; responses and operations are compared by identity, so each gets a number.
const ids = new WeakMap<object, number>();
let nextId = 0;
function idOf(value: object): number {
  let id = ids.get(value);
  if (id === undefined) ids.set(value, (id = nextId++));
  return id;
}

type CheckedResponse = Pick<HttpResponse, 'status' | 'headers' | 'body' | 'contentType'>;

function responseCheckQuery(
  target: ResponseCheckTarget,
  response: CheckedResponse,
  start: boolean,
) {
  // The operation and the response are keyed by identity (idOf): they are objects, not data.
  // eslint-disable-next-line @tanstack/query/exhaustive-deps
  return queryOptions({
    queryKey: [
      'response-check',
      idOf(target.operation.responses),
      target.specVersion,
      idOf(response.body),
      response.status,
    ],
    queryFn: ({ signal }) =>
      runResponseCheck(target.operation, target.specVersion, response, signal),
    // A response never changes: checked once, kept while it is on screen.
    staleTime: Infinity,
    gcTime: 60_000,
    retry: false,
    enabled: start,
  });
}

function declaredText(declared: { status: string; contentType?: string }): string {
  return declared.contentType ? `${declared.status}, ${declared.contentType}` : declared.status;
}

function Outcome({ check }: { check: ResponseCheck }) {
  switch (check.kind) {
    case 'matches':
      return (
        <p className="response-check__line response-check__line--ok">
          Matches the definition{' '}
          <span className="response-check__detail">({declaredText(check.declared)})</span>
        </p>
      );
    case 'mismatches': {
      const more = check.total - check.issues.length;
      return (
        <>
          <p className="response-check__line response-check__line--bad">
            {check.total === 1 ? '1 mismatch' : `${check.total} mismatches`} with the definition{' '}
            <span className="response-check__detail">({declaredText(check.declared)})</span>
          </p>
          <ul className="response-check__issues" aria-label="Mismatches with the definition">
            {check.issues.map((issue, i) => (
              <li key={i} className="response-check__issue">
                <code className="response-check__pointer">{issue.pointer || '/'}</code>{' '}
                <span>
                  expected {issue.expected}, got {issue.actual}
                </span>
              </li>
            ))}
          </ul>
          {more > 0 && (
            <p className="response-check__detail">
              and {more.toLocaleString('en-US')} more not listed.
            </p>
          )}
        </>
      );
    }
    case 'undeclared-status':
      return (
        <p className="response-check__line response-check__line--bad">
          Status {check.status} is not declared for this operation
          {check.declaredStatuses.length > 0 && (
            <span className="response-check__detail">
              {' '}
              (declared: {check.declaredStatuses.join(', ')})
            </span>
          )}
        </p>
      );
    case 'undeclared-content-type':
      return (
        <p className="response-check__line response-check__line--bad">
          {check.contentType
            ? `Content type ${check.contentType} is not declared for ${check.status}`
            : `The response has a body without a Content-Type, not declared for ${check.status}`}
          <span className="response-check__detail">
            {' '}
            (
            {check.declaredContentTypes.length > 0
              ? `declared: ${check.declaredContentTypes.join(', ')}`
              : 'declared without a body'}
            )
          </span>
        </p>
      );
    case 'no-schema':
      return (
        <p className="response-check__line">
          The definition declares no schema for {declaredText(check.declared)}: the status and
          content type match, the body is not checked.
        </p>
      );
    case 'not-checked':
      return (
        <p className="response-check__line">
          Status and content type match ({declaredText(check.declared)}); {check.reason}.
        </p>
      );
  }
}

function OutcomeOf({ outcome }: { outcome: CheckOutcome }) {
  if (outcome.kind === 'checked') return <Outcome check={outcome.check} />;
  return <p className="response-check__line">Too large to check here: {outcome.reason}.</p>;
}

/**
 * "Matches the definition", or each way the response departs from what the operation declares
 * for its status and content type. The response is on screen first; the check (in a worker for
 * large bodies) fills this in when it is done.
 */
export function ResponseCheckSummary({
  target,
  response,
  start = true,
}: {
  target: ResponseCheckTarget;
  response: CheckedResponse;
  /** False while the panel is still busy showing the body: the check waits its turn. */
  start?: boolean;
}) {
  const headingId = useId();
  const query = useQuery(responseCheckQuery(target, response, start));
  return (
    <section className="response-check" aria-labelledby={headingId}>
      <h3 id={headingId} className="response-check__title">
        Definition check
      </h3>
      <div role="status" className="response-check__body">
        {query.isPending && (
          <p className="response-check__line">Checking against the definition…</p>
        )}
        {query.isError && (
          <p className="response-check__line">
            The check could not run: {describeError(query.error).title}.
          </p>
        )}
        {query.isSuccess && <OutcomeOf outcome={query.data} />}
      </div>
    </section>
  );
}
