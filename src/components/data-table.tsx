import { useVirtualizer } from '@tanstack/react-virtual';
import { useId, useLayoutEffect, useRef, useState, type ReactNode } from 'react';
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
  const [scrollBox, setScrollBox] = useState<HTMLDivElement | null>(null);
  const {
    columns: shownColumns,
    rows: shownRows,
    columnsBefore,
    columnsAfter,
    rowsBefore,
    rowsAfter,
    columnRights,
    observeHead,
    observeFirstColumn,
    measureColumn,
    measureRow,
  } = useGridWindow(scrollBox, columns.length, rows.length, density);
  const overflow = useTableOverflow(scrollBox, columnRights);
  const cueId = useId();
  const [expanded, setExpanded] = useState(false);
  const expandRef = useRef<HTMLButtonElement>(null);
  const first = 0;
  const renderedColumns =
    Math.min(columns.length, 1) +
    shownColumns.length +
    (columnsBefore > 0 ? 1 : 0) +
    (columnsAfter > 0 ? 1 : 0);
  const spacerRow = (height: number) =>
    height > 0 ? (
      <tr aria-hidden="true">
        <td colSpan={renderedColumns} className="data-grid__spacer" style={{ height }} />
      </tr>
    ) : null;
  const spacer = (width: number, Cell: 'th' | 'td') =>
    width > 0 ? (
      <Cell aria-hidden="true" className="data-grid__spacer" style={{ width, minWidth: width }} />
    ) : null;
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
          ref={setScrollBox}
          className={`data-grid data-grid--${density}`}
          // A scrollable table must be reachable by keyboard to be scrolled (WCAG 2.1.1); its
          // role (region or group) comes from the caller.
          // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
          tabIndex={0}
          role={wrapperRole}
          aria-label={label}
          aria-describedby={cueId}
        >
          {/* Only the rows and columns in view (and a few beyond) are in the DOM: an Azure ML
              answer can have 131,073 columns. The counts and indices tell a screen reader
              where each cell sits in the whole table. */}
          <table
            aria-label={tableLabel}
            aria-colcount={columns.length}
            aria-rowcount={rows.length + 1}
          >
            <thead ref={observeHead}>
              <tr aria-rowindex={1}>
                {columns.length > 0 && (
                  <th scope="col" aria-colindex={1} ref={observeFirstColumn}>
                    <ColumnName name={columns[first] ?? ''} />
                    {types?.[first] && <span className="data-grid__type">{types[first]}</span>}
                  </th>
                )}
                {spacer(columnsBefore, 'th')}
                {shownColumns.map(({ index, column }) => (
                  <th
                    key={column}
                    scope="col"
                    aria-colindex={column + 1}
                    data-index={index}
                    ref={measureColumn}
                  >
                    <ColumnName name={columns[column] ?? ''} />
                    {types?.[column] && <span className="data-grid__type">{types[column]}</span>}
                  </th>
                ))}
                {spacer(columnsAfter, 'th')}
              </tr>
            </thead>
            <tbody>
              {spacerRow(rowsBefore)}
              {shownRows.map(({ index, key }) => {
                const row = rows[index] ?? [];
                return (
                  <tr
                    key={key}
                    aria-rowindex={index + 2}
                    data-index={index}
                    data-even={index % 2 === 1 || undefined}
                    ref={measureRow}
                  >
                    {columns.length > 0 && <td aria-colindex={1}>{row[first]}</td>}
                    {spacer(columnsBefore, 'td')}
                    {shownColumns.map(({ column }) => (
                      <td key={column} aria-colindex={column + 1}>
                        {row[column]}
                      </td>
                    ))}
                    {spacer(columnsAfter, 'td')}
                  </tr>
                );
              })}
              {spacerRow(rowsAfter)}
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

/** Sizes the virtualizers start from, before a cell has been measured (px). */
/** Up to this many columns, every column is in the DOM. */
const ALL_COLUMNS_UP_TO = 64;
const COLUMN_ESTIMATE = 120;
const ROW_ESTIMATE = { comfortable: 33, compact: 25 } as const;

interface GridWindow {
  /** The columns after the first (which always shows) in the DOM: virtual index, column. */
  columns: Array<{ index: number; column: number }>;
  rows: Array<{ index: number; key: number }>;
  /** Widths and heights standing in for the cells left out on each side (px). */
  columnsBefore: number;
  columnsAfter: number;
  rowsBefore: number;
  rowsAfter: number;
  /** The right edge of every column in the table's own coordinates, measured or estimated. */
  columnRights: (box: HTMLElement) => number[];
  observeHead: (node: HTMLTableSectionElement | null) => void;
  observeFirstColumn: (node: HTMLTableCellElement | null) => void;
  measureColumn: (node: Element | null) => void;
  measureRow: (node: Element | null) => void;
}

