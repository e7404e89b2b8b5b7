import { useMemo } from 'react';
import { WorkflowsNav } from '../features/workflows/workflows-nav';
import { usePortal } from './portal-context';
import { configWorkflows, workflowLinks } from './workflow-config';

export function WorkflowsNavRoute({
  location,
  onNavigate,
}: {
  location: string;
  onNavigate: () => void;
}) {
  const { config, apis } = usePortal();
  const entries = useMemo(() => configWorkflows(config), [config]);
  return (
    <WorkflowsNav
      configEntries={entries.entries}
      configError={entries.error}
      apis={apis}
      links={workflowLinks}
      location={location}
      onNavigate={onNavigate}
    />
  );
}
