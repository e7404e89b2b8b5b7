/**
 * A no-cors request gets an opaque response from any server that answers at all, so when it
 * succeeds where a real request failed, the browser (CORS) blocked the real one; when it fails
 * too, the server is unreachable. HEAD keeps the probe free of side effects.
 */
export async function probeNoCors(
  url: string,
  options: { timeoutMs: number; signal?: AbortSignal; fetchImpl?: typeof fetch },
): Promise<boolean> {
  const fetchImpl = options.fetchImpl ?? globalThis.fetch.bind(globalThis);
  const signals = [
    AbortSignal.timeout(options.timeoutMs),
    ...(options.signal ? [options.signal] : []),
  ];
  try {
    await fetchImpl(url, {
      method: 'HEAD',
      mode: 'no-cors',
      credentials: 'omit',
      cache: 'no-store',
      signal: AbortSignal.any(signals),
    });
    return true;
  } catch {
    return false;
  }
}
