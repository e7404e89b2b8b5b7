import { ServiceError } from './errors';
import { FeatureHasher, featureColumnNames } from './feature-hashing';
import { parseGlobalParameters } from './hashing-parameters';

/** The only input column of SimpleFeatureHashingExperiment's web service. */
export const TEXT_COLUMN = 'Col2';
export const INPUT_NAME = 'input1';
export const OUTPUT_NAME = 'output1';

/** Default cap on cells in one RRS answer: about 10 MB of JSON. */
export const DEFAULT_MAX_OUTPUT_CELLS = 2_000_000;

export interface ScoreOptions {
  /** `details=true`: add ColumnTypes. */
  includeColumnTypes: boolean;
  maxOutputCells?: number;
}

export interface ScoreTable {
  ColumnNames: string[];
  ColumnTypes?: string[];
  Values: string[][];
}

export interface ScoreResponse {
  Results: Record<string, { type: 'table'; value: ScoreTable }>;
}

export interface ScoreRecordsResponse {
  Results: Record<string, Array<Record<string, string>>>;
}

/** Validates an RRS execute body and scores it, exactly like the tutorial's web service. */
export function scoreRequest(body: unknown, options: ScoreOptions): ScoreResponse {
  const { outputNames, featureCount, values } = scoreRows(body, options.maxOutputCells);
  // Key order matters to readers of the raw JSON: ColumnNames, ColumnTypes, Values.
  const table: ScoreTable = options.includeColumnTypes
    ? {
        ColumnNames: outputNames,
        ColumnTypes: ['String', ...Array<string>(featureCount).fill('Int32')],
        Values: values,
      }
    : { ColumnNames: outputNames, Values: values };
  return { Results: { [OUTPUT_NAME]: { type: 'table', value: table } } };
}

/**
 * `format=swagger`, the form of the sample code Azure ML generated from 2017 on: each output
 * row is an object keyed by column name instead of a ColumnNames/Values table.
 */
export function scoreRequestAsRecords(
  body: unknown,
  maxOutputCells = DEFAULT_MAX_OUTPUT_CELLS,
): ScoreRecordsResponse {
  const { outputNames, values } = scoreRows(body, maxOutputCells);
  const records = values.map((row) =>
    Object.fromEntries(outputNames.map((name, i) => [name, row[i] as string])),
  );
  return { Results: { [OUTPUT_NAME]: records } };
}

function scoreRows(
  body: unknown,
  maxOutputCells = DEFAULT_MAX_OUTPUT_CELLS,
): { outputNames: string[]; featureCount: number; values: string[][] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ServiceError(
      'BadArgument',
      'RequestBodyInvalid',
      'The request body must be a JSON object with "Inputs" and "GlobalParameters".',
    );
  }
  const request = body as Record<string, unknown>;
  const settings = parseGlobalParameters(request.GlobalParameters);
  const { columnNames, rows } = readInputTable(request.Inputs);

  const textIndex = columnNames.indexOf(TEXT_COLUMN);
  const width = 2 ** settings.bitSize + 1;
  const cells = Math.max(rows.length, 1) * width;
  if (cells > maxOutputCells) {
    throw new ServiceError(
      'MemoryQuotaViolation',
      'OutputTooLarge',
      `The result would have ${cells} cells (${rows.length} rows x ${width} columns), over this service's limit of ${maxOutputCells}. Send fewer rows per call or a smaller 'Hashing bitsize'.`,
    );
  }
  const featureNames = featureColumnNames(TEXT_COLUMN, settings.bitSize);
  const hasher = new FeatureHasher(settings);
  const values = rows.map((row) => {
    const text = row[textIndex] as string;
    return [text, ...hasher.featureCells(text)];
  });
  return { outputNames: [TEXT_COLUMN, ...featureNames], featureCount: featureNames.length, values };
}

