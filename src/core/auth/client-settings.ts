import type { StorageLike } from '../util/browser-storage';
import { browserStorage, readStored, writeStored } from '../util/browser-storage';
import type { OAuthClientConfig } from './oauth-config';
import type { SignInFlowKind } from './scheme-flows';
import type { TokenParameters } from './sign-in';

/** What the user set for signing in to one scheme in one environment. */
export interface ClientSettings {
  clientId: string;
  confidentialClientId: string;
  scopes: string[];
  resource: string;
  audience: string;
  prompt: string;
  flow?: SignInFlowKind;
  showDeprecated: boolean;
}

const SETTINGS_KEY = 'portico.oauth.clients.v1';
const SECRETS_KEY = 'portico.oauth.secrets.v1';

const keyOf = (environmentId: string, schemeId: string) => `${environmentId}\n${schemeId}`;

function readRecord(storage: StorageLike | undefined, key: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(readStored(storage, key) ?? '{}');
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}

/** The environment's configured client, then what the user changed, field by field. */
export function effectiveSettings(
  configured: OAuthClientConfig | undefined,
  stored: Partial<ClientSettings> | undefined,
): ClientSettings {
  return {
    clientId: stored?.clientId ?? configured?.clientId ?? '',
    confidentialClientId:
      stored?.confidentialClientId ??
      configured?.confidentialClientId ??
      configured?.clientId ??
      '',
    scopes: stored?.scopes ?? configured?.scopes ?? [],
    resource: stored?.resource ?? configured?.resource ?? '',
    audience: stored?.audience ?? configured?.audience ?? '',
    prompt: stored?.prompt ?? configured?.prompt ?? '',
    ...(stored?.flow ? { flow: stored.flow } : {}),
    showDeprecated: stored?.showDeprecated ?? false,
  };
}

/** The request's parameters from the settings: empty fields are not sent. */
export function tokenParameters(settings: ClientSettings): TokenParameters {
  return {
    scopes: settings.scopes,
    ...(settings.resource.trim() ? { resource: settings.resource.trim() } : {}),
    ...(settings.audience.trim() ? { audience: settings.audience.trim() } : {}),
    ...(settings.prompt.trim() ? { prompt: settings.prompt.trim() } : {}),
  };
}

/**
 * The user's sign-in settings (client ids, scopes, extra parameters: nothing secret) in
 * localStorage; the client secret in memory only, unless the user ticked "Remember on this
 * device": anyone using this browser profile can then read it, which the panel says.
 */
export class ClientSettingsStore {
  private secrets = new Map<string, string>();
  private remembered = new Set<string>();

  constructor(private readonly local: StorageLike | undefined) {
    for (const [key, value] of Object.entries(readRecord(local, SECRETS_KEY)))
      if (typeof value === 'string') {
        this.secrets.set(key, value);
        this.remembered.add(key);
      }
  }

  read(environmentId: string, schemeId: string): Partial<ClientSettings> | undefined {
    const value = readRecord(this.local, SETTINGS_KEY)[keyOf(environmentId, schemeId)];
    return typeof value === 'object' && value !== null ? value : undefined;
  }

  write(environmentId: string, schemeId: string, settings: ClientSettings): void {
    const all = readRecord(this.local, SETTINGS_KEY);
    all[keyOf(environmentId, schemeId)] = settings;
    writeStored(this.local, SETTINGS_KEY, JSON.stringify(all));
  }

  secret(environmentId: string, schemeId: string): string {
    return this.secrets.get(keyOf(environmentId, schemeId)) ?? '';
  }

  secretRemembered(environmentId: string, schemeId: string): boolean {
    return this.remembered.has(keyOf(environmentId, schemeId));
  }

  setSecret(environmentId: string, schemeId: string, secret: string, remember: boolean): void {
    const key = keyOf(environmentId, schemeId);
    if (secret) this.secrets.set(key, secret);
    else this.secrets.delete(key);
    if (remember && secret) this.remembered.add(key);
    else this.remembered.delete(key);
    const keep: Record<string, string> = {};
    for (const k of this.remembered) {
      const value = this.secrets.get(k);
      if (value) keep[k] = value;
    }
    writeStored(this.local, SECRETS_KEY, JSON.stringify(keep));
  }
}

let shared: ClientSettingsStore | undefined;

export function clientSettingsStore(): ClientSettingsStore {
  shared ??= new ClientSettingsStore(browserStorage('local'));
  return shared;
}
