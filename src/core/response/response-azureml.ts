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

function cell(v: unknown): string {
  if (v === null || v === undefined) return '';
  return typeof v === 'string' ? v : JSON.stringify(v);
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
