import { useMutation } from '@tanstack/react-query';
import {
  lazy,
  Suspense,
  useCallback,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type BaseSyntheticEvent,
} from 'react';
import { Controller, useFieldArray, useForm, useWatch, type Control } from 'react-hook-form';
import type { ApiDefinition, ApiOperation, ApiParameter } from '../../core/api-model';
import {
  buildRequest,
  redactRequest,
  type HttpRequest,
  type TryItValues,
} from '../../core/build-request';
import { checkJson, formatJson } from '../../core/json-body';
import { initialBody } from '../../core/request-body-default';
import type { Environment } from '../../core/portal-config';
import { operationSchemes, schemeHint, schemeLabel } from '../../core/security-scheme-text';
import { sendRequest } from '../../core/send-request';
import { InlineText } from '../../components/inline-text';
import { JsonEditor } from '../../components/json-editor';
import type { ResponseState } from '../../components/response/response-panel';
import { SecretInput } from '../../components/secret-input';
import { CodeSamples } from './code-samples';
import { readJobIds, readSession, saveJobId, writeSession } from './try-it-storage';
import {
  checkBody,
  checkHeaderName,
  editableParameters,
  initialValues,
  isJsonContentType,
  jobIdFromSubmitBody,
  parseSaved,
  splitParameters,
  startingValues,
  storageKey,
  toSaved,
  type TryItFormValues,
} from './try-it-values';
import './try-it-console.css';

// Loaded on demand (with its viewers) and fetched early, while the user fills in the form.
const loadResponsePanel = () => import('../../components/response/response-panel');
const ResponsePanel = lazy(() => loadResponsePanel().then((m) => ({ default: m.ResponsePanel })));

/** Key for a keyboard shortcut hint: ⌘ on Apple platforms, Ctrl elsewhere. */
const MOD =
  typeof navigator !== 'undefined' && /Mac|iPhone|iPad/.test(navigator.platform) ? '⌘' : 'Ctrl';

export interface TryItConsoleProps {
  api: ApiDefinition;
  operation: ApiOperation;
  environment: Environment | undefined;
  timeoutMs: number;
  onCredentialChange: (schemeId: string, value: string) => void;
}

/**
 * The console: a form built from the operation's parameters, the body editor and the
 * environment's credentials. Every send goes through core buildRequest, and that one request
 * object feeds both the sender and the response panel; the code samples come from the same
 * function over what the form holds now.
 */
