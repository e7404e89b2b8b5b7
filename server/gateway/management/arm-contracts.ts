import { createHash } from 'node:crypto';
import type { Subscription } from '../core/subscriptions';

/**
 * Azure Resource Manager shapes of the management API (docs/reference/apim-management.md).
 * The local gateway stands for one APIM service; its resource id is a fixed, made-up one.
 */
export const LOCAL_SERVICE_ID =
  '/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/portico-local/providers/Microsoft.ApiManagement/service/portico-local';

export interface ArmResource<P> {
  id: string;
  type: string;
  name: string;
  properties: P;
}

export interface ArmList<T> {
  value: T[];
  count: number;
  nextLink: string | null;
}

export function armList<T>(value: T[]): ArmList<T> {
  return { value, count: value.length, nextLink: null };
}

/** The SubscriptionContract; keys only where the caller may see them (listSecrets, self-service). */
export function subscriptionContract(subscription: Subscription, options: { withKeys: boolean }) {
  return {
    id: `${LOCAL_SERVICE_ID}/subscriptions/${subscription.sid}`,
    type: 'Microsoft.ApiManagement/service/subscriptions',
    name: subscription.sid,
    properties: {
      ownerId: subscription.ownerId,
      scope: subscription.scope,
      displayName: subscription.displayName,
      state: subscription.state,
      createdDate: subscription.createdDate,
      startDate: subscription.startDate,
      expirationDate: subscription.expirationDate,
      endDate: subscription.endDate,
      notificationDate: subscription.notificationDate,
      stateComment: subscription.stateComment,
      allowTracing: subscription.allowTracing,
      ...(options.withKeys
        ? { primaryKey: subscription.primaryKey, secondaryKey: subscription.secondaryKey }
        : {}),
    },
  };
}

/** A weak validator for If-Match: changes whenever anything of the subscription does. */
export function subscriptionEtag(subscription: Subscription): string {
  return `"${createHash('sha256').update(JSON.stringify(subscription)).digest('hex').slice(0, 16)}"`;
}
