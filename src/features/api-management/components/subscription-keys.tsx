import type { ApimSubscription } from '../../../core/apim/apim-contracts';
import { SubscriptionKey } from './subscription-key';

/**
 * Both keys of a subscription, each with "use in the current environment" while the gateway
 * accepts them (an active subscription).
 */
export function SubscriptionKeys({
  subscription,
  keyInUse,
  environmentName,
  onUseKey,
  onRegenerate,
  regenerating,
}: {
  subscription: ApimSubscription;
  keyInUse: string;
  environmentName: string;
  onUseKey: (key: string) => void;
  onRegenerate?: (which: 'primary' | 'secondary') => void;
  regenerating?: 'primary' | 'secondary';
}) {
  const keys = [
    ['primary', 'Primary key', subscription.primaryKey],
    ['secondary', 'Secondary key', subscription.secondaryKey],
  ] as const;
  return (
    <div className="apim-keys">
      {keys.map(([which, label, value]) =>
        value ? (
          <SubscriptionKey
            key={which}
            label={label}
            value={value}
            {...(value === keyInUse ? { inUseBy: environmentName } : {})}
            {...(subscription.state === 'active'
              ? { useIn: { environmentName, onUse: () => onUseKey(value) } }
              : {})}
            {...(onRegenerate
              ? { onRegenerate: () => onRegenerate(which), regenerating: regenerating === which }
              : {})}
          />
        ) : null,
      )}
    </div>
  );
}
