import type { PortalConfig } from '../core/config/portal-config';
import type { ConfigWorkflowEntry } from '../features/workflows/workflow-documents';
import { workflowLinksUnder } from '../features/workflows/workflow-paths';
import { paths } from './api-paths';

export const workflowLinks = workflowLinksUnder(paths.workflows);

/** The config's `workflows` entries (checked by the config loader like `apis`). */
export function configWorkflows(config: PortalConfig): ConfigWorkflowEntry[] {
  return 'workflows' in config && Array.isArray(config.workflows)
    ? (config.workflows as ConfigWorkflowEntry[])
    : [];
}
