import { echo } from '../../../core/errors';
import { BatchEndpointError } from './batch-endpoint-error';

export type DataKind = 'UriFile' | 'UriFolder';

/** One named input or output of an invocation, its URI as the caller gave it. */
export interface DataBinding {
  name: string;
  kind: DataKind;
  uri: string;
}

export interface InvokeRequest {
  input: DataBinding;
  /** null: the endpoint's default output location. */
  output: DataBinding | null;
}

const KINDS: Record<string, DataKind> = { urifile: 'UriFile', urifolder: 'UriFolder' };

/**
 * Reads an invoke body. Azure ML's docs send PascalCase (`InputData`, `JobInputType`, `Uri`)
 * and the Python SDK sends camelCase (`inputData`, `jobInputType`, `uri`); both are accepted.
 * The hashing model reads one table, so exactly one input is taken, and at most one output.
 */
export function parseInvokeBody(body: unknown): InvokeRequest {
  const root = asObject(body, 'The request body');
  const properties = asObject(field(root, 'Properties'), '"properties"');
  const inputs = field(properties, 'InputData');
  if (inputs === undefined || inputs === null) {
    throw userError(
      'The job has no input. Send {"properties": {"InputData": {"input": {"JobInputType": "UriFile", "Uri": "<blob URL of a CSV file>"}}}}.',
    );
  }
  const inputEntries = Object.entries(asObject(inputs, '"InputData"'));
  if (inputEntries.length !== 1) {
    throw userError(
      `"InputData" must name exactly one input (the table to score); it names ${inputEntries.length}.`,
    );
  }
  const [inputName, rawInput] = inputEntries[0] as [string, unknown];
  const input = readBinding(inputName, rawInput, 'InputData', 'JobInputType');

  const outputs = field(properties, 'OutputData');
  let output: DataBinding | null = null;
  if (outputs !== undefined && outputs !== null) {
    const outputEntries = Object.entries(asObject(outputs, '"OutputData"'));
    if (outputEntries.length > 1) {
      throw userError(
        `"OutputData" may name one output (the folder predictions.csv is written to); it names ${outputEntries.length}.`,
      );
    }
    const first = outputEntries[0];
    if (first) {
      output = readBinding(first[0], first[1], 'OutputData', 'JobOutputType');
      if (output.kind !== 'UriFolder') {
        throw userError(
          `OutputData.${echo(first[0])}: the output must be a UriFolder; the endpoint writes predictions.csv into it.`,
        );
      }
    }
  }
  return { input, output };
}

function readBinding(
  name: string,
  raw: unknown,
  section: string,
  typeField: 'JobInputType' | 'JobOutputType',
): DataBinding {
  const where = `${section}.${echo(name)}`;
  const binding = asObject(raw, where);
  const type = field(binding, typeField);
  if (typeof type !== 'string' || type.trim() === '') {
    throw userError(`${where}: ${typeField} is missing; use "UriFile" or "UriFolder".`);
  }
  const kind = KINDS[type.replaceAll('_', '').toLowerCase()];
  if (!kind) {
    throw userError(
      `${where}: ${typeField} '${echo(type)}' is not supported by this endpoint; use "UriFile" (one CSV file) or "UriFolder" (every CSV file in a folder).`,
    );
  }
  const uri = field(binding, 'Uri');
  if (typeof uri !== 'string' || uri.trim() === '') {
    throw userError(
      `${where}: Uri is missing; give the blob's URL, e.g. https://<account>.blob.core.windows.net/<container>/<path>.`,
    );
  }
  return { name, kind, uri: uri.trim() };
}

/** `Name` or `name`: the two casings clients send. */
function field(object: Record<string, unknown>, pascal: string): unknown {
  const camel = `${pascal.charAt(0).toLowerCase()}${pascal.slice(1)}`;
  return object[pascal] ?? object[camel];
}

function asObject(value: unknown, what: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw userError(`${what} must be a JSON object.`);
  }
  return value as Record<string, unknown>;
}

function userError(message: string): BatchEndpointError {
  return new BatchEndpointError('UserError', message);
}
