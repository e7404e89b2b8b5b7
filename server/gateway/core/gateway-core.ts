import { randomBytes, timingSafeEqual } from 'node:crypto';
import { PolicyEngine } from '../policies/policy-engine';
import type { Catalog, StoredApi } from './catalog';
import type { GatewayStore } from './gateway-store';
import {
  DEMO_USER_ID,
  KEY_PATTERN,
  SUBSCRIPTION_ID_PATTERN,
  SUBSCRIPTION_STATES,
  isSubscriptionState,
  type Subscription,
  type SubscriptionState,
} from './subscriptions';

/**
 * Who a call presenting `key` (or none) is, for the API it calls. Limits are not decided here:
 * they are the policies' (server/gateway/policies).
 */
export type Admission =
  | { kind: 'missingKey' }
  | { kind: 'invalidKey' }
  | {
      kind: 'allowed';
      /** Absent when the API needs no subscription and no key was sent. */
      subscription: Subscription | undefined;
      /** The product the subscription is to, when it is a product's. */
      productId: string | undefined;
    };

/** `/products/starter` -> `starter`. */
export function productIdOfScope(scope: string): string | undefined {
  return /^\/products\/([^/]+)$/.exec(scope)?.[1];
}

/** A caller's mistake in a management or self-service request (ARM's ValidationError etc.). */
export class GatewayRequestError extends Error {
  constructor(
    readonly code: 'ValidationError' | 'ResourceNotFound' | 'Conflict' | 'TooManyRequests',
    message: string,
  ) {
    super(message);
  }
}

/** The store refused or could not be reached; the change was not made. */
export class GatewayStorageError extends Error {
  constructor(cause: unknown) {
    super(`The gateway's storage failed: ${String(cause)}`, { cause });
  }
}

async function stored<T>(write: Promise<T>): Promise<T> {
  try {
    return await write;
  } catch (error) {
    throw new GatewayStorageError(error);
  }
}

export interface SeedSubscription {
  sid: string;
  displayName: string;
  productId: string;
  primaryKey: string;
  state: SubscriptionState;
}

export interface GatewayCoreOptions {
  store: GatewayStore;
  /** The products and APIs subscriptions are to. */
  catalog: Catalog;
  /** Where set-backend-service may send calls (trusted hosts only). */
  isTrustedBackend: (url: URL) => boolean;
  /** ms since the epoch; tests pass their own to move time. */
  clock?: () => number;
  /** Created on first start only; an existing subscription of the same id is kept as is. */
  seeds?: SeedSubscription[];
  /** How often counters are written behind (ms); 0 disables the timer (tests flush by hand). */
  flushIntervalMs?: number;
  log?: (message: string) => void;
}

export interface SubscriptionInput {
  scope?: unknown;
  displayName?: unknown;
  ownerId?: unknown;
  state?: unknown;
  primaryKey?: unknown;
  secondaryKey?: unknown;
  stateComment?: unknown;
  allowTracing?: unknown;
}

export function generateKey(): string {
  return randomBytes(16).toString('hex');
}

function generateSubscriptionId(): string {
  return randomBytes(12).toString('hex');
}

/**
 * Products, subscriptions, keys and call counters, free of HTTP. Reads and admission are in
 * memory (the hot path); subscription changes are written to the store before they are
 * acknowledged; counters are written behind, every `flushIntervalMs` and on `close()`.
 */
export class GatewayCore {
  private readonly subscriptions = new Map<string, Subscription>();
  private readonly byKey = new Map<string, Subscription>();
  private flushing: Promise<void> = Promise.resolve();
  private changes: Promise<unknown> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  readonly clock: () => number;
  readonly catalog: Catalog;
  /** The policies' counters live here; they are written behind with the subscriptions' store. */
  readonly engine: PolicyEngine;

  private constructor(
    private readonly store: GatewayStore,
    options: GatewayCoreOptions,
  ) {
    this.clock = options.clock ?? Date.now;
    this.log = options.log ?? (() => {});
    this.catalog = options.catalog;
    this.engine = new PolicyEngine({
      clock: this.clock,
      isTrustedBackend: options.isTrustedBackend,
    });
  }

  private readonly log: (message: string) => void;

