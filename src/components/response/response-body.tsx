import {
  useDeferredValue,
  useId,
  useMemo,
  useRef,
  useState,
  type KeyboardEvent,
  type RefObject,
} from 'react';
import type { BodyAnalysis, TextView } from '../../core/response/response-analyze';
import { decodeBody } from '../../core/response/response-decode';
import { downloadFileName } from '../../core/response/response-filename';
import { findMatches } from '../../core/response/response-search';
import { formatBytes } from '../../core/response/response-size';
import { CopyButton } from '../copy-button';
import { BinaryView } from './binary-view';
import { CodeView, type Matches } from './code-view';
import { downloadBytes } from '../download-file';
import { ResultTables } from './result-tables';
import { useBodyAnalysis, type BodyAnalysisState } from './use-body-analysis';
import { useWrapLines } from './use-wrap-lines';

type Tab = 'Table' | 'JSON' | 'Text' | 'Raw';

export interface BodyInput {
  body: Uint8Array;
  contentType: string;
  status: number;
  retryAfter: string | null;
  url: string;
  contentDisposition: string | null;
}

/** The "Response content" region: the body in the right viewer, with find, copy and download. */
export function ResponseBody({
  input,
  formatted,
}: {
  input: BodyInput;
  formatted: BodyAnalysisState;
}) {
  const analysis = formatted.status === 'ready' ? formatted.analysis : null;
  const tabs = tabsFor(analysis);
  const [chosen, setChosen] = useState<Tab | null>(null);
  const tab: Tab = chosen && tabs.includes(chosen) ? chosen : (tabs[0] ?? 'Text');
  const [query, setQuery] = useState('');
  // Unbounded; each text view takes it modulo its own number of matches.
  const [matchIndex, setMatchIndex] = useState(0);
  const findRef = useRef<HTMLInputElement>(null);
  const tabsId = useId();
  const [wrap, setWrap] = useWrapLines();

  const download = (): void =>
    downloadBytes(
      input.body,
      downloadFileName(input.url, input.contentType, input.contentDisposition),
      input.contentType,
    );

  const onKeyDown = (event: KeyboardEvent<HTMLElement>): void => {
    // The browser's own find cannot see rows that are not rendered; ours can.
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === 'f' && findRef.current) {
      event.preventDefault();
      findRef.current.focus();
      findRef.current.select();
    }
  };

  const isBinary = analysis?.kind === 'binary' || analysis?.kind === 'image';
  const empty = input.body.length === 0;
  const textual = !empty && !isBinary && tab !== 'Table';

  return (
    // Ctrl+F from anywhere in the content opens its find box; the keys come from its controls.
    // eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions
    <section className="response-content" aria-label="Response content" onKeyDown={onKeyDown}>
      <div className="response-content__toolbar">
        {tabs.length > 1 ? (
          // The tabs are the focusable elements; the list only hears their arrow keys.
          // eslint-disable-next-line jsx-a11y/interactive-supports-focus
          <div
            className="segmented"
            role="tablist"
            aria-label="View"
            onKeyDown={(event) => {
              // Arrow keys move between tabs, as in every tab list (WAI-ARIA tabs pattern).
              const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
              if (step === 0) return;
              event.preventDefault();
              const next = tabs[(tabs.indexOf(tab) + step + tabs.length) % tabs.length] ?? tab;
              setChosen(next);
              document.getElementById(`${tabsId}-${next}`)?.focus();
            }}
          >
            {tabs.map((t) => (
              <button
                key={t}
                type="button"
                role="tab"
                id={`${tabsId}-${t}`}
                aria-selected={t === tab}
                aria-controls={`${tabsId}-panel`}
                tabIndex={t === tab ? 0 : -1}
                className="segmented__tab"
                onClick={() => setChosen(t)}
              >
                {t}
              </button>
            ))}
          </div>
        ) : (
          <span className="response-content__kind">{kindLabel(analysis, input)}</span>
        )}
        <div className="response-content__actions">
          {textual && (
            <FindBox
              inputRef={findRef}
              query={query}
              onQuery={(q) => {
                setQuery(q);
                setMatchIndex(0);
              }}
              onStep={(delta) => setMatchIndex((i) => i + delta)}
            />
          )}
          {textual && (
            <label className="checkbox response-content__wrap">
              <input type="checkbox" checked={wrap} onChange={(e) => setWrap(e.target.checked)} />
              Wrap lines
            </label>
          )}
          {textual && formatted.status === 'ready' && formatted.analysis.view && (
            <CopyButton
              label="Copy"
              className="button button--small"
              text={() =>
                tab === 'Raw'
                  ? decodeBody(input.body, input.contentType)
                  : (formatted.analysis.view?.text ?? '')
              }
            />
          )}
          {!empty && (
            <button type="button" className="button button--small" onClick={download}>
              Download
            </button>
          )}
        </div>
      </div>
      <div
        id={`${tabsId}-panel`}
        role={tabs.length > 1 ? 'tabpanel' : undefined}
        aria-labelledby={tabs.length > 1 ? `${tabsId}-${tab}` : undefined}
        className="response-content__panel"
      >
        <Panel
          tab={tab}
          input={input}
          formatted={formatted}
          find={{
            query,
            matchIndex,
            onStep: (delta) => setMatchIndex((i) => i + delta),
            wrap,
          }}
        />
      </div>
    </section>
  );
}

/** What every text view shares: the find box's state, and whether lines wrap. */
interface TextOptions {
  query: string;
  matchIndex: number;
  onStep: (delta: number) => void;
  wrap: boolean;
}

