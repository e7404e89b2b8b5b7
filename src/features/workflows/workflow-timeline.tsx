import { useEffect, useState } from 'react';
import { ResponsePanel } from '../../components/response/response-panel';
import type { ResponseCheckTarget } from '../../components/response/response-check-summary';
import { formatDuration } from '../../core/response/response-size';
import { looksLikeCredentialField, redactSecretsInText } from '../../core/request/redact-request';
import { SECRET_MASK } from '../../core/request/http-request';
import type { ResponseState } from '../../core/response/response-state';
import {
  retryWaitExplanation,
  type StepAttempt,
  type WorkflowRunRecord,
} from '../../core/workflow/workflow-run-record';
import type { ArazzoCriterion } from '../../core/workflow/workflow-types';

const STATUS_LABELS: Record<StepAttempt['status'], string> = {
  running: 'Running',
  waiting: 'Waiting to retry',
  passed: 'Passed',
  failed: 'Failed',
};

function pathOf(url: string): string {
  try {
    const u = new URL(url);
    return `${u.pathname}${u.search}`;
  } catch {
    return url;
  }
}

function criterionText(c: ArazzoCriterion): string {
  const type = typeof c.type === 'object' ? c.type.type : (c.type ?? 'simple');
  return type === 'simple' && !c.context
    ? c.condition
    : `${c.context ?? ''} ${type === 'simple' ? '' : `[${type}] `}${c.condition}`.trim();
}

/** The operation a step called, to check its responses against the definition. */
export type CheckTargetOf = (workflowId: string, stepId: string) => ResponseCheckTarget | undefined;

/** What the document says about a step: its failure action's retryAfter, the operation called. */
export interface StepFacts {
  checkOf: CheckTargetOf;
  /** The retryAfter (seconds) of the named failure action of the step, if it gives one. */
  retryAfterOf: (workflowId: string, stepId: string, action: string) => number | undefined;
}

/**
 * An output as one line of text: masked whole when its name says it is a credential ("sig",
 * "sasToken", "apiKey"), else with SAS signatures and account keys in it masked.
 */
export function shownValue(name: string, value: unknown): string {
  if (looksLikeCredentialField(name)) return SECRET_MASK;
  return redactSecretsInText(typeof value === 'string' ? value : JSON.stringify(value));
}

/** Seconds left until `until` (epoch ms), counting down while mounted. */
function Countdown({ until }: { until: number }) {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [until]);
  return <>{Math.max(0, Math.ceil((until - now) / 1000))} s left</>;
}

function callState(attempt: StepAttempt, record: WorkflowRunRecord): ResponseState {
  const response = attempt.call?.response;
  if (response) return { status: 'success', response };
  if (attempt.status === 'running' && record.status === 'running')
    return { status: 'pending', startedAt: performance.now() - (Date.now() - attempt.startedAt) };
  return {
    status: 'error',
    error: new Error(
      record.failure && 'stepId' in record.failure && record.failure.stepId === attempt.stepId
        ? record.failure.message
        : 'No response: the run ended before it came.',
    ),
  };
}

/** The panel mounts only while open: a polling step makes many calls, few are looked at. */
function CallDetails({
  attempt,
  record,
  facts,
}: {
  attempt: StepAttempt;
  record: WorkflowRunRecord;
  facts: StepFacts;
}) {
  const [open, setOpen] = useState(false);
  const call = attempt.call;
  if (!call) return null;
  return (
    <details className="workflow-attempt__call" onToggle={(e) => setOpen(e.currentTarget.open)}>
      <summary>
        Request and response
        <span className="visually-hidden">
          {' '}
          of {attempt.stepId}, attempt {attempt.attempt}
        </span>
      </summary>
      {open && (
        <ResponsePanel
          request={call.request}
          state={callState(attempt, record)}
          title={`${attempt.stepId} · ${call.operationSummary}`}
          showRequestBody
          check={facts.checkOf(attempt.workflowId, attempt.stepId)}
        />
      )}
    </details>
  );
}