  static async open(options: GatewayCoreOptions): Promise<GatewayCore> {
    const core = new GatewayCore(options.store, options);
    const { subscriptions, counters } = await options.store.load();
    for (const subscription of subscriptions) core.index(subscription);
    core.engine.restoreCounters(counters);
    for (const seed of options.seeds ?? []) {
      if (core.subscriptions.has(seed.sid)) continue;
      await core.putSubscription(seed.sid, {
        scope: `/products/${seed.productId}`,
        displayName: seed.displayName,
        state: seed.state,
        primaryKey: seed.primaryKey,
      });
    }
    const interval = options.flushIntervalMs ?? 250;
    if (interval > 0) {
      // One line when saving starts failing and one when it works again, not one per tick.
      let failing = false;
      core.timer = setInterval(() => {
        core.flush().then(
          () => {
            if (failing) core.log('Call counters are saved again.');
            failing = false;
          },
          (error: unknown) => {
            if (!failing)
              core.log(`Could not save call counters (retrying until it works): ${String(error)}`);
            failing = true;
          },
        );
      }, interval);
      core.timer.unref();
    }
    return core;
  }

  listSubscriptions(): Subscription[] {
    return [...this.subscriptions.values()];
  }

  getSubscription(sid: string): Subscription | undefined {
    return this.subscriptions.get(sid);
  }

  /** The subscription whose primary or secondary key this is, whatever its state. */
  subscriptionForKey(key: string): Subscription | undefined {
    return this.byKey.get(key);
  }

  /** The subscriptions to a product (what deleting it would delete). */
  productSubscriptions(productId: string): string[] {
    const scope = `/products/${productId}`;
    return this.listSubscriptions()
      .filter((s) => s.scope === scope)
      .map((s) => s.sid);
  }

  /** The subscriptions scoped to one API (deleted with it). */
  apiSubscriptions(apiId: string): string[] {
    const scope = `/apis/${apiId}`;
    return this.listSubscriptions()
      .filter((s) => s.scope === scope)
      .map((s) => s.sid);
  }

  /**
   * Whether a call to `api` presenting `key` may go on to the policies, as APIM decides before
   * them: a key is needed when the API requires a subscription, and a key opens only the APIs
   * of its product (or its API scope). Synchronous: no I/O.
   */
  admit(api: StoredApi, key: string | undefined): Admission {
    if (key === undefined || key === '')
      return api.properties.subscriptionRequired
        ? { kind: 'missingKey' }
        : { kind: 'allowed', subscription: undefined, productId: undefined };
    const subscription = this.byKey.get(key);
    if (!subscription || subscription.state !== 'active') return { kind: 'invalidKey' };
    const productId = productIdOfScope(subscription.scope);
    if (productId !== undefined) {
      if (!this.catalog.productApis(productId).includes(api.id)) return { kind: 'invalidKey' };
      return { kind: 'allowed', subscription, productId };
    }
    if (subscription.scope !== '/apis' && subscription.scope !== `/apis/${api.id}`)
      return { kind: 'invalidKey' };
    return { kind: 'allowed', subscription, productId: undefined };
  }

  /**
   * Self-service: a new subscription of `ownerId` to a published product, active at once unless
   * it needs approval, and refused past the product's subscriptionsLimit for that user.
   */
  async subscribe(
    productId: unknown,
    displayName: unknown,
    ownerId: string = DEMO_USER_ID,
  ): Promise<Subscription> {
    const offered = this.catalog
      .products()
      .filter((p) => p.properties.state === 'published' && p.properties.subscriptionRequired);
    const product =
      typeof productId === 'string' ? offered.find((p) => p.id === productId) : undefined;
    if (!product)
      throw new GatewayRequestError(
        'ValidationError',
        `productId must be one of ${offered.map((p) => `"${p.id}"`).join(', ')}.`,
      );
    return this.change(async () => {
      const limit = product.properties.subscriptionsLimit;
      if (limit !== null) {
        const held = this.listSubscriptions().filter(
          (s) =>
            s.ownerId === ownerId &&
            s.scope === `/products/${product.id}` &&
            (s.state === 'active' || s.state === 'submitted' || s.state === 'suspended'),
        ).length;
        if (held >= limit)
          throw new GatewayRequestError(
            'Conflict',
            `You already have ${held} subscription${held === 1 ? '' : 's'} to ${product.properties.displayName}, its limit per user. Cancel one to subscribe again.`,
          );
      }
      return this.put(generateSubscriptionId(), {
        scope: `/products/${product.id}`,
        displayName,
        ownerId,
        state: product.properties.approvalRequired ? 'submitted' : 'active',
      });
    });
  }

