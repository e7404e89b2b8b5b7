import { useEffect, useId, useState } from 'react';
import type { StreamSnapshot } from '../../core/response/stream-answer';
import { formatDuration } from '../../core/response/response-size';

export interface StreamViewProps {
  stream: StreamSnapshot | undefined;
  /** While the answer is still arriving: performance.now() at send, and how to stop it. */
  live?: { startedAt: number; onStop: () => void };
  /** Once it ended: the whole time, and whether the user stopped it. */
  ended?: { totalMs: number; stopped: boolean };
}

/**
 * A streamed answer (server-sent events) as it arrives: the answer assembled from its deltas,
 * the latest events as they came with their times, time to first event and total time, and
 * Stop. Everything is text; nothing from the stream is rendered as markup.
 */
export function StreamView({ stream, live, ended }: StreamViewProps) {
  const headingId = useId();
  const eventsId = useId();
  const now = useNow(live !== undefined);
  const events = stream?.events ?? 0;
  const totalMs = ended ? ended.totalMs : live ? Math.max(0, now - live.startedAt) : undefined;
  return (
    <section className="stream-view" aria-labelledby={headingId}>
      <div className="stream-view__head">
        <h3 id={headingId} className="response-panel__subtitle">
          Streamed answer
        </h3>
        {/* One polite summary for assistive technology: the per-event list would be noise. */}
        <p className="stream-view__stats" role="status">
          {live
            ? events === 0
              ? 'Waiting for the first event…'
              : `Receiving: ${plural(events, 'event')}`
            : ended?.stopped
              ? `Stopped after ${plural(events, 'event')}`
              : `Complete: ${plural(events, 'event')}`}
        </p>
        {live && (
          <button type="button" className="button button--small" onClick={live.onStop}>
            Stop
          </button>
        )}
      </div>
      <dl className="stream-view__times">
        <div>
          <dt>Time to first event</dt>
          <dd>{stream?.firstEventMs !== undefined ? formatDuration(stream.firstEventMs) : '–'}</dd>
        </div>
        <div>
          <dt>Total time</dt>
          <dd>{totalMs !== undefined ? formatDuration(totalMs) : '–'}</dd>
        </div>
      </dl>
      {stream && stream.deltas > 0 && (
        <div className="stream-view__answer" role="group" aria-label="Answer so far">
          {stream.answerLength > stream.answerTail.length && (
            <span className="stream-view__earlier">
              … {(stream.answerLength - stream.answerTail.length).toLocaleString('en-US')} earlier
              characters, then{' '}
            </span>
          )}
          {stream.answerTail}
        </div>
      )}
      {stream && stream.recent.length > 0 && (
        <details className="stream-view__events" open={live !== undefined}>
          <summary>
            Events{' '}
            {stream.events > stream.recent.length
              ? `(the latest ${stream.recent.length} of ${stream.events})`
              : `(${stream.events})`}
          </summary>
          {/* Scrolls on its own, so it takes focus for keyboard users (axe: scrollable region). */}
          <div
            className="stream-view__scroll"
            role="group"
            aria-label="Events as they arrived"
            tabIndex={0}
          >
            <ol
              id={eventsId}
              className="stream-view__list"
              start={stream.events - stream.recent.length + 1}
            >
              {stream.recent.map((event, i) => (
                <li key={stream.events - stream.recent.length + i}>
                  <span className="stream-view__at">{formatDuration(event.atMs)}</span>{' '}
                  {event.event && <span className="stream-view__type">{event.event} </span>}
                  <code>{event.data}</code>
                </li>
              ))}
            </ol>
          </div>
        </details>
      )}
    </section>
  );
}

function useNow(ticking: boolean): number {
  const [now, setNow] = useState(() => performance.now());
  useEffect(() => {
    if (!ticking) return;
    const timer = setInterval(() => setNow(performance.now()), 100);
    return () => clearInterval(timer);
  }, [ticking]);
  return now;
}

function plural(n: number, word: string): string {
  return `${n.toLocaleString('en-US')} ${word}${n === 1 ? '' : 's'}`;
}
