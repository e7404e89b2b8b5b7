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
}

export type NewApi =
  | { kind: 'url'; title: string; url: string }
  | { kind: 'file'; title: string; fileName: string; text: string };

export interface SettingsPageProps {
  environments: Environment[];
  activeEnvironmentId: string | undefined;
  rememberedEnvironmentIds: string[];
  credentialFields: CredentialField[];
  timeoutMs: number;
  addedApis: Array<{ id: string; title: string; location: string }>;
  onSelectEnvironment: (id: string) => void;
  onSaveEnvironment: (draft: EnvironmentDraft) => void;
  onDeleteEnvironment: (id: string) => void;
  onResetEnvironment: (id: string) => void;
  onTimeoutChange: (ms: number) => void;
  /** Throws when the API cannot be stored (e.g. browser storage is full). */
  onAddApi: (api: NewApi) => void;
  onRemoveApi: (id: string) => void;
}
