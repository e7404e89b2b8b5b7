import { AddedApisSection } from './added-apis-section';
import { EnvironmentsSection } from './environments-section';
import type { SettingsPageProps } from './settings-types';
import { TimeoutSection } from './timeout-section';
import './settings-page.css';

export function SettingsPage(props: SettingsPageProps) {
  return (
    <div className="settings">
      <header>
        <h1>Settings</h1>
        <p className="muted settings__intro">
          Everything here stays in this browser. Keys live in this tab only unless you tick
          “Remember on this device”.
        </p>
      </header>
      {/* First: every "Add an API" link of the portal lands here, and it is short. */}
      <AddedApisSection
        addedApis={props.addedApis}
        onAddApi={props.onAddApi}
        onRemoveApi={props.onRemoveApi}
      />
      <EnvironmentsSection {...props} />
      <TimeoutSection timeoutMs={props.timeoutMs} onChange={props.onTimeoutChange} />
    </div>
  );
}
