import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { Link } from 'wouter';
import { inlineImportFormat, linkFormatOf } from '../../../core/publish/import-body';
import type { ImportProgress } from '../../../core/publish/management-client';
import type { ManagementTarget } from '../../../core/publish/management-request';
import { idFromName } from '../../../core/publish/publish-contracts';
import { formatDuration } from '../../../core/response/response-size';
import { publishQueries } from '../../../queries/publish-queries';
import { useImportApi } from '../api/publish-mutations';
import { publishPaths } from '../publish-paths';
import { FormField } from './form-field';
import { MutationError } from './mutation-error';

/** The definition open in Portico, offered for "Publish this API". */
export interface OpenDefinition {
  title: string;
  /** The document's text, as Portico loaded it. */
  loadText: () => Promise<string>;
}

interface ImportValues {
  source: 'open' | 'url';
  url: string;
  path: string;
  serviceUrl: string;
  products: string[];
}

/**
 * Import: the definition open in Portico (sent inline, as it is) or a URL the service fetches.
 * An import of many operations is answered 202 and followed to its end, with its progress.
 */
export function ImportPanel({
  target,
  openDefinition,
}: {
  target: ManagementTarget;
  openDefinition: OpenDefinition | undefined;
}) {
  const uid = useId();
  const [progress, setProgress] = useState<ImportProgress>();
  const products = useQuery(publishQueries.products(target));
  const importApi = useImportApi(target, setProgress);
  const { register, control, handleSubmit, formState, setError } = useForm<ImportValues>({
    defaultValues: {
      source: openDefinition ? 'open' : 'url',
      url: '',
      path: openDefinition ? idFromName(openDefinition.title) : '',
      serviceUrl: '',
      products: [],
    },
  });
  const { errors } = formState;
  const source = useWatch({ control, name: 'source' });
  const submit = handleSubmit(async (values) => {
    let format;
    let value;
    let title;
    if (values.source === 'open' && openDefinition) {
      value = await openDefinition.loadText();
      const inline = inlineImportFormat(value);
      if (!inline.ok) {
        setError('source', { type: 'format', message: inline.problem });
        return;
      }
      format = inline.format;
      title = inline.title ?? openDefinition.title;
    } else {
      value = values.url.trim();
      format = linkFormatOf(value);
      title = values.path;
    }
    importApi.mutate({
      apiId: idFromName(values.path || title),
      path: values.path,
      serviceUrl: values.serviceUrl,
      format,
      value,
      products: values.products,
    });
  });
  const imported = importApi.data;
  return (
    <section className="publish-section card publish-card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Import</h2>
      <form
        noValidate
        className="publish-form"
        aria-label="Import an API"
        onSubmit={(e) => void submit(e)}
      >
        <fieldset className="publish-form__choices">
          <legend className="field__label">Definition</legend>
          {openDefinition && (
            <label className="checkbox">
              <input type="radio" value="open" {...register('source')} />
              The API open in Portico: {openDefinition.title}
            </label>
          )}
          <label className="checkbox">
            <input type="radio" value="url" {...register('source')} />
            From a URL
          </label>
        </fieldset>
        {errors.source?.message && (
          <p className="field__error" role="alert">
            {errors.source.message}
          </p>
        )}
        {source === 'url' && (
          <FormField
            id={`${uid}-url`}
            label="OpenAPI specification URL"
            hint="The gateway fetches it itself: it must be on a host the stack trusts."
            error={errors.url?.message}
          >
            {(control) => (
              <input
                className="input input--mono"
                inputMode="url"
                {...control}
                {...register('url', {
                  validate: (v, all) =>
                    all.source !== 'url' ||
                    /^https?:\/\//i.test(v.trim()) ||
                    'Type the http(s) address of an OpenAPI or Swagger document.',
                })}
              />
            )}
          </FormField>
        )}
        <FormField id={`${uid}-path`} label="Web API URL suffix" error={errors.path?.message}>
          {(control) => (
            <input
              className="input input--mono"
              {...control}
              {...register('path', {
                validate: (v) => v.trim() !== '' || 'Choose a URL suffix for the API.',
              })}
            />
          )}
        </FormField>
        <FormField
          id={`${uid}-service`}
          label="Web service URL"
          hint="Leave empty to take the document's first server."
          error={errors.serviceUrl?.message}
        >
          {(control) => (
            <input
              className="input input--mono"
              inputMode="url"
              {...control}
              {...register('serviceUrl')}
            />
          )}
        </FormField>
        <fieldset className="publish-form__choices">
          <legend className="field__label">Products</legend>
          {products.data?.map((p) => (
            <label key={p.id} className="checkbox">
              <input type="checkbox" value={p.id} {...register('products')} />
              {p.displayName}
            </label>
          ))}
        </fieldset>
        {importApi.isError && <MutationError error={importApi.error} />}
        {progress && (
          <p role="status" className="publish-progress">
            <span className="publish-progress__spinner" aria-hidden="true" />
            Accepted (202): the gateway is importing in the background. Checked {
              progress.polls
            }{' '}
            {progress.polls === 1 ? 'time' : 'times'}, {formatDuration(progress.elapsedMs)} so far…
          </p>
        )}
        {imported && !importApi.isPending && (
          <p role="status" className="publish-done">
            Imported <Link href={publishPaths.api(imported.id)}>{imported.displayName}</Link> at{' '}
            <code>/{imported.path}</code>.
          </p>
        )}
        <div className="publish-form__actions">
          <button type="submit" className="button button--primary" disabled={importApi.isPending}>
            {importApi.isPending ? 'Importing…' : source === 'open' ? 'Publish this API' : 'Import'}
          </button>
        </div>
      </form>
    </section>
  );
}
