/**
 * The BES Submit body the portal sends: blob references in the SAS form (BaseLocation +
 * RelativeLocation + SasBlobToken, ConnectionString null, as Microsoft's own BES sample client
 * serialises them), so that no account key is ever needed in the browser.
 */
import { describeJsonSyntaxError, findJsonSyntaxError } from '../request/json-syntax';

export interface SasBlobReference {
  ConnectionString: null;
  BaseLocation: string;
  RelativeLocation: string;
  SasBlobToken: string;
}

export interface SubmitBody {
  Inputs: Record<string, SasBlobReference>;
  Outputs: Record<string, SasBlobReference>;
  GlobalParameters: Record<string, string>;
}

export interface SubmitBodyInput {
  /** Account endpoint with a trailing slash, e.g. https://acct.blob.core.windows.net/ */
  accountUrl: string;
  container: string;
  /** "?sv=...&sig=..." */
  sasToken: string;
  inputBlob: string;
  outputBlob: string;
  inputName?: string;
  outputName?: string;
  globalParameters?: Record<string, string>;
}

function reference(input: SubmitBodyInput, blob: string): SasBlobReference {
  return {
    ConnectionString: null,
    BaseLocation: input.accountUrl,
    RelativeLocation: `${input.container}/${blob.replace(/^\/+/, '')}`,
    SasBlobToken: input.sasToken,
  };
}

export function buildSubmitBody(input: SubmitBodyInput): SubmitBody {
  return {
    Inputs: { [input.inputName ?? 'input1']: reference(input, input.inputBlob) },
    Outputs: { [input.outputName ?? 'output1']: reference(input, input.outputBlob) },
    GlobalParameters: { ...(input.globalParameters ?? {}) },
  };
}

export function formatSubmitBody(body: SubmitBody): string {
  return JSON.stringify(body, null, 2);
}

export type SubmitBodyCheck =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; message: string; line?: number; column?: number };

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function checkReferences(group: unknown, groupName: string): string | undefined {
  if (!isObject(group) || Object.keys(group).length === 0) {
    return `"${groupName}" must be an object with at least one named blob reference, e.g. "${groupName === 'Outputs' ? 'output1' : 'input1'}".`;
  }
  for (const [name, ref] of Object.entries(group)) {
    if (!isObject(ref)) return `${groupName}.${name} must be an object.`;
    if (typeof ref.RelativeLocation !== 'string' || ref.RelativeLocation.trim() === '') {
      return `${groupName}.${name}.RelativeLocation must be a non-empty string ("<container>/<blob>").`;
    }
    const hasSas = typeof ref.BaseLocation === 'string' && typeof ref.SasBlobToken === 'string';
    const hasConnection = typeof ref.ConnectionString === 'string' && ref.ConnectionString !== '';
    if (!hasSas && !hasConnection) {
      return `${groupName}.${name} needs BaseLocation and SasBlobToken (or a ConnectionString).`;
    }
  }
  return undefined;
}

/**
 * Checks an edited submit body before it is sent: strict JSON (with the line and column of
 * the first error), then the shape the service requires. The legacy single "Input" form is
 * accepted, like the service does.
 */
export function checkSubmitBody(text: string): SubmitBodyCheck {
  const syntax = findJsonSyntaxError(text);
  if (syntax) {
    const { line, column } = syntax;
    return { ok: false, message: `${describeJsonSyntaxError(syntax)}.`, line, column };
  }
  const value: unknown = JSON.parse(text);
  if (!isObject(value)) return { ok: false, message: 'The body must be a JSON object.' };
  const inputProblem =
    'Input' in value && !('Inputs' in value)
      ? checkReferences({ Input: value.Input }, 'Input')
      : checkReferences(value.Inputs, 'Inputs');
  if (inputProblem) return { ok: false, message: inputProblem };
  const outputProblem = checkReferences(value.Outputs, 'Outputs');
  if (outputProblem) return { ok: false, message: outputProblem };
  if ('GlobalParameters' in value && !isObject(value.GlobalParameters)) {
    return { ok: false, message: '"GlobalParameters" must be an object (it may be {}).' };
  }
  return { ok: true, value };
}

/** Output names of a body that passed checkSubmitBody, in order. */
export function outputNames(body: Record<string, unknown>): string[] {
  return isObject(body.Outputs) ? Object.keys(body.Outputs) : [];
}

/** Input and output locations of a checked body, for the job list (never the SAS). */
export function bodyLocations(body: Record<string, unknown>): {
  inputs: string[];
  outputs: string[];
} {
  const locations = (group: unknown): string[] =>
    isObject(group)
      ? Object.values(group).flatMap((ref) =>
          isObject(ref) && typeof ref.RelativeLocation === 'string' ? [ref.RelativeLocation] : [],
        )
      : [];
  const inputs = 'Inputs' in body ? locations(body.Inputs) : locations({ Input: body.Input });
  return { inputs, outputs: locations(body.Outputs) };
}

/** What stands in for a SAS token in the editor until the user reveals it. */
export const SAS_PLACEHOLDER = '<hidden SAS token>';

/** Replaces every occurrence of the secret in the text by the placeholder. */
export function hideSecret(
  text: string,
  secret: string,
  placeholder: string = SAS_PLACEHOLDER,
): string {
  return secret === '' ? text : replaceJsonString(text, secret, placeholder);
}

/** The inverse of hideSecret, applied just before sending. */
export function revealSecret(
  text: string,
  secret: string,
  placeholder: string = SAS_PLACEHOLDER,
): string {
  return secret === '' ? text : replaceJsonString(text, placeholder, secret);
}

// Whole JSON string literals only, so a secret that happens to be part of a longer value stays put.
function replaceJsonString(text: string, from: string, to: string): string {
  return text.split(JSON.stringify(from)).join(JSON.stringify(to));
}

const BLOB_NAME = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Null when usable as a blob name under the container, else a message. */
export function checkBlobName(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Enter a name for the output blob, e.g. outputs/reviews-scored.csv.';
  if (trimmed.length > 1024) return 'A blob name has at most 1,024 characters.';
  if (!BLOB_NAME.test(trimmed)) {
    return 'Use letters, digits, ".", "-", "_" and "/" between parts (no spaces, no leading or double "/").';
  }
  if (trimmed.split('/').some((part) => part === '.' || part === '..')) {
    return 'A blob name cannot contain "." or ".." parts.';
  }
  return null;
}

function stamp(now: Date): string {
  return now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z')
    .replace('T', '-');
}

function safeBaseName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  const cleaned = base.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^[-.]+|[-.]+$/g, '');
  return cleaned === '' ? 'input.csv' : cleaned;
}

/** Where an uploaded file goes: unique per upload, readable in a storage browser. */
export function inputBlobName(fileName: string, now: Date): string {
  return `inputs/${stamp(now)}-${safeBaseName(fileName)}`;
}

/** The default output name for an uploaded input blob. */
export function defaultOutputBlobName(inputBlob: string): string {
  const base = inputBlob.split('/').pop() ?? 'input.csv';
  const stem = base.replace(/\.csv$/i, '');
  return `outputs/${stem}-scored.csv`;
}

/**
 * The edited body with its first output's RelativeLocation set, re-indented; undefined when
 * the text is not JSON of the expected shape, so the caller leaves the user's text alone.
 */
export function withOutputLocation(text: string, location: string): string | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isObject(value) || !isObject(value.Outputs)) return undefined;
  const first = Object.values(value.Outputs)[0];
  if (!isObject(first)) return undefined;
  first.RelativeLocation = location;
  return JSON.stringify(value, null, 2);
}
