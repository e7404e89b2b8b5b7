import { useId } from 'react';
import { useForm } from 'react-hook-form';
import type { ApimProduct } from '../../../core/apim/apim-contracts';
import { useSubscribe } from '../api/apim-mutations';
import { ErrorMessage } from '../../../components/error-message';
import { ApprovalNote } from './approval-note';
import { SubscriptionKeys } from './subscription-keys';

/** Self-service Subscribe for one product of the local gateway, then the new keys. */
export function SubscribeForm({
  product,
  developerUrl,
  keyInUse,
  environmentName,
  onUseKey,
  managementUrl,
}: {
  product: ApimProduct;
  developerUrl: string;
  /** The local gateway's management root, for the approval call. */
  managementUrl: string | undefined;
  keyInUse: string;
  environmentName: string;
  onUseKey: (key: string) => void;
}) {
  const uid = useId();
  const subscribe = useSubscribe(developerUrl);
  const { register, handleSubmit, formState } = useForm<{ displayName: string }>({
    defaultValues: { displayName: '' },
  });
  const error = formState.errors.displayName?.message;
  const created = subscribe.data;
  return (
    <div className="apim-subscribe">
      <form
        aria-label={`Subscribe to ${product.displayName}`}
        noValidate
        onSubmit={(e) =>
          void handleSubmit((v) =>
            subscribe.mutate({ productId: product.id, displayName: v.displayName.trim() }),
          )(e)
        }
        className="apim-subscribe__form"
      >
        <div className="field">
          <label className="field__label" htmlFor={`${uid}-name`}>
            Subscription name
          </label>
          <input
            id={`${uid}-name`}
            className="input"
            placeholder="e.g. My scoring app"
            aria-invalid={error ? true : undefined}
            aria-describedby={error ? `${uid}-error` : undefined}
            {...register('displayName', {
              validate: (v) => {
                const name = v.trim();
                if (name === '') return 'Name the subscription, e.g. after the app that uses it.';
                if (name.length > 100) return 'Keep the name to 100 characters or fewer.';
                return true;
              },
            })}
          />
          {error && (
            <p id={`${uid}-error`} className="field__error">
              {error}
            </p>
          )}
        </div>
        <button type="submit" className="button button--primary" disabled={subscribe.isPending}>
          {subscribe.isPending ? 'Subscribing…' : 'Subscribe'}
        </button>
      </form>
      {subscribe.isError && <ErrorMessage error={subscribe.error} />}
      {created && (
        <div className="apim-subscribe__done" role="status">
          <p>
            Subscribed: <strong>{created.displayName}</strong> ({product.displayName}){' '}
            {created.state === 'active'
              ? 'is active. Its keys work now.'
              : 'is waiting for an administrator’s approval: its keys are refused until then.'}
          </p>
        </div>
      )}
      {created?.state === 'submitted' && (
        <ApprovalNote managementUrl={managementUrl} subscriptionId={created.id} />
      )}
      {created && (
        <SubscriptionKeys
          subscription={created}
          keyInUse={keyInUse}
          environmentName={environmentName}
          onUseKey={onUseKey}
        />
      )}
    </div>
  );
}
