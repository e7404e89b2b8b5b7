/**
 * Tables inside an Azure ML RRS result: `Results.<output>.value` with `ColumnNames` and `Values`
 * (type "table", or "DataTable" on one old documentation page), as shown in
 * docs/reference/azureml-web-service.md. Cells are shown as the strings they are.
 */
export interface ResultTable {
  output: string;
  columns: string[];
  types?: string[];
  rows: string[][];
}

export function findAzureMlTables(json: unknown): ResultTable[] {
  const split = splitFrameTable(json);
  if (split) return [split];
  if (!isRecord(json) || !isRecord(json.Results)) return [];
  const tables: ResultTable[] = [];
  for (const [output, entry] of Object.entries(json.Results)) {
    if (!isRecord(entry) || !isRecord(entry.value)) continue;
    const { ColumnNames, ColumnTypes, Values } = entry.value;
    if (!Array.isArray(ColumnNames) || !Array.isArray(Values)) continue;
    const table: ResultTable = {
      output,
      columns: ColumnNames.map(cell),
      rows: Values.filter(Array.isArray).map((row: unknown[]) => row.map(cell)),
    };
    if (Array.isArray(ColumnTypes)) table.types = ColumnTypes.map(cell);
    tables.push(table);
  }
  return tables;
}

/**
 * An online endpoint's answer in pandas' "split" orientation, `{"columns", "index", "data"}`
 * (what an MLflow deployment of the tutorial's model returns, docs/reference/
 * azureml-online-endpoints.md): one table, its index as the first column when given.
 */
export function splitFrameTable(json: unknown): ResultTable | undefined {
  if (!isRecord(json)) return undefined;
  const { columns, index, data } = json;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string')) return undefined;
  if (!Array.isArray(data) || !data.every(Array.isArray)) return undefined;
  const rows = data as unknown[][];
  const indexed = Array.isArray(index) && index.length === rows.length;
  return {
    output: 'Result',
    columns: indexed ? ['index', ...columns] : columns,
    rows: rows.map((row, i) => (indexed ? [cell(index[i]), ...row.map(cell)] : row.map(cell))),
  };
}

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