function AttemptItem({
  attempt,
  record,
  highlighted,
  facts,
}: {
  attempt: StepAttempt;
  record: WorkflowRunRecord;
  highlighted: boolean;
  facts: StepFacts;
}) {
  const { call, criteria, retryWait, goto, outputs } = attempt;
  const waiting = attempt.status === 'waiting' && record.status === 'running';
  return (
    <li
      className={`workflow-attempt workflow-attempt--${attempt.status}${highlighted ? ' workflow-attempt--highlighted' : ''}`}
      aria-label={`${attempt.stepId}, attempt ${attempt.attempt}: ${STATUS_LABELS[attempt.status]}`}
    >
      <span className="workflow-attempt__dot" aria-hidden="true" />
      <div className="workflow-attempt__head">
        <span className="workflow-attempt__step">{attempt.stepId}</span>
        {attempt.workflowId !== record.workflowId && (
          <span className="pill">in {attempt.workflowId}</span>
        )}
        {attempt.attempt > 1 && <span className="muted">attempt {attempt.attempt}</span>}
        <span className={`workflow-attempt__status workflow-attempt__status--${attempt.status}`}>
          {STATUS_LABELS[attempt.status]}
        </span>
        {call && (
          <code className="workflow-attempt__line">
            {call.request.method} {pathOf(call.request.url)}
            {call.response && ` → ${call.response.status}`}
          </code>
        )}
        {attempt.endedAt !== undefined && (
          <span className="muted">{formatDuration(attempt.endedAt - attempt.startedAt)}</span>
        )}
      </div>
      {criteria && criteria.results.length > 0 && (
        <ul className="workflow-attempt__criteria" aria-label="Success criteria">
          {criteria.results.map((r, i) => (
            <li
              key={i}
              className={r.passed ? 'workflow-criterion--passed' : 'workflow-criterion--failed'}
            >
              <span aria-hidden="true">{r.passed ? '✓' : '✗'}</span>{' '}
              <span className="visually-hidden">{r.passed ? 'Met:' : 'Not met:'} </span>
              <code>{criterionText(r.criterion)}</code>
              {r.error && <span className="workflow-criterion__error"> ({r.error})</span>}
            </li>
          ))}
        </ul>
      )}
      {retryWait && (
        <p className="workflow-attempt__retry">
          Retry {retryWait.retry} of {retryWait.retryLimit} after {formatDuration(retryWait.ms)} (
          {retryWait.action}
          {/* The runner's reason restates the status; without a response it says what failed. */}
          {call?.response ? `, HTTP ${call.response.status}` : `: ${retryWait.reason}`}):{' '}
          {retryWaitExplanation(
            retryWait,
            facts.retryAfterOf(attempt.workflowId, attempt.stepId, retryWait.action),
          )}
          {waiting && (
            <>
              {' '}
              · <Countdown until={retryWait.until} />
            </>
          )}
        </p>
      )}
      {goto && (
        <p className="workflow-attempt__goto">
          {goto.action}: go to{' '}
          {'stepId' in goto.to ? `step ${goto.to.stepId}` : `workflow ${goto.to.workflowId}`}
        </p>
      )}
      {outputs && Object.keys(outputs).length > 0 && (
        <dl className="workflow-outputs workflow-outputs--step">
          {Object.entries(outputs).map(([name, value]) => (
            <div key={name}>
              <dt>{name}</dt>
              <dd>
                <code>{shownValue(name, value)}</code>
              </dd>
            </div>
          ))}
        </dl>
      )}
      <CallDetails attempt={attempt} record={record} facts={facts} />
    </li>
  );
}

/**
 * The run as it happens: every attempt of every step in the order it ran, with its call (opening
 * in the console's response panel), criteria, retry wait and reason, and goto.
 */
export function WorkflowTimeline({
  record,
  highlightStepId,
  facts,
}: {
  record: WorkflowRunRecord;
  highlightStepId: string | undefined;
  facts: StepFacts;
}) {
  return (
    <ol className="workflow-timeline" aria-label="Run timeline">
      {record.attempts.map((attempt) => (
        <AttemptItem
          key={attempt.key}
          attempt={attempt}
          record={record}
          highlighted={attempt.stepId === highlightStepId}
          facts={facts}
        />
      ))}
    </ol>
  );
}
