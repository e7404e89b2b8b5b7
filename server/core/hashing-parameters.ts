import { ServiceError, echo } from './errors';
import { BIT_SIZE_RANGE, DEMO_HASHING, NGRAM_RANGE, type HashingSettings } from './feature-hashing';

export const BIT_SIZE_PARAMETER = 'Hashing bitsize';
export const NGRAMS_PARAMETER = 'N-grams';

/**
 * Reads the web-service parameters the demo experiment exposes. Values may be numbers or
 * numeric strings (the published samples send strings); an empty string or null means the
 * experiment's default, as Azure ML's generated sample code sends "" for parameters left unset.
 */
export function parseGlobalParameters(raw: unknown): HashingSettings {
  if (raw === undefined || raw === null) return { ...DEMO_HASHING };
  if (typeof raw !== 'object' || Array.isArray(raw)) {
    throw new ServiceError(
      'BadArgument',
      'RequestBodyInvalid',
      'GlobalParameters must be a JSON object, for example {"Hashing bitsize": "3", "N-grams": "2"}.',
    );
  }
  const settings = { ...DEMO_HASHING };
  for (const [name, value] of Object.entries(raw as Record<string, unknown>)) {
    if (name === BIT_SIZE_PARAMETER) {
      settings.bitSize = readInteger(name, value, BIT_SIZE_RANGE, DEMO_HASHING.bitSize);
    } else if (name === NGRAMS_PARAMETER) {
      settings.ngrams = readInteger(name, value, NGRAM_RANGE, DEMO_HASHING.ngrams);
    } else {
      throw new ServiceError(
        'BadArgument',
        'UnexpectedParameter',
        `Unexpected global parameter '${echo(name)}'. This web service accepts '${BIT_SIZE_PARAMETER}' and '${NGRAMS_PARAMETER}'.`,
      );
    }
  }
  return settings;
}

function readInteger(
  name: string,
  value: unknown,
  range: { min: number; max: number },
  fallback: number,
): number {
  if (value === null || value === '') return fallback;
  const text = typeof value === 'string' ? value.trim() : value;
  const number =
    typeof text === 'number'
      ? text
      : typeof text === 'string' && /^-?\d+$/.test(text)
        ? Number(text)
        : NaN;
  if (!Number.isInteger(number) || number < range.min || number > range.max) {
    throw new ServiceError(
      'BadArgument',
      'BadParameterValue',
      `Global parameter '${name}' must be an integer from ${range.min} to ${range.max}; got ${echo(JSON.stringify(value) ?? 'undefined')}.`,
    );
  }
  return number;
}
