import { useLocation } from 'wouter';
import type { ApiSource } from '../queries/definition-queries';
import { paths } from './api-paths';

/** Switches between the portal's APIs; shown only when there is more than one. */
export function ApiPicker({
  apis,
  current,
}: {
  apis: ApiSource[];
  current: ApiSource | undefined;
}) {
  const [, navigate] = useLocation();
  if (apis.length <= 1) return null;
  return (
    <select
      className="input app-header__api"
      aria-label="API"
      value={current?.id ?? ''}
      onChange={(e) => navigate(paths.overview(e.target.value))}
    >
      {apis.map((a) => (
        <option key={a.id} value={a.id}>
          {a.title}
        </option>
      ))}
    </select>
  );
}
