import type { TableClient, TransactionAction } from '@azure/data-tables';
import {
  recordKey,
  type CatalogAction,
  type CatalogRecord,
  type CatalogSnapshot,
  type CatalogStore,
} from './catalog-store';
import { openTable } from './open-table';

export const CATALOG_TABLE = 'porticocatalog';
/** Azure Table storage's limit of actions in one entity group transaction. */
const TRANSACTION_LIMIT = 100;
/** A transaction's payload may not exceed 4 MiB: leave room for the multipart framing. */
const TRANSACTION_BYTES = 3 * 1024 * 1024;
/** A string property holds at most 64 KiB of UTF-16: 32,767 characters. */
const CHUNK_CHARS = 30_000;
/** An entity holds at most 1 MiB: 15 chunks of 60 KB each, and the keys. */
const CHUNKS_PER_ROW = 15;
/** Rows of an entity beyond its first: `{row}~~1`, `{row}~~2`... ("~~" never occurs in an encoded id). */
const CONTINUATION = '~~';
const META = 'meta';
const INITIALIZED = 'initialized';

type Row = Record<string, unknown> & { partitionKey: string; rowKey: string };
type RowOp = { put: Row } | { delete: { partitionKey: string; rowKey: string } };

function kindOf(partition: string): CatalogRecord['kind'] | undefined {
  if (
    partition === 'api' ||
    partition === 'product' ||
    partition === 'link' ||
    partition === 'policy'
  )
    return partition;
  if (partition.startsWith('op|')) return 'operation';
  if (partition.startsWith('schema|')) return 'schema';
  return undefined;
}

/** Cuts `json` in chunks of at most CHUNK_CHARS, never between the two halves of a surrogate pair. */
function chunksOf(json: string): string[] {
  const chunks: string[] = [];
  let at = 0;
  while (at < json.length) {
    let end = Math.min(at + CHUNK_CHARS, json.length);
    const code = json.charCodeAt(end - 1);
    if (end < json.length && code >= 0xd800 && code <= 0xdbff) end--;
    chunks.push(json.slice(at, end));
    at = end;
  }
  return chunks.length > 0 ? chunks : [''];
}

function rowsOf(partition: string, base: string, kind: string, json: string): Row[] {
  const chunks = chunksOf(json);
  const rows: Row[] = [];
  for (let r = 0; r * CHUNKS_PER_ROW < chunks.length; r++) {
    const row: Row = {
      partitionKey: partition,
      rowKey: r === 0 ? base : `${base}${CONTINUATION}${r}`,
    };
    if (r === 0) {
      row.kind = kind;
      row.chunks = chunks.length;
    }
    chunks
      .slice(r * CHUNKS_PER_ROW, (r + 1) * CHUNKS_PER_ROW)
      .forEach((chunk, i) => (row[`j${r * CHUNKS_PER_ROW + i}`] = chunk));
    rows.push(row);
  }
  return rows;
}

function rowBytes(row: Row): number {
  let bytes = 200;
  for (const [key, value] of Object.entries(row))
    bytes += key.length + (typeof value === 'string' ? Buffer.byteLength(value) : 16);
  return bytes;
}

/**
 * The catalog as entities of one Azure Table (Azurite's, locally): a partition per kind, one per
 * API for its operations and its schema. A record is JSON split across properties and, when it
 * is bigger than one entity may be, across rows. Writes are batched per partition.
 */
export class TableCatalogStore implements CatalogStore {
  /** Rows each stored record has, by `partition\nrow`: what a delete or a smaller put must remove. */
  private readonly rowCounts = new Map<string, number>();

  private constructor(private readonly table: TableClient) {}

  static async open(
    connectionString: string,
    tableName = CATALOG_TABLE,
  ): Promise<TableCatalogStore> {
    return new TableCatalogStore(await openTable(connectionString, tableName));
  }

