/**
 * The config's `workflows`: Arazzo documents listed beside the APIs, each `{ "id", "title",
 * "url" }`, checked like `apis` with messages naming the file and the field. The config loader
 * keeps the list as written; this runs where the workflows views load (ADR 0013: nothing of
 * workflows in the first page's chunk).
 */
import { PortalConfigError } from './load-portal-config';

export interface WorkflowEntry {
  id: string;
  title: string;
  /** URL of the Arazzo document (YAML or JSON), relative to the portal or absolute. */
  url: string;
}

export function parseWorkflowEntries(raw: unknown, file = 'portico.config.json'): WorkflowEntry[] {
  const fail = (field: string, problem: string): never => {
    throw new PortalConfigError(`${file}: "${field}" ${problem}`, { location: field });
  };
  if (raw === undefined) return [];
  if (!Array.isArray(raw)) return fail('workflows', 'must be a list of { "id", "title", "url" }');
  const ids = new Set<string>();
  return raw.map((item: unknown, i) => {
    const at = `workflows[${i}]`;
    if (typeof item !== 'object' || item === null || Array.isArray(item))
      return fail(at, 'must be an object with "id", "title" and "url"');
    const entry = item as Record<string, unknown>;
    const text = (field: string): string => {
      const value = entry[field];
      if (typeof value !== 'string' || value.trim() === '')
        return fail(`${at}.${field}`, 'must be a non-empty string');
      return value.trim();
    };
    const id = text('id');
    if (!/^[A-Za-z0-9_-]+$/.test(id))
      fail(`${at}.id`, 'may only contain letters, digits, "-" and "_"');
    if (ids.has(id)) fail(`${at}.id`, `repeats the id "${id}"`);
    ids.add(id);
    return { id, title: text('title'), url: text('url') };
  });
}
