import { useMutation } from '@tanstack/react-query';
import { useId, useRef, useState } from 'react';
import { isDefinitionError } from '../../core/definition/definition-error';
import { describeError } from '../../core/errors/describe-error';
import { definitionClient } from '../../core/definition/definition-worker-client';
import type { DefinitionSource } from '../../core/definition/load-definition';
import { LabelledField } from './labelled-field';
import type { NewApi, SettingsPageProps } from './settings-types';

/**
 * Loads a definition the user adds, in the definition worker: a 20 MB document must not freeze
 * Settings. Resolves with its title once every $ref resolved (a broken one fails the add, with
 * the same DefinitionError the API's own page would show); validation problems are warnings.
 */
async function checkDefinition(source: DefinitionSource): Promise<string> {
  const client = definitionClient();
  const catalog = await client.loadCatalog(source, { validate: true });
  await client.loadWarnings(catalog);
  return catalog.title;
}

export function AddedApisSection({
  addedApis,
  onAddApi,
  onRemoveApi,
}: {
  addedApis: SettingsPageProps['addedApis'];
  onAddApi: SettingsPageProps['onAddApi'];
  onRemoveApi: SettingsPageProps['onRemoveApi'];
}) {
  const uid = useId();
  const [url, setUrl] = useState('');
  const [emptyUrl, setEmptyUrl] = useState(false);
  const addApi = useMutation({
    mutationFn: async ({ load }: { from: 'url' | 'file'; load: () => Promise<NewApi> }) => {
      const api = await load();
      onAddApi(api);
      return api;
    },
    onSuccess: (_, { from }) => {
      if (from === 'url') setUrl('');
    },
  });
  const fileInput = useRef<HTMLInputElement>(null);
  const busy = addApi.isPending ? addApi.variables.from : undefined;
  // No response at all is most often a plain file server that sends no CORS header: the
  // browser may not read the document, but the user can, and a file always loads.
  const noResponse =
    addApi.isError &&
    addApi.variables.from === 'url' &&
    isDefinitionError(addApi.error) &&
    addApi.error.noResponse === true;
  const error = emptyUrl
    ? { from: 'url', message: 'Enter the URL of an OpenAPI or Swagger document.' }
    : addApi.isError
      ? { from: addApi.variables.from, message: describeError(addApi.error).message }
      : undefined;
  const added = addApi.isSuccess ? addApi.data.title : undefined;

  return (
    <section className="settings__section card" aria-labelledby={`${uid}-title`}>
      <h2 id={`${uid}-title`}>Add an API</h2>
      <p className="muted">
        Add an OpenAPI 3.x or Swagger 2.0 definition (JSON or YAML) for this browser only.
      </p>
      <form
        className="settings__add-url"
        noValidate
        aria-label="Add an API from a URL"
        onSubmit={(e) => {
          e.preventDefault();
          const target = url.trim();
          setEmptyUrl(!target);
          if (!target) {
            addApi.reset();
            return;
          }
          addApi.mutate({
            from: 'url',
            load: async () => {
              const title = await checkDefinition({ url: target });
              return { kind: 'url', title, url: target };
            },
          });
        }}
      >
        <LabelledField
          id={`${uid}-url`}
          label="Definition URL"
          error={
            error?.from !== 'url' ? undefined : noResponse ? (
              <>
                {error.message}{' '}
                <span className="settings__add-hint">
                  If the URL opens in a browser tab, its server does not let other sites read it
                  (CORS), as plain file servers do: save the file and add it from this computer.{' '}
                  <button
                    type="button"
                    className="button button--small"
                    onClick={() => fileInput.current?.click()}
                  >
                    Choose the saved file
                  </button>
                </span>
              </>
            ) : (
              error.message
            )
          }
          alert
        >
          {(described) => (
            <div className="settings__inline">
              <input
                id={`${uid}-url`}
                className="input input--mono"
                inputMode="url"
                placeholder="https://example.com/openapi.json"
                value={url}
                spellCheck={false}
                onChange={(e) => setUrl(e.target.value)}
                {...described}
              />
              <button type="submit" className="button" disabled={busy !== undefined}>
                {busy === 'url' ? 'Loading…' : 'Add from URL'}
              </button>
            </div>
          )}
        </LabelledField>
      </form>
      <LabelledField
        id={`${uid}-file`}
        label="Definition file"
        error={error?.from === 'file' ? error.message : undefined}
        alert
        className="settings__add-file"
      >
        {(described) => (
          <input
            ref={fileInput}
            id={`${uid}-file`}
            className="input"
            type="file"
            accept=".json,.yaml,.yml,application/json,application/yaml,text/yaml"
            disabled={busy !== undefined}
            {...described}
            onChange={(e) => {
              const input = e.currentTarget;
              const file = input.files?.[0];
              if (!file) return;
              setEmptyUrl(false);
              addApi.mutate(
                {
                  from: 'file',
                  load: async () => {
                    const text = await file.text();
                    const source = { text, fileName: file.name };
                    const title = await checkDefinition(source);
                    return { kind: 'file', title, fileName: file.name, text };
                  },
                },
                // Clearing lets the same file be chosen again after a fix.
                { onSettled: () => (input.value = '') },
              );
            }}
          />
        )}
      </LabelledField>
      {added && (
        <p className="settings__added" role="status">
          Added “{added}”. It is now in the API list.
        </p>
      )}
      {addedApis.length > 0 && (
        <ul className="settings__apis">
          {addedApis.map((a) => (
            <li key={a.id}>
              <div>
                <p className="env-item__name">{a.title}</p>
                <code className="env-item__url">{a.location}</code>
              </div>
              <button
                type="button"
                className="button button--small button--danger"
                onClick={() => {
                  if (!window.confirm(`Remove “${a.title}” from this browser?`)) return;
                  onRemoveApi(a.id);
                  if (added === a.title) addApi.reset();
                }}
              >
                Remove<span className="visually-hidden"> {a.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
