const FETCH_TIMEOUT_MS = 5000;

/**
 * GETs a JSON document for the gateway itself (validate-jwt's discovery documents and keys): a
 * short timeout, no redirects (a trusted host must not send the gateway elsewhere), a status
 * other than 2xx or a body that is not JSON is an error naming it.
 */
export async function fetchJson(url: string): Promise<unknown> {
  const response = await fetch(url, {
    headers: { accept: 'application/json' },
    redirect: 'error',
    signal: AbortSignal.timeout(FETCH_TIMEOUT_MS),
  });
  if (!response.ok) throw new Error(`it answered ${response.status}`);
  try {
    return await response.json();
  } catch {
    throw new Error('the answer is not JSON');
  }
}
