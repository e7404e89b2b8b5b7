import { useState } from 'react';
import { EnvironmentForm } from './environment-form';
import type { SettingsPageProps } from './settings-types';

export function EnvironmentsSection(props: SettingsPageProps) {
  const [editing, setEditing] = useState<string | 'new' | undefined>();
  const { environments, activeEnvironmentId } = props;
  return (
    <section className="settings__section card" aria-labelledby="settings-envs">
      <div className="settings__section-head">
        <div>
          <h2 id="settings-envs">Environments</h2>
          <p className="muted">Where requests go, and the keys they carry.</p>
        </div>
        <button
          type="button"
          className="button"
          onClick={() => setEditing('new')}
          disabled={editing === 'new'}
        >
          + Add environment
        </button>
      </div>
      <ul className="env-list">
        {environments.map((env) => {
          const active = env.id === activeEnvironmentId;
          return (
            <li key={env.id} className={`env-item${active ? ' env-item--active' : ''}`}>
              {editing === env.id ? (
                <EnvironmentForm
                  environment={env}
                  remember={props.rememberedEnvironmentIds.includes(env.id)}
                  credentialFields={props.credentialFields}
                  onCancel={() => setEditing(undefined)}
                  onSave={(draft) => {
                    props.onSaveEnvironment(draft);
                    setEditing(undefined);
                  }}
                />
              ) : (
                <div className="env-item__row">
                  <div className="env-item__text">
                    <p className="env-item__name">
                      {env.name}
                      {active && <span className="pill pill--accent">Active</span>}
                      {env.builtIn && <span className="pill">Built-in</span>}
                      {props.rememberedEnvironmentIds.includes(env.id) && (
                        <span className="pill">Keys remembered</span>
                      )}
                    </p>
                    <code className="env-item__url">{env.baseUrl}</code>
                  </div>
                  <div className="env-item__actions">
                    {!active && (
                      <button
                        type="button"
                        className="button button--small"
                        onClick={() => props.onSelectEnvironment(env.id)}
                      >
                        Use<span className="visually-hidden"> {env.name}</span>
                      </button>
                    )}
                    <button
                      type="button"
                      className="button button--small"
                      onClick={() => setEditing(env.id)}
                    >
                      Edit<span className="visually-hidden"> {env.name}</span>
                    </button>
                    {env.builtIn ? (
                      <button
                        type="button"
                        className="button button--small button--ghost"
                        onClick={() => props.onResetEnvironment(env.id)}
                      >
                        Reset<span className="visually-hidden"> {env.name}</span>
                      </button>
                    ) : (
                      <button
                        type="button"
                        className="button button--small button--danger"
                        onClick={() => {
                          if (window.confirm(`Delete the environment “${env.name}”?`))
                            props.onDeleteEnvironment(env.id);
                        }}
                      >
                        Delete<span className="visually-hidden"> {env.name}</span>
                      </button>
                    )}
                  </div>
                </div>
              )}
            </li>
          );
        })}
        {editing === 'new' && (
          <li className="env-item env-item--new">
            <EnvironmentForm
              environment={undefined}
              remember={false}
              credentialFields={props.credentialFields}
              onCancel={() => setEditing(undefined)}
              onSave={(draft) => {
                props.onSaveEnvironment(draft);
                setEditing(undefined);
              }}
            />
          </li>
        )}
      </ul>
    </section>
  );
}
