import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import type { Adapter, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; absent for entries that never expire. */
  expiresAt?: number;
}

/**
 * oidc-provider's sessions, grants, codes and tokens in one JSON file under the data folder, so
 * that a sign-in and a refresh token survive a restart of the demo stack. The demo has one user and
 * a handful of entries: the whole file is rewritten (to a temporary file, then renamed, so a kill
 * mid-write leaves the previous file) after each change, one write at a time.
 */
export class FileStore {
  private writing: Promise<void> = Promise.resolve();

  private constructor(
    private readonly file: string,
    private readonly entries: Map<string, Entry>,
  ) {}

  static async open(file: string): Promise<FileStore> {
    await mkdir(dirname(file), { recursive: true });
    const entries = new Map<string, Entry>();
    try {
      const saved = JSON.parse(await readFile(file, 'utf8')) as Record<string, Entry>;
      for (const [key, entry] of Object.entries(saved)) entries.set(key, entry);
    } catch (error) {
      // A missing file is a first start; an unreadable one is started over (sign in again).
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT' && !(error instanceof SyntaxError))
        throw error;
    }
    return new FileStore(file, entries);
  }

  adapterFor(model: string): Adapter {
    return new FileAdapter(model, this);
  }

  get(key: string): AdapterPayload | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.payload;
  }

  async set(key: string, payload: AdapterPayload, expiresInSeconds?: number): Promise<void> {
    this.entries.set(key, {
      payload,
      ...(expiresInSeconds === undefined
        ? {}
        : { expiresAt: Date.now() + expiresInSeconds * 1000 }),
    });
    await this.save();
  }

  async delete(keys: readonly string[]): Promise<void> {
    for (const key of keys) this.entries.delete(key);
    await this.save();
  }

  keys(): string[] {
    return [...this.entries.keys()];
  }

  /** Resolves once everything changed so far is on disk. */
  flush(): Promise<void> {
    return this.writing;
  }

  private save(): Promise<void> {
    const write = async (): Promise<void> => {
      const now = Date.now();
      const live: Record<string, Entry> = {};
      for (const [key, entry] of this.entries) {
        if (entry.expiresAt !== undefined && entry.expiresAt <= now) this.entries.delete(key);
        else live[key] = entry;
      }
      const temporary = `${this.file}.tmp`;
      await writeFile(temporary, JSON.stringify(live), { mode: 0o600 });
      await rename(temporary, this.file);
    };
    this.writing = this.writing.then(write, write);
    return this.writing;
  }
}

class FileAdapter implements Adapter {
  constructor(
    private readonly model: string,
    private readonly store: FileStore,
  ) {}

  private key(id: string): string {
    return `${this.model}:${id}`;
  }

  async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
    await this.store.set(this.key(id), payload, expiresIn > 0 ? expiresIn : undefined);
    // Lookups by user code (device flow) and by uid (interactions), and revocation by grant.
    if (payload.userCode)
      await this.store.set(`${this.model}:userCode:${payload.userCode}`, { id }, expiresIn);
    if (payload.uid) await this.store.set(`${this.model}:uid:${payload.uid}`, { id }, expiresIn);
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    return this.store.get(this.key(id));
  }

  async findByUserCode(userCode: string): Promise<AdapterPayload | undefined> {
    const pointer = this.store.get(`${this.model}:userCode:${userCode}`);
    return typeof pointer?.id === 'string' ? this.find(pointer.id) : undefined;
  }

  async findByUid(uid: string): Promise<AdapterPayload | undefined> {
    const pointer = this.store.get(`${this.model}:uid:${uid}`);
    return typeof pointer?.id === 'string' ? this.find(pointer.id) : undefined;
  }

  async consume(id: string): Promise<void> {
    const payload = this.store.get(this.key(id));
    if (!payload) return;
    // Keep the entry's expiry: consuming must not make a code live longer.
    const expiresIn =
      typeof payload.exp === 'number' ? payload.exp - Math.floor(Date.now() / 1000) : undefined;
    await this.store.set(
      this.key(id),
      { ...payload, consumed: Math.floor(Date.now() / 1000) },
      expiresIn,
    );
  }

  async destroy(id: string): Promise<void> {
    await this.store.delete([this.key(id)]);
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    const doomed = this.store
      .keys()
      .filter(
        (key) => key.startsWith(`${this.model}:`) && this.store.get(key)?.grantId === grantId,
      );
    await this.store.delete(doomed);
  }
}
