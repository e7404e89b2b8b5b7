/**
 * A classic hex dump of the first bytes of a binary body, one line per 16 bytes:
 * `00000000  89 50 4e 47 0d 0a 1a 0a  00 00 00 0d 49 48 44 52  |.PNG........IHDR|`.
 * Only printable ASCII appears in the right column, so nothing in it can be markup.
 */
export function hexDump(bytes: Uint8Array, maxBytes = 4096): string[] {
  const end = Math.min(bytes.length, maxBytes);
  const lines: string[] = [];
  for (let off = 0; off < end; off += 16) {
    let hex = '';
    let ascii = '';
    for (let k = 0; k < 16; k++) {
      if (k === 8) hex += ' ';
      const b = off + k < end ? bytes[off + k] : undefined;
      if (b === undefined) {
        hex += '   ';
        continue;
      }
      hex += b.toString(16).padStart(2, '0') + ' ';
      ascii += b >= 0x20 && b < 0x7f ? String.fromCharCode(b) : '.';
    }
    lines.push(`${off.toString(16).padStart(8, '0')}  ${hex} |${ascii}|`);
  }
  return lines;
}
