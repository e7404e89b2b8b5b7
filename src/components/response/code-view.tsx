import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from 'react';
import type { TextView } from '../../core/response/response-analyze';
import { tokenizeJsonLine } from '../../core/response/response-json-tokens';
import {
  isContinuationRow,
  rowOfOffset,
  rowText,
  splitRows,
} from '../../core/response/response-rows';

const ROW_HEIGHT = 20;
/**
 * Rows are virtualised in blocks: the virtualizer keeps a measurement per item, and a million
 * items cost it tens of milliseconds on every new body, while thirty thousand blocks cost one.
 */
const BLOCK_ROWS = 32;
// The row's right padding and the gutter's share beyond its digits (see .code-view__ln).
const TEXT_PADDING = 16;
const GUTTER_PADDING = 16;
/** Narrower than this, wrapped rows would be too short to read; the view scrolls instead. */
const MIN_WRAP_COLUMNS = 20;
const RESIZE_SETTLE_MS = 150;
// Vertical padding plus room for a horizontal scrollbar, so one long row never gets a vertical one.
const SCROLL_ALLOWANCE = 32;
/**
 * Rows per part. Browsers cap an element's height near 33 million pixels, so a body with
 * millions of lines is shown in parts of 1.5 million rows (30 million pixels) each.
 */
export const PART_ROWS = 1_500_000;

export interface Matches {
  offsets: number[];
  length: number;
  /** Index into offsets of the match to scroll to and emphasise, -1 for none. */
  active: number;
}

/**
 * A virtualised, read-only view of a large text: only the rows near the screen exist in the DOM,
 * each sliced from the one string on demand and coloured by a cheap per-row tokenizer.
 * Everything is a React text node; nothing is ever parsed as HTML.
 */
