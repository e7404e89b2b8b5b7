// Words a config ships for the deployer to replace: YOUR-APIM-NAME, <account>, {host}...
// A module of its own: the overview (first page) needs only this, and the rest of
// send-readiness belongs to the console's chunk.
const PLACEHOLDER = /YOUR[-_][A-Z0-9_-]+|<[^>]+>|%3C[^%]+%3E|\{[^}]+\}/i;

/** The placeholder left in a base URL, if any. */
export function baseUrlPlaceholder(baseUrl: string): string | undefined {
  return PLACEHOLDER.exec(baseUrl)?.[0];
}
