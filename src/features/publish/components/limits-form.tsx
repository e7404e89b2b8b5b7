import { useQuery } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import type { ManagementTarget } from '../../../core/publish/management-request';
import { limitsFromPolicy, policyWithLimits } from '../../../core/publish/policy-xml';
import { publishQueries } from '../../../queries/publish-queries';
import { useSavePolicy } from '../api/publish-mutations';
import { FormField } from './form-field';
import { MutationError } from './mutation-error';

interface LimitValues {
  rateCalls: string;
  ratePeriod: string;
  quotaCalls: string;
  quotaPeriod: string;
}

const whole = (v: string) => v.trim() === '' || /^\d+$/.test(v.trim()) || 'Type a whole number.';
const limit = (calls: string, period: string) =>
  calls.trim() === '' ? undefined : { calls: Number(calls), renewalPeriod: Number(period) };

/**
 * A product's limits as a small form: calls per period (rate-limit, a sliding window of at
 * most 300 s) and a quota per period. Saving writes them into the product's policy document,
 * keeping everything else in it.
 */
export function LimitsForm({ target, productId }: { target: ManagementTarget; productId: string }) {
  const scope = { kind: 'product' as const, productId };
  const policy = useQuery(publishQueries.policy(target, scope));
  if (!policy.data) return policy.isError ? <MutationError error={policy.error} /> : null;
  // Keyed by the document: a saved change (here or in the XML) shows its limits.
  return <LimitsFormFor key={policy.data.value} target={target} productId={productId} />;
}

function LimitsFormFor({ target, productId }: { target: ManagementTarget; productId: string }) {
  const uid = useId();
  const scope = { kind: 'product' as const, productId };
  const policy = useQuery(publishQueries.policy(target, scope));
  const save = useSavePolicy(target, scope);
  const current = limitsFromPolicy(policy.data?.value ?? '');
  const { register, handleSubmit, formState } = useForm<LimitValues>({
    defaultValues: {
      rateCalls: current.rateLimit ? String(current.rateLimit.calls) : '',
      ratePeriod: String(current.rateLimit?.renewalPeriod ?? 60),
      quotaCalls: current.quota ? String(current.quota.calls) : '',
      quotaPeriod: String(current.quota?.renewalPeriod ?? 604_800),
    },
  });
  const { errors } = formState;
  const submit = handleSubmit((v) => {
    const rateLimit = limit(v.rateCalls, v.ratePeriod);
    const quota = limit(v.quotaCalls, v.quotaPeriod);
    save.mutate({
      xml: policyWithLimits(policy.data?.value ?? '', {
        ...(rateLimit ? { rateLimit } : {}),
        ...(quota ? { quota } : {}),
      }),
      etag: policy.data?.etag,
      action: 'Saving the limits',
    });
  });
  return (
    <form className="publish-form" aria-label="Limits" noValidate onSubmit={(e) => void submit(e)}>
      <div className="publish-form__row">
        <FormField
          id={`${uid}-rate`}
          label="Calls"
          hint="Empty for no rate limit."
          error={errors.rateCalls?.message}
        >
          {(c) => (
            <input
              className="input"
              inputMode="numeric"
              {...c}
              {...register('rateCalls', { validate: whole })}
            />
          )}
        </FormField>
        <FormField
          id={`${uid}-rate-period`}
          label="per period (seconds)"
          hint="1 to 300."
          error={errors.ratePeriod?.message}
        >
          {(c) => (
            <input
              className="input"
              inputMode="numeric"
              {...c}
              {...register('ratePeriod', {
                validate: (v) =>
                  (/^\d+$/.test(v.trim()) && Number(v) >= 1 && Number(v) <= 300) ||
                  'A rate limit renews within 1 to 300 seconds.',
              })}
            />
          )}
        </FormField>
      </div>
      <div className="publish-form__row">
        <FormField
          id={`${uid}-quota`}
          label="Quota calls"
          hint="Empty for no quota."
          error={errors.quotaCalls?.message}
        >
          {(c) => (
            <input
              className="input"
              inputMode="numeric"
              {...c}
              {...register('quotaCalls', { validate: whole })}
            />
          )}
        </FormField>
        <FormField
          id={`${uid}-quota-period`}
          label="per period (seconds)"
          hint="604800 is a week."
          error={errors.quotaPeriod?.message}
        >
          {(c) => (
            <input
              className="input"
              inputMode="numeric"
              {...c}
              {...register('quotaPeriod', { validate: whole })}
            />
          )}
        </FormField>
      </div>
      {save.isError && <MutationError error={save.error} onReload={() => void policy.refetch()} />}
      <div className="publish-form__actions">
        <button type="submit" className="button button--primary" disabled={save.isPending}>
          {save.isPending ? 'Saving…' : 'Save limits'}
        </button>
      </div>
    </form>
  );
}
