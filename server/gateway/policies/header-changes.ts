import type { HeaderChange } from './policy-call';

/**
 * Applies set-header changes in order, names compared case-insensitively: override replaces,
 * skip sets only an absent header, append adds values, delete removes. An existing header keeps
 * the spelling it had.
 */
export function applyHeaderChanges(
  headers: Readonly<Record<string, string | string[] | undefined>>,
  changes: readonly HeaderChange[],
): Record<string, string | string[]> {
  const result: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined) result[name] = value;
  for (const change of changes) {
    const existing = Object.keys(result).find(
      (name) => name.toLowerCase() === change.name.toLowerCase(),
    );
    const single = (values: string[]): string | string[] =>
      values.length === 1 ? (values[0] ?? '') : values;
    switch (change.action) {
      case 'override':
        if (existing !== undefined) delete result[existing];
        result[change.name] = single(change.values);
        break;
      case 'skip':
        if (existing === undefined) result[change.name] = single(change.values);
        break;
      case 'append': {
        const before = existing === undefined ? [] : [result[existing] ?? []].flat();
        result[existing ?? change.name] = single([...before, ...change.values]);
        break;
      }
      case 'delete':
        if (existing !== undefined) delete result[existing];
        break;
    }
  }
  return result;
}