function Panel({
  tab,
  input,
  formatted,
  find,
}: {
  tab: Tab;
  input: BodyInput;
  formatted: BodyAnalysisState;
  find: TextOptions;
}) {
  if (input.body.length === 0)
    return <p className="response-content__empty">No content: the body is empty.</p>;
  if (formatted.status === 'working') {
    return (
      <>
        <p className="response-content__notice" role="status">
          Formatting {formatBytes(input.body.length)}… Its start is shown meanwhile.
        </p>
        <TextPanel view={formatted.preview} label="Response body (start)" find={find} />
      </>
    );
  }
  if (formatted.status === 'failed') {
    return (
      <>
        <p className="response-content__notice response-content__notice--warning">
          The body could not be formatted ({formatted.message}). Its start is shown; use Download
          for all of it.
        </p>
        <TextPanel view={formatted.preview} label="Response body (start)" find={find} />
      </>
    );
  }
  const { analysis } = formatted;
  if (analysis.kind === 'binary' || analysis.kind === 'image') {
    return <BinaryView body={input.body} mediaType={analysis.mediaType} hex={analysis.hex ?? []} />;
  }
  if (tab === 'Table') return <ResultTables tables={analysis.tables} />;
  if (tab === 'Raw') return <RawPanel input={input} find={find} />;
  return (
    <>
      {analysis.notice && <p className="response-content__notice">{analysis.notice}</p>}
      {analysis.view && (
        <TextPanel
          key="formatted"
          view={analysis.view}
          label={
            analysis.view.highlight === 'json' ? 'Response body (formatted JSON)' : 'Response body'
          }
          find={find}
        />
      )}
    </>
  );
}

/** The body exactly as received; formatted separately (in a worker when large) on demand. */
function RawPanel({ input, find }: { input: BodyInput; find: TextOptions }) {
  const raw = useBodyAnalysis({ ...input, mode: 'raw' });
  if (raw.status === 'ready' && raw.analysis.view) {
    return <TextPanel key="raw" view={raw.analysis.view} label="Response body (raw)" find={find} />;
  }
  if (raw.status === 'ready') return null;
  return (
    <>
      <p className="response-content__notice" role="status">
        {raw.status === 'working'
          ? 'Preparing the raw view…'
          : `The raw view failed: ${raw.message}`}
      </p>
      <TextPanel view={raw.preview} label="Response body (start)" find={find} />
    </>
  );
}

function TextPanel({ view, label, find }: { view: TextView; label: string; find: TextOptions }) {
  const { query, matchIndex, onStep, wrap } = find;
  // Lower-casing megabytes once per text, not once per keystroke.
  const lower = useMemo(
    () => ({ text: view.text, value: undefined as string | undefined }),
    [view.text],
  );
  const deferredQuery = useDeferredValue(query);
  const found = useMemo(() => {
    if (deferredQuery === '') return null;
    lower.value ??= view.text.toLowerCase();
    return findMatches(view.text, deferredQuery, { lowerText: lower.value });
  }, [deferredQuery, view.text, lower]);
  const count = found?.offsets.length ?? 0;
  const active = count === 0 ? -1 : ((matchIndex % count) + count) % count;
  const matches: Matches | undefined = found
    ? { offsets: found.offsets, length: deferredQuery.length, active }
    : undefined;
  return (
    <>
      {found && (
        <div className="find-result" aria-live="polite">
          <span>
            {count === 0
              ? 'No matches'
              : `Match ${active + 1} of ${count.toLocaleString('en-US')}${found.capped ? '+' : ''}`}
          </span>
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={count === 0}
            onClick={() => onStep(-1)}
          >
            Previous match
          </button>
          <button
            type="button"
            className="button button--small button--ghost"
            disabled={count === 0}
            onClick={() => onStep(1)}
          >
            Next match
          </button>
        </div>
      )}
      <CodeView
        key={view.text.length}
        view={view}
        label={label}
        wrap={wrap}
        {...(matches ? { matches } : {})}
      />
    </>
  );
}

function FindBox({
  inputRef,
  query,
  onQuery,
  onStep,
}: {
  inputRef: RefObject<HTMLInputElement | null>;
  query: string;
  onQuery: (q: string) => void;
  onStep: (delta: number) => void;
}) {
  return (
    <input
      ref={inputRef}
      type="search"
      className="input response-content__find"
      aria-label="Find in response"
      placeholder="Find (Ctrl+F, Enter for next)"
      value={query}
      onChange={(e) => onQuery(e.target.value)}
      onKeyDown={(e) => {
        if (e.key === 'Enter') {
          e.preventDefault();
          onStep(e.shiftKey ? -1 : 1);
        }
      }}
    />
  );
}

function tabsFor(analysis: BodyAnalysis | null): Tab[] {
  if (!analysis) return [];
  if (analysis.kind === 'json') {
    return analysis.tables.length > 0 ? ['Table', 'JSON', 'Raw'] : ['JSON', 'Raw'];
  }
  if (analysis.kind === 'csv') return analysis.tables.length > 0 ? ['Table', 'Raw'] : ['Raw'];
  return [];
}

function kindLabel(analysis: BodyAnalysis | null, input: BodyInput): string {
  if (!analysis) return input.contentType || 'Body';
  switch (analysis.kind) {
    case 'html':
      return 'HTML (source)';
    case 'xml':
      return 'XML (source)';
    case 'text':
      return 'Text';
    case 'image':
      return 'Image';
    case 'binary':
      return 'Binary';
    case 'empty':
      return 'Empty';
    default:
      return input.contentType || 'Body';
  }
}