export function TryItConsole({
  api,
  operation,
  environment,
  timeoutMs,
  onCredentialChange,
}: TryItConsoleProps) {
  const uid = useId();
  const parameters = useMemo(() => editableParameters(operation), [operation]);
  const initial = useMemo(() => initialBody(operation), [operation]);
  const body = { text: initial?.body ?? '', contentType: initial?.contentType };
  const schemes = useMemo(() => operationSchemes(api, operation), [api, operation]);
  const key = storageKey(api.id, operation.slug);
  const jsonBody = isJsonContentType(body.contentType);

  // Read once: storage is only the starting point, the form owns the values afterwards.
  const [defaultValues] = useState(() =>
    startingValues(operation, parseSaved(readSession(key)), body.text, readJobIds(api.id)[0]),
  );
  const form = useForm<TryItFormValues>({
    defaultValues,
    mode: 'onSubmit',
    reValidateMode: 'onChange',
    shouldFocusError: true,
  });
  const { control, register, handleSubmit, formState, setValue, getValues, trigger } = form;
  const headers = useFieldArray({ control, name: 'customHeaders' });

  // Saved shortly after the user types (and on leaving), so navigating away, a reload or a
  // failed send loses nothing; the pause keeps a large body from being serialised per key.
  useEffect(() => {
    let pending: TryItFormValues | undefined;
    let timer: number | undefined;
    const flush = () => {
      if (pending) writeSession(key, JSON.stringify(toSaved(operation, pending)));
      pending = undefined;
    };
    const unsubscribe = form.subscribe({
      formState: { values: true },
      callback: ({ values }) => {
        pending = values;
        window.clearTimeout(timer);
        timer = window.setTimeout(flush, 250);
      },
    });
    window.addEventListener('pagehide', flush);
    return () => {
      unsubscribe();
      window.removeEventListener('pagehide', flush);
      window.clearTimeout(timer);
      flush();
    };
  }, [form, key, operation]);

  const [jobIds, setJobIds] = useState(() => readJobIds(api.id));
  const [sent, setSent] = useState<{ request: HttpRequest; startedAt: number } | undefined>();
  const abortRef = useRef<AbortController | undefined>(undefined);

  const mutation = useMutation({
    mutationFn: ({ request, signal }: { request: HttpRequest; signal: AbortSignal }) =>
      sendRequest(request, { signal, timeoutMs }),
    onSuccess: (response) => {
      if (operation.operationId !== 'BES_Submit' || response.status >= 300) return;
      const id = jobIdFromSubmitBody(new TextDecoder().decode(response.body.subarray(0, 512)));
      if (!id) return;
      setJobIds((prev) => saveJobId(api.id, prev, id));
    },
  });

  useEffect(() => {
    void loadResponsePanel();
    return () => abortRef.current?.abort();
  }, []);

  const toTryItValues = useCallback(
    (values: TryItFormValues): TryItValues => ({
      ...splitParameters(operation, values),
      customHeaders: values.customHeaders.filter((h) => h.name.trim() !== ''),
      ...(operation.requestBody && values.body.trim() !== '' ? { body: values.body } : {}),
      ...(body.contentType ? { contentType: body.contentType } : {}),
    }),
    [operation, body.contentType],
  );

  const onValid = (values: TryItFormValues) => {
    if (!environment || mutation.isPending) return;
    const request = buildRequest(
      operation,
      toTryItValues(values),
      environment,
      api.securitySchemes,
    );
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setSent({ request, startedAt: Date.now() });
    mutation.mutate({ request, signal: controller.signal });
  };
  const send = (e?: BaseSyntheticEvent) => handleSubmit(onValid)(e);

  // Capture phase, so the shortcut also works inside the body editor.
  const formRef = useRef<HTMLFormElement>(null);
  const sendRef = useRef(send);
  useEffect(() => {
    sendRef.current = send;
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey)) return;
      if (!(e.target instanceof Node) || !formRef.current?.contains(e.target)) return;
      e.preventDefault();
      void sendRef.current();
    };
    window.addEventListener('keydown', onKey, true);
    return () => window.removeEventListener('keydown', onKey, true);
  }, []);

  const panelState: ResponseState = mutation.isPending
    ? { status: 'pending', startedAt: sent?.startedAt ?? 0 }
    : mutation.isSuccess
      ? { status: 'success', response: mutation.data }
      : mutation.isError
        ? { status: 'error', error: mutation.error }
        : { status: 'idle' };

  const byLocation = (where: ApiParameter['in'][]) =>
    parameters.map((p, i) => ({ p, i })).filter(({ p }) => where.includes(p.in));
  const pathAndQuery = byLocation(['path', 'query']);
  const headerParams = byLocation(['header', 'cookie']);
  // Only path and query fields offer the job ids of earlier submissions (BES jobId).
  const parameterField = ({ p, i }: { p: ApiParameter; i: number }, offerJobIds: boolean) => (
    <ParameterField
      key={`${p.in}:${p.name}`}
      parameter={p}
      index={i}
      idPrefix={uid}
      register={register}
      error={formState.errors.params?.[i]?.value?.message}
      jobIds={offerJobIds && p.name.toLowerCase() === 'jobid' ? jobIds : undefined}
      onUseJobId={(v) => setValue(`params.${i}.value`, v, { shouldValidate: true })}
    />
  );
  const bodyErrorId = `${uid}-body-error`;
  const bodyError = formState.errors.body?.message;
  const bodyErrorAt = useBodyErrorPosition(control, jsonBody, Boolean(bodyError));

  return (
    <section className="try-it card" aria-labelledby={`${uid}-title`}>
      <header className="try-it__head">
        <h2 id={`${uid}-title`} className="try-it__title">
          Try it
        </h2>
        {environment ? (
          <p className="try-it__env">
            <span className="try-it__env-dot" aria-hidden="true" />
            {environment.name} <code>{environment.baseUrl}</code>
            <a href="#/settings" className="try-it__env-edit">
              Edit<span className="visually-hidden"> environments</span>
            </a>
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
        {schemes.length > 0 && (
          <fieldset className="try-it__group">
            <legend className="try-it__legend">Authentication</legend>
            <div className="try-it__grid">
              {schemes.map((scheme) => {
                const id = `${uid}-cred-${scheme.id}`;
                const hintId = `${id}-hint`;
                const label = schemeLabel(scheme);
                return (
                  <div className="field" key={scheme.id}>
                    <label className="field__label" htmlFor={id}>
                      {label}
                    </label>
                    <SecretInput
                      id={id}
                      value={environment?.credentials[scheme.id] ?? ''}
                      onChange={(v) => onCredentialChange(scheme.id, v)}
                      disabled={!environment}
                      aria-describedby={hintId}
                      placeholder={environment ? 'Not set' : 'No environment'}
                    />
                    <span id={hintId} className="field__hint">
                      {schemeHint(scheme)}
                      {environment ? ` · saved with “${environment.name}”` : ''}
                    </span>
                  </div>
                );
              })}
            </div>
          </fieldset>
        )}

        {pathAndQuery.length > 0 && (
          <fieldset className="try-it__group">
            <legend className="try-it__legend">Parameters</legend>
            <div className="try-it__grid">
              {pathAndQuery.map((entry) => parameterField(entry, true))}
            </div>
          </fieldset>
        )}

        <fieldset className="try-it__group">
          <legend className="try-it__legend">Headers</legend>
          {headerParams.length > 0 && (
            <div className="try-it__grid">
              {headerParams.map((entry) => parameterField(entry, false))}
            </div>
          )}
          {headers.fields.length > 0 && (
            <ul className="try-it__custom-headers">
              {headers.fields.map((field, i) => (
                <li key={field.id} className="try-it__custom-header">
                  <input
                    className="input input--mono"
                    aria-label={`Custom header ${i + 1} name`}
                    placeholder="Header-Name"
                    spellCheck={false}
                    {...register(`customHeaders.${i}.name`, { validate: checkHeaderName })}
                    aria-invalid={formState.errors.customHeaders?.[i]?.name ? true : undefined}
                    aria-describedby={
                      formState.errors.customHeaders?.[i]?.name ? `${uid}-ch-${i}-error` : undefined
                    }
                  />
                  <input
                    className="input input--mono"
                    aria-label={`Custom header ${i + 1} value`}
                    placeholder="value"
                    spellCheck={false}
                    {...register(`customHeaders.${i}.value`)}
                  />
                  <button
                    type="button"
                    className="button button--ghost button--small"
                    onClick={() => headers.remove(i)}
                  >
                    Remove<span className="visually-hidden"> header {i + 1}</span>
                  </button>
                  {formState.errors.customHeaders?.[i]?.name && (
                    <p id={`${uid}-ch-${i}-error`} className="field__error try-it__custom-error">
                      {formState.errors.customHeaders[i]?.name?.message}
                    </p>
                  )}
                </li>
              ))}
            </ul>
          )}
          <button
            type="button"
            className="button button--small try-it__add-header"
            onClick={() => headers.append({ name: '', value: '' })}
          >
            + Add header
          </button>
        </fieldset>

        {operation.requestBody && (
          <div className="try-it__group try-it__body">
            <div className="try-it__body-head">
              <span className="try-it__legend">
                Request body
                {operation.requestBody.required && (
                  <span className="field__required" aria-hidden="true">
                    {' '}
                    *
                  </span>
                )}
              </span>
              {body.contentType && <code className="try-it__content-type">{body.contentType}</code>}
              {initial?.source === 'generated' && (
                <span className="field__hint">Generated from the schema</span>
              )}
              {jsonBody && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => {
                    const text = getValues('body');
                    const result = checkJson(text);
                    if (result.ok) {
                      setValue('body', formatJson(text), { shouldDirty: true });
                      void trigger('body');
                    } else {
                      void trigger('body');
                    }
                  }}
                >
                  Format
                </button>
              )}
            </div>
            <Controller
              control={control}
              name="body"
              rules={{
                validate: (text) =>
                  checkBody(text, {
                    required: operation.requestBody?.required ?? false,
                    json: jsonBody,
                  }),
              }}
              render={({ field }) => (
                <JsonEditor
                  value={field.value}
                  onChange={field.onChange}
                  onBlur={field.onBlur}
                  label="Request body"
                  language={jsonBody ? 'json' : 'text'}
                  invalid={Boolean(bodyError)}
                  describedBy={bodyError ? bodyErrorId : undefined}
                  {...(bodyErrorAt ? { errorAt: bodyErrorAt } : {})}
                />
              )}
            />
            {bodyError && (
              <p id={bodyErrorId} className="field__error" role="alert">
                {bodyError}
              </p>
            )}
          </div>
        )}

        {environment && (
          <RequestPreview
            control={control}
            operation={operation}
            environment={environment}
            api={api}
            toTryItValues={toTryItValues}
          />
        )}

        <div className="try-it__actions">
          <button
            type="submit"
            className="button button--primary try-it__send"
            disabled={!environment || mutation.isPending}
            aria-keyshortcuts="Control+Enter Meta+Enter"
          >
            Send
            <span className="kbd" aria-hidden="true">
              {MOD}+↵
            </span>
          </button>
          {mutation.isPending && (
            <button
              type="button"
              className="button button--danger"
              onClick={() => abortRef.current?.abort()}
            >
              Cancel
            </button>
          )}
          {Object.keys(formState.errors).length > 0 && (
            <span className="try-it__blocked" role="status">
              Fix the highlighted fields to send.
            </span>
          )}
          <button
            type="button"
            className="button button--ghost button--small"
            onClick={() => {
              const defaults = initialValues(operation, undefined, body.text);
              form.reset(defaults);
              writeSession(key, JSON.stringify(toSaved(operation, defaults)));
            }}
          >
            Reset to defaults
          </button>
          <span className="try-it__timeout muted">Timeout {Math.round(timeoutMs / 1000)} s</span>
        </div>
      </form>

      <CodeSamplesSection
        control={control}
        operation={operation}
        environment={environment}
        api={api}
        toTryItValues={toTryItValues}
        sent={sent?.request}
      />

      <Suspense fallback={null}>
        <ResponsePanel request={sent?.request} state={panelState} />
      </Suspense>
    </section>
  );
}

