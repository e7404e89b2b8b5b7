import type { Environment } from '../../core/config/portal-config';

export interface CredentialField {
  /** Security scheme id, the key in Environment.credentials. */
  id: string;
  label: string;
}

export interface EnvironmentDraft {
  /** Undefined for a new environment. */
  id: string | undefined;
  name: string;
  baseUrl: string;
  credentials: Record<string, string>;
  remember: boolean;
  /** For an environment made from a definition's server: the values of its `{variables}`. */
  variables?: Record<string, string>;
}

/** One heading of the environments list. */
export interface EnvironmentGroup {
  /** The API these environments belong to; undefined: the user's own, which serve every API. */
  api: { id: string; title: string } | undefined;
  environments: Environment[];
  /** The one in use: for an API's group, that API's; for the user's, the current API's. */
  activeEnvironmentId: string | undefined;
  /** The keys the group's API (or, for the user's group, any API) can send. */
  credentialFields: CredentialField[];
  /** Set while the API's definition loads or when it failed: why the list may be empty. */
  note?: string;
}

export type NewApi =
  | { kind: 'url'; title: string; url: string }
  | { kind: 'file'; title: string; fileName: string; text: string };

export interface SettingsPageProps {
  environmentGroups: EnvironmentGroup[];
  /** The API the header shows: "Use" on one of the user's own environments is for it. */
  currentApi: { id: string; title: string } | undefined;
  rememberedEnvironmentIds: string[];
  timeoutMs: number;
  addedApis: Array<{ id: string; title: string; location: string }>;
  onSelectEnvironment: (apiId: string, environmentId: string) => void;
  /** Returns the id the environment is saved under. */
  onSaveEnvironment: (draft: EnvironmentDraft) => string;
  onDeleteEnvironment: (id: string) => void;
  onResetEnvironment: (id: string) => void;
  onTimeoutChange: (ms: number) => void;
  /** Throws when the API cannot be stored (e.g. browser storage is full). */
  onAddApi: (api: NewApi) => void;
  onRemoveApi: (id: string) => void;
}
