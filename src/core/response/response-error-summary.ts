/**
 * One sentence that says what went wrong, read from an error body in the Azure ML format
 * (`{ error: { code, message, details: [{ code, message }] } }`) or API Management's
 * (`{ statusCode, message }`), plus when to retry from a Retry-After header. Null when the
 * body says nothing recognisable and there is no Retry-After.
 */
export function summarizeErrorBody(
  body: unknown,
  retryAfter?: string | null,
  now: Date = new Date(),
): string | null {
  const parts: string[] = [];
  const azure = azureMlError(body);
  const apim = azure ? null : apimError(body);
  if (azure) parts.push(azure);
  else if (apim) parts.push(apim);
  const retry = retryAfterText(retryAfter, now);
  if (retry) parts.push(retry);
  return parts.length > 0 ? parts.join(' ') : null;
}

function azureMlError(body: unknown): string | null {
  if (!isRecord(body) || !isRecord(body.error)) return null;
  const { code, message, details } = body.error;
  if (typeof code !== 'string' && typeof message !== 'string') return null;
  let text = [typeof code === 'string' ? code : null, typeof message === 'string' ? message : null]
    .filter((x): x is string => Boolean(x))
    .join(': ');
  text = endSentence(text);
  if (Array.isArray(details)) {
    const described = details
      .filter(isRecord)
      .map((d) => {
        const c = typeof d.code === 'string' ? d.code : '';
        const m = typeof d.message === 'string' ? d.message : '';
        return c && m ? `${c}: ${m}` : c || m;
      })
      .filter(Boolean);
    if (described.length > 0) text += ` Details: ${endSentence(described.join('; '))}`;
  }
  return text;
}

function apimError(body: unknown): string | null {
  if (!isRecord(body)) return null;
  if (typeof body.statusCode !== 'number' || typeof body.message !== 'string') return null;
  return endSentence(body.message);
}

/** "Retry after 57 seconds." for delta-seconds; for an HTTP date, the wait from `now`. */
export function retryAfterText(
  header: string | null | undefined,
  now: Date = new Date(),
): string | null {
  if (!header) return null;
  const trimmed = header.trim();
  let seconds: number;
  if (/^\d+$/.test(trimmed)) seconds = Number(trimmed);
  else {
    const at = Date.parse(trimmed);
    if (Number.isNaN(at)) return null;
    seconds = Math.max(0, Math.ceil((at - now.getTime()) / 1000));
  }
  return `Retry after ${seconds} ${seconds === 1 ? 'second' : 'seconds'}.`;
}

export function endSentence(s: string): string {
  const t = s.trim();
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}