/** The error's position, read from the current body so the mark follows what is on screen. */
function useBodyErrorPosition(
  control: Control<TryItFormValues>,
  jsonBody: boolean,
  hasError: boolean,
): { line: number; column: number } | undefined {
  const text = useWatch({ control, name: 'body' });
  return useMemo(() => {
    if (!jsonBody || !hasError || text.trim() === '') return undefined;
    const r = checkJson(text);
    return r.ok ? undefined : { line: r.line, column: r.column };
  }, [text, jsonBody, hasError]);
}

/** The URL the form would call right now, secrets masked: path templating made visible. */
function RequestPreview({
  control,
  operation,
  environment,
  api,
  toTryItValues,
}: {
  control: Control<TryItFormValues>;
  operation: ApiOperation;
  environment: Environment;
  api: ApiDefinition;
  toTryItValues: (values: TryItFormValues) => TryItValues;
}) {
  const params = useWatch({ control, name: 'params' });
  const request = useMemo(
    () =>
      redactRequest(
        buildRequest(
          operation,
          toTryItValues({ params, customHeaders: [], body: '' }),
          environment,
          api.securitySchemes,
        ),
      ),
    [operation, toTryItValues, params, environment, api.securitySchemes],
  );
  return (
    <p className="try-it__preview">
      <span className="try-it__preview-label">Will call</span>
      <code className="try-it__preview-url">
        <span className="try-it__preview-method">{request.method}</span> {request.url}
      </code>
    </p>
  );
}

