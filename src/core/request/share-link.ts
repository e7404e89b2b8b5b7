/**
 * Share links: the console's non-secret form state, compressed (lz-string) into the URL
 * fragment, which browsers never send to a server. Credentials are never put in: secret
 * parameters and credential headers go empty, SAS signatures and account keys are masked,
 * all through the same redaction as History.
 */
import { compressToEncodedURIComponent, decompressFromEncodedURIComponent } from 'lz-string';
import { redactForm, type FormSnapshot } from '../history/history-entry';

/** Longest payload put in a link: chat apps, mail clients and some browsers cut longer URLs. */
export const SHARE_PAYLOAD_LIMIT = 6000;

export type ShareEncoding = { ok: true; payload: string } | { ok: false; message: string };

interface SharedV1 {
  v: 1;
  p: Record<string, string>;
  h: Array<[string, string]>;
  b?: string;
}

export function encodeShareState(
  form: FormSnapshot,
  secretQuery: readonly string[] = [],
  limit: number = SHARE_PAYLOAD_LIMIT,
): ShareEncoding {
  const safe = redactForm(form, secretQuery);
  const shared: SharedV1 = {
    v: 1,
    p: safe.params,
    h: safe.customHeaders.filter((h) => h.name !== '').map((h) => [h.name, h.value]),
    ...(safe.body !== undefined && safe.body !== '' ? { b: safe.body } : {}),
  };
  const payload = compressToEncodedURIComponent(JSON.stringify(shared));
  if (payload.length > limit) {
    const kb = (n: number) => `${Math.ceil(n / 1024)} KB`;
    return {
      ok: false,
      message: `This request is too large for a link: ${kb(payload.length)} compressed, the limit is ${kb(limit)}. Shorten the body (a few example rows are enough), or share the body as a file.`,
    };
  }
  return { ok: true, payload };
}

function isStringRecord(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    !Array.isArray(value) &&
    Object.values(value).every((v) => typeof v === 'string')
  );
}

/** The form in a link, or undefined when the payload is damaged or from an unknown version. */
export function decodeShareState(payload: string): FormSnapshot | undefined {
  let value: unknown;
  try {
    value = JSON.parse(decompressFromEncodedURIComponent(payload) ?? '');
  } catch {
    return undefined;
  }
  if (typeof value !== 'object' || value === null) return undefined;
  const shared = value as Partial<SharedV1>;
  if (shared.v !== 1 || !isStringRecord(shared.p) || !Array.isArray(shared.h)) return undefined;
  const headers = shared.h.filter(
    (h): h is [string, string] =>
      Array.isArray(h) && typeof h[0] === 'string' && typeof h[1] === 'string',
  );
  // A crafted link could carry a key: it is dropped on the way in, too.
  return redactForm({
    params: shared.p,
    customHeaders: headers.map(([name, v]) => ({ name, value: v })),
    ...(typeof shared.b === 'string' ? { body: shared.b } : {}),
  });
}
