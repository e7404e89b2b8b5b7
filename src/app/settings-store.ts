import type { Environment } from '../core/config/portal-config';
import { safeStorage, type StorageLike } from '../core/util/browser-storage';

/**
 * What a user changed in the browser, kept apart from the deployer's portico.config.json so
 * that a new config (a new built-in environment, a changed base URL) still shows through
 * wherever the user did not override it.
 *
 * Secrets never go to localStorage unless the user ticked "Remember on this device" for that
 * environment; otherwise they live in sessionStorage and end with the tab.
 */
export interface StoredSettings {
  /** Overrides of built-in environments from the config, by environment id. */
  overrides: Record<string, { name?: string; baseUrl?: string }>;
  /** Environments the user added. Credentials are not stored here. */
  custom: Array<{ id: string; name: string; baseUrl: string }>;
  /** Environment ids whose credentials the user asked to keep on this device. */
  remember: string[];
  /** The environment each API uses, by API id: switching API and back keeps each one's choice. */
  activeEnvironmentByApi: Record<string, string>;
  /**
   * The one choice older builds stored for every API. Still read, as the choice of an API that
   * has none of its own yet, so an upgrade keeps what the user picked; never written again.
   */
  activeEnvironmentId?: string;
  /** Values of the `{variables}` of environments made from a definition's servers, by environment id. */
  serverVariables: Record<string, Record<string, string>>;
  timeoutMs: number;
  addedApis: AddedApi[];
}

export type AddedApi =
  | { id: string; title: string; kind: 'url'; url: string }
  | { id: string; title: string; kind: 'file'; fileName: string; text: string };

/** Credentials by environment id, then by security scheme id. */
export type CredentialStore = Record<string, Record<string, string>>;

export const DEFAULT_TIMEOUT_MS = 30_000;

export const EMPTY_SETTINGS: StoredSettings = {
  overrides: {},
  custom: [],
  remember: [],
  activeEnvironmentByApi: {},
  serverVariables: {},
  timeoutMs: DEFAULT_TIMEOUT_MS,
  addedApis: [],
};

const SETTINGS_KEY = 'portico.settings.v1';
const CREDENTIALS_KEY = 'portico.credentials.v1';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function stringRecord(value: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!isRecord(value)) return out;
  for (const [k, v] of Object.entries(value)) if (typeof v === 'string') out[k] = v;
  return out;
}

function stringRecords(value: unknown): Record<string, Record<string, string>> {
  const out: Record<string, Record<string, string>> = {};
  if (isRecord(value))
    for (const [id, inner] of Object.entries(value)) out[id] = stringRecord(inner);
  return out;
}

/** Reads stored settings defensively: storage written by an older build must never crash the portal. */
export function parseSettings(text: string | null): StoredSettings {
  if (!text) return EMPTY_SETTINGS;
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    return EMPTY_SETTINGS;
  }
  if (!isRecord(raw)) return EMPTY_SETTINGS;
  const overrides: StoredSettings['overrides'] = {};
  if (isRecord(raw.overrides)) {
    for (const [id, o] of Object.entries(raw.overrides)) {
      if (!isRecord(o)) continue;
      overrides[id] = {
        ...(typeof o.name === 'string' ? { name: o.name } : {}),
        ...(typeof o.baseUrl === 'string' ? { baseUrl: o.baseUrl } : {}),
      };
    }
  }
  const custom = Array.isArray(raw.custom)
    ? raw.custom.flatMap((e: unknown) =>
        isRecord(e) &&
        typeof e.id === 'string' &&
        typeof e.name === 'string' &&
        typeof e.baseUrl === 'string'
          ? [{ id: e.id, name: e.name, baseUrl: e.baseUrl }]
          : [],
      )
    : [];
  const addedApis: AddedApi[] = Array.isArray(raw.addedApis)
    ? raw.addedApis.flatMap((a: unknown): AddedApi[] => {
        if (!isRecord(a) || typeof a.id !== 'string' || typeof a.title !== 'string') return [];
        if (a.kind === 'url' && typeof a.url === 'string')
          return [{ id: a.id, title: a.title, kind: 'url', url: a.url }];
        if (a.kind === 'file' && typeof a.fileName === 'string' && typeof a.text === 'string')
          return [{ id: a.id, title: a.title, kind: 'file', fileName: a.fileName, text: a.text }];
        return [];
      })
    : [];
  const timeoutMs =
    typeof raw.timeoutMs === 'number' && Number.isFinite(raw.timeoutMs) && raw.timeoutMs > 0
      ? raw.timeoutMs
      : DEFAULT_TIMEOUT_MS;
  return {
    overrides,
    custom,
    remember: Array.isArray(raw.remember)
      ? raw.remember.filter((x): x is string => typeof x === 'string')
      : [],
    activeEnvironmentByApi: stringRecord(raw.activeEnvironmentByApi),
    ...(typeof raw.activeEnvironmentId === 'string'
      ? { activeEnvironmentId: raw.activeEnvironmentId }
      : {}),
    serverVariables: stringRecords(raw.serverVariables),
    timeoutMs,
    addedApis,
  };
}

export function parseCredentials(text: string | null): CredentialStore {
  if (!text) return {};
  try {
    return stringRecords(JSON.parse(text));
  } catch {
    return {};
  }
}

