import { useId, useMemo, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import type {
  ApiDefinitionHead,
  ApiOperation,
  ApiParameter,
} from '../../core/definition/api-model';
import { initialBody } from '../../core/definition/request-body-default';
import type { Environment } from '../../core/config/portal-config';
import { operationSchemes } from '../../core/definition/security-scheme-text';
import { retryAtOf, useSecondsUntil } from '../../components/response/use-retry-wait';
import { RetryWaitNote } from '../../components/response/rate-limit-status';
import { CodeSamplesSection } from './code-samples-section';
import { CredentialsSection } from './credentials-section';
import { useSignedInEnvironment } from './use-signed-in-environment';
import { accessTokensIn, signedInTokens } from '../../core/auth/token-store';
import { HeadersSection } from './headers-section';
import { ParameterFields, type IndexedParameter } from './parameter-fields';
import { RequestBodySection } from './request-body-section';
import { RequestPreview } from './request-preview';
import { TryItActions } from './try-it-actions';
import { jobStore } from '../../hooks/use-stored-jobs';
import { readSession, writeSession } from './try-it-storage';
import {
  editableParameters,
  initialValues,
  isJsonContentType,
  parseSaved,
  startingValues,
  storageKey,
  toSaved,
  type TryItFormValues,
} from './try-it-values';
import { useFormRequest } from './use-form-request';
import { receiverEnvironment, savedReceiverUrl, WebhookReceiverField } from './webhook-receiver';
import { useSavedFormValues } from './use-saved-form-values';
import { useSendRequest } from './use-send-request';
import { useSendShortcut } from './use-send-shortcut';
import { peekFormHandoff } from '../../core/history/form-handoff';
import { OperationHistory } from './operation-history';
import { useFormRestore } from './use-form-restore';
import { ShareLinkButton } from './share-link-button';
import { useCancelShortcut } from './use-cancel-shortcut';
import { SendWarnings } from './send-warnings';
import { PlaceholderSendWarning } from './example-values';
import { CredentialGuidance } from './credential-guidance';
import { credentialRefusal } from '../../core/errors/credential-refusal';
import { useStaleResponse } from './use-stale-response';
import { lazyModule, type PreloadQueue } from '../../core/util/lazy-module';
import { useLazyModule } from '../../hooks/use-lazy-module';
import { preloadJsonEditor } from '../../components/json-editor';
import { acceptChoices } from '../../core/request/accept-choices';
import { ResponseFormatField } from './response-format-field';
import { retiredServiceNote } from '../../core/config/retired-service';
import { MockStatusField } from './mock-status-field';
import { isMockEnvironment } from '../../core/mock/mock-environment';
import { defaultMockStatus, type MockChoice } from '../../core/mock/mock-status';
import './try-it-console.css';
import './try-it-extras.css';

// Loaded on demand (with its viewers) and fetched early: when the page is idle after the
// first view (preloadConsoleParts), or while the user fills in the form.
const responsePanel = lazyModule(() => import('../../components/response/response-panel'));

/**
 * Fetches what the console itself loads on demand (the response panel, the body editor), so
 * that opening an operation renders it at once instead of showing fallbacks; one at a time.
 */
export function preloadConsoleParts(inTurn: PreloadQueue): void {
  void inTurn(() => responsePanel.load());
  void inTurn(preloadJsonEditor);
}

export interface TryItConsoleProps {
  api: ApiDefinitionHead;
  operation: ApiOperation;
  environment: Environment | undefined;
  timeoutMs: number;
  onCredentialChange: (schemeId: string, value: string) => void;
  /** The whole API's history page. */
  historyHref: string;
  /** Route paths of where keys are entered besides this page: Settings, API Management's keys page. */
  settingsHref: string;
  subscriptionsHref: string;
}

/**
 * The console: a form built from the operation's parameters, the body editor and the
 * environment's credentials. The form is built into one request object (useFormRequest): the
 * preview, the code samples and Send take that object, and the response panel shows it as sent.
 */
export function TryItConsole({
  api,
  operation,
  environment: activeEnvironment,
  timeoutMs,
  onCredentialChange,
  historyHref,
  settingsHref,
  subscriptionsHref,
}: TryItConsoleProps) {
  const uid = useId();
  // A webhook is sent to the user's receiver, not to the API's environment, and with no keys.
  const [receiverUrl, setReceiverUrl] = useState(() =>
    operation.webhook ? savedReceiverUrl(api.id) : undefined,
  );
  const receiver = useMemo(() => receiverEnvironment(receiverUrl), [receiverUrl]);
  // Signed-in tokens go out as their oauth2 / openIdConnect schemes' credentials.
  const environment = useSignedInEnvironment(operation.webhook ? receiver : activeEnvironment);
  const parameters = useMemo(() => editableParameters(operation), [operation]);
  const initial = useMemo(() => initialBody(operation), [operation]);
  const bodyText = initial?.body ?? '';
  const contentType = initial?.contentType;
  const schemes = useMemo(
    () => (operation.webhook ? [] : operationSchemes(api, operation)),
    [api, operation],
  );
  const key = storageKey(api.id, operation.slug);
  const accepts = useMemo(() => acceptChoices(operation), [operation]);
  const retiredNote = environment ? retiredServiceNote(environment.baseUrl) : undefined;

  // Read once: storage (or a form handed over by History or a share link) is only the
  // starting point, the form owns the values afterwards.
  const [handoff] = useState(() => peekFormHandoff(api.id, operation.slug));
  const [defaultValues] = useState(() =>
    startingValues(
      operation,
      handoff?.form ?? parseSaved(readSession(key)),
      bodyText,
      jobStore()
        .getSnapshot()
        .find((j) => j.apiId === api.id)?.jobId,
    ),
  );
  const form = useForm<TryItFormValues>({
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: true,
  });
  useSavedFormValues(form, key, operation);

  // The Mock environment answers in the browser, with the declared response the user picks.
  const mocked = isMockEnvironment(environment);
  const [mockChoice, setMockChoice] = useState<MockChoice>(() => {
    const status = defaultMockStatus(operation);
    return status === undefined ? {} : { status };
  });
  const request = useSendRequest({ api, operation, environment, timeoutMs, mockChoice });
  // Webhook calls answer the user's receiver, not the definition: nothing to check them against.
  const check = useMemo(
    () => (operation.webhook ? undefined : { operation, specVersion: api.specVersion }),
    [operation, api.specVersion],
  );
  const restored = useFormRestore({
    form,
    handoff,
    operation,
    storageKey: key,
    defaultBody: bodyText,
    showPast: request.showPast,
  });
  // Rendered at once when preloaded; mounting starts the download otherwise.
  const panel = useLazyModule(responsePanel);

  const current = useFormRequest({
    control: form.control,
    api,
    operation,
    environment,
    contentType,
  });
  // After a 429 or a quota 403, Send waits out Retry-After: another call would only be refused.
  const retryWait = useSecondsUntil(
    retryAtOf(request.state.status === 'success' ? request.state.response : undefined),
  );
  // Validation only decides whether to send; what goes is the object on screen.
  const send = form.handleSubmit(() => {
    if (retryWait === 0 && current.request) request.send(current.request, current.values);
  });
  const formRef = useRef<HTMLFormElement>(null);
  useSendShortcut(formRef, send);
  useCancelShortcut(request.pending, request.cancel);
  const stale = useStaleResponse(form, request.sent);
  // Hash routes: the routes' paths become links with a '#'.
  const links = {
    idPrefix: uid,
    settingsHref: `#${settingsHref}`,
    subscriptionsHref: `#${subscriptionsHref}`,
  };
  // A refusal is about the keys the request went with, not those typed since.
  const [sentWith, setSentWith] = useState({ sent: request.sent, environment });
  if (sentWith.sent !== request.sent) setSentWith({ sent: request.sent, environment });
  const response = request.state.status === 'success' ? request.state.response : undefined;
  const refusal = useMemo(
    () =>
      // A mocked 401 is the definition's example, not a verdict on anyone's key.
      response && sentWith.environment && !isMockEnvironment(sentWith.environment)
        ? credentialRefusal(response, { schemes, environment: sentWith.environment })
        : undefined,
    [response, schemes, sentWith.environment],
  );

  const byLocation = (where: ApiParameter['in'][]): IndexedParameter[] =>
    parameters
      .map((parameter, index) => ({ parameter, index }))
      .filter(({ parameter }) => where.includes(parameter.in));
  const pathAndQuery = byLocation(['path', 'query']);
  const headerParams = byLocation(['header', 'cookie']);

  return (
    <section className="try-it card" aria-labelledby={`${uid}-title`}>
      <header className="try-it__head">
        <h2 id={`${uid}-title`} className="try-it__title">
          {operation.webhook ? 'Send a test call' : 'Try it'}
        </h2>
        {operation.webhook ? (
          <WebhookReceiverField apiId={api.id} idPrefix={uid} onChange={setReceiverUrl} />
        ) : environment ? (
          <p className="try-it__env">
            <span className="try-it__env-dot" aria-hidden="true" />
            {environment.name} <code>{environment.baseUrl}</code>
            <a href={links.settingsHref} className="try-it__env-edit">
              Edit<span className="visually-hidden"> environments</span>
            </a>
            {retiredNote && (
              <span className="try-it__env-retired" role="note">
                Retired: {retiredNote}
              </span>
            )}
          </p>
        ) : (
          <p className="try-it__env try-it__env--missing" role="alert">
            No environment is selected: add one in Settings to send requests.
          </p>
        )}
      </header>

      <form
        ref={formRef}
        className="try-it__form"
        aria-label="Try it"
        noValidate
        onSubmit={(e) => void send(e)}
      >
        {mocked && (
          <MockStatusField
            operation={operation}
            idPrefix={uid}
            value={mockChoice}
            onChange={setMockChoice}
          />
        )}
        {schemes.length > 0 && !mocked && (
          <CredentialsSection
            schemes={schemes}
            environment={environment}
            idPrefix={uid}
            onCredentialChange={onCredentialChange}
            signIn={{
              definitionUrl: api.serverTemplates?.[0]?.definitionUrl,
              lastCall: response &&
                request.sent && { request: request.sent, status: response.status },
              onResend: () => void send(),
              signedIn: environment
                ? accessTokensIn(signedInTokens().getSnapshot(), environment.id)
                : {},
            }}
          />
        )}

        {pathAndQuery.length > 0 && (
          <fieldset className="try-it__group">
            <legend className="try-it__legend">Parameters</legend>
            {/* Only path and query fields offer the job ids of earlier submissions (BES jobId). */}
            <ParameterFields
              entries={pathAndQuery}
              form={form}
              idPrefix={uid}
              jobIds={request.jobIds}
            />
          </fieldset>
        )}

        <HeadersSection form={form} idPrefix={uid}>
          {headerParams.length > 0 && (
            <ParameterFields entries={headerParams} form={form} idPrefix={uid} jobIds={undefined} />
          )}
          {accepts.length > 0 && (
            <ResponseFormatField form={form} choices={accepts} idPrefix={uid} />
          )}
        </HeadersSection>

        {operation.requestBody && (
          <RequestBodySection
            form={form}
            requestBody={operation.requestBody}
            contentType={contentType}
            generated={initial?.source === 'generated'}
            json={isJsonContentType(contentType)}
            environment={environment}
          />
        )}

        {current.request && <RequestPreview request={current.request} />}

        {environment && !operation.webhook && !mocked && (
          <SendWarnings api={api} operation={operation} environment={environment} {...links} />
        )}
        <PlaceholderSendWarning
          control={form.control}
          json={isJsonContentType(contentType)}
          contentType={contentType}
        />

        <TryItActions
          canSend={environment !== undefined && retryWait === 0}
          {...(retryWait > 0 && response
            ? {
                waitNote: {
                  id: `${uid}-wait`,
                  note: <RetryWaitNote response={response} id={`${uid}-wait`} />,
                },
              }
            : {})}
          pending={request.pending}
          hasErrors={Object.keys(form.formState.errors).length > 0}
          timeoutMs={timeoutMs}
          onCancel={request.cancel}
          onReset={() => {
            const defaults = initialValues(operation, undefined, bodyText);
            form.reset(defaults);
            writeSession(key, JSON.stringify(toSaved(operation, defaults)));
          }}
        />
        <div className="try-it__share">
          <ShareLinkButton api={api} operation={operation} getValues={form.getValues} />
        </div>
      </form>

      {restored.notice && (
        <p className="try-it__restored" role="status">
          {restored.notice}
        </p>
      )}

      <CodeSamplesSection request={current.request} />

      {stale && request.state.status !== 'pending' && (
        <p className="try-it__restored" role="status">
          The form has changed since this response: it answers the earlier request. Press Send to
          see the answer to the new one.
        </p>
      )}
      {panel && (
        <panel.ResponsePanel
          request={request.sent}
          state={request.state}
          onFollowRedirect={request.followRedirect}
          guidance={refusal && <CredentialGuidance refusal={refusal} {...links} />}
          {...(request.stream ? { stream: request.stream } : {})}
          onStop={request.cancel}
          {...(check ? { check } : {})}
        />
      )}

      <OperationHistory
        apiId={api.id}
        operation={operation}
        allHref={historyHref}
        onRestore={restored.restore}
      />
    </section>
  );
}
