import type { SecurityScheme } from '../definition/api-model';

// Apart from credential-refusal.ts, so describeError can know the class without loading the rules.

export interface CredentialRefusal {
  status: 401 | 403;
  /** Who refused. */
  by: 'azureml' | 'apim' | 'service';
  /** The credentials involved: the guidance links to their fields. */
  schemes: SecurityScheme[];
  /** An API Management subscription key is involved and the environment has `apim`: its keys page helps. */
  subscriptionKeys: boolean;
  title: string;
  message: string;
  hint: string;
}

/** A refusal as an error, so it is shown like every other error (ErrorMessage, describeError). */
export class CredentialRefusedError extends Error {
  readonly refusal: CredentialRefusal;
  constructor(refusal: CredentialRefusal) {
    super(refusal.message);
    this.name = 'CredentialRefusedError';
    this.refusal = refusal;
  }
}
