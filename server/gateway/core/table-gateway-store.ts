import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { GatewayStore } from './gateway-store';
import { openTable } from './open-table';
import { isSubscriptionState, type Subscription } from './subscriptions';

export const GATEWAY_TABLE = 'porticogateway';
const SUBSCRIPTIONS = 'subscription';
/** The policy engine's counters; rows of the earlier fixed-window format (no `value`) are ignored. */
const COUNTERS = 'policycounters';
/** Azure Table storage's limit of actions in one entity group transaction. */
const TRANSACTION_LIMIT = 100;

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };

/** Subscriptions and counters as entities of one table (Azurite's, locally). */
export class TableGatewayStore implements GatewayStore {
  private constructor(private readonly table: TableClient) {}

  static async open(
    connectionString: string,
    tableName = GATEWAY_TABLE,
  ): Promise<TableGatewayStore> {
    return new TableGatewayStore(await openTable(connectionString, tableName));
  }

  async load() {
    const subscriptions: Subscription[] = [];
    const counters = new Map<string, string>();
    for await (const row of this.table.listEntities<Row>()) {
      if (row.partitionKey === SUBSCRIPTIONS) {
        const subscription = subscriptionOf(row);
        if (subscription) subscriptions.push(subscription);
      } else if (row.partitionKey === COUNTERS && typeof row.value === 'string') {
        counters.set(row.rowKey, row.value);
      }
    }
    return { subscriptions, counters };
  }

  async putSubscription(subscription: Subscription): Promise<void> {
    const { sid, ...rest } = subscription;
    // Nullable dates are stored as empty strings: Table storage has no null property.
    const properties = Object.fromEntries(
      Object.entries(rest).map(([k, v]) => [k, v === null ? '' : v]),
    );
    await this.table.upsertEntity(
      { partitionKey: SUBSCRIPTIONS, rowKey: sid, ...properties },
      'Replace',
    );
  }

  async deleteSubscription(sid: string): Promise<void> {
    await this.table.deleteEntity(SUBSCRIPTIONS, sid).catch((error: { statusCode?: number }) => {
      if (error.statusCode !== 404) throw error;
    });
  }

  async putCounters(entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
    for (let i = 0; i < entries.length; i += TRANSACTION_LIMIT) {
      const actions: TransactionAction[] = entries
        .slice(i, i + TRANSACTION_LIMIT)
        .map(([key, value]) => [
          'upsert',
          { partitionKey: COUNTERS, rowKey: key, value },
          'Replace',
        ]);
      await this.table.submitTransaction(actions);
    }
  }
}

function subscriptionOf(row: Row): Subscription | undefined {
  const text = (name: string): string => {
    const value = row[name];
    return typeof value === 'string' ? value : '';
  };
  const date = (name: string): string | null => text(name) || null;
  const state = row.state;
  if (!isSubscriptionState(state) || !text('primaryKey') || !text('secondaryKey')) return undefined;
  return {
    sid: row.rowKey,
    displayName: text('displayName'),
    scope: text('scope'),
    ownerId: text('ownerId'),
    state,
    primaryKey: text('primaryKey'),
    secondaryKey: text('secondaryKey'),
    createdDate: text('createdDate'),
    startDate: date('startDate'),
    expirationDate: date('expirationDate'),
    endDate: date('endDate'),
    notificationDate: date('notificationDate'),
    stateComment: date('stateComment'),
    allowTracing: row.allowTracing === true,
  };
}