function CodeSamplesSection({
  control,
  operation,
  environment,
  api,
  toTryItValues,
  sent,
}: {
  control: Control<TryItFormValues>;
  operation: ApiOperation;
  environment: Environment | undefined;
  api: ApiDefinition;
  toTryItValues: (values: TryItFormValues) => TryItValues;
  sent: HttpRequest | undefined;
}) {
  const [open, setOpen] = useState(false);
  const values = useWatch({ control }) as TryItFormValues;
  // Built from what is in the form now, by the same function that builds the sent request.
  const request = useMemo(() => {
    if (!open || !environment) return undefined;
    try {
      return buildRequest(operation, toTryItValues(values), environment, api.securitySchemes);
    } catch {
      return sent;
    }
  }, [open, environment, operation, toTryItValues, values, api.securitySchemes, sent]);
  return (
    <details
      className="try-it__samples"
      onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}
    >
      <summary className="try-it__samples-summary">Code samples</summary>
      {open && request && <CodeSamples request={request} />}
      {open && !environment && <p className="muted">Choose an environment to see code samples.</p>}
    </details>
  );
}

function ParameterField({
  parameter: p,
  index,
  idPrefix,
  register,
  error,
  jobIds,
  onUseJobId,
}: {
  parameter: ApiParameter;
  index: number;
  idPrefix: string;
  register: ReturnType<typeof useForm<TryItFormValues>>['register'];
  error: string | undefined;
  jobIds: string[] | undefined;
  onUseJobId: (value: string) => void;
}) {
  const id = `${idPrefix}-p-${index}`;
  const errorId = `${id}-error`;
  const hintId = `${id}-hint`;
  const listId = `${id}-list`;
  const required = p.required || p.in === 'path';
  const schemaType = typeof p.schema?.type === 'string' ? p.schema.type : undefined;
  const enumValues = Array.isArray(p.schema?.enum) ? p.schema.enum.map(String) : undefined;
  const choices = enumValues ?? (schemaType === 'boolean' ? ['true', 'false'] : undefined);
  const registration = register(`params.${index}.value`, {
    validate: (v) => !required || v.trim() !== '' || `${p.name} is required.`,
  });
  const describedBy = [error ? errorId : undefined, p.description ? hintId : undefined]
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy || undefined,
    'aria-required': required || undefined,
  };
  const lastJobId = jobIds?.[0];
  return (
    <div className="field">
      {/* Only the name is inside the label: the field is called exactly by the parameter's name. */}
      <div className="field__label">
        <label className="try-it__param-name" htmlFor={id}>
          {p.name}
        </label>
        {required && (
          <span className="field__required" aria-hidden="true">
            *
          </span>
        )}
        <span className="field__hint">{p.in}</span>
      </div>
      {choices ? (
        <select className="input" {...common} {...registration}>
          {!required && <option value="">(not sent)</option>}
          {required && <option value="">Choose…</option>}
          {choices.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      ) : (
        <div className="try-it__input-row">
          <input
            className="input input--mono"
            {...common}
            {...registration}
            list={jobIds?.length ? listId : undefined}
            spellCheck={false}
            autoComplete="off"
          />
          {lastJobId && (
            <button
              type="button"
              className="button button--small"
              onClick={() => onUseJobId(lastJobId)}
              title={lastJobId}
            >
              Use last job id
            </button>
          )}
          {jobIds && jobIds.length > 0 && (
            <datalist id={listId}>
              {jobIds.map((j) => (
                <option key={j} value={j} />
              ))}
            </datalist>
          )}
        </div>
      )}
      {error && (
        <p id={errorId} className="field__error">
          {error}
        </p>
      )}
      {p.description && (
        <span id={hintId} className="field__hint">
          <InlineText text={p.description} />
        </span>
      )}
    </div>
  );
}
