/** Route paths in one place, so links and routes cannot drift apart. */
export const paths = {
  overview: (apiId: string) => `/apis/${encodeURIComponent(apiId)}`,
  operation: (apiId: string, slug: string) =>
    `/apis/${encodeURIComponent(apiId)}/operations/${encodeURIComponent(slug)}`,
  batch: (apiId: string) => `/apis/${encodeURIComponent(apiId)}/batch`,
  history: (apiId: string) => `/apis/${encodeURIComponent(apiId)}/history`,
  /** History's calls picked in order and saved as an Arazzo workflow (see workflow-paths.ts). */
  saveAsWorkflow: (apiId: string) => `/workflows/from-history/${encodeURIComponent(apiId)}`,
  /** The workflows area; its own sub-paths are read once it has loaded (workflowViewOf). */
  workflows: '/workflows',
  settings: '/settings',
  products: '/products',
  subscriptions: '/subscriptions',
  usage: '/usage',
  publish: '/publish',
};

/** The API id in a location such as /apis/<id>/operations/<slug>, if any. */
export function apiIdFromLocation(location: string): string | undefined {
  const m = /^\/apis\/([^/]+)/.exec(location);
  return m?.[1] ? safeDecode(m[1]) : undefined;
}

export function slugFromLocation(location: string): string | undefined {
  const m = /^\/apis\/[^/]+\/operations\/([^/]+)/.exec(location);
  return m?.[1] ? safeDecode(m[1]) : undefined;
}

export function safeDecode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}
