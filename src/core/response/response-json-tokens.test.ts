import { describe, expect, it } from 'vitest';
import { tokenizeJsonLine } from './response-json-tokens';

describe('tokenizeJsonLine', () => {
  it('colours keys, values and punctuation of a formatted line', () => {
    expect(tokenizeJsonLine('  "name": "a \\"b\\"",')).toEqual([
      { kind: 'text', text: '  ' },
      { kind: 'key', text: '"name"' },
      { kind: 'punct', text: ':' },
      { kind: 'text', text: ' ' },
      { kind: 'string', text: '"a \\"b\\""' },
      { kind: 'punct', text: ',' },
    ]);
    expect(tokenizeJsonLine('-1.5e3, true, null, [')).toEqual([
      { kind: 'number', text: '-1.5e3' },
      { kind: 'punct', text: ',' },
      { kind: 'text', text: ' ' },
      { kind: 'boolean', text: 'true' },
      { kind: 'punct', text: ',' },
      { kind: 'text', text: ' ' },
      { kind: 'null', text: 'null' },
      { kind: 'punct', text: ',' },
      { kind: 'text', text: ' ' },
      { kind: 'punct', text: '[' },
    ]);
  });

  it('never loses text, even in a row cut inside a string', () => {
    const line = 'tail of a string", "k": <b>x</b>';
    expect(
      tokenizeJsonLine(line)
        .map((t) => t.text)
        .join(''),
    ).toBe(line);
  });
});
