import { parse as parseJsonc, type ParseError } from 'jsonc-parser';
import { positionAt } from '../util/text-position';

export interface JsonSyntaxError {
  message: string;
  offset: number;
  line: number;
  column: number;
}

// jsonc-parser's ParseErrorCode is a const enum, which isolated modules cannot read: the codes
// are mirrored here with sentences a person understands.
const MESSAGES: Record<number, string> = {
  1: 'Unexpected character',
  2: 'Invalid number',
  3: 'Expected a property name in double quotes',
  4: 'Expected a value',
  5: "Expected ':' after the property name",
  6: "Expected ',' between values",
  7: "Expected ',' or '}'",
  8: "Expected ',' or ']'",
  9: 'Unexpected text after the end of the JSON value',
  10: 'Comments are not allowed in JSON',
  11: 'Comments are not allowed in JSON',
  12: 'Unterminated string',
  13: 'Invalid number',
  14: 'Invalid unicode escape',
  15: 'Invalid escape character in string',
  16: 'Invalid character in string (control characters must be escaped)',
};
// The codes treated specially below, named as in ParseErrorCode.
const INVALID_SYMBOL = 1;
const PROPERTY_NAME_EXPECTED = 3;
const VALUE_EXPECTED = 4;
const END_OF_FILE_EXPECTED = 9;

/** The one wording of a JSON syntax error, wherever JSON is typed (try-it, the BES Submit body). */
export function describeJsonSyntaxError(
  error: Pick<JsonSyntaxError, 'line' | 'column' | 'message'>,
): string {
  return `Invalid JSON at line ${error.line}, column ${error.column}: ${error.message}`;
}

/**
 * The first syntax error of strict JSON (no comments, no trailing commas), or null when the
 * text is valid JSON. Call it only after JSON.parse failed, or for text a person is editing.
 */
export function findJsonSyntaxError(text: string): JsonSyntaxError | null {
  if (text.trim() === '') return { message: 'The text is empty', offset: 0, line: 1, column: 1 };
  const errors: ParseError[] = [];
  parseJsonc(text, errors, {
    disallowComments: true,
    allowTrailingComma: false,
    allowEmptyContent: false,
  });
  const first = errors[0];
  if (first === undefined) return null;
  const { line, column } = positionAt(text, first.offset);
  // Read as the plain number it is at run time (the const enum is not there to compare with).
  const code: number = first.error;
  let message = MESSAGES[code] ?? 'Invalid JSON';
  if (code === INVALID_SYMBOL) message = describeUnexpected(text, first.offset);
  // A trailing comma shows up as "value expected" right before a closing bracket.
  if (code === PROPERTY_NAME_EXPECTED || code === VALUE_EXPECTED) {
    const before = text.slice(0, first.offset).trimEnd();
    const rest = text.slice(first.offset).trimStart();
    if (before.endsWith(',') && (rest.startsWith('}') || rest.startsWith(']'))) {
      message = 'Trailing commas are not allowed in JSON';
    }
  }
  if (first.offset >= text.length && code !== END_OF_FILE_EXPECTED)
    message = `${message} (the text ends too early)`;
  return { message, offset: first.offset, line, column };
}

function describeUnexpected(text: string, offset: number): string {
  const char = text.charAt(offset);
  if (char === "'") return 'Use double quotes (") for strings and property names';
  if (offset > 0 && text.slice(0, offset).trim() !== '') {
    try {
      JSON.parse(text.slice(0, offset));
      return 'Unexpected text after the end of the JSON value';
    } catch {
      // The text before is not complete JSON: the character itself is the problem.
    }
  }
  return `Unexpected character ${JSON.stringify(char)}`;
}