/**
 * The environments a user sees: built-ins from the config with the user's overrides applied,
 * then the user's own. Credentials: config defaults, then stored values (a stored empty string
 * means the user cleared the key on purpose).
 */
export function mergeEnvironments(
  configEnvironments: Environment[],
  settings: StoredSettings,
  credentials: CredentialStore,
): Environment[] {
  const builtIn = configEnvironments.map((env): Environment => {
    const o = settings.overrides[env.id];
    return {
      ...env,
      name: o?.name ?? env.name,
      baseUrl: o?.baseUrl ?? env.baseUrl,
      credentials: { ...env.credentials, ...credentials[env.id] },
      builtIn: true,
    };
  });
  const taken = new Set(builtIn.map((e) => e.id));
  const custom = settings.custom
    .filter((e) => !taken.has(e.id))
    .map((e): Environment => ({
      id: e.id,
      name: e.name,
      baseUrl: e.baseUrl,
      credentials: { ...credentials[e.id] },
      builtIn: false,
    }));
  return [...builtIn, ...custom];
}

/** The settings with `environmentId` as the one `apiId` uses. */
export function chooseEnvironment(
  settings: StoredSettings,
  apiId: string,
  environmentId: string,
): StoredSettings {
  return {
    ...settings,
    activeEnvironmentByApi: { ...settings.activeEnvironmentByApi, [apiId]: environmentId },
  };
}

/** The settings without an environment the user deleted: no API uses it any more. */
export function forgetEnvironment(settings: StoredSettings, environmentId: string): StoredSettings {
  const byApi = Object.fromEntries(
    Object.entries(settings.activeEnvironmentByApi).filter(([, id]) => id !== environmentId),
  );
  const { activeEnvironmentId, ...rest } = settings;
  return {
    ...rest,
    custom: settings.custom.filter((c) => c.id !== environmentId),
    remember: settings.remember.filter((r) => r !== environmentId),
    activeEnvironmentByApi: byApi,
    ...(activeEnvironmentId !== undefined && activeEnvironmentId !== environmentId
      ? { activeEnvironmentId }
      : {}),
  };
}

/** A short id that is unique among `taken`, derived from a human name. */
export function uniqueId(name: string, taken: Iterable<string>): string {
  const base =
    name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 40) || 'item';
  const used = new Set(taken);
  if (!used.has(base)) return base;
  for (let i = 2; ; i++) if (!used.has(`${base}-${i}`)) return `${base}-${i}`;
}

export interface SettingsSnapshot {
  settings: StoredSettings;
  credentials: CredentialStore;
}

/**
 * A small external store (read with useSyncExternalStore). Writes go to storage at once, so a
 * reload or a crash right after an edit loses nothing.
 */
export class SettingsStore {
  private snapshot: SettingsSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly local: StorageLike | undefined;
  private readonly session: StorageLike | undefined;

  constructor(local?: StorageLike, session?: StorageLike) {
    this.local = local;
    this.session = session;
    const settings = parseSettings(local?.getItem(SETTINGS_KEY) ?? null);
    const remembered = parseCredentials(local?.getItem(CREDENTIALS_KEY) ?? null);
    const sessionOnly = parseCredentials(session?.getItem(CREDENTIALS_KEY) ?? null);
    const credentials: CredentialStore = {};
    for (const id of new Set([...Object.keys(remembered), ...Object.keys(sessionOnly)])) {
      credentials[id] = settings.remember.includes(id)
        ? { ...sessionOnly[id], ...remembered[id] }
        : { ...sessionOnly[id] };
    }
    this.snapshot = { settings, credentials };
  }

  static fromBrowser(): SettingsStore {
    return new SettingsStore(
      safeStorage(() => window.localStorage),
      safeStorage(() => window.sessionStorage),
    );
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): SettingsSnapshot => this.snapshot;

  /** Applies the update; false when it could not be written to storage (kept in memory only). */
  updateSettings(update: (s: StoredSettings) => StoredSettings): boolean {
    return this.commit({ ...this.snapshot, settings: update(this.snapshot.settings) });
  }

  setCredential(environmentId: string, schemeId: string, value: string): void {
    const credentials = {
      ...this.snapshot.credentials,
      [environmentId]: { ...this.snapshot.credentials[environmentId], [schemeId]: value },
    };
    this.commit({ ...this.snapshot, credentials });
  }

  replaceCredentials(environmentId: string, values: Record<string, string> | undefined): void {
    const credentials = { ...this.snapshot.credentials };
    if (values) credentials[environmentId] = { ...values };
    else delete credentials[environmentId];
    this.commit({ ...this.snapshot, credentials });
  }

  private commit(next: SettingsSnapshot): boolean {
    this.snapshot = next;
    const { settings, credentials } = next;
    const remembered: CredentialStore = {};
    const sessionOnly: CredentialStore = {};
    for (const [id, creds] of Object.entries(credentials)) {
      if (settings.remember.includes(id)) remembered[id] = creds;
      else sessionOnly[id] = creds;
    }
    let saved = true;
    try {
      this.local?.setItem(SETTINGS_KEY, JSON.stringify(settings));
      this.local?.setItem(CREDENTIALS_KEY, JSON.stringify(remembered));
      this.session?.setItem(CREDENTIALS_KEY, JSON.stringify(sessionOnly));
    } catch {
      // A full storage must not break the running session; the state still lives in memory.
      saved = false;
    }
    for (const l of this.listeners) l();
    return saved;
  }
}
