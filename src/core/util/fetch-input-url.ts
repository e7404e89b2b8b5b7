/** The URL a fetch call asks for, whichever of its forms (string, URL, Request) it was given. */
export function fetchInputUrl(input: RequestInfo | URL): string {
  return typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
}
