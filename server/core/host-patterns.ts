/**
 * Whether `host` (as a URL spells it: `name` or `name:port`, no default port, lower case) is
 * one of `patterns`: `host`, `host:port`, or `*.suffix` for any name below the suffix.
 */
export function matchesHostPattern(host: string, patterns: readonly string[]): boolean {
  return patterns.some((raw) => {
    const pattern = raw.trim().toLowerCase();
    if (pattern === '') return false;
    return pattern.startsWith('*.')
      ? host.endsWith(pattern.slice(1)) && host.length > pattern.length - 1
      : host === pattern;
  });
}
