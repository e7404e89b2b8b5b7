import { TableClient } from '@azure/data-tables';

/**
 * A client of one table of the stack's storage, the table created if it is new. Azurite's
 * connection string is plain http, which the SDK refuses unless told; a brief storage hiccup
 * (a dropped keep-alive socket) is retried.
 */
export async function openTable(connectionString: string, tableName: string): Promise<TableClient> {
  const table = TableClient.fromConnectionString(connectionString, tableName, {
    allowInsecureConnection: connectionString.includes('http://'),
    retryOptions: { maxRetries: 3, retryDelayInMs: 200, maxRetryDelayInMs: 2000 },
  });
  await table.createTable();
  return table;
}
