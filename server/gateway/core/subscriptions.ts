/** A subscription as the local gateway keeps it (APIM's SubscriptionContract plus its keys). */
export const SUBSCRIPTION_STATES = [
  'suspended',
  'active',
  'expired',
  'submitted',
  'rejected',
  'cancelled',
] as const;
export type SubscriptionState = (typeof SUBSCRIPTION_STATES)[number];

export interface Subscription {
  /** The subscription id (the ARM contract's `name`). */
  sid: string;
  displayName: string;
  /** `/products/{productId}`, `/apis/{apiId}` or `/apis` (all APIs). */
  scope: string;
  /** `/users/{uid}`. */
  ownerId: string;
  state: SubscriptionState;
  primaryKey: string;
  secondaryKey: string;
  createdDate: string;
  startDate: string | null;
  expirationDate: string | null;
  endDate: string | null;
  notificationDate: string | null;
  stateComment: string | null;
  allowTracing: boolean;
}

export const DEMO_USER_ID = '/users/demo';

/** Ids become Table storage row keys and URL segments: keep to a safe alphabet. */
export const SUBSCRIPTION_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,79}$/;
/** What a key may look like when an admin sets one (APIM: 1-256 characters). */
export const KEY_PATTERN = /^[\x21-\x7e]{1,256}$/;

export function isSubscriptionState(value: unknown): value is SubscriptionState {
  return typeof value === 'string' && (SUBSCRIPTION_STATES as readonly string[]).includes(value);
}
