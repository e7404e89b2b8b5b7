/**
 * Re-indents JSON without parsing it into values, so that what the server sent is shown
 * exactly: big integers, `1.0`, escapes and key order survive, which JSON.parse + stringify
 * would silently change. It works on the UTF-8 bytes (every structural character is ASCII and
 * never occurs inside a multi-byte sequence) in one tight loop with no closures, which keeps a
 * 20 MB body well under the time of JSON.stringify. The input must already be known to be valid
 * JSON (check with JSON.parse first); on anything else the output is unspecified but it ends.
 */
export function reindentJsonBytes(input: Uint8Array, indent = 2): Uint8Array {
  const n = input.length;
  let out = new Uint8Array(Math.max(256, n + (n >> 1)));
  let cap = out.length;
  let o = 0;
  let depth = 0;
  let i = 0;
  while (i < n) {
    // Room for the widest single step: a newline plus the indentation, and two more bytes.
    const need = o + depth * indent + indent + 4;
    if (need > cap) {
      const bigger = new Uint8Array(Math.max(cap * 2, need));
      bigger.set(out.subarray(0, o));
      out = bigger;
      cap = bigger.length;
    }
    const c = input[i]!;
    if (c === 0x22) {
      // A string, copied verbatim honouring backslash escapes.
      out[o++] = c;
      i++;
      while (i < n) {
        if (o + 2 > cap) {
          const bigger = new Uint8Array(cap * 2);
          bigger.set(out.subarray(0, o));
          out = bigger;
          cap = bigger.length;
        }
        const d = input[i]!;
        out[o++] = d;
        i++;
        if (d === 0x22) break;
        if (d === 0x5c && i < n) out[o++] = input[i++]!;
      }
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      // { or [; the closing bracket is two code points further.
      let j = i + 1;
      while (j < n && isSpace(input[j]!)) j++;
      out[o++] = c;
      if (input[j] === c + 2) {
        out[o++] = c + 2;
        i = j + 1;
        continue;
      }
      depth++;
      out[o++] = 0x0a;
      for (let k = depth * indent; k > 0; k--) out[o++] = 0x20;
      i = j;
      continue;
    }
    if (c === 0x7d || c === 0x5d) {
      if (depth > 0) depth--;
      out[o++] = 0x0a;
      for (let k = depth * indent; k > 0; k--) out[o++] = 0x20;
      out[o++] = c;
    } else if (c === 0x2c) {
      out[o++] = c;
      out[o++] = 0x0a;
      for (let k = depth * indent; k > 0; k--) out[o++] = 0x20;
    } else if (c === 0x3a) {
      out[o++] = 0x3a;
      out[o++] = 0x20;
    } else if (!isSpace(c)) {
      out[o++] = c;
    }
    i++;
  }
  return out.subarray(0, o);
}

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