export function CodeView({
  view: given,
  label,
  matches,
  wrap = false,
}: {
  view: TextView;
  label: string;
  matches?: Matches;
  /** Cut long lines at the width of the view (after a space or comma where there is one). */
  wrap?: boolean;
}) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const gutterChars = String(given.rows.lineCount).length;
  const columns = useTextColumns(scrollRef, wrap, gutterChars);
  // Wrapping only re-cuts the rows (fixed height each), so scrolling, find and parts work as
  // they do unwrapped; the cut runs again when the width changes.
  const view = useMemo(
    () =>
      columns === undefined
        ? given
        : { ...given, rows: splitRows(given.text, columns, { wordWrap: true }) },
    [given, columns],
  );
  const { text, rows, highlight } = view;
  const parts = Math.max(1, Math.ceil(rows.rowCount / PART_ROWS));
  const [part, setPart] = useState(0);
  const first = Math.min(part, parts - 1) * PART_ROWS;
  const count = Math.min(PART_ROWS, rows.rowCount - first);
  const blocks = Math.ceil(count / BLOCK_ROWS);
  // The portal does not use the React Compiler, whose memoisation this hook is incompatible with.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: blocks,
    getScrollElement: () => scrollRef.current,
    estimateSize: (block) => Math.min(BLOCK_ROWS, count - block * BLOCK_ROWS) * ROW_HEIGHT,
    overscan: 2,
  });

  const activeOffset = matches && matches.active >= 0 ? matches.offsets[matches.active] : undefined;
  useEffect(() => {
    if (activeOffset === undefined) return;
    const row = rowOfOffset(rows, activeOffset);
    const targetPart = Math.floor(row / PART_ROWS);
    if (targetPart !== part) {
      setPart(targetPart);
      return;
    }
    const viewport = scrollRef.current?.clientHeight ?? 0;
    const top = (row - targetPart * PART_ROWS) * ROW_HEIGHT - (viewport - ROW_HEIGHT) / 2;
    virtualizer.scrollToOffset(Math.max(0, top));
  }, [activeOffset, rows, part, virtualizer]);

  return (
    <div className="code-view">
      {parts > 1 && (
        <div className="code-view__parts">
          <span>
            Rows {(first + 1).toLocaleString('en-US')}–{(first + count).toLocaleString('en-US')} of{' '}
            {rows.rowCount.toLocaleString('en-US')}
          </span>
          <button
            type="button"
            className="button button--small button--on-dark"
            disabled={part === 0}
            onClick={() => setPart(part - 1)}
          >
            Previous part
          </button>
          <button
            type="button"
            className="button button--small button--on-dark"
            disabled={part >= parts - 1}
            onClick={() => setPart(part + 1)}
          >
            Next part
          </button>
        </div>
      )}
      <div
        ref={scrollRef}
        className="code-view__scroll"
        role="group"
        aria-label={label}
        tabIndex={0}
        style={{ height: Math.min(count * ROW_HEIGHT + SCROLL_ALLOWANCE, 560) }}
      >
        <div
          className="code-view__sizer"
          style={{
            height: virtualizer.getTotalSize(),
            ['--gutter-ch' as string]: `${gutterChars + 1}ch`,
          }}
        >
          {virtualizer.getVirtualItems().map((item) => {
            const start = first + item.index * BLOCK_ROWS;
            const end = Math.min(start + BLOCK_ROWS, first + count);
            const rowsInBlock: ReactNode[] = [];
            for (let row = start; row < end; row++) {
              const continuation = isContinuationRow(rows, row);
              rowsInBlock.push(
                <div key={row} className="code-view__row">
                  <span className="code-view__ln" aria-hidden="true">
                    {continuation ? '↪' : rows.rowLines[row]}
                  </span>
                  <span className="code-view__text">
                    {renderRow(text, view, row, highlight === 'json' && !continuation, matches)}
                  </span>
                </div>,
              );
            }
            return (
              <div
                key={item.key}
                className="code-view__block"
                style={{ transform: `translateY(${item.start}px)` }}
              >
                {rowsInBlock}
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}

function renderRow(
  text: string,
  view: TextView,
  row: number,
  colour: boolean,
  matches: Matches | undefined,
): ReactNode {
  const line = rowText(text, view.rows, row);
  const start = view.rows.rowStarts[row] ?? 0;
  if (matches && matches.offsets.length > 0 && matches.length > 0) {
    const marked = markMatches(line, start, matches);
    if (marked) return marked;
  }
  if (!colour) return line;
  return tokenizeJsonLine(line).map((t, i) =>
    t.kind === 'text' ? (
      t.text
    ) : (
      <span key={i} className={`tok-${t.kind}`}>
        {t.text}
      </span>
    ),
  );
}

/** The row with its matches in <mark>, or null when the row has none. */
function markMatches(line: string, start: number, matches: Matches): ReactNode[] | null {
  const { offsets, length } = matches;
  const end = start + line.length;
  // First match that could overlap this row.
  let lo = 0;
  let hi = offsets.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((offsets[mid] ?? 0) + length <= start) lo = mid + 1;
    else hi = mid;
  }
  if (lo >= offsets.length || (offsets[lo] ?? end) >= end) return null;
  const out: ReactNode[] = [];
  let pos = 0;
  for (let i = lo; i < offsets.length; i++) {
    const at = offsets[i] ?? end;
    if (at >= end) break;
    const from = Math.max(0, at - start);
    const to = Math.min(line.length, at - start + length);
    if (from > pos) out.push(line.slice(pos, from));
    out.push(
      <mark
        key={i}
        className={
          i === matches.active ? 'code-view__match code-view__match--active' : 'code-view__match'
        }
      >
        {line.slice(from, to)}
      </mark>,
    );
    pos = to;
  }
  if (pos < line.length) out.push(line.slice(pos));
  return out;
}

/**
 * How many characters fit across the view while wrapping is on (undefined while off): the
 * font is monospaced, so one glyph's width divides the room beside the line numbers.
 */
function useTextColumns(
  scrollRef: RefObject<HTMLDivElement | null>,
  wrap: boolean,
  gutterChars: number,
): number | undefined {
  const [columns, setColumns] = useState<number>();
  useEffect(() => {
    const box = scrollRef.current;
    if (!wrap || !box) return;
    const context = document.createElement('canvas').getContext('2d');
    let charWidth = 0;
    if (context) {
      context.font = getComputedStyle(box).font;
      charWidth = context.measureText('0'.repeat(100)).width / 100;
    }
    if (!(charWidth > 0)) charWidth = 8;
    const measure = (): void => {
      const room = box.clientWidth - (gutterChars + 1) * charWidth - GUTTER_PADDING - TEXT_PADDING;
      const next = Math.max(MIN_WRAP_COLUMNS, Math.floor(room / charWidth));
      setColumns((current) => (current === next ? current : next));
    };
    // The observer reports once at once (applied before the first paint), then on every change
    // of width: those wait for the resizing to settle, as re-cutting megabytes takes a moment.
    let first = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const observer = new ResizeObserver(() => {
      if (first) {
        first = false;
        measure();
        return;
      }
      clearTimeout(timer);
      timer = setTimeout(measure, RESIZE_SETTLE_MS);
    });
    observer.observe(box);
    return () => {
      observer.disconnect();
      clearTimeout(timer);
    };
  }, [scrollRef, wrap, gutterChars]);
  return wrap ? columns : undefined;
}