  /** Creates or replaces (admin PUT); keys not given are kept, or generated for a new one. */
  putSubscription(sid: string, input: SubscriptionInput): Promise<Subscription> {
    return this.change(() => this.put(sid, input));
  }

  private async put(sid: string, input: SubscriptionInput): Promise<Subscription> {
    {
      if (!SUBSCRIPTION_ID_PATTERN.test(sid))
        throw new GatewayRequestError(
          'ValidationError',
          'A subscription id has 1-80 letters, digits, "-", "_" or "." and starts with a letter or digit.',
        );
      const existing = this.subscriptions.get(sid);
      const now = new Date(this.clock()).toISOString();
      const state = input.state === undefined ? (existing?.state ?? 'submitted') : input.state;
      const next: Subscription = {
        sid,
        displayName: '',
        scope: '',
        ownerId: DEMO_USER_ID,
        state: 'submitted',
        primaryKey: existing?.primaryKey ?? generateKey(),
        secondaryKey: existing?.secondaryKey ?? generateKey(),
        createdDate: existing?.createdDate ?? now,
        startDate: existing?.startDate ?? null,
        expirationDate: existing?.expirationDate ?? null,
        endDate: existing?.endDate ?? null,
        notificationDate: existing?.notificationDate ?? null,
        stateComment: existing?.stateComment ?? null,
        allowTracing: existing?.allowTracing ?? false,
      };
      this.apply(next, { ...input, state }, now);
      if (!next.scope)
        throw new GatewayRequestError(
          'ValidationError',
          'properties.scope is required, e.g. "/products/starter".',
        );
      if (!next.displayName)
        throw new GatewayRequestError('ValidationError', 'properties.displayName is required.');
      return this.save(next, existing);
    }
  }

  /** Changes some properties (admin PATCH), e.g. `state: "active"` to approve. */
  updateSubscription(sid: string, input: SubscriptionInput): Promise<Subscription> {
    return this.change(async () => {
      const existing = this.require(sid);
      const next = { ...existing };
      this.apply(next, input, new Date(this.clock()).toISOString());
      return this.save(next, existing);
    });
  }

  deleteSubscription(sid: string): Promise<void> {
    return this.change(async () => {
      const existing = this.require(sid);
      await stored(this.store.deleteSubscription(sid));
      this.unindex(existing);
      this.engine.forgetSubscription(sid);
    });
  }

  /** A new primary or secondary key; the old one stops working as soon as this resolves. */
  regenerateKey(sid: string, which: 'primary' | 'secondary'): Promise<Subscription> {
    return this.change(async () => {
      const existing = this.require(sid);
      const next = { ...existing, [`${which}Key`]: generateKey() };
      return this.save(next, existing);
    });
  }

  /** Writes the counters changed since the last flush. */
  flush(): Promise<void> {
    const run = this.flushing.then(() => this.writeDirtyCounters());
    this.flushing = run.catch(() => {});
    return run;
  }

  /** Stops the write-behind timer and writes what is left. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.changes.catch(() => {});
    await this.flush();
  }

  private async writeDirtyCounters(): Promise<void> {
    const entries = this.engine.takeDirtyCounters();
    if (entries.length === 0) return;
    try {
      await this.store.putCounters(entries);
    } catch (error) {
      this.engine.markDirty(entries.map(([key]) => key));
      throw error;
    }
  }

  /** Subscription changes one at a time, so two of them never interleave their store writes. */
  private change<T>(work: () => Promise<T>): Promise<T> {
    const run = this.changes.then(work, work);
    this.changes = run.catch(() => {});
    return run;
  }

  private require(sid: string): Subscription {
    const existing = this.subscriptions.get(sid);
    if (!existing)
      throw new GatewayRequestError('ResourceNotFound', `Subscription "${sid}" not found.`);
    return existing;
  }

