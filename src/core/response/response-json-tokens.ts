/**
 * A cheap tokenizer for one line of (usually re-indented) JSON, run only for the rows on
 * screen. It never fails: whatever it does not recognise comes back as 'text', so a row cut in
 * the middle of a long string is still shown exactly, just less colourful.
 */
export type JsonTokenKind = 'key' | 'string' | 'number' | 'boolean' | 'null' | 'punct' | 'text';

export interface JsonToken {
  kind: JsonTokenKind;
  text: string;
}

const TOKEN =
  /("(?:[^"\\]|\\.)*"?)(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|(true|false)|(null)|([{}[\],:])|(\s+)|([^"\s{}[\],:]+)/gy;

export function tokenizeJsonLine(line: string): JsonToken[] {
  const tokens: JsonToken[] = [];
  const push = (kind: JsonTokenKind, text: string): void => {
    const last = tokens[tokens.length - 1];
    if (last && last.kind === kind && (kind === 'text' || kind === 'punct')) last.text += text;
    else tokens.push({ kind, text });
  };
  TOKEN.lastIndex = 0;
  let m: RegExpExecArray | null;
  while (TOKEN.lastIndex < line.length && (m = TOKEN.exec(line)) !== null) {
    const [, str, colon, num, bool, nul, punct, space, other] = m;
    if (str !== undefined) {
      if (colon !== undefined) {
        push('key', str);
        push('punct', colon);
      } else push('string', str);
    } else if (num !== undefined) push('number', num);
    else if (bool !== undefined) push('boolean', bool);
    else if (nul !== undefined) push('null', nul);
    else if (punct !== undefined) push('punct', punct);
    else if (space !== undefined) push('text', space);
    else if (other !== undefined) push('text', other);
  }
  return tokens;
}
