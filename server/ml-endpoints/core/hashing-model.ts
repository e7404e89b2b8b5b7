import {
  FeatureHasher,
  featureColumnNames,
  type HashingSettings,
} from '../../core/feature-hashing';
import { modelInputError } from './endpoint-errors';

/** A table in pandas' "split" orientation: what MLflow deployments take and this model returns. */
export interface SplitFrame {
  columns: string[];
  index: Array<number | string>;
  data: unknown[][];
}

/** One deployment of `portico-hashing`: the tutorial's model at a given version. */
export interface HashingDeployment {
  name: string;
  modelVersion: number;
  settings: HashingSettings;
  description: string;
}

/** The column the tutorial's experiment hashes (its CSV is `Col1,Col2`). */
export const HASHED_COLUMN = 'Col2';
/** Rows in one call: scoring is for a few rows at a time; files go to a batch endpoint. */
export const MAX_SCORE_ROWS = 10_000;

export const HASHING_DEPLOYMENTS: readonly HashingDeployment[] = [
  {
    name: 'blue',
    modelVersion: 1,
    settings: { bitSize: 3, ngrams: 2 },
    description:
      "blue: feature-hashing model version 1, the tutorial's settings (Hashing bitsize 3, N-grams 2): 8 hashing features of Col2.",
  },
  {
    name: 'green',
    modelVersion: 2,
    settings: { bitSize: 4, ngrams: 2 },
    description:
      'green: feature-hashing model version 2 (Hashing bitsize 4, N-grams 2): 16 hashing features of Col2.',
  },
];

/** The request example the swagger carries and the portal's try-it body starts from. */
export const HASHING_INPUT_EXAMPLE = {
  input_data: {
    columns: ['Col1', 'Col2'],
    index: [0, 1],
    data: [
      ['1', 'This is a good day'],
      ['2', 'This is a bad day'],
    ],
  },
};

/**
 * Reads `{"input_data": {"columns", "index", "data"}}`. Every refusal names the member at
 * fault, as a model's own validation would.
 */
export function readInputData(body: unknown): SplitFrame {
  if (!isRecord(body) || !('input_data' in body))
    throw modelInputError(
      'The request body must be a JSON object with "input_data": {"columns": [...], "index": [...], "data": [[...]]} (pandas split orientation).',
    );
  const input = body.input_data;
  if (!isRecord(input))
    throw modelInputError(
      'input_data must be an object with "columns", "index" and "data" (pandas split orientation); this model takes no tensor input.',
    );
  const { columns, data } = input;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string'))
    throw modelInputError('input_data.columns must be an array of column names (strings).');
  if (!Array.isArray(data) || !data.every((row) => Array.isArray(row)))
    throw modelInputError('input_data.data must be an array of rows, each an array of values.');
  if (data.length > MAX_SCORE_ROWS)
    throw modelInputError(
      `input_data.data has ${data.length} rows; this endpoint scores at most ${MAX_SCORE_ROWS} in one call.`,
    );
  const rows = data as unknown[][];
  rows.forEach((row, i) => {
    if (row.length !== columns.length)
      throw modelInputError(
        `input_data.data[${i}] has ${row.length} values but input_data.columns names ${columns.length} columns.`,
      );
  });
  const index = input.index === undefined ? rows.map((_, i) => i) : input.index;
  if (
    !Array.isArray(index) ||
    index.length !== rows.length ||
    !index.every((v) => typeof v === 'number' || typeof v === 'string')
  )
    throw modelInputError(
      `input_data.index must list one label (number or string) per row of data (${rows.length}).`,
    );
  return { columns, index, data: rows };
}

/**
 * Scores a frame with one deployment: each row keeps its input values and gains the hashing
 * features of Col2 as numbers (MLflow answers numbers, not the classic service's strings).
 */
export function scoreHashing(frame: SplitFrame, deployment: HashingDeployment): SplitFrame {
  const at = frame.columns.indexOf(HASHED_COLUMN);
  if (at < 0)
    throw modelInputError(
      `input_data.columns must include "${HASHED_COLUMN}", the text this model hashes (given: ${frame.columns.map((c) => JSON.stringify(c.slice(0, 40))).join(', ') || 'none'}).`,
    );
  const hasher = new FeatureHasher(deployment.settings);
  const data = frame.data.map((row, i) => {
    const text = row[at];
    if (typeof text !== 'string' && text !== null)
      throw modelInputError(`input_data.data[${i}][${at}] (${HASHED_COLUMN}) must be a string.`);
    const counts = new Array<number>(hasher.width).fill(0);
    for (const [column, count] of hasher.countFeatures(text ?? '')) counts[column] = count;
    return [...row, ...counts];
  });
  return {
    columns: [...frame.columns, ...featureColumnNames(HASHED_COLUMN, deployment.settings.bitSize)],
    index: frame.index,
    data,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
