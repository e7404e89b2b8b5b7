import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { CodeBlock } from '../../../components/code-block';
import { XmlEditor } from '../../../components/xml-editor';
import { policyErrorPosition } from '../../../core/publish/management-error';
import type { ManagementTarget } from '../../../core/publish/management-request';
import { DEFAULT_POLICY } from '../../../core/publish/policy-xml';
import { publishQueries, type PolicyScope } from '../../../queries/publish-queries';
import { useSavePolicy } from '../api/publish-mutations';
import { MutationError } from './mutation-error';

/**
 * A scope's policy document: shown as XML, edited in CodeMirror's XML mode (loaded when
 * "Edit XML" is first pressed). A refusal is marked at the line the gateway names.
 */
export function PolicyEditor({
  target,
  scope,
  title,
}: {
  target: ManagementTarget;
  scope: PolicyScope;
  title: string;
}) {
  const uid = useId();
  const policy = useQuery(publishQueries.policy(target, scope));
  const save = useSavePolicy(target, scope);
  // The draft is what the person is typing: it outlives refusals and a reload of the latest.
  const [draft, setDraft] = useState<string>();
  const problem = policyErrorPosition(save.error);
  const open = draft !== undefined;
  return (
    <section className="publish-section" aria-labelledby={`${uid}-title`}>
      <div className="publish-section__head">
        <h2 id={`${uid}-title`}>{title}</h2>
        {!open && policy.data && (
          <button
            type="button"
            className="button button--small"
            onClick={() => {
              save.reset();
              setDraft(policy.data.value || DEFAULT_POLICY);
            }}
          >
            Edit XML
          </button>
        )}
      </div>
      {policy.isPending && <p role="status">Loading the policy…</p>}
      {policy.isError && <MutationError error={policy.error} />}
      {policy.data &&
        !open &&
        (policy.data.value ? (
          <CodeBlock code={policy.data.value} label={`${title} XML`} />
        ) : (
          <p className="muted">No policy at this scope: the wider scopes&apos; policies apply.</p>
        ))}
      {open && (
        <form
          noValidate
          aria-label={`Edit ${title}`}
          className="publish-form"
          onSubmit={(e) => {
            e.preventDefault();
            save.mutate(
              { xml: draft, etag: policy.data?.etag },
              { onSuccess: () => setDraft(undefined) },
            );
          }}
        >
          <XmlEditor
            value={draft}
            onChange={setDraft}
            label={`${title} XML`}
            {...(save.isError ? { describedBy: `${uid}-error` } : {})}
            {...(problem ? { problem } : {})}
          />
          {save.isError && (
            <div id={`${uid}-error`}>
              <MutationError error={save.error} onReload={() => void policy.refetch()} />
            </div>
          )}
          <div className="publish-form__actions">
            <button type="submit" className="button button--primary" disabled={save.isPending}>
              {save.isPending ? 'Saving…' : 'Save policy'}
            </button>
            <button
              type="button"
              className="button button--ghost"
              onClick={() => setDraft(undefined)}
            >
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
