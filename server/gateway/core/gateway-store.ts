import type { CallCounters } from './call-limits';
import type { Subscription } from './subscriptions';

/** Where the gateway keeps what must survive a restart. */
export interface GatewayStore {
  load(): Promise<{ subscriptions: Subscription[]; counters: Map<string, CallCounters> }>;
  putSubscription(subscription: Subscription): Promise<void>;
  /** Removes the subscription and its counters. */
  deleteSubscription(sid: string): Promise<void>;
  putCounters(entries: ReadonlyArray<readonly [string, CallCounters]>): Promise<void>;
}

/** For tests of the core: the same contract, in memory. */
export class MemoryGatewayStore implements GatewayStore {
  readonly subscriptions = new Map<string, Subscription>();
  readonly counters = new Map<string, CallCounters>();
  /** Set to make every write fail, as an unreachable storage would. */
  failWrites = false;

  async load() {
    return {
      subscriptions: [...this.subscriptions.values()].map((s) => ({ ...s })),
      counters: new Map([...this.counters].map(([k, v]) => [k, { ...v }])),
    };
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    this.check();
    this.subscriptions.set(subscription.sid, { ...subscription });
  }

  async deleteSubscription(sid: string): Promise<void> {
    this.check();
    this.subscriptions.delete(sid);
    this.counters.delete(sid);
  }

  async putCounters(entries: ReadonlyArray<readonly [string, CallCounters]>): Promise<void> {
    this.check();
    for (const [sid, counters] of entries) this.counters.set(sid, { ...counters });
  }

  private check(): void {
    if (this.failWrites) throw new Error('storage unavailable');
  }
}
