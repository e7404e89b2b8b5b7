import type { TablePreview } from '../../core/response/response-analyze';
import { DataTable } from '../data-table';

/** Result tables (Azure ML outputs, CSV) as real tables; cells are text, never markup. */
export function ResultTables({ tables }: { tables: TablePreview[] }) {
  return (
    <div className="result-tables">
      {tables.map((table) => (
        <figure key={table.title} className="result-table">
          <figcaption className="result-table__caption">
            <span className="result-table__title">{table.title}</span>
            <span className="result-table__count">{rowCountText(table)}</span>
          </figcaption>
          {table.problems.length > 0 && (
            <ul className="result-table__problems">
              {table.problems.map((p) => (
                <li key={p}>{p}</li>
              ))}
            </ul>
          )}
          <DataTable
            columns={table.columns}
            types={table.types}
            rows={table.rows}
            label={`${table.title} table`}
            tableLabel={table.title}
            expandTitle={table.title}
          />
        </figure>
      ))}
    </div>
  );
}

function rowCountText(table: TablePreview): string {
  const shown = table.rows.length;
  const plural = (n: number): string => `${n.toLocaleString('en-US')} ${n === 1 ? 'row' : 'rows'}`;
  if (table.totalRows !== undefined && table.totalRows > shown) {
    return `first ${plural(shown)} of ${table.totalRows.toLocaleString('en-US')}; download for all`;
  }
  if (table.truncated) return `first ${plural(shown)}; download for all`;
  return plural(shown);
}