  private apply(next: Subscription, input: SubscriptionInput, now: string): void {
    if (input.scope !== undefined) {
      if (typeof input.scope !== 'string' || !this.validScope(input.scope))
        throw new GatewayRequestError(
          'ValidationError',
          `properties.scope must be ${this.catalog
            .products()
            .map((p) => `"/products/${p.id}"`)
            .join(', ')}, "/apis/{apiId}" of an existing API or "/apis".`,
        );
      next.scope = input.scope;
    }
    if (input.displayName !== undefined) {
      if (
        typeof input.displayName !== 'string' ||
        !input.displayName.trim() ||
        input.displayName.length > 100
      )
        throw new GatewayRequestError('ValidationError', 'displayName must be 1-100 characters.');
      next.displayName = input.displayName.trim();
    }
    if (input.ownerId !== undefined) {
      if (
        typeof input.ownerId !== 'string' ||
        !/^\/users\/[^/]+$/.test(input.ownerId.replace(/^.*(\/users\/)/, '$1'))
      )
        throw new GatewayRequestError(
          'ValidationError',
          'properties.ownerId must be "/users/{userId}".',
        );
      next.ownerId = input.ownerId.replace(/^.*(\/users\/)/, '$1');
    }
    if (input.state !== undefined) {
      if (!isSubscriptionState(input.state))
        throw new GatewayRequestError(
          'ValidationError',
          `properties.state must be one of ${SUBSCRIPTION_STATES.join(', ')}.`,
        );
      const state = input.state;
      if (state === 'active' && !next.startDate) next.startDate = now;
      if (
        (state === 'cancelled' || state === 'rejected' || state === 'expired') &&
        next.state !== state
      )
        next.endDate = now;
      next.state = state;
    }
    for (const which of ['primaryKey', 'secondaryKey'] as const) {
      const key = input[which];
      if (key === undefined) continue;
      if (typeof key !== 'string' || !KEY_PATTERN.test(key))
        throw new GatewayRequestError(
          'ValidationError',
          `properties.${which} must be 1-256 visible ASCII characters.`,
        );
      next[which] = key;
    }
    if (input.stateComment !== undefined) {
      if (input.stateComment !== null && typeof input.stateComment !== 'string')
        throw new GatewayRequestError(
          'ValidationError',
          'properties.stateComment must be a string.',
        );
      next.stateComment = input.stateComment;
    }
    if (input.allowTracing !== undefined) {
      if (typeof input.allowTracing !== 'boolean')
        throw new GatewayRequestError(
          'ValidationError',
          'properties.allowTracing must be true or false.',
        );
      next.allowTracing = input.allowTracing;
    }
    if (next.primaryKey === next.secondaryKey)
      throw new GatewayRequestError(
        'ValidationError',
        'The primary and secondary keys must differ.',
      );
  }

  private validScope(scope: string): boolean {
    const productId = productIdOfScope(scope);
    if (productId !== undefined) return this.catalog.product(productId) !== undefined;
    const apiId = /^\/apis(?:\/([^/]+))?$/.exec(scope);
    return apiId !== null && (apiId[1] === undefined || this.catalog.api(apiId[1]) !== undefined);
  }

  private async save(
    next: Subscription,
    existing: Subscription | undefined,
  ): Promise<Subscription> {
    for (const key of [next.primaryKey, next.secondaryKey]) {
      const owner = this.byKey.get(key);
      if (owner && owner.sid !== next.sid)
        throw new GatewayRequestError(
          'Conflict',
          'That key already belongs to another subscription.',
        );
    }
    await stored(this.store.putSubscription(next));
    if (existing) this.unindex(existing);
    this.index(next);
    return next;
  }

  private index(subscription: Subscription): void {
    this.subscriptions.set(subscription.sid, subscription);
    this.byKey.set(subscription.primaryKey, subscription);
    this.byKey.set(subscription.secondaryKey, subscription);
  }

  private unindex(subscription: Subscription): void {
    this.subscriptions.delete(subscription.sid);
    if (this.byKey.get(subscription.primaryKey) === subscription)
      this.byKey.delete(subscription.primaryKey);
    if (this.byKey.get(subscription.secondaryKey) === subscription)
      this.byKey.delete(subscription.secondaryKey);
  }
}

/** Constant-time comparison, so the admin key cannot be guessed one character at a time. */
export function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
