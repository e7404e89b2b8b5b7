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
}

/** Columns and rows of text as a real table; cells are text, never markup. */
export function DataTable({
  columns,
  types,
  rows,
  label,
  wrapperRole = 'group',
  tableLabel,
  density = 'comfortable',
}: DataTableProps) {
  return (
    <div
      className={`data-grid data-grid--${density}`}
      // A scrollable table must be reachable by keyboard to be scrolled (WCAG 2.1.1); its
      // role (region or group) comes from the caller.
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
      tabIndex={0}
      role={wrapperRole}
      aria-label={label}
    >
      <table aria-label={tableLabel}>
        <thead>
          <tr>
            {columns.map((column, i) => (
              <th key={i} scope="col">
                {column}
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
  );
}
