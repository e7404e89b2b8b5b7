import { useId, useLayoutEffect, useRef, useState, type ReactNode, type RefObject } from 'react';
import { columnNameParts } from '../core/response/column-name-breaks';
import { useModalDialog } from './use-modal-dialog';
import {
  NO_OVERFLOW,
  overflowCue,
  sameOverflow,
  tableOverflow,
  type TableOverflow,
} from '../core/response/table-overflow';
import './data-table.css';

export interface DataTableProps {
  columns: readonly string[];
  /** A type shown under each column name (e.g. Azure ML's ColumnTypes). */
  types?: readonly (string | undefined)[];
  rows: readonly (readonly string[])[];
  /** Accessible name of the scrollable wrapper, which takes keyboard focus so it can scroll. */
  label: string;
  /** `region` when the table is a place to navigate to; `group` when it sits inside one. */
  wrapperRole?: 'group' | 'region';
  /** Accessible name of the table itself. */
  tableLabel?: string;
  density?: 'comfortable' | 'compact';
  /** Offers "Expand", which opens the table in a dialog as wide as the window, titled so. */
  expandTitle?: string;
}

/**
 * Columns and rows of text as a real table; cells are text, never markup. The first column
 * stays in place while the others scroll sideways, and a line above the table says how many
 * columns there are and how many are out of view (a fade marks the cut edge too).
 */
export function DataTable({
  columns,
  types,
  rows,
  label,
  wrapperRole = 'group',
  tableLabel,
  density = 'comfortable',
  expandTitle,
}: DataTableProps) {
  const scrollRef = useRef<HTMLDivElement>(null);
  const overflow = useTableOverflow(scrollRef);
  const cueId = useId();
  const [expanded, setExpanded] = useState(false);
  const expandRef = useRef<HTMLButtonElement>(null);
  return (
    <div className="data-view">
      <div className="data-view__bar">
        <span id={cueId} className="data-view__cue">
          {overflowCue(columns.length, overflow, expandTitle !== undefined)}
        </span>
        {expandTitle !== undefined && (
          <button
            ref={expandRef}
            type="button"
            className="button button--small"
            aria-haspopup="dialog"
            onClick={() => setExpanded(true)}
          >
            Expand<span className="visually-hidden"> {expandTitle}</span>
          </button>
        )}
      </div>
      <div
        className="data-view__frame"
        data-more-left={overflow.moreLeft || undefined}
        data-more-right={overflow.hiddenRight > 0 || undefined}
      >
        <div
          ref={scrollRef}
          className={`data-grid data-grid--${density}`}
          // A scrollable table must be reachable by keyboard to be scrolled (WCAG 2.1.1); its
          // role (region or group) comes from the caller.
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          role={wrapperRole}
          aria-label={label}
          aria-describedby={cueId}
        >
          <table aria-label={tableLabel}>
            <thead>
              <tr>
                {columns.map((column, i) => (
                  <th key={i} scope="col">
                    <ColumnName name={column} />
                    {types?.[i] && <span className="data-grid__type">{types[i]}</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c}>{cell}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {expanded && expandTitle !== undefined && (
        <ExpandedTable
          title={expandTitle}
          onClose={() => {
            setExpanded(false);
            expandRef.current?.focus();
          }}
        >
          <DataTable
            columns={columns}
            {...(types ? { types } : {})}
            rows={rows}
            label={`${label} (expanded)`}
            {...(tableLabel !== undefined ? { tableLabel } : {})}
            density={density}
          />
        </ExpandedTable>
      )}
    </div>
  );
}

/** A long name may wrap at its word joints rather than force the column wide. */
function ColumnName({ name }: { name: string }) {
  const parts = columnNameParts(name);
  if (parts.length === 1) return name;
  return parts.map((part, i) => (
    <span key={i}>
      {i > 0 && <wbr />}
      {part}
    </span>
  ));
}

/**
 * A native modal <dialog>: focus stays inside, Esc closes it, and the table gets the whole
 * width of the window. Focus starts on Close and goes back to Expand afterwards.
 */
function ExpandedTable({
  title,
  onClose,
  children,
}: {
  title: string;
  onClose: () => void;
  children: ReactNode;
}) {
  const { dialogRef, focusRef: closeRef } = useModalDialog();
  const titleId = useId();
  return (
    <dialog
      ref={dialogRef}
      className="data-view-dialog"
      aria-labelledby={titleId}
      onClose={onClose}
    >
      <div className="data-view-dialog__head">
        <h2 id={titleId} className="data-view-dialog__title">
          {title}
        </h2>
        {/* Closing goes through the dialog's own close event, as Esc does. */}
        <form method="dialog">
          <button ref={closeRef} type="submit" className="button">
            Close
          </button>
        </form>
      </div>
      {children}
    </dialog>
  );
}

/** Measures what the scroll box hides, again on scroll and whenever its size changes. */
function useTableOverflow(scrollRef: RefObject<HTMLDivElement | null>): TableOverflow {
  const [overflow, setOverflow] = useState<TableOverflow>(NO_OVERFLOW);
  useLayoutEffect(() => {
    const box = scrollRef.current;
    if (!box) return;
    let frame = 0;
    const measure = (): void => {
      frame = 0;
      const headers = box.querySelectorAll<HTMLElement>('thead th');
      const rights = Array.from(headers, (th) => th.getBoundingClientRect().right);
      const next = tableOverflow(rights, {
        left: box.scrollLeft,
        width: box.scrollWidth,
        clientWidth: box.clientWidth,
        viewRight: box.getBoundingClientRect().left + box.clientLeft + box.clientWidth,
      });
      setOverflow((current) => (sameOverflow(current, next) ? current : next));
    };
    const schedule = (): void => {
      if (frame === 0) frame = requestAnimationFrame(measure);
    };
    measure();
    box.addEventListener('scroll', schedule, { passive: true });
    const observer = new ResizeObserver(schedule);
    observer.observe(box);
    const table = box.querySelector('table');
    if (table) observer.observe(table);
    return () => {
      box.removeEventListener('scroll', schedule);
      observer.disconnect();
      cancelAnimationFrame(frame);
    };
  }, [scrollRef]);
  return overflow;
}
