import type { PortalConfig } from '../core/config/portal-config';
import { parseWorkflowEntries } from '../core/config/workflow-entries';
import type { ConfigWorkflowEntry } from '../features/workflows/workflow-documents';
import { workflowLinksUnder } from '../features/workflows/workflow-paths';
import { paths } from './api-paths';

export const workflowLinks = workflowLinksUnder(paths.workflows);

export interface ConfigWorkflows {
  entries: ConfigWorkflowEntry[];
  /** Why the config's `workflows` were refused (naming the field); the added ones still list. */
  error?: unknown;
}

/** The config's `workflows` entries, checked like `apis` (parseWorkflowEntries). */
export function configWorkflows(config: PortalConfig): ConfigWorkflows {
  try {
    return { entries: parseWorkflowEntries(config.file?.workflows) };
  } catch (error) {
    return { entries: [], error };
  }
}
