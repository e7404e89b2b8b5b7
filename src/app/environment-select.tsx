import type { Environment } from '../core/config/portal-config';
import { usePortal } from './portal-context';
import { chooseEnvironment } from './settings-store';

/**
 * Which environment (base URL and credentials) the current API's requests go to, among its own
 * (see useApiEnvironments); the choice is remembered for that API only.
 */
export function EnvironmentSelect({
  apiId,
  environments,
  active,
}: {
  /** The API whose choice this is: each API remembers its own. */
  apiId: string | undefined;
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
          if (apiId !== undefined) store.updateSettings((s) => chooseEnvironment(s, apiId, id));
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
