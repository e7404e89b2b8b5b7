import { parseContentType } from './response-content-type';

/** A TextDecoder for the response's charset, UTF-8 when absent or unknown to the browser. */
export function decoderFor(contentType: string | null | undefined): TextDecoder {
  const { charset } = parseContentType(contentType);
  if (charset) {
    try {
      return new TextDecoder(charset);
    } catch {
      // An unknown label: UTF-8 is what servers almost always mean.
    }
  }
  return new TextDecoder('utf-8');
}

export function decodeBody(bytes: Uint8Array, contentType?: string | null): string {
  return decoderFor(contentType).decode(bytes);
}

/**
 * The start of a body as text, for showing something at once while the whole is formatted
 * elsewhere. A multi-byte character cut at the limit is dropped rather than shown as U+FFFD.
 */
export function decodePrefix(
  bytes: Uint8Array,
  maxBytes: number,
  contentType?: string | null,
): { text: string; complete: boolean } {
  if (bytes.length <= maxBytes) return { text: decodeBody(bytes, contentType), complete: true };
  const decoder = decoderFor(contentType);
  return { text: decoder.decode(bytes.subarray(0, maxBytes), { stream: true }), complete: false };
}
