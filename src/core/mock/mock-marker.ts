/**
 * How a response made by the Mock environment says so: a header, so the mark travels with the
 * response into History and every panel (a workflow step's too) without a field of its own.
 * The local gateway's mock-response policy marks its answers `X-Portico-Mocked: true`.
 */
export const MOCKED_IN_BROWSER_HEADER = 'X-Portico-Mocked';
export const MOCKED_IN_BROWSER_VALUE = 'browser';

/** Whether a response (or a History entry's headers) was made in the browser by the Mock environment. */
export function isMockedInBrowser(headers: ReadonlyArray<readonly [string, string]>): boolean {
  const wanted = MOCKED_IN_BROWSER_HEADER.toLowerCase();
  return headers.some(
    ([name, value]) =>
      name.toLowerCase() === wanted && value.trim().toLowerCase() === MOCKED_IN_BROWSER_VALUE,
  );
}
