declare global {
  interface Window {
    /** Set by public/early-start.js: its fetch of portico.config.json, not yet read. */
    porticoConfigResponse?: Promise<Response>;
  }
}

/**
 * A fetch for the portal config that first hands over the response index.html already asked
 * for, so the file is downloaded once per page load; any later call (a retry, a refetch)
 * fetches afresh.
 */
export function earlyConfigFetch(): typeof fetch {
  return (input, init) => {
    const early = window.porticoConfigResponse;
    window.porticoConfigResponse = undefined;
    return early ?? fetch(input, init);
  };
}
