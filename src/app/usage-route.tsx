import { slugify } from '../core/definition/normalize-definition';
import { UsagePage } from '../features/usage/components/usage-page';
import { paths } from './api-paths';
import { usePortal } from './portal-context';

/** The Usage view for the active environment; requests link back to their operation page. */
export function UsageRoute() {
  const { activeEnvironment } = usePortal();
  return (
    <UsagePage
      environment={activeEnvironment}
      operationHref={(apiName, operationName) => paths.operation(apiName, slugify(operationName))}
    />
  );
}