/**
 * Which rows and columns of the table are in the scroll box's view, with a few more on each
 * side: two virtualizers, one per axis, that learn each rendered column's width and row's
 * height. The first column is not part of it: it always shows, stuck to the left edge.
 */
function useGridWindow(
  scrollBox: HTMLDivElement | null,
  columnCount: number,
  rowCount: number,
  density: 'comfortable' | 'compact',
): GridWindow {
  const [firstWidth, setFirstWidth] = useState(0);
  const [headHeight, setHeadHeight] = useState(0);
  const observe = (set: (n: number) => void, size: (box: DOMRectReadOnly) => number) => {
    let observer: ResizeObserver | undefined;
    return (node: Element | null) => {
      observer?.disconnect();
      if (!node) return;
      observer = new ResizeObserver(() => set(Math.round(size(node.getBoundingClientRect()))));
      observer.observe(node);
    };
  };
  const [observeFirstColumn] = useState(() => observe(setFirstWidth, (box) => box.width));
  const [observeHead] = useState(() => observe(setHeadHeight, (box) => box.height));
  // The virtualizers hand out fresh measurements on every render by design, and this
  // component re-renders on scroll: skipping the compiler's memoisation is what we want.
  // eslint-disable-next-line react-hooks/incompatible-library
  const across = useVirtualizer({
    horizontal: true,
    count: Math.max(0, columnCount - 1),
    getScrollElement: () => scrollBox,
    estimateSize: () => COLUMN_ESTIMATE,
    scrollMargin: firstWidth,
    // A table of a few dozen columns is drawn whole (find in page and copying see every
    // column); only a wide one (an Azure ML answer with thousands) keeps to what is in view.
    overscan: columnCount <= ALL_COLUMNS_UP_TO ? columnCount : 4,
  });
  const down = useVirtualizer({
    count: rowCount,
    getScrollElement: () => scrollBox,
    estimateSize: () => ROW_ESTIMATE[density],
    scrollMargin: headHeight,
    overscan: 10,
  });
  // A column measured narrower than its estimate left of the view would move the view to
  // keep it in place; at the far right that left the last column cut off. The browser keeps
  // the scroll position within the (shrunk) table by itself.
  useLayoutEffect(() => {
    across.shouldAdjustScrollPositionOnItemSizeChange = () => false;
  }, [across]);
  const columnItems = across.getVirtualItems();
  const rowItems = down.getVirtualItems();
  const lastColumn = columnItems[columnItems.length - 1];
  const lastRow = rowItems[rowItems.length - 1];
  const columnsEnd = firstWidth + across.getTotalSize();
  const rowsEnd = headHeight + down.getTotalSize();
  return {
    columns: columnItems.map((item) => ({ index: item.index, column: item.index + 1 })),
    rows: rowItems.map((item) => ({ index: item.index, key: Number(item.key) })),
    columnsBefore: columnItems[0] ? columnItems[0].start - firstWidth : 0,
    columnsAfter: lastColumn ? columnsEnd - lastColumn.end : 0,
    rowsBefore: rowItems[0] ? rowItems[0].start - headHeight : 0,
    rowsAfter: lastRow ? rowsEnd - lastRow.end : 0,
    columnRights: (box) => {
      const rights = [
        ...(columnCount > 0 ? [firstWidth] : []),
        ...across.measurementsCache.map((m) => m.end),
      ];
      // Where the columns in the DOM are now: the virtualizer's sizes are learnt after a frame.
      const origin = box.getBoundingClientRect().left + box.clientLeft - box.scrollLeft;
      for (const th of box.querySelectorAll<HTMLElement>('thead th[data-index]'))
        rights[Number(th.dataset.index) + 1] = th.getBoundingClientRect().right - origin;
      return rights;
    },
    observeHead,
    observeFirstColumn,
    measureColumn: across.measureElement,
    measureRow: down.measureElement,
  };
}

/**
 * What the scroll box hides, from the columns' right edges (measured or estimated, in the
 * table's coordinates: most columns of a wide table are not in the DOM), again on scroll and
 * whenever its size changes.
 */
function useTableOverflow(
  box: HTMLDivElement | null,
  columnRights: (box: HTMLElement) => number[],
): TableOverflow {
  const [overflow, setOverflow] = useState<TableOverflow>(NO_OVERFLOW);
  const rightsRef = useRef(columnRights);
  useLayoutEffect(() => {
    rightsRef.current = columnRights;
  });
  useLayoutEffect(() => {
    if (!box) return;
    let frame = 0;
    const measure = (): void => {
      frame = 0;
      const next = tableOverflow(rightsRef.current(box), {
        left: box.scrollLeft,
        width: box.scrollWidth,
        clientWidth: box.clientWidth,
        viewRight: box.scrollLeft + box.clientWidth,
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
  }, [box]);
  return overflow;
}