function readInputTable(inputs: unknown): { columnNames: string[]; rows: string[][] } {
  if (inputs === undefined || inputs === null) {
    throw new ServiceError(
      'BadArgument',
      'MissingRequestInput',
      `The request has no "Inputs". Send {"Inputs": {"${INPUT_NAME}": {"ColumnNames": ["${TEXT_COLUMN}"], "Values": [["some text"]]}}}.`,
    );
  }
  if (typeof inputs !== 'object' || Array.isArray(inputs)) {
    throw new ServiceError(
      'BadArgument',
      'RequestBodyInvalid',
      '"Inputs" must be a JSON object keyed by input name.',
    );
  }
  const byName = inputs as Record<string, unknown>;
  for (const name of Object.keys(byName)) {
    if (name !== INPUT_NAME) {
      throw new ServiceError(
        'BadArgument',
        'UnexpectedParameter',
        `Unexpected input '${name}'. This web service has one input, '${INPUT_NAME}'.`,
      );
    }
  }
  const input = byName[INPUT_NAME];
  if (input === undefined || input === null) {
    throw new ServiceError(
      'BadArgument',
      'MissingRequestInput',
      `Input '${INPUT_NAME}' is missing from "Inputs".`,
    );
  }
  if (Array.isArray(input)) return readRecords(input);
  if (typeof input !== 'object' || Array.isArray(input)) {
    throw new ServiceError(
      'BadUserArgument',
      'InputParseError',
      `Input '${INPUT_NAME}' must be an object with "ColumnNames" and "Values".`,
    );
  }
  const { ColumnNames: names, Values: values } = input as Record<string, unknown>;
  if (!Array.isArray(names) || !names.every((n): n is string => typeof n === 'string')) {
    throw new ServiceError(
      'BadUserArgument',
      'InputParseError',
      `${INPUT_NAME}.ColumnNames must be a list of column names, for example ["${TEXT_COLUMN}"].`,
    );
  }
  const duplicate = names.find((name, i) => names.indexOf(name) !== i);
  if (duplicate !== undefined) {
    throw new ServiceError(
      'BadUserArgument',
      'InputParseError',
      `${INPUT_NAME}.ColumnNames lists '${duplicate}' twice.`,
    );
  }
  if (!names.includes(TEXT_COLUMN)) {
    throw new ServiceError(
      'BadUserArgument',
      'InputMismatchError',
      `${INPUT_NAME}.ColumnNames has no '${TEXT_COLUMN}' column (got ${JSON.stringify(names)}). This web service expects the column '${TEXT_COLUMN}'.`,
    );
  }
  if (!Array.isArray(values)) {
    throw new ServiceError(
      'BadUserArgument',
      'InputParseError',
      `${INPUT_NAME}.Values must be a list of rows, each a list of cells in ColumnNames order.`,
    );
  }
  const rows = values.map((row: unknown, r) => {
    if (!Array.isArray(row)) {
      throw new ServiceError(
        'BadUserArgument',
        'InputParseError',
        `${INPUT_NAME}.Values[${r}] must be a list of cells, not ${describe(row)}.`,
      );
    }
    if (row.length !== names.length) {
      throw new ServiceError(
        'BadUserArgument',
        'InputMismatchError',
        `${INPUT_NAME}.Values[${r}] has ${row.length} value(s) but ColumnNames has ${names.length}.`,
      );
    }
    return row.map((cell: unknown, c) => toCellText(cell, r, c));
  });
  return { columnNames: names, rows };
}

function toCellText(cell: unknown, row: number, column: number): string {
  if (typeof cell === 'string') return cell;
  // A missing value scores as empty text (no features), as the module treats missing strings.
  if (cell === null) return '';
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  throw new ServiceError(
    'BadUserArgument',
    'InputParseError',
    `${INPUT_NAME}.Values[${row}][${column}] must be a string, not ${describe(cell)}.`,
  );
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `a ${typeof value}`;
}

/** The swagger form of an input: a list of rows, each an object keyed by column name. */
function readRecords(records: unknown[]): { columnNames: string[]; rows: string[][] } {
  const rows = records.map((record: unknown, r) => {
    if (typeof record !== 'object' || record === null || Array.isArray(record)) {
      throw new ServiceError(
        'BadUserArgument',
        'InputParseError',
        `${INPUT_NAME}[${r}] must be an object keyed by column name, such as {"${TEXT_COLUMN}": "some text"}.`,
      );
    }
    if (!(TEXT_COLUMN in record)) {
      throw new ServiceError(
        'BadUserArgument',
        'InputMismatchError',
        `${INPUT_NAME}[${r}] has no '${TEXT_COLUMN}' (got ${JSON.stringify(Object.keys(record))}). This web service expects the column '${TEXT_COLUMN}'.`,
      );
    }
    return [toCellText((record as Record<string, unknown>)[TEXT_COLUMN], r, 0)];
  });
  return { columnNames: [TEXT_COLUMN], rows };
}
