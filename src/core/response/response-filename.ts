import { parseContentType } from './response-content-type';

const EXTENSIONS: Record<string, string> = {
  'application/json': 'json',
  'text/json': 'json',
  'text/csv': 'csv',
  'application/csv': 'csv',
  'text/tab-separated-values': 'tsv',
  'text/plain': 'txt',
  'text/html': 'html',
  'application/xml': 'xml',
  'text/xml': 'xml',
  'image/svg+xml': 'svg',
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/gif': 'gif',
  'image/webp': 'webp',
  'application/pdf': 'pdf',
  'application/zip': 'zip',
  'application/octet-stream': 'bin',
};

/**
 * A file name for downloading a response: the Content-Disposition filename when the server
 * gives one, else the last URL path segment, with an extension matching the content type.
 * Path separators and control characters never survive into the name.
 */
export function downloadFileName(
  url: string,
  contentType?: string | null,
  contentDisposition?: string | null,
): string {
  const fromHeader = dispositionFileName(contentDisposition);
  if (fromHeader) return sanitize(fromHeader);
  let base = 'response';
  try {
    const segments = new URL(url).pathname.split('/').filter(Boolean);
    const last = segments[segments.length - 1];
    if (last) base = decodeURIComponent(last);
  } catch {
    // Not a URL: keep the generic name.
  }
  base = sanitize(base);
  const { mediaType } = parseContentType(contentType);
  const ext = EXTENSIONS[mediaType] ?? (mediaType.endsWith('+json') ? 'json' : undefined);
  if (!ext || base.toLowerCase().endsWith(`.${ext}`)) return base;
  return `${base}.${ext}`;
}

function dispositionFileName(header?: string | null): string | null {
  if (!header) return null;
  const star = /filename\*\s*=\s*(?:UTF-8|utf-8)''([^;]+)/.exec(header);
  if (star?.[1]) {
    try {
      return decodeURIComponent(star[1].trim());
    } catch {
      // Malformed percent-encoding: fall back to the plain parameter.
    }
  }
  const plain = /filename\s*=\s*(?:"([^"]*)"|([^;]+))/.exec(header);
  const name = plain?.[1] ?? plain?.[2];
  return name ? name.trim() : null;
}

function sanitize(name: string): string {
  // Only the last path segment, as browsers do: a name can never point elsewhere.
  const last = name.split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  const cleaned = last.replace(/[\u0000-\u001f\u007f:*?"<>|]+/g, '_').replace(/^\.+/, '');
  return cleaned.slice(0, 120) || 'response';
}
