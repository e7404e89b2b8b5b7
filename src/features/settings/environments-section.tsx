import { useId, useState } from 'react';
import type { Environment } from '../../core/config/portal-config';
import { EnvironmentForm } from './environment-form';
import type { EnvironmentGroup, SettingsPageProps } from './settings-types';

/** The environment whose form is open: its id, or 'new' while one is being added. */
type Editing = { group: string; id: string } | undefined;

const groupKey = (group: EnvironmentGroup) => group.api?.id ?? '~yours';

/**
 * The environments by API: each API's own under its heading, then the user's own, which serve
 * every API. A new environment is saved without being put in use: the user is offered to.
 */
export function EnvironmentsSection(props: SettingsPageProps) {
  const uid = useId();
  const [editing, setEditing] = useState<Editing>();
  const [saved, setSaved] = useState<{ id: string; name: string }>();
  const { currentApi } = props;
  const yours = props.environmentGroups.find((g) => g.api === undefined);
  const savedInUse = saved !== undefined && yours?.activeEnvironmentId === saved.id;
  return (
    <section className="settings__section card" aria-labelledby={`${uid}-title`}>
      <div className="settings__section-head">
        <div>
          <h2 id={`${uid}-title`}>Environments</h2>
          <p className="muted">
            Where each API’s requests go, and the keys they carry. Each API remembers the one it
            uses.
          </p>
        </div>
        <button
          type="button"
          className="button"
          onClick={() => {
            setSaved(undefined);
            setEditing({ group: '~yours', id: 'new' });
          }}
          disabled={editing?.id === 'new'}
        >
          + Add environment
        </button>
      </div>
      {saved && (
        <p className="settings__added env-saved" role="status">
          Saved “{saved.name}”.{' '}
          {savedInUse
            ? `${currentApi?.title ?? 'The API'} uses it now.`
            : currentApi && (
                <button
                  type="button"
                  className="button button--small"
                  onClick={() => props.onSelectEnvironment(currentApi.id, saved.id)}
                >
                  Use it now<span className="visually-hidden"> for {currentApi.title}</span>
                </button>
              )}
        </p>
      )}
      {props.environmentGroups.map((group) => {
        const key = groupKey(group);
        const headingId = `${uid}-${key}`;
        const selectFor = group.api ?? currentApi;
        return (
          <section key={key} className="env-group" aria-labelledby={headingId}>
            <h3 id={headingId} className="env-group__title">
              {group.api ? group.api.title : 'Your environments'}
              <span className="env-group__scope muted">
                {group.api ? ' · this API’s own' : ' · serve every API'}
              </span>
            </h3>
            {group.note && <p className="muted env-group__note">{group.note}</p>}
            <ul className="env-list">
              {group.environments.map((env) => {
                const active = env.id === group.activeEnvironmentId;
                return (
                  <li key={env.id} className={`env-item${active ? ' env-item--active' : ''}`}>
                    {editing?.group === key && editing.id === env.id ? (
                      <EnvironmentForm
                        environment={env}
                        remember={props.rememberedEnvironmentIds.includes(env.id)}
                        credentialFields={group.credentialFields}
                        onCancel={() => setEditing(undefined)}
                        onSave={(draft) => {
                          props.onSaveEnvironment(draft);
                          setEditing(undefined);
                        }}
                      />
                    ) : (
                      <EnvironmentRow
                        env={env}
                        active={active}
                        activeFor={selectFor?.title}
                        remembered={props.rememberedEnvironmentIds.includes(env.id)}
                        onUse={
                          selectFor && !active
                            ? () => props.onSelectEnvironment(selectFor.id, env.id)
                            : undefined
                        }
                        onEdit={() => setEditing({ group: key, id: env.id })}
                        onReset={() => props.onResetEnvironment(env.id)}
                        onDelete={() => {
                          if (window.confirm(`Delete the environment “${env.name}”?`)) {
                            props.onDeleteEnvironment(env.id);
                            if (saved?.id === env.id) setSaved(undefined);
                          }
                        }}
                      />
                    )}
                  </li>
                );
              })}
              {group.api === undefined && group.environments.length === 0 && (
                <li className="muted env-group__note">
                  None yet: “+ Add environment” makes one that every API can use.
                </li>
              )}
              {group.api === undefined && editing?.id === 'new' && (
                <li className="env-item env-item--new">
                  <EnvironmentForm
                    environment={undefined}
                    remember={false}
                    credentialFields={group.credentialFields}
                    onCancel={() => setEditing(undefined)}
                    onSave={(draft) => {
                      const id = props.onSaveEnvironment(draft);
                      setEditing(undefined);
                      setSaved({ id, name: draft.name });
                    }}
                  />
                </li>
              )}
            </ul>
          </section>
        );
      })}
    </section>
  );
}

function EnvironmentRow({
  env,
  active,
  activeFor,
  remembered,
  onUse,
  onEdit,
  onReset,
  onDelete,
}: {
  env: Environment;
  active: boolean;
  /** The API whose choice "Active" and "Use" are about. */
  activeFor: string | undefined;
  remembered: boolean;
  onUse: (() => void) | undefined;
  onEdit: () => void;
  onReset: () => void;
  onDelete: () => void;
}) {
  return (
    <div className="env-item__row">
      <div className="env-item__text">
        <p className="env-item__name">
          {env.name}
          {active && (
            <span className="pill pill--accent">
              Active<span className="visually-hidden"> for {activeFor}</span>
            </span>
          )}
          {env.server ? (
            <span className="pill">From the definition</span>
          ) : (
            env.builtIn && <span className="pill">Built-in</span>
          )}
          {remembered && <span className="pill">Keys remembered</span>}
        </p>
        <code className="env-item__url">{env.baseUrl}</code>
      </div>
      <div className="env-item__actions">
        {onUse && (
          <button type="button" className="button button--small" onClick={onUse}>
            Use<span className="visually-hidden"> {env.name}</span>
          </button>
        )}
        <button type="button" className="button button--small" onClick={onEdit}>
          Edit<span className="visually-hidden"> {env.name}</span>
        </button>
        {env.builtIn ? (
          <button type="button" className="button button--small button--ghost" onClick={onReset}>
            Reset<span className="visually-hidden"> {env.name}</span>
          </button>
        ) : (
          <button type="button" className="button button--small button--danger" onClick={onDelete}>
            Delete<span className="visually-hidden"> {env.name}</span>
          </button>
        )}
      </div>
    </div>
  );
}
