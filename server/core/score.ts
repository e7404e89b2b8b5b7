import { ServiceError, echo } from './errors';
import { FeatureHasher, featureColumnNames } from './feature-hashing';
import { BIT_SIZE_PARAMETER, parseGlobalParameters } from './hashing-parameters';

/** The only input column of SimpleFeatureHashingExperiment's web service. */
export const TEXT_COLUMN = 'Col2';
export const INPUT_NAME = 'input1';
export const OUTPUT_NAME = 'output1';

/** Default cap on the size of one RRS answer: plenty for scoring calls. */
export const DEFAULT_MAX_OUTPUT_BYTES = 16 * 1024 * 1024;
/** Input columns one call may name; the experiment reads one of them. */
export const MAX_INPUT_COLUMNS = 1000;

export interface ScoreOptions {
  /** `details=true`: add ColumnTypes. */
  includeColumnTypes: boolean;
  maxOutputBytes?: number;
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
  const { outputNames, featureCount, values } = scoreRows(body, {
    maxOutputBytes: options.maxOutputBytes ?? DEFAULT_MAX_OUTPUT_BYTES,
    includeColumnTypes: options.includeColumnTypes,
    records: false,
  });
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
  maxOutputBytes = DEFAULT_MAX_OUTPUT_BYTES,
): ScoreRecordsResponse {
  const { outputNames, values } = scoreRows(body, {
    maxOutputBytes,
    includeColumnTypes: false,
    records: true,
  });
  const records = values.map((row) =>
    Object.fromEntries(outputNames.map((name, i) => [name, row[i] as string])),
  );
  return { Results: { [OUTPUT_NAME]: records } };
}

interface AnswerForm {
  maxOutputBytes: number;
  includeColumnTypes: boolean;
  /** The swagger form repeats every column name in every row. */
  records: boolean;
}

function scoreRows(
  body: unknown,
  form: AnswerForm,
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
  const texts = rows.map((row) => row[textIndex] as string);
  const bytes = minimumAnswerBytes(texts, width - 1, form);
  if (bytes > form.maxOutputBytes) {
    throw new ServiceError(
      'MemoryQuotaViolation',
      'OutputTooLarge',
      `The answer would be at least ${formatMegabytes(bytes)} (${rows.length} row(s) x ${width} columns), over this service's limit of ${formatMegabytes(form.maxOutputBytes)} for one call. Send fewer rows per call or a smaller '${BIT_SIZE_PARAMETER}', or use a batch job.`,
    );
  }
  const featureNames = featureColumnNames(TEXT_COLUMN, settings.bitSize);
  const hasher = new FeatureHasher(settings);
  const values = texts.map((text) => [text, ...hasher.featureCells(text)]);
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
        `Unexpected input '${echo(name)}'. This web service has one input, '${INPUT_NAME}'.`,
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
  if (names.length > MAX_INPUT_COLUMNS) {
    throw new ServiceError(
      'BadUserArgument',
      'InputParseError',
      `${INPUT_NAME}.ColumnNames lists ${names.length} columns; this service accepts at most ${MAX_INPUT_COLUMNS}. Send only the columns the web service reads ('${TEXT_COLUMN}').`,
    );
  }
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) {
      throw new ServiceError(
        'BadUserArgument',
        'InputParseError',
        `${INPUT_NAME}.ColumnNames lists '${echo(name)}' twice.`,
      );
    }
    seen.add(name);
  }
  if (!seen.has(TEXT_COLUMN)) {
    throw new ServiceError(
      'BadUserArgument',
      'InputMismatchError',
      `${INPUT_NAME}.ColumnNames has no '${TEXT_COLUMN}' column (got ${echo(JSON.stringify(names))}). This web service expects the column '${TEXT_COLUMN}'.`,
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
        `${INPUT_NAME}[${r}] has no '${TEXT_COLUMN}' (got ${echo(JSON.stringify(Object.keys(record)))}). This web service expects the column '${TEXT_COLUMN}'.`,
      );
    }
    return [toCellText((record as Record<string, unknown>)[TEXT_COLUMN], r, 0)];
  });
  return { columnNames: [TEXT_COLUMN], rows };
}

/**
 * A lower bound on the answer's JSON size, computed before any hashing: a feature cell is at
 * least `"0",`, and every feature column name is written once (per row in the records form).
 */
function minimumAnswerBytes(texts: string[], features: number, form: AnswerForm): number {
  const names = `"${TEXT_COLUMN}",`.length + featureNameBytes(features);
  let textBytes = 0;
  for (const text of texts) textBytes += JSON.stringify(text).length + 1;
  const featureCells = features * '"0",'.length;
  if (form.records) {
    // {"Col2":"...","Col2_HashingFeature.0":"0",...}: names plus a colon per cell.
    return texts.length * (names + featureCells + features + 2) + textBytes;
  }
  const types = form.includeColumnTypes ? '"String",'.length + features * '"Int32",'.length : 0;
  return names + types + texts.length * (featureCells + 2) + textBytes;
}

/** Bytes of `"Col2_HashingFeature.<i>",` for i below `count`, counted by number of digits. */
function featureNameBytes(count: number): number {
  const prefix = `"${TEXT_COLUMN}_HashingFeature.",`.length;
  let total = count * prefix;
  for (let digits = 1, low = 0; low < count; digits++) {
    const high = Math.min(count, 10 ** digits);
    total += (high - low) * digits;
    low = high;
  }
  return total;
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes % (1024 * 1024) === 0 ? 0 : 1)} MB`;
}
