import type { Subscription } from './subscriptions';

/** Where the gateway keeps what must survive a restart. */
export interface GatewayStore {
  /** `counters`: the policy engine's counters as it hands them out (opaque key and value). */
  load(): Promise<{ subscriptions: Subscription[]; counters: Map<string, string> }>;
  putSubscription(subscription: Subscription): Promise<void>;
  /** Removes the subscription. */
  deleteSubscription(sid: string): Promise<void>;
  putCounters(entries: ReadonlyArray<readonly [string, string]>): Promise<void>;
}

/** For tests of the core: the same contract, in memory. */
export class MemoryGatewayStore implements GatewayStore {
  readonly subscriptions = new Map<string, Subscription>();
  readonly counters = new Map<string, string>();
  /** Set to make every write fail, as an unreachable storage would. */
  failWrites = false;

  async load() {
    return {
      subscriptions: [...this.subscriptions.values()].map((s) => ({ ...s })),
      counters: new Map(this.counters),
    };
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    this.check();
    this.subscriptions.set(subscription.sid, { ...subscription });
  }

  async deleteSubscription(sid: string): Promise<void> {
    this.check();
    this.subscriptions.delete(sid);
  }

  async putCounters(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    this.check();
    for (const [key, value] of entries) this.counters.set(key, value);
  }

  private check(): void {
    if (this.failWrites) throw new Error('storage unavailable');
  }
}
