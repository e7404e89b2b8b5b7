import { useQuery } from '@tanstack/react-query';
import type { ManagementTarget } from '../../../core/publish/management-request';
import { hasMockResponse, policyWithMockResponse } from '../../../core/publish/policy-xml';
import { publishQueries, type PolicyScope } from '../../../queries/publish-queries';
import { useSavePolicy } from '../api/publish-mutations';
import { MutationError } from './mutation-error';

/**
 * One click for the tutorial's "mock the response" step: `<mock-response status-code="200"
 * content-type="application/json" />` in the operation's inbound, answered with the 200
 * response's example while the backend does not exist.
 */
export function MockToggle({
  target,
  scope,
}: {
  target: ManagementTarget;
  scope: Extract<PolicyScope, { kind: 'operation' }>;
}) {
  const policy = useQuery(publishQueries.policy(target, scope));
  const save = useSavePolicy(target, scope);
  if (!policy.data) return null;
  const on = hasMockResponse(policy.data.value);
  return (
    <div className="publish-mock">
      <button
        type="button"
        className="button"
        aria-pressed={on}
        disabled={save.isPending}
        onClick={() =>
          save.mutate({
            xml: policyWithMockResponse(policy.data.value, !on),
            etag: policy.data.etag,
            action: on ? 'Turning mock-response off' : 'Turning mock-response on',
          })
        }
      >
        Mock responses {on ? 'on' : 'off'}
      </button>
      <span className="muted">
        {on
          ? 'The gateway answers with the 200 response’s example, without calling the backend.'
          : 'Turn it on while the backend does not exist yet.'}
      </span>
      {save.isError && <MutationError error={save.error} onReload={() => void policy.refetch()} />}
    </div>
  );
}
