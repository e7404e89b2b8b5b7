import { slugify } from '../core/definition/normalize-definition';
import { UsagePage } from '../features/usage/components/usage-page';
import { paths } from './api-paths';
import { useCurrentApi } from './current-api';

/** The Usage view for the current API's environment; requests link back to their operation page. */
export function UsageRoute() {
  const { active: activeEnvironment } = useCurrentApi();
  return (
    <UsagePage
      environment={activeEnvironment}
      operationHref={(apiName, operationName) => paths.operation(apiName, slugify(operationName))}
    />
  );
}