  async load(): Promise<CatalogSnapshot> {
    const snapshot: CatalogSnapshot = {
      initialized: false,
      apis: [],
      operations: [],
      products: [],
      links: [],
      policies: [],
      schemas: [],
    };
    const groups = new Map<string, Row[]>();
    this.rowCounts.clear();
    for await (const row of this.table.listEntities<Row>()) {
      if (row.partitionKey === META) {
        if (row.rowKey === INITIALIZED) snapshot.initialized = true;
        continue;
      }
      const base = row.rowKey.split(CONTINUATION)[0] ?? row.rowKey;
      const key = `${row.partitionKey}\n${base}`;
      let rows = groups.get(key);
      if (!rows) groups.set(key, (rows = []));
      rows.push(row);
      this.rowCounts.set(key, rows.length);
    }
    for (const rows of groups.values()) {
      const first = rows.find((r) => !r.rowKey.includes(CONTINUATION));
      const kind = first && kindOf(first.partitionKey);
      const count = Number(first?.chunks);
      if (!first || !kind || first.kind !== kind || !Number.isInteger(count)) continue;
      const chunks: string[] = [];
      for (const row of rows)
        for (const [name, value] of Object.entries(row))
          if (/^j\d+$/.test(name) && typeof value === 'string' && Number(name.slice(1)) < count)
            chunks[Number(name.slice(1))] = value;
      // A record whose rows were not all written is skipped; the next write of it replaces them.
      if (chunks.length !== count || Array.from(chunks).some((c) => c === undefined)) continue;
      let value: unknown;
      try {
        value = JSON.parse(chunks.join(''));
      } catch {
        continue;
      }
      const record = { kind, value } as CatalogRecord;
      switch (record.kind) {
        case 'api':
          snapshot.apis.push(record.value);
          break;
        case 'operation':
          snapshot.operations.push(record.value);
          break;
        case 'product':
          snapshot.products.push(record.value);
          break;
        case 'link':
          snapshot.links.push(record.value);
          break;
        case 'policy':
          snapshot.policies.push(record.value);
          break;
        case 'schema':
          snapshot.schemas.push(record.value);
          break;
      }
    }
    return snapshot;
  }

  async write(actions: readonly CatalogAction[]): Promise<void> {
    const ops: RowOp[] = [];
    // What the row counts will be once the write is through, tracked as the actions are planned.
    const planned = new Map<string, number>();
    const countOf = (key: string): number => planned.get(key) ?? this.rowCounts.get(key) ?? 0;
    for (const action of actions) {
      const record = 'put' in action ? action.put : action.delete;
      const { partition, row } = recordKey(record);
      const key = `${partition}\n${row}`;
      const before = countOf(key);
      const rows =
        'put' in action ? rowsOf(partition, row, record.kind, JSON.stringify(record.value)) : [];
      for (const put of rows) ops.push({ put });
      for (let r = rows.length; r < before; r++)
        ops.push({
          delete: { partitionKey: partition, rowKey: r === 0 ? row : `${row}${CONTINUATION}${r}` },
        });
      planned.set(key, rows.length);
    }
    await this.submit(ops);
  }

  async markInitialized(): Promise<void> {
    await this.table.upsertEntity({ partitionKey: META, rowKey: INITIALIZED }, 'Replace');
  }

  /** Consecutive operations on one partition go in one transaction (at most 100, under 4 MiB). */
  private async submit(ops: RowOp[]): Promise<void> {
    let batch: RowOp[] = [];
    let bytes = 0;
    let rowsInBatch = new Set<string>();
    const flush = async (): Promise<void> => {
      if (batch.length === 0) return;
      const actions: TransactionAction[] = batch.map((op) =>
        'put' in op ? ['upsert', op.put, 'Replace'] : ['delete', op.delete],
      );
      await this.table.submitTransaction(actions);
      for (const op of batch) this.track(op);
      batch = [];
      bytes = 0;
      rowsInBatch = new Set();
    };
    for (const op of ops) {
      const row = 'put' in op ? op.put : op.delete;
      const size = 'put' in op ? rowBytes(op.put) : 200;
      const first = batch[0];
      const partition = first && ('put' in first ? first.put : first.delete).partitionKey;
      if (
        batch.length === TRANSACTION_LIMIT ||
        (partition !== undefined && partition !== row.partitionKey) ||
        bytes + size > TRANSACTION_BYTES ||
        rowsInBatch.has(row.rowKey)
      )
        await flush();
      batch.push(op);
      bytes += size;
      rowsInBatch.add(row.rowKey);
    }
    await flush();
  }

  private track(op: RowOp): void {
    const row = 'put' in op ? op.put : op.delete;
    const [base, index] = row.rowKey.split(CONTINUATION);
    const key = `${row.partitionKey}\n${base}`;
    const r = index === undefined ? 0 : Number(index);
    const count = this.rowCounts.get(key) ?? 0;
    if ('put' in op) this.rowCounts.set(key, Math.max(count, r + 1));
    else if (r === 0) this.rowCounts.delete(key);
    else this.rowCounts.set(key, Math.min(count, r));
  }
}
