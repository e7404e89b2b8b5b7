import { describe, expect, it } from 'vitest';
import { reindentJsonBytes } from './response-json-format';

const reindent = (s: string, indent?: number): string =>
  new TextDecoder().decode(reindentJsonBytes(new TextEncoder().encode(s), indent));

describe('reindentJsonBytes', () => {
  it('indents like JSON.stringify(value, null, 2) for ordinary documents', () => {
    const doc = '{"a":1,"b":[true,false,null],"c":{"d":"x"},"e":[],"f":{}}';
    expect(reindent(doc)).toBe(JSON.stringify(JSON.parse(doc), null, 2));
  });

  it('keeps numbers, escapes and key order exactly as sent', () => {
    expect(reindent('{"z":12345678901234567890,"a":1.0,"s":"q\\"{,:}\\\\","u":"\\u00e9"}')).toBe(
      '{\n  "z": 12345678901234567890,\n  "a": 1.0,\n  "s": "q\\"{,:}\\\\",\n  "u": "\\u00e9"\n}',
    );
  });

  it('normalises existing whitespace and keeps multi-byte text intact', () => {
    expect(reindent(' [ 1 ,\r\n\t"ü日本" , { } , [ ] ] ', 4)).toBe(
      '[\n    1,\n    "ü日本",\n    {},\n    []\n]',
    );
  });

  it('leaves scalars alone', () => {
    expect(reindent('"just a string"')).toBe('"just a string"');
    expect(reindent('42')).toBe('42');
  });

  it('terminates on truncated input', () => {
    expect(reindent('{"a":"unterminated')).toBe('{\n  "a": "unterminated');
  });
});
