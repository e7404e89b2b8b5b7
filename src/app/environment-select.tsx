import type { Environment } from '../core/config/portal-config';
import { usePortal } from './portal-context';

/**
 * Which environment (base URL and credentials) every request goes to: those of the current API
 * (see useApiEnvironments), so an API that lists its own environments offers only those.
 */
export function EnvironmentSelect({
  environments,
  active,
}: {
  environments: readonly Environment[];
  active: Environment | undefined;
}) {
  const { store } = usePortal();
  return (
    <label className="app-header__env">
      <span className="app-header__env-label">Environment</span>
      <select
        className="input"
        aria-label="Environment"
        value={active?.id ?? ''}
        onChange={(e) => {
          const id = e.target.value;
          store.updateSettings((s) => ({ ...s, activeEnvironmentId: id }));
        }}
      >
        {environments.length === 0 && <option value="">No environments</option>}
        {environments.map((env) => (
          <option key={env.id} value={env.id}>
            {env.name}
          </option>
        ))}
      </select>
    </label>
  );
}
