/**
 * A management call that API Management refused, with ARM's error body read:
 * `{ error: { code, message, details: [{ code, target, message }] } }`. Kept free of the
 * client so that describeError (on the first page load) does not bring the client with it.
 */
export interface ArmErrorDetail {
  code: string;
  target?: string;
  message: string;
}

export class ManagementError extends Error {
  override readonly name = 'ManagementError';
  constructor(
    /** What the user was doing: "Saving the API", "Deleting operation x". */
    readonly action: string,
    readonly status: number,
    readonly code: string,
    /** The service's own sentence (the first detail's when there is one). */
    readonly said: string,
    readonly details: ArmErrorDetail[],
    readonly targetKind: 'local' | 'arm',
  ) {
    super(`${action} was refused (${status}${code ? ` ${code}` : ''}). ${said}`.trim());
  }

  /** What describeError shows: a title, the service's sentence and what to do. */
  describe(): { title: string; message: string; hint?: string } {
    return describeManagementError(this);
  }

  /**
   * The field the service names (`properties.path`, `rate-limit/@calls`, `If-Match`). A 409
   * may name none (the local gateway's Conflict has no details): its sentence says which.
   */
  get target(): string | undefined {
    const named = this.details.find((d) => d.target)?.target;
    if (named || this.status !== 409) return named;
    if (/\bpath\b|URL suffix/i.test(this.said)) return 'properties.path';
    if (/already answers/i.test(this.said)) return 'properties.urlTemplate';
    return undefined;
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const text = (v: unknown): string => (typeof v === 'string' ? v : '');

/** Reads ARM's error shape; anything else keeps the status and a plain sentence. */
export function parseArmError(
  action: string,
  status: number,
  statusText: string,
  json: unknown,
  targetKind: 'local' | 'arm',
): ManagementError {
  const error = isObj(json) && isObj(json.error) ? json.error : undefined;
  const details: ArmErrorDetail[] = Array.isArray(error?.details)
    ? error.details.filter(isObj).map((d) => ({
        code: text(d.code),
        ...(text(d.target) ? { target: text(d.target) } : {}),
        message: text(d.message),
      }))
    : [];
  const said =
    details.find((d) => d.message)?.message ||
    text(error?.message) ||
    `The service answered ${status}${statusText ? ` ${statusText}` : ''}.`;
  return new ManagementError(action, status, text(error?.code), said, details, targetKind);
}

/** The line and column a refused policy names ("… (line 3, column 17)"). */
export function policyErrorPosition(
  error: unknown,
): { line: number; column: number; message: string } | undefined {
  if (!(error instanceof ManagementError) || error.status !== 400) return undefined;
  for (const detail of [...error.details, { message: error.said }]) {
    const m = /\(line (\d+), column (\d+)\)\s*$/.exec(detail.message);
    if (m) return { line: Number(m[1]), column: Number(m[2]), message: detail.message };
  }
  return undefined;
}

const FIELD_OF_TARGET: Record<string, string> = {
  'properties.path': 'path',
  'properties.serviceUrl': 'serviceUrl',
  'properties.displayName': 'displayName',
  'properties.description': 'description',
  'properties.urlTemplate': 'urlTemplate',
  'properties.templateParameters': 'urlTemplate',
  'properties.method': 'method',
  'properties.protocols': 'scheme',
  'properties.terms': 'terms',
  'properties.subscriptionsLimit': 'subscriptionsLimit',
};

/** The form field a refusal is about, so the form can show it there. */
export function fieldOfError(error: unknown): string | undefined {
  if (!(error instanceof ManagementError) || (error.status !== 400 && error.status !== 409))
    return undefined;
  const target = error.target;
  return target ? FIELD_OF_TARGET[target] : undefined;
}

const TRUSTED_HOSTS = 'GATEWAY_TRUSTED_HOSTS';

/** A title, the service's sentence and what to do, for ErrorMessage. */
export function describeManagementError(error: ManagementError): {
  title: string;
  message: string;
  hint?: string;
} {
  const message = error.said;
  const { status, targetKind } = error;
  if (status === 401 || status === 403) {
    return targetKind === 'arm'
      ? {
          title: `${error.action}: your ARM token was refused`,
          message,
          hint: 'ARM tokens expire after about an hour. Paste a new one (az account get-access-token --resource https://management.azure.com) above and try again: what you typed stays in the form.',
        }
      : {
          title: `${error.action}: the admin key was refused`,
          message,
          hint: 'The demo stack was restarted with another APIM_ADMIN_KEY: reload the page to read the current one.',
        };
  }
  if (status === 412) {
    return {
      title: `${error.action}: someone else changed it first`,
      message: 'It was changed after you opened it, so your change was not applied.',
      hint: 'Press "Reload the latest": your edits stay in the form; check them against the latest and save again.',
    };
  }
  if (status === 409) {
    const target = error.target;
    return {
      title: `${error.action}: already taken`,
      message,
      hint:
        target === 'properties.path'
          ? 'Choose another Web API URL suffix.'
          : target === 'properties.urlTemplate'
            ? 'Change the HTTP verb or the URL template, or edit the operation that has it.'
            : undefined,
    };
  }
  if (status === 404) {
    return {
      title: `${error.action}: not found`,
      message,
      hint: 'Someone may have deleted it in the meantime: go back to the list to see what is there.',
    };
  }
  if (status === 400) {
    const position = policyErrorPosition(error);
    if (position) {
      return {
        title: `${error.action}: the policy was refused`,
        message,
        hint: `Fix line ${position.line} (marked in the editor) and save again.`,
      };
    }
    if (message.includes(TRUSTED_HOSTS)) {
      return {
        title: `${error.action}: the gateway does not trust that host`,
        message,
        hint: `Use the address of a service the stack runs, or restart the stack with ${TRUSTED_HOSTS} set as the message says.`,
      };
    }
    return { title: `${error.action}: the service refused a value`, message };
  }
  if (status >= 500) {
    return {
      title: `${error.action} failed`,
      message,
      hint: 'Nothing was changed. Try again in a moment.',
    };
  }
  return { title: `${error.action} was refused`, message };
}
