/**
 * What kind of content a response body is, decided from its Content-Type and, when that is
 * missing or generic, from its first bytes. The kind picks the viewer; no kind is ever
 * rendered as HTML.
 */
export type BodyKind = 'empty' | 'json' | 'csv' | 'html' | 'xml' | 'text' | 'image' | 'binary';

export interface ContentTypeInfo {
  /** Lower-cased type/subtype without parameters, '' when absent. */
  mediaType: string;
  charset?: string;
}

export function parseContentType(header: string | null | undefined): ContentTypeInfo {
  if (!header) return { mediaType: '' };
  const [type = '', ...params] = header.split(';');
  const info: ContentTypeInfo = { mediaType: type.trim().toLowerCase() };
  for (const p of params) {
    const eq = p.indexOf('=');
    if (eq < 0) continue;
    if (p.slice(0, eq).trim().toLowerCase() === 'charset') {
      info.charset = p
        .slice(eq + 1)
        .trim()
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase();
    }
  }
  return info;
}

/** Raster formats a browser shows in <img> without running anything (SVG is excluded). */
const RASTER_IMAGES = new Set([
  'image/png',
  'image/jpeg',
  'image/gif',
  'image/webp',
  'image/avif',
  'image/bmp',
  'image/x-icon',
  'image/vnd.microsoft.icon',
]);

export function isRasterImage(mediaType: string): boolean {
  return RASTER_IMAGES.has(mediaType);
}

export function classifyBody(contentType: string | null | undefined, bytes: Uint8Array): BodyKind {
  if (bytes.length === 0) return 'empty';
  const { mediaType } = parseContentType(contentType);
  if (mediaType === 'application/json' || mediaType === 'text/json' || mediaType.endsWith('+json'))
    return 'json';
  if (
    mediaType === 'text/csv' ||
    mediaType === 'application/csv' ||
    mediaType === 'text/tab-separated-values'
  )
    return 'csv';
  if (mediaType === 'text/html' || mediaType === 'application/xhtml+xml') return 'html';
  if (
    mediaType === 'application/xml' ||
    mediaType === 'text/xml' ||
    mediaType === 'image/svg+xml' ||
    mediaType.endsWith('+xml')
  )
    return 'xml';
  if (isRasterImage(mediaType)) return 'image';
  if (
    mediaType.startsWith('text/') ||
    mediaType === 'application/javascript' ||
    mediaType === 'application/x-www-form-urlencoded' ||
    mediaType === 'application/yaml' ||
    mediaType === 'application/x-yaml'
  )
    return 'text';
  if (
    mediaType === '' ||
    mediaType === 'application/octet-stream' ||
    mediaType === 'binary/octet-stream'
  )
    return sniffBody(bytes);
  return looksLikeText(bytes) ? 'text' : 'binary';
}

/** Guess from the first bytes when the server did not say what it sent. */
export function sniffBody(bytes: Uint8Array): BodyKind {
  if (bytes.length === 0) return 'empty';
  if (!looksLikeText(bytes)) return 'binary';
  let i = 0;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3;
  while (
    i < bytes.length &&
    (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)
  )
    i++;
  const first = bytes[i];
  if (first === 0x7b || first === 0x5b || first === 0x22) return 'json';
  if (first === 0x3c) {
    const head = new TextDecoder().decode(bytes.subarray(i, i + 256)).toLowerCase();
    if (head.startsWith('<!doctype html') || head.startsWith('<html')) return 'html';
    return 'xml';
  }
  return 'text';
}

/**
 * Text when the first 8 KB hold no NUL byte, are valid UTF-8 (a sequence cut at the end of the
 * sample is allowed) and have few control characters.
 */
export function looksLikeText(bytes: Uint8Array): boolean {
  const end = Math.min(bytes.length, 8192);
  let control = 0;
  let i = 0;
  while (i < end) {
    const b = bytes[i]!;
    if (b === 0) return false;
    if (b < 0x80) {
      if (b < 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d && b !== 0x0c) control++;
      i++;
      continue;
    }
    const len = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? 3 : b >= 0xc2 && b < 0xe0 ? 2 : 0;
    if (len === 0) return false;
    for (let k = 1; k < len; k++) {
      // A sequence cut by the end of the sample is fine; one cut by the end of the body is not.
      if (i + k >= end) return end < bytes.length && control * 20 <= end;
      const cont = bytes[i + k]!;
      if ((cont & 0xc0) !== 0x80) return false;
    }
    i += len;
  }
  return control * 20 <= end;
}
