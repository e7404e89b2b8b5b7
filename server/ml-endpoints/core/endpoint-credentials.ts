import { createHmac, randomBytes } from 'node:crypto';
import type { TableClient } from '@azure/data-tables';
import { sameSecret as same } from '../../gateway/core/gateway-core';
import { openTable } from '../../gateway/core/open-table';

export const ENDPOINTS_TABLE = 'porticoendpoints';
const KEYS_PARTITION = 'keys';
/** Azure ML's default aml_token lifetime is an hour; AML_TOKEN_TTL changes it. */
export const DEFAULT_TOKEN_TTL_SECONDS = 3600;

export interface EndpointKeys {
  primaryKey: string;
  secondaryKey: string;
}

/** What `POST .../token` answers (EndpointAuthToken): times in Unix seconds. */
export interface AmlToken {
  accessToken: string;
  tokenType: 'Bearer';
  expiryTimeUtc: number;
  refreshAfterTimeUtc: number;
}

interface Stored extends EndpointKeys {
  /** Signs this endpoint's aml_tokens; kept with the keys so tokens outlive a restart. */
  tokenSecret: string;
}

export type CredentialCheck = 'key' | 'token' | 'expired' | 'refused';

/** Where the keys are kept: Azurite Table in the stack, a Map in unit tests. */
export interface CredentialStore {
  get(endpoint: string): Promise<Stored | undefined>;
  put(endpoint: string, value: Stored): Promise<void>;
}

export class TableCredentialStore implements CredentialStore {
  private constructor(private readonly table: TableClient) {}

  static async open(
    connectionString: string,
    tableName = ENDPOINTS_TABLE,
  ): Promise<TableCredentialStore> {
    return new TableCredentialStore(await openTable(connectionString, tableName));
  }

  async get(endpoint: string): Promise<Stored | undefined> {
    try {
      const row = await this.table.getEntity<Record<string, unknown>>(KEYS_PARTITION, endpoint);
      const { primaryKey, secondaryKey, tokenSecret } = row;
      if (
        typeof primaryKey === 'string' &&
        typeof secondaryKey === 'string' &&
        typeof tokenSecret === 'string'
      )
        return { primaryKey, secondaryKey, tokenSecret };
      return undefined;
    } catch (error) {
      if ((error as { statusCode?: number }).statusCode === 404) return undefined;
      throw error;
    }
  }

  async put(endpoint: string, value: Stored): Promise<void> {
    await this.table.upsertEntity(
      { partitionKey: KEYS_PARTITION, rowKey: endpoint, ...value },
      'Replace',
    );
  }
}

/**
 * One endpoint's keys and aml_tokens. The keys are read once and kept in memory (scoring does
 * no I/O); a rotation is stored before it is acknowledged, and takes effect at once.
 */
export class EndpointCredentials {
  private constructor(
    readonly endpoint: string,
    private readonly store: CredentialStore,
    private current: Stored,
    private readonly tokenTtlSeconds: number,
    private readonly clock: () => number,
  ) {}

  /** Keys as stored, or on the first start `initialPrimaryKey` and a generated secondary. */
  static async open(options: {
    endpoint: string;
    store: CredentialStore;
    initialPrimaryKey: string;
    tokenTtlSeconds?: number;
    clock?: () => number;
  }): Promise<EndpointCredentials> {
    let stored = await options.store.get(options.endpoint);
    if (!stored) {
      stored = {
        primaryKey: options.initialPrimaryKey,
        secondaryKey: generateKey(),
        tokenSecret: randomBytes(32).toString('base64url'),
      };
      await options.store.put(options.endpoint, stored);
    }
    return new EndpointCredentials(
      options.endpoint,
      options.store,
      stored,
      options.tokenTtlSeconds ?? DEFAULT_TOKEN_TTL_SECONDS,
      options.clock ?? Date.now,
    );
  }

  keys(): EndpointKeys {
    return { primaryKey: this.current.primaryKey, secondaryKey: this.current.secondaryKey };
  }

  /** Replaces one key (with `keyValue` if given, else a new random one); the old one fails at once. */
  async regenerate(keyType: 'Primary' | 'Secondary', keyValue?: string): Promise<EndpointKeys> {
    const value = keyValue ?? generateKey();
    const next: Stored =
      keyType === 'Primary'
        ? { ...this.current, primaryKey: value }
        : { ...this.current, secondaryKey: value };
    await this.store.put(this.endpoint, next);
    this.current = next;
    return this.keys();
  }

  /** A new aml_token: a JWT (HS256) naming this endpoint, signed with its own secret. */
  issueToken(): AmlToken {
    const now = Math.floor(this.clock() / 1000);
    const exp = now + this.tokenTtlSeconds;
    const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
    const payload = base64url(
      JSON.stringify({ aud: this.endpoint, iat: now, nbf: now, exp, iss: 'portico-ml-endpoints' }),
    );
    const signature = this.sign(`${header}.${payload}`);
    return {
      accessToken: `${header}.${payload}.${signature}`,
      tokenType: 'Bearer',
      expiryTimeUtc: exp,
      // Azure ML asks clients to refresh well before expiry; half the lifetime, as its SDK does.
      refreshAfterTimeUtc: now + Math.floor(this.tokenTtlSeconds / 2),
    };
  }

  /** What an `Authorization` header carries: a key, a valid token, an expired one, or nothing usable. */
  check(authorization: string | undefined): CredentialCheck {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
    const given = match?.[1];
    if (!given) return 'refused';
    if (same(given, this.current.primaryKey) || same(given, this.current.secondaryKey))
      return 'key';
    const parts = given.split('.');
    if (parts.length !== 3) return 'refused';
    const [header, payload, signature] = parts as [string, string, string];
    if (!same(signature, this.sign(`${header}.${payload}`))) return 'refused';
    let claims: unknown;
    try {
      claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    } catch {
      return 'refused';
    }
    const { aud, exp } = (claims ?? {}) as { aud?: unknown; exp?: unknown };
    if (aud !== this.endpoint || typeof exp !== 'number') return 'refused';
    return exp * 1000 <= this.clock() ? 'expired' : 'token';
  }

  private sign(data: string): string {
    return createHmac('sha256', this.current.tokenSecret).update(data).digest('base64url');
  }
}

/** A random key of 24 bytes (32 characters of base64url: no `+`, `/` or `=` to escape). */
export function generateKey(): string {
  return randomBytes(24).toString('base64url');
}

/** Keys kept in a Map: unit tests, and a stack without storage. */
export class MemoryCredentialStore implements CredentialStore {
  readonly rows = new Map<string, Stored>();
  async get(endpoint: string): Promise<Stored | undefined> {
    return this.rows.get(endpoint);
  }
  async put(endpoint: string, value: Stored): Promise<void> {
    this.rows.set(endpoint, value);
  }
}

function base64url(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}
