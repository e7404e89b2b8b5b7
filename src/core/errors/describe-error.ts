import { DefinitionError } from '../definition/definition-error';
import { PortalConfigError } from '../config/load-portal-config';
import { HeaderError, SendError, type SendErrorKind } from '../request/send-error';
import { BesCallError } from '../batch/bes-call-error';
import { StorageFailure } from '../batch/storage-failure';
import { ApimContractError, ApimRequestError } from '../apim/apim-errors';
import { ReportsError } from '../apim/reports-error';
import { CredentialRefusedError } from './credential-refused-error';

export interface ErrorDescription {
  title: string;
  message: string;
  hint?: string;
}

const SEND_TITLES: Record<SendErrorKind, string> = {
  unreachable: 'Server unreachable',
  cors: 'Blocked by CORS',
  timeout: 'Request timed out',
  cancelled: 'Request cancelled',
  'invalid-url': 'Invalid request URL',
  redirect: 'Redirect not followed',
};

/**
 * An error of a lazily loaded area (the Publish area's ManagementError) words itself, so its
 * sentences load with that area instead of with the first page.
 */
interface DescribesItself {
  describe(): { title: string; message: string; hint?: string | undefined };
}

function describesItself(error: unknown): error is DescribesItself {
  return (
    error instanceof Error && typeof (error as Partial<DescribesItself>).describe === 'function'
  );
}

/** Turns anything thrown into a title, a sentence and, when there is one, what to do about it. */
export function describeError(error: unknown): ErrorDescription {
  if (error instanceof SendError) {
    return { title: SEND_TITLES[error.kind], message: error.message, hint: error.hint };
  }
  if (error instanceof CredentialRefusedError) {
    const { title, message, hint } = error.refusal;
    return { title, message, hint };
  }
  if (describesItself(error)) {
    const { title, message, hint } = error.describe();
    return hint ? { title, message, hint } : { title, message };
  }
  if (error instanceof ApimRequestError) {
    return {
      title: 'API Management refused',
      message: error.message,
      ...(error.status === 401
        ? { hint: 'The key may have been regenerated or its subscription is not active.' }
        : {}),
    };
  }
  if (error instanceof ReportsError) {
    return {
      title:
        error.status === 0
          ? 'The reports API could not be reached'
          : `The reports API refused (${error.code})`,
      message: error.message,
      ...(error.hint ? { hint: error.hint } : {}),
    };
  }
  if (error instanceof ApimContractError) {
    return {
      title: 'Unexpected answer from API Management',
      message: error.message,
      hint: "Check the environment's developer URL in portico.config.json.",
    };
  }
  if (error instanceof HeaderError) {
    return {
      title: 'Header cannot be sent',
      message: error.message,
      hint: 'Fix or remove the header under Headers, then send again.',
    };
  }
  if (error instanceof BesCallError) {
    return { title: `${error.label} failed`, message: error.message };
  }
  if (error instanceof StorageFailure) {
    const { title, message, hint } = error.problem;
    return hint ? { title, message, hint } : { title, message };
  }
  if (error instanceof PortalConfigError) {
    return {
      title: 'The portal configuration could not be loaded',
      message: error.message,
      hint: 'Fix portico.config.json (it is read at runtime: no rebuild needed) and reload the page.',
    };
  }
  if (error instanceof DefinitionError) {
    return {
      title: 'The API definition could not be loaded',
      message: error.message,
      hint: 'Fix the definition or its URL; the rest of the portal keeps working.',
    };
  }
  if (error instanceof DOMException && error.name === 'AbortError') {
    return { title: SEND_TITLES.cancelled, message: 'The operation was cancelled.' };
  }
  if (error instanceof DOMException && error.name === 'TimeoutError') {
    return { title: SEND_TITLES.timeout, message: 'The operation took too long and was stopped.' };
  }
  if (error instanceof Error) {
    return { title: 'Something went wrong', message: error.message || error.name };
  }
  return {
    title: 'Something went wrong',
    message: typeof error === 'string' ? error : String(error),
  };
}
